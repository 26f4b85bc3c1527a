#pragma once
// Control-flow order and liveness of a LIR function, the input of register allocation and
// block layout.
#include <cstdint>
#include <vector>

#include "vm/lir.hpp"

namespace nyash::vm {

// A fixed-size set of small integers (SSA values).
class ValueSet {
public:
    explicit ValueSet(size_t size = 0) : words_((size + 63) / 64, 0) {}
    bool contains(uint32_t v) const { return (words_[v / 64] >> (v % 64)) & 1; }
    void insert(uint32_t v) { words_[v / 64] |= uint64_t{1} << (v % 64); }
    void erase(uint32_t v) { words_[v / 64] &= ~(uint64_t{1} << (v % 64)); }
    // Adds every member of `other`; true when that changed this set.
    bool insert_all(const ValueSet& other);
    template <typename F>
    void for_each(F&& f) const {
        for (size_t w = 0; w < words_.size(); ++w)
            for (uint64_t bits = words_[w]; bits != 0; bits &= bits - 1)
                f(static_cast<uint32_t>(w * 64 + static_cast<size_t>(__builtin_ctzll(bits))));
    }

private:
    std::vector<uint64_t> words_;
};

struct Liveness {
    // Blocks reachable from the entry in reverse post-order, visiting a branch's taken target
    // last so that it directly follows the branch. Every block comes after its dominators.
    std::vector<lir::BlockId> order;
    std::vector<int> position;                         // index in `order`, -1 if unreachable
    std::vector<std::vector<lir::BlockId>> preds;      // reachable predecessors
    std::vector<ValueSet> live_in, live_out;           // phi results are not live-in
};

Liveness compute_liveness(const lir::Function& fn);

// The value a phi receives along the edge from `pred`.
lir::ValueId phi_input(const lir::Phi& phi, lir::BlockId pred);

}  // namespace nyash::vm
