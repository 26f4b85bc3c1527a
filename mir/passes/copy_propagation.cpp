#include "mir/passes/passes.hpp"

namespace nyash::mir {
namespace {

// `copy %a`, and `tobool %a` when %a is already known to be a Bool.
bool is_copy(const Function& fn, const Instr& instr) {
    return instr.op == Op::Copy || (instr.op == Op::ToBool && fn.value_types[instr.a] == Type::Bool);
}

}  // namespace

bool propagate_copies(Function& fn) {
    std::vector<ValueId> source(fn.value_count(), kNoValue);
    bool any = false;
    for (const Block& block : fn.blocks)
        for (const Instr& instr : block.instrs)
            if (is_copy(fn, instr)) {
                source[instr.dst] = instr.a;
                any = true;
            }
    if (!any) return false;

    // Chains (copy of a copy) resolve to the first non-copy; SSA dominance rules out cycles.
    auto resolve = [&](ValueId v) {
        while (source[v] != kNoValue) v = source[v];
        return v;
    };
    for (Block& block : fn.blocks) {
        std::erase_if(block.instrs,
                      [&](const Instr& instr) { return instr.dst != kNoValue && source[instr.dst] != kNoValue; });
        for (Instr& instr : block.instrs) for_each_operand(instr, [&](ValueId& v) { v = resolve(v); });
    }
    return true;
}

}  // namespace nyash::mir
