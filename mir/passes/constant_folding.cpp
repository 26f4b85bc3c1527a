#include <optional>

#include "mir/cfg.hpp"
#include "mir/constant_value.hpp"
#include "mir/passes/passes.hpp"
#include "runtime/error.hpp"
#include "runtime/objects.hpp"
#include "runtime/operators.hpp"

namespace nyash::mir {
namespace {

// Folded strings live in the constant pool of every compiled function; a program must not
// be able to blow it up with "x" * 1000000000.
constexpr size_t kMaxFoldedStringBytes = 4096;

bool string_repeat_too_large(const Value& a, const Value& b) {
    const Value& text = a.is_object_of(ObjectKind::String) ? a : b;
    const Value& count = a.is_object_of(ObjectKind::String) ? b : a;
    if (!text.is_object_of(ObjectKind::String) || !count.is_int() || count.as_int() <= 0) return false;
    size_t length = as_string(text).text.size();
    return length != 0 && static_cast<uint64_t>(count.as_int()) > kMaxFoldedStringBytes / length;
}

Value evaluate_binary(Op op, const Value& a, const Value& b) {
    switch (op) {
    case Op::Add: return op_add(a, b);
    case Op::Sub: return op_sub(a, b);
    case Op::Mul: return op_mul(a, b);
    case Op::Div: return op_div(a, b);
    case Op::Mod: return op_mod(a, b);
    case Op::Eq: return Value::boolean(values_equal(a, b));
    case Op::Ne: return Value::boolean(!values_equal(a, b));
    case Op::Lt: return Value::boolean(op_lt(a, b));
    case Op::Le: return Value::boolean(op_le(a, b));
    case Op::Gt: return Value::boolean(op_gt(a, b));
    case Op::Ge: return Value::boolean(op_ge(a, b));
    default: return Value::null();  // not called for other ops
    }
}

class Folder {
public:
    explicit Folder(Function& fn) : fn_(fn), constant_of_(fn.value_count(), -1) {
        for (const Block& block : fn.blocks)
            for (const Instr& instr : block.instrs)
                if (instr.op == Op::Const) constant_of_[instr.dst] = instr.imm;
    }

    bool run() {
        bool changed = false;
        // Reverse post-order visits definitions before their uses (phis aside), so chains
        // like (1 + 2) * 3 fold in one sweep.
        for (BlockId b : reverse_post_order(fn_)) {
            for (Instr& instr : fn_.blocks[b].instrs) {
                std::optional<Constant> result = fold(instr);
                if (!result) continue;
                ValueId dst = instr.dst;
                instr = Instr{.op = Op::Const, .dst = dst, .imm = intern_constant(fn_, *result)};
                fn_.value_types[dst] = constant_type(*result);
                constant_of_[dst] = instr.imm;
                changed = true;
            }
        }
        return changed;
    }

private:
    std::optional<Value> operand(ValueId v) const {
        if (v == kNoValue || constant_of_[v] < 0) return std::nullopt;
        return to_value(fn_.constants[static_cast<size_t>(constant_of_[v])]);
    }

    std::optional<Constant> fold(const Instr& instr) const {
        bool unary = instr.op == Op::Neg || instr.op == Op::Not || instr.op == Op::ToBool;
        if (!unary && !is_binary(instr.op)) return std::nullopt;
        std::optional<Value> a = operand(instr.a);
        std::optional<Value> b = unary ? std::optional<Value>(Value::null()) : operand(instr.b);
        if (!a || !b) return std::nullopt;
        if (instr.op == Op::Mul && string_repeat_too_large(*a, *b)) return std::nullopt;
        Value result;
        try {
            switch (instr.op) {
            case Op::Neg: result = op_neg(*a); break;
            case Op::Not: result = Value::boolean(!truthy(*a)); break;
            case Op::ToBool: result = Value::boolean(truthy(*a)); break;
            default: result = evaluate_binary(instr.op, *a, *b); break;
            }
        } catch (const NyashError&) {
            return std::nullopt;  // the error belongs to run time, at its location
        }
        std::optional<Constant> folded = to_constant(result);
        if (folded && folded->string_value.size() > kMaxFoldedStringBytes) return std::nullopt;
        return folded;
    }

    Function& fn_;
    std::vector<int64_t> constant_of_;  // value -> constant index, -1 if not a constant
};

}  // namespace

bool fold_constants(Function& fn) { return Folder(fn).run(); }

}  // namespace nyash::mir
