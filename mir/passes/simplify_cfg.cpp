#include <algorithm>

#include "mir/cfg.hpp"
#include "mir/constant_value.hpp"
#include "mir/passes/passes.hpp"
#include "runtime/operators.hpp"

namespace nyash::mir {
namespace {

// br on a constant -> jump to the target the condition selects.
bool fold_constant_branches(Function& fn) {
    std::vector<int64_t> constant_of(fn.value_count(), -1);
    for (const Block& block : fn.blocks)
        for (const Instr& instr : block.instrs)
            if (instr.op == Op::Const) constant_of[instr.dst] = instr.imm;

    bool changed = false;
    for (Block& block : fn.blocks) {
        Instr& term = block.instrs.back();
        if (term.op != Op::Branch || constant_of[term.a] < 0) continue;
        bool taken = truthy(to_value(fn.constants[static_cast<size_t>(constant_of[term.a])]));
        BlockId target = term.targets[taken ? 0 : 1];
        BlockId dropped = term.targets[taken ? 1 : 0];
        term = Instr{.op = Op::Jump, .targets = {target, 0}};
        remove_predecessor(fn.blocks[dropped], block.id);
        changed = true;
    }
    return changed;
}

// An exception edge whose block no longer holds anything that can raise (constant folding took
// it) goes; its landing block then becomes unreachable.
bool remove_dead_exception_edges(Function& fn) {
    bool changed = false;
    for (Block& block : fn.blocks) {
        if (block.unwind == kNoBlock) continue;
        if (std::ranges::any_of(block.instrs, [](const Instr& instr) { return can_throw(instr.op); })) continue;
        remove_predecessor(fn.blocks[block.unwind], block.id);
        block.unwind = kNoBlock;
        changed = true;
    }
    return changed;
}

bool remove_unreachable_blocks(Function& fn) {
    std::vector<bool> reachable(fn.blocks.size(), false);
    for (BlockId b : reverse_post_order(fn)) reachable[b] = true;
    if (std::ranges::all_of(reachable, [](bool r) { return r; })) return false;
    remove_blocks(fn, reachable);
    return true;
}

// Phis of a block with a single predecessor, or whose incoming values are all one value
// (ignoring the phi itself), become copies placed after the remaining phis.
bool replace_trivial_phis(Block& block) {
    bool changed = false;
    for (Instr& instr : block.instrs) {
        if (instr.op != Op::Phi) break;
        ValueId same = kNoValue;
        bool trivial = true;
        for (ValueId v : instr.args) {
            if (v == instr.dst || v == same) continue;
            if (same != kNoValue) trivial = false;
            same = v;
        }
        if (!trivial || same == kNoValue) continue;
        instr = Instr{.op = Op::Copy, .dst = instr.dst, .a = same};
        changed = true;
    }
    if (changed) {
        auto phi_end = std::ranges::find_if(block.instrs, [](const Instr& i) {
            return i.op != Op::Phi && i.op != Op::Copy;
        });
        std::stable_partition(block.instrs.begin(), phi_end, [](const Instr& i) { return i.op == Op::Phi; });
    }
    return changed;
}

// B: ...; jump C   with C's only predecessor B  =>  B: ...; C's instructions. Not when either has
// an exception edge: the handler must see the values of the block that raised as they were.
bool merge_straight_line_blocks(Function& fn) {
    std::vector<bool> keep(fn.blocks.size(), true);
    bool changed = false;
    for (BlockId b = 0; b < fn.blocks.size(); ++b) {
        if (!keep[b]) continue;
        while (true) {
            const Instr& term = fn.blocks[b].instrs.back();
            if (term.op != Op::Jump) break;
            BlockId c = term.targets[0];
            if (c == b || c == 0 || fn.blocks[c].preds.size() != 1) break;
            if (fn.blocks[b].unwind != kNoBlock || fn.blocks[c].unwind != kNoBlock) break;
            Block& merged = fn.blocks[c];
            replace_trivial_phis(merged);  // one predecessor: every phi is a copy now
            Block& into = fn.blocks[b];
            into.instrs.pop_back();
            into.instrs.insert(into.instrs.end(), std::make_move_iterator(merged.instrs.begin()),
                               std::make_move_iterator(merged.instrs.end()));
            merged.instrs.clear();
            for (BlockId succ : successors(into)) {
                Block& s = fn.blocks[succ];
                std::ranges::replace(s.preds, c, b);
                for (Instr& instr : s.instrs) {
                    if (instr.op != Op::Phi) break;
                    std::ranges::replace(instr.phi_blocks, c, b);
                }
            }
            keep[c] = false;
            changed = true;
        }
    }
    if (changed) remove_blocks(fn, keep);
    return changed;
}

}  // namespace

bool simplify_cfg(Function& fn) {
    bool changed = fold_constant_branches(fn);
    changed |= remove_dead_exception_edges(fn);
    changed |= remove_unreachable_blocks(fn);
    changed |= merge_straight_line_blocks(fn);
    for (Block& block : fn.blocks) changed |= replace_trivial_phis(block);
    return changed;
}

}  // namespace nyash::mir
