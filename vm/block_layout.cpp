#include "vm/block_layout.hpp"

#include <algorithm>

namespace nyash::vm {
namespace {

// The header plus every block that reaches one of its latches without passing the header.
std::vector<bool> natural_loop(lir::BlockId header, const std::vector<lir::BlockId>& latches, const Liveness& live) {
    std::vector<bool> in_loop(live.position.size(), false);
    in_loop[header] = true;
    std::vector<lir::BlockId> work;
    for (lir::BlockId latch : latches)
        if (!in_loop[latch]) {
            in_loop[latch] = true;
            work.push_back(latch);
        }
    while (!work.empty()) {
        lir::BlockId b = work.back();
        work.pop_back();
        for (lir::BlockId p : live.preds[b])
            if (!in_loop[p]) {
                in_loop[p] = true;
                work.push_back(p);
            }
    }
    return in_loop;
}

}  // namespace

std::vector<lir::BlockId> lay_out_blocks(const lir::Function& fn, const Liveness& live) {
    std::vector<lir::BlockId> order = live.order;
    std::vector<bool> rotated(fn.blocks.size(), false);
    for (size_t at = 0; at < order.size(); ++at) {
        lir::BlockId header = order[at];
        const lir::Terminator& term = fn.blocks[header].term;
        if (rotated[header] || term.kind != lir::Terminator::Kind::Branch) continue;
        std::vector<lir::BlockId> latches;
        for (lir::BlockId p : live.preds[header])
            if (live.position[p] >= live.position[header]) latches.push_back(p);
        if (latches.empty()) continue;

        std::vector<bool> in_loop = natural_loop(header, latches, live);
        size_t size = static_cast<size_t>(std::ranges::count(in_loop, true));
        // Only a loop laid out as one run starting at its header, entered through the branch
        // target that directly follows the header, and left through the other target.
        if (at + size > order.size() || size < 2) continue;
        bool contiguous = std::all_of(order.begin() + static_cast<std::ptrdiff_t>(at),
                                      order.begin() + static_cast<std::ptrdiff_t>(at + size),
                                      [&](lir::BlockId b) { return in_loop[b]; });
        lir::BlockId first = order[at + 1];
        bool enters = (term.targets[0] == first && !in_loop[term.targets[1]]) ||
                      (term.targets[1] == first && !in_loop[term.targets[0]]);
        if (!contiguous || !enters) continue;
        std::rotate(order.begin() + static_cast<std::ptrdiff_t>(at), order.begin() + static_cast<std::ptrdiff_t>(at + 1),
                    order.begin() + static_cast<std::ptrdiff_t>(at + size));
        rotated[header] = true;
        --at;  // the first body block now sits at `at`: it may head an inner loop
    }
    return order;
}

}  // namespace nyash::vm
