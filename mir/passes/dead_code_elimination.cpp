#include "mir/passes/passes.hpp"

namespace nyash::mir {
namespace {

bool numeric(Type t) { return t == Type::Int || t == Type::Float; }

// Whether an unused instruction may go. Side-effect ops stay, except arithmetic and
// comparisons whose operand types (from infer_types, or constants) make an error impossible:
// the operator table of spec §7.3 accepts numbers everywhere, strings in `+` and orderings,
// and / and % raise only for a zero divisor.
class Removability {
public:
    explicit Removability(const Function& fn) : fn_(fn), constant_of_(fn.value_count(), -1) {
        for (const Block& block : fn.blocks)
            for (const Instr& instr : block.instrs)
                if (instr.op == Op::Const) constant_of_[instr.dst] = instr.imm;
    }

    bool removable(const Instr& instr) const {
        if (!defines_value(instr.op)) return false;
        if (!has_side_effects(instr.op)) return true;
        Type a = type(instr.a);
        Type b = type(instr.b);
        switch (instr.op) {
        case Op::Add: return (numeric(a) && numeric(b)) || a == Type::String || b == Type::String;
        case Op::Sub:
        case Op::Mul: return numeric(a) && numeric(b);
        case Op::Div:
        case Op::Mod: return numeric(a) && numeric(b) && nonzero_constant(instr.b);
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge: return (numeric(a) && numeric(b)) || (a == Type::String && b == Type::String);
        case Op::Neg: return numeric(a);
        default: return false;
        }
    }

private:
    Type type(ValueId v) const { return v == kNoValue ? Type::Unknown : fn_.value_types[v]; }

    bool nonzero_constant(ValueId v) const {
        if (constant_of_[v] < 0) return false;
        const Constant& c = fn_.constants[static_cast<size_t>(constant_of_[v])];
        return (c.kind == Constant::Kind::Int && c.int_value != 0) ||
               (c.kind == Constant::Kind::Float && c.float_value != 0.0);
    }

    const Function& fn_;
    std::vector<int64_t> constant_of_;
};

// Drops constants no Const refers to and renumbers the rest.
void compact_constants(Function& fn) {
    std::vector<int64_t> new_index(fn.constants.size(), -1);
    for (const Block& block : fn.blocks)
        for (const Instr& instr : block.instrs)
            if (instr.op == Op::Const) new_index[static_cast<size_t>(instr.imm)] = 0;
    std::vector<Constant> kept;
    for (size_t i = 0; i < fn.constants.size(); ++i) {
        if (new_index[i] < 0) continue;
        new_index[i] = static_cast<int64_t>(kept.size());
        kept.push_back(std::move(fn.constants[i]));
    }
    fn.constants = std::move(kept);
    for (Block& block : fn.blocks)
        for (Instr& instr : block.instrs)
            if (instr.op == Op::Const) instr.imm = new_index[static_cast<size_t>(instr.imm)];
}

}  // namespace

bool eliminate_dead_code(Function& fn) {
    // Mark: everything that must stay, then whatever it uses, transitively (dead phi cycles
    // of loops are never marked).
    Removability removability(fn);
    std::vector<bool> live(fn.value_count(), false);
    std::vector<const Instr*> definition(fn.value_count(), nullptr);
    std::vector<ValueId> work;
    for (const Block& block : fn.blocks) {
        for (const Instr& instr : block.instrs) {
            if (instr.dst != kNoValue) definition[instr.dst] = &instr;
            if (removability.removable(instr)) continue;
            for_each_operand(instr, [&](ValueId v) { work.push_back(v); });
            if (instr.dst != kNoValue) live[instr.dst] = true;
        }
    }
    while (!work.empty()) {
        ValueId v = work.back();
        work.pop_back();
        if (live[v]) continue;
        live[v] = true;
        for_each_operand(*definition[v], [&](ValueId operand) { work.push_back(operand); });
    }

    bool changed = false;
    for (Block& block : fn.blocks) {
        changed |= std::erase_if(block.instrs, [&](const Instr& instr) {
                       return instr.dst != kNoValue && !live[instr.dst];
                   }) > 0;
    }
    size_t constant_count = fn.constants.size();
    compact_constants(fn);
    return changed || fn.constants.size() != constant_count;
}

}  // namespace nyash::mir
