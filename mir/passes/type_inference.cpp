#include <optional>

#include "mir/cfg.hpp"
#include "mir/passes/passes.hpp"

namespace nyash::mir {
namespace {

// The lattice: nullopt ("no definition seen yet", internal) < Int, Float, Bool, Null, String
// < Unknown. Starting every value at nullopt (optimistic) lets loop phis such as
// i = phi(0, i + 1) come out Int.
using Fact = std::optional<Type>;

Fact join(Fact x, Fact y) {
    if (!x) return y;
    if (!y) return x;
    return *x == *y ? x : Type::Unknown;
}

bool numeric(Type t) { return t == Type::Int || t == Type::Float; }

// Result types of the operator table (spec §7.3) for operands that do not raise.
Fact arithmetic(Op op, Fact a, Fact b) {
    if (!a || !b) return std::nullopt;
    if (op == Op::Neg) return numeric(*a) ? *a : Type::Unknown;
    if (*a == Type::Int && *b == Type::Int) return Type::Int;
    if (numeric(*a) && numeric(*b)) return Type::Float;
    if (op == Op::Add && (*a == Type::String || *b == Type::String)) return Type::String;
    if (op == Op::Mul && ((*a == Type::String && *b == Type::Int) || (*a == Type::Int && *b == Type::String)))
        return Type::String;
    return Type::Unknown;
}

// `new IntegerBox(x)` and friends produce primitive values (spec §11.1).
Type builtin_result(BuiltinBox box) {
    switch (box) {
    case BuiltinBox::IntegerBox: return Type::Int;
    case BuiltinBox::FloatBox: return Type::Float;
    case BuiltinBox::StringBox: return Type::String;
    case BuiltinBox::BoolBox: return Type::Bool;
    case BuiltinBox::NullBox: return Type::Null;
    default: return Type::Unknown;
    }
}

Fact transfer(const Function& fn, const Instr& instr, const std::vector<Fact>& facts) {
    auto fact = [&](ValueId v) { return v == kNoValue ? Fact(Type::Unknown) : facts[v]; };
    if (is_arithmetic(instr.op)) return arithmetic(instr.op, fact(instr.a), fact(instr.b));
    if (is_comparison(instr.op)) return Type::Bool;
    switch (instr.op) {
    case Op::Const: return constant_type(fn.constants[static_cast<size_t>(instr.imm)]);
    case Op::Copy: return fact(instr.a);
    case Op::Phi: {
        Fact result;
        for (ValueId v : instr.args) result = join(result, fact(v));
        return result;
    }
    case Op::Neg: return arithmetic(instr.op, fact(instr.a), fact(instr.a));
    case Op::Not:
    case Op::ToBool: return Type::Bool;
    case Op::FromCtor: return Type::Null;
    case Op::NewBuiltin: return builtin_result(*instr.builtin);
    default: return Type::Unknown;
    }
}

}  // namespace

bool infer_types(Function& fn) {
    std::vector<Fact> facts(fn.value_count());
    std::vector<BlockId> order = reverse_post_order(fn);
    // Facts only rise (each at most twice), so this terminates.
    for (bool changed = true; changed;) {
        changed = false;
        for (BlockId b : order) {
            for (const Instr& instr : fn.blocks[b].instrs) {
                if (instr.dst == kNoValue) continue;
                Fact fact = transfer(fn, instr, facts);
                if (fact == facts[instr.dst]) continue;
                facts[instr.dst] = fact;
                changed = true;
            }
        }
    }
    bool changed = false;
    for (ValueId v = 0; v < fn.value_count(); ++v) {
        Type type = facts[v].value_or(Type::Unknown);
        changed |= fn.value_types[v] != type;
        fn.value_types[v] = type;
    }
    return changed;
}

}  // namespace nyash::mir
