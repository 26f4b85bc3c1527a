// --dump-bytecode (format: docs/bytecode.md, "Disassembly").
#include <cstdio>
#include <string>

#include "runtime/builtins.hpp"
#include "runtime/display.hpp"
#include "vm/vm.hpp"

namespace nyash::vm {
namespace {

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char ch : text) {
        switch (ch) {
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        default: out += ch;
        }
    }
    return out + '"';
}

std::string constant_text(const Value& v) {
    if (v.is_object_of(ObjectKind::String)) return quoted(display(v));
    return display(v);
}

std::string padded(std::string text, size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}

std::string pc_text(int64_t pc) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04lld", static_cast<long long>(pc));
    return buffer;
}

class Disassembler {
public:
    explicit Disassembler(const Program& program) : program_(program) {}

    std::string run() {
        out_ += "; nyash bytecode: " + std::to_string(program_.functions.size()) + " functions, " +
                std::to_string(program_.instruction_count()) + " instructions (" +
                std::to_string(program_.instruction_count() * sizeof(Instr)) + " bytes), " +
                std::to_string(program_.constants.size()) + " constants, " + std::to_string(program_.sites.size()) +
                " sites\n";
        out_ += "constants:\n";
        for (size_t k = 0; k < program_.constants.size(); ++k)
            out_ += "  k" + std::to_string(k) + " = " + constant_text(program_.constants[k]) + "\n";
        out_ += "sites:\n";
        for (size_t s = 0; s < program_.sites.size(); ++s) out_ += "  s" + std::to_string(s) + " " + site_text(s) + "\n";
        for (const Function& fn : program_.functions) function(fn);
        return std::move(out_);
    }

private:
    void function(const Function& fn) {
        out_ += "\nfunction " + fn.name + " (id " + std::to_string(fn.id) + ", params " +
                std::to_string(fn.param_count) + ", registers " + std::to_string(fn.frame_size) + ", " +
                std::to_string(fn.code.size()) + " instructions, " + std::to_string(fn.ssa_values) +
                " SSA values)\n";
        for (size_t pc = 0; pc < fn.code.size(); ++pc) instruction(fn, pc);
        if (fn.handlers.empty()) return;
        out_ += "  handlers:\n";
        for (const Handler& handler : fn.handlers)
            out_ += "    " + pc_text(handler.start) + " .. " + pc_text(handler.end - 1) + " -> " + pc_text(handler.target) + "\n";
    }

public:
    std::string instruction_line(const Function& fn, size_t pc) {
        Instr instr = fn.code[pc];
        const OpcodeInfo& info = opcode_info(opcode_of(instr));
        std::string operands, notes;
        auto field = [&](OperandKind kind, uint32_t value, int32_t signed_value) {
            if (kind == OperandKind::NONE) return;
            if (!operands.empty()) operands += ", ";
            operands += operand(kind, value, signed_value, static_cast<int64_t>(pc), notes);
        };
        field(info.a, operand_a(instr), static_cast<int32_t>(operand_a(instr)));
        field(info.b, operand_b(instr), static_cast<int16_t>(operand_b(instr)));
        field(info.c, operand_c(instr), operand_sc(instr));
        if (SourceLoc loc = fn.loc_at(pc); loc.known())
            notes += (notes.empty() ? "" : "  ") + std::string("@") + std::to_string(loc.line) + ":" +
                     std::to_string(loc.col);
        std::string line = "  " + pc_text(static_cast<int64_t>(pc)) + "  " + padded(std::string(info.name) + ' ', 13) + operands;
        if (!notes.empty()) line = padded(std::move(line) + ' ', 48) + "; " + notes;
        return line;
    }

private:
    void instruction(const Function& fn, size_t pc) { out_ += instruction_line(fn, pc) + "\n"; }

    std::string operand(OperandKind kind, uint32_t value, int32_t signed_value, int64_t pc, std::string& notes) {
        auto note = [&](const std::string& text) { notes += (notes.empty() ? "" : "  ") + text; };
        switch (kind) {
        case OperandKind::NONE: return {};
        case OperandKind::REG: return "r" + std::to_string(value);
        case OperandKind::CONST:
            note(constant_text(program_.constants[value]));
            return "k" + std::to_string(value);
        case OperandKind::IMM: return "#" + std::to_string(signed_value);
        case OperandKind::JUMP: return "-> " + pc_text(pc + signed_value);
        case OperandKind::COUNT: return std::to_string(value);
        case OperandKind::FUNC: return program_.functions[value].name;
        case OperandKind::SITE:
            note(site_text(value));
            return "s" + std::to_string(value);
        case OperandKind::BOX: return program_.classes->at(static_cast<int>(value)).name();
        case OperandKind::BUILTIN: return std::string(builtin_box_name(static_cast<BuiltinBox>(value)));
        case OperandKind::FLAG: return value ? "true" : "false";
        case OperandKind::SLOT: return "slot " + std::to_string(value);
        }
        return {};
    }

    std::string site_text(size_t s) const {
        const Site& site = program_.sites[s];
        switch (site.kind) {
        case SiteKind::Field: return "field " + symbol_name(site.member);
        case SiteKind::Method: return "method " + symbol_name(site.member);
        case SiteKind::From: return "from " + program_.classes->at(site.box).name() + "." + symbol_name(site.member);
        }
        return {};
    }

    const Program& program_;
    std::string out_;
};

}  // namespace

std::string disassemble(const Program& program) { return Disassembler(program).run(); }

std::string disassemble_instruction(const Program& program, const Function& fn, size_t pc) {
    return Disassembler(program).instruction_line(fn, pc);
}

}  // namespace nyash::vm
