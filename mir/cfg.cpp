#include "mir/cfg.hpp"

#include <algorithm>
#include <optional>
#include <utility>

namespace nyash::mir {

std::vector<BlockId> reverse_post_order(const Function& fn) {
    std::vector<BlockId> post_order;
    if (fn.blocks.empty()) return post_order;
    std::vector<bool> visited(fn.blocks.size(), false);
    // Explicit stack of (block, next successor index): functions may nest deeply.
    std::vector<std::pair<BlockId, size_t>> stack{{0, 0}};
    visited[0] = true;
    while (!stack.empty()) {
        auto& [block, next] = stack.back();
        Successors succs = successors(fn.blocks[block]);
        if (next < succs.size()) {
            BlockId succ = succs[next++];
            if (succ < fn.blocks.size() && !visited[succ]) {
                visited[succ] = true;
                stack.emplace_back(succ, 0);
            }
            continue;
        }
        post_order.push_back(block);
        stack.pop_back();
    }
    std::ranges::reverse(post_order);
    return post_order;
}

DominatorTree::DominatorTree(const Function& fn)
    : rpo_index_(fn.blocks.size(), -1), idom_(fn.blocks.size(), 0) {
    std::vector<BlockId> rpo = reverse_post_order(fn);
    for (size_t i = 0; i < rpo.size(); ++i) rpo_index_[rpo[i]] = static_cast<int>(i);

    // Predecessors from the terminators (the verifier cannot trust Block::preds).
    std::vector<std::vector<BlockId>> preds(fn.blocks.size());
    for (BlockId b : rpo)
        for (BlockId succ : successors(fn.blocks[b])) preds[succ].push_back(b);

    std::vector<bool> done(fn.blocks.size(), false);
    if (!rpo.empty()) done[rpo[0]] = true;
    auto intersect = [&](BlockId x, BlockId y) {
        while (x != y) {
            while (rpo_index_[x] > rpo_index_[y]) x = idom_[x];
            while (rpo_index_[y] > rpo_index_[x]) y = idom_[y];
        }
        return x;
    };
    for (bool changed = true; changed;) {
        changed = false;
        for (size_t i = 1; i < rpo.size(); ++i) {
            BlockId b = rpo[i];
            std::optional<BlockId> new_idom;
            for (BlockId p : preds[b]) {
                if (!done[p]) continue;
                new_idom = new_idom ? intersect(p, *new_idom) : p;
            }
            if (!done[b] || idom_[b] != *new_idom) {
                idom_[b] = *new_idom;
                done[b] = true;
                changed = true;
            }
        }
    }

    // Pre/post numbers of the dominator tree make dominates() O(1).
    std::vector<std::vector<BlockId>> children(fn.blocks.size());
    for (size_t i = 1; i < rpo.size(); ++i) children[idom_[rpo[i]]].push_back(rpo[i]);
    pre_.assign(fn.blocks.size(), 0);
    post_.assign(fn.blocks.size(), 0);
    if (rpo.empty()) return;
    int counter = 0;
    std::vector<std::pair<BlockId, size_t>> stack{{rpo[0], 0}};
    pre_[rpo[0]] = counter++;
    while (!stack.empty()) {
        auto& [block, next] = stack.back();
        if (next < children[block].size()) {
            BlockId child = children[block][next++];
            pre_[child] = counter++;
            stack.emplace_back(child, 0);
            continue;
        }
        post_[block] = counter++;
        stack.pop_back();
    }
}

bool DominatorTree::dominates(BlockId a, BlockId b) const {
    return pre_[a] <= pre_[b] && post_[b] <= post_[a];
}

void remove_predecessor(Block& b, BlockId pred) {
    std::erase(b.preds, pred);
    for (Instr& instr : b.instrs) {
        if (instr.op != Op::Phi) break;
        for (size_t i = instr.phi_blocks.size(); i-- > 0;) {
            if (instr.phi_blocks[i] != pred) continue;
            instr.phi_blocks.erase(instr.phi_blocks.begin() + static_cast<std::ptrdiff_t>(i));
            instr.args.erase(instr.args.begin() + static_cast<std::ptrdiff_t>(i));
        }
    }
}

void remove_blocks(Function& fn, const std::vector<bool>& keep) {
    constexpr BlockId kGone = UINT32_MAX;
    std::vector<BlockId> new_id(fn.blocks.size(), kGone);
    BlockId next = 0;
    for (BlockId b = 0; b < fn.blocks.size(); ++b)
        if (keep[b] || b == 0) new_id[b] = next++;

    std::vector<Block> kept;
    kept.reserve(next);
    for (BlockId b = 0; b < fn.blocks.size(); ++b) {
        if (new_id[b] == kGone) continue;
        Block block = std::move(fn.blocks[b]);
        for (BlockId pred : std::vector<BlockId>(block.preds))
            if (new_id[pred] == kGone) remove_predecessor(block, pred);
        block.id = new_id[b];
        for (BlockId& pred : block.preds) pred = new_id[pred];
        if (block.unwind != kNoBlock) block.unwind = new_id[block.unwind];
        for (Instr& instr : block.instrs) {
            for (BlockId& from : instr.phi_blocks) from = new_id[from];
            size_t target_count = successors(instr).size();
            for (size_t i = 0; i < target_count; ++i) instr.targets[i] = new_id[instr.targets[i]];
        }
        kept.push_back(std::move(block));
    }
    fn.blocks = std::move(kept);
}

void renumber_values(Function& fn) {
    std::vector<ValueId> new_id(fn.value_count(), kNoValue);
    std::vector<Type> types;
    for (const Block& block : fn.blocks) {
        for (const Instr& instr : block.instrs) {
            if (instr.dst == kNoValue) continue;
            new_id[instr.dst] = static_cast<ValueId>(types.size());
            types.push_back(fn.value_types[instr.dst]);
        }
    }
    for (Block& block : fn.blocks) {
        for (Instr& instr : block.instrs) {
            if (instr.dst != kNoValue) instr.dst = new_id[instr.dst];
            for_each_operand(instr, [&](ValueId& v) { v = new_id[v]; });
        }
    }
    fn.value_types = std::move(types);
}

}  // namespace nyash::mir
