#include "vm/liveness.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace nyash::vm {

bool ValueSet::insert_all(const ValueSet& other) {
    bool changed = false;
    for (size_t w = 0; w < words_.size(); ++w) {
        uint64_t merged = words_[w] | other.words_[w];
        changed |= merged != words_[w];
        words_[w] = merged;
    }
    return changed;
}

lir::ValueId phi_input(const lir::Phi& phi, lir::BlockId pred) {
    for (size_t i = 0; i < phi.preds.size(); ++i)
        if (phi.preds[i] == pred) return phi.values[i];
    throw std::logic_error("encoder: phi without an input for a predecessor");
}

namespace {

std::vector<lir::BlockId> reverse_post_order(const lir::Function& fn) {
    std::vector<lir::BlockId> post;
    std::vector<bool> visited(fn.blocks.size(), false);
    // Explicit stack of (block, successors still to visit, last first).
    std::vector<std::pair<lir::BlockId, std::vector<lir::BlockId>>> stack;
    auto push = [&](lir::BlockId b) {
        visited[b] = true;
        stack.emplace_back(b, lir::successors(fn.blocks[b].term));
    };
    push(0);
    while (!stack.empty()) {
        auto& pending = stack.back().second;
        if (pending.empty()) {
            post.push_back(stack.back().first);
            stack.pop_back();
            continue;
        }
        lir::BlockId next = pending.back();
        pending.pop_back();
        if (!visited[next]) push(next);
    }
    std::ranges::reverse(post);
    return post;
}

}  // namespace

Liveness compute_liveness(const lir::Function& fn) {
    Liveness live;
    size_t n = fn.blocks.size(), values = fn.value_count();
    live.order = reverse_post_order(fn);
    live.position.assign(n, -1);
    for (size_t i = 0; i < live.order.size(); ++i) live.position[live.order[i]] = static_cast<int>(i);
    live.preds.resize(n);
    for (lir::BlockId b : live.order)
        for (lir::BlockId s : lir::successors(fn.blocks[b].term)) live.preds[s].push_back(b);

    // gen: read before written in the block; kill: written in the block (phis included).
    std::vector<ValueSet> gen(n, ValueSet(values)), kill(n, ValueSet(values));
    for (lir::BlockId b : live.order) {
        const lir::Block& block = fn.blocks[b];
        auto read = [&](lir::ValueId v) {
            if (!kill[b].contains(v)) gen[b].insert(v);
        };
        for (const lir::Phi& phi : block.phis) kill[b].insert(phi.dst);
        for (const lir::Instr& instr : block.instrs) {
            lir::for_each_register_use(fn, instr, read);
            if (instr.def != lir::kNoValue) kill[b].insert(instr.def);
        }
        lir::for_each_register_use(block.term, read);
    }

    live.live_in.assign(n, ValueSet(values));
    live.live_out.assign(n, ValueSet(values));
    for (bool changed = true; changed;) {
        changed = false;
        for (auto it = live.order.rbegin(); it != live.order.rend(); ++it) {
            lir::BlockId b = *it;
            ValueSet out(values);
            for (lir::BlockId s : lir::successors(fn.blocks[b].term)) {
                out.insert_all(live.live_in[s]);
                for (const lir::Phi& phi : fn.blocks[s].phis) {
                    lir::ValueId input = phi_input(phi, b);
                    if (!fn.is_constant(input)) out.insert(input);
                }
            }
            live.live_out[b] = out;
            ValueSet in = gen[b];
            out.for_each([&](uint32_t v) {
                if (!kill[b].contains(v)) in.insert(v);
            });
            changed |= live.live_in[b].insert_all(in);
        }
    }
    return live;
}

}  // namespace nyash::vm
