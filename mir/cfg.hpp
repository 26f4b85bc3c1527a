#pragma once
// Control-flow utilities shared by the verifier and the passes.
#include <vector>

#include "mir/mir.hpp"

namespace nyash::mir {

// Blocks reachable from the entry, in reverse post-order (the entry first).
std::vector<BlockId> reverse_post_order(const Function& fn);

// Dominator tree of the blocks reachable from the entry (Cooper, Harvey & Kennedy,
// "A Simple, Fast Dominance Algorithm").
class DominatorTree {
public:
    explicit DominatorTree(const Function& fn);
    bool reachable(BlockId b) const { return rpo_index_[b] >= 0; }
    // Whether every path from the entry to b passes through a (a dominates itself).
    // Both blocks must be reachable.
    bool dominates(BlockId a, BlockId b) const;

private:
    std::vector<int> rpo_index_;  // -1 for unreachable blocks
    std::vector<BlockId> idom_;   // the entry is its own immediate dominator
    std::vector<int> pre_, post_; // DFS numbers in the dominator tree
};

// Deletes the blocks with keep[b] == false (never the entry) and renumbers the rest densely,
// in their current order. Edges from deleted blocks disappear from preds and phis; edges to
// deleted blocks must not exist any more.
void remove_blocks(Function& fn, const std::vector<bool>& keep);

// Drops `pred` from block b's predecessors and the matching incoming value of each phi of b.
void remove_predecessor(Block& b, BlockId pred);

// Renumbers values densely in definition order (block order, then instruction order) and
// drops the types of values that are no longer defined. The function must be valid.
void renumber_values(Function& fn);

}  // namespace nyash::mir
