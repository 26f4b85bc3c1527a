#include "mir/printer.hpp"

#include <cstdio>

#include "runtime/display.hpp"

namespace nyash::mir {
namespace {

std::string quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
                out += hex;
            } else {
                out += c;
            }
        }
    }
    return out + "\"";
}

std::string constant_text(const Constant& c) {
    switch (c.kind) {
    case Constant::Kind::Null: return "null";
    case Constant::Kind::Bool: return c.int_value ? "true" : "false";
    case Constant::Kind::Int: return std::to_string(c.int_value);
    case Constant::Kind::Float: return format_float(c.float_value);
    case Constant::Kind::String: return quote(c.string_value);
    }
    return "?";
}

class Printer {
public:
    Printer(const Function& fn, const Module* module) : fn_(fn), module_(module) {}

    std::string run() {
        out_ = "fn #" + std::to_string(fn_.id) + " " + fn_.name + "(params=" + std::to_string(fn_.param_count) +
               ") {\n";
        for (const Block& block : fn_.blocks) {
            out_ += "bb" + std::to_string(block.id) + ":";
            if (!block.preds.empty()) {
                out_ += "  ; preds: ";
                for (size_t i = 0; i < block.preds.size(); ++i)
                    out_ += (i ? ", bb" : "bb") + std::to_string(block.preds[i]);
            }
            if (block.unwind != kNoBlock) out_ += "  ; unwind: bb" + std::to_string(block.unwind);
            out_ += "\n";
            for (const Instr& instr : block.instrs) print_instr(instr);
        }
        out_ += "}\n";
        return std::move(out_);
    }

private:
    static std::string value(ValueId v) { return v == kNoValue ? "%?" : "%" + std::to_string(v); }
    static std::string block(BlockId b) { return "bb" + std::to_string(b); }

    std::string box_name(int64_t index) const {
        if (module_ && index >= 0 && static_cast<size_t>(index) < module_->box_names.size())
            return module_->box_names[static_cast<size_t>(index)];
        return "box#" + std::to_string(index);
    }
    static std::string member_site(const Instr& instr) {
        if (instr.field_slot >= 0) return " slot=" + std::to_string(instr.field_slot);
        return " site=" + std::to_string(instr.site);
    }
    std::string callee_name(int64_t id) const {
        if (module_ && id >= 0 && static_cast<size_t>(id) < module_->functions.size())
            return module_->functions[static_cast<size_t>(id)].name;
        return "fn#" + std::to_string(id);
    }
    static std::string arg_list(const std::vector<ValueId>& args, size_t first) {
        std::string text = "(";
        for (size_t i = first; i < args.size(); ++i) text += (i > first ? ", " : "") + value(args[i]);
        return text + ")";
    }

    std::string operands(const Instr& instr) const {
        switch (instr.op) {
        case Op::Const:
            if (instr.imm >= 0 && static_cast<size_t>(instr.imm) < fn_.constants.size())
                return constant_text(fn_.constants[static_cast<size_t>(instr.imm)]);
            return "#" + std::to_string(instr.imm);
        case Op::Param:
            return std::to_string(instr.imm);
        case Op::Phi: {
            std::string text;
            for (size_t i = 0; i < instr.args.size(); ++i) {
                text += (i ? ", [" : "[") + value(instr.args[i]) + ", ";
                text += (i < instr.phi_blocks.size() ? block(instr.phi_blocks[i]) : "bb?") + "]";
            }
            return text;
        }
        case Op::StaticBox:
            return box_name(instr.imm);
        case Op::NewBox:
            return box_name(instr.imm) + arg_list(instr.args, 0);
        case Op::NewBuiltin:
            return std::string(instr.builtin ? builtin_box_name(*instr.builtin) : "?") + arg_list(instr.args, 0);
        case Op::GetField:
            return value(instr.a) + "." + symbol_name(instr.symbol) + member_site(instr);
        case Op::SetField:
            return value(instr.a) + "." + symbol_name(instr.symbol) + " = " + value(instr.b) + member_site(instr);
        case Op::Call:
            return callee_name(instr.imm) + arg_list(instr.args, 0);
        case Op::BoxCall:
            return (instr.args.empty() ? "%?" : value(instr.args[0])) + "." + symbol_name(instr.symbol) +
                   arg_list(instr.args, 1) + " site=" + std::to_string(instr.site);
        case Op::FromCall:
            return box_name(instr.imm) + "." + symbol_name(instr.symbol) + arg_list(instr.args, 0);
        case Op::FromCtor:
            return box_name(instr.imm) + arg_list(instr.args, 0);
        case Op::Catch:
            return instr.imm == kCatchRaw ? "raw" : "value";
        case Op::Throw:
            return value(instr.a) + (instr.imm == kCatchRaw ? " (rethrow)" : "");
        case Op::Jump:
            return block(instr.targets[0]);
        case Op::Branch:
            return value(instr.a) + ", " + block(instr.targets[0]) + ", " + block(instr.targets[1]);
        default: {
            // Copy, arithmetic, comparisons, unary ops, Print, Return: plain value operands.
            std::string text;
            for_each_operand(instr, [&](ValueId v) { text += (text.empty() ? "" : ", ") + value(v); });
            return text;
        }
        }
    }

    void print_instr(const Instr& instr) {
        out_ += "  ";
        if (instr.dst != kNoValue) {
            out_ += value(instr.dst);
            Type t = instr.dst < fn_.value_count() ? fn_.value_types[instr.dst] : Type::Unknown;
            if (t != Type::Unknown) out_ += std::string(":") + type_name(t);
            out_ += " = ";
        }
        out_ += op_name(instr.op);
        if (std::string text = operands(instr); !text.empty()) out_ += " " + text;
        if (instr.loc.known()) out_ += " @" + std::to_string(instr.loc.line) + ":" + std::to_string(instr.loc.col);
        out_ += "\n";
    }

    const Function& fn_;
    const Module* module_;
    std::string out_;
};

}  // namespace

std::string print_function(const Function& fn, const Module* module) { return Printer(fn, module).run(); }

std::string print_module(const Module& module) {
    std::string out;
    for (size_t i = 0; i < module.functions.size(); ++i) {
        if (i) out += "\n";
        out += print_function(module.functions[i], &module);
    }
    return out;
}

}  // namespace nyash::mir
