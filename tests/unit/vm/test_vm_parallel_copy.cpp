// Sequentialising parallel copies: the sequence must have the effect of all copies at once.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <numeric>
#include <random>

#include "vm/parallel_copy.hpp"

using nyash::vm::RegisterCopy;

namespace {

constexpr uint32_t kTemp = 100;

// Register contents after running `steps` one by one; constants load 1000 + their id.
std::map<uint32_t, int> run_sequence(const std::vector<RegisterCopy>& steps) {
    std::map<uint32_t, int> regs;
    for (uint32_t r = 0; r <= kTemp; ++r) regs[r] = static_cast<int>(r);
    for (const RegisterCopy& c : steps) regs[c.dst] = c.constant ? 1000 + static_cast<int>(c.src) : regs[c.src];
    return regs;
}

void check_parallel(const std::vector<RegisterCopy>& copies) {
    bool used_temp = false;
    auto steps = nyash::vm::sequentialize(copies, kTemp, used_temp);
    auto regs = run_sequence(steps);
    for (const RegisterCopy& c : copies) {
        INFO("r" << c.dst);
        CHECK(regs[c.dst] == (c.constant ? 1000 + static_cast<int>(c.src) : static_cast<int>(c.src)));
    }
    // Registers nobody writes keep their values (the scratch register aside).
    for (uint32_t r = 0; r < kTemp; ++r) {
        bool written = std::any_of(copies.begin(), copies.end(), [&](const RegisterCopy& c) { return c.dst == r; });
        if (!written) CHECK(regs[r] == static_cast<int>(r));
    }
}

}  // namespace

TEST_CASE("a swap needs the scratch register", "[vm][parallel-copy]") {
    bool used_temp = false;
    auto steps = nyash::vm::sequentialize({{0, 1}, {1, 0}}, kTemp, used_temp);
    CHECK(used_temp);
    CHECK(steps.size() == 3);
    check_parallel({{0, 1}, {1, 0}});
}

TEST_CASE("chains need no scratch register and self-copies vanish", "[vm][parallel-copy]") {
    bool used_temp = false;
    auto steps = nyash::vm::sequentialize({{1, 0}, {2, 1}, {3, 2}, {4, 4}}, kTemp, used_temp);
    CHECK_FALSE(used_temp);
    CHECK(steps.size() == 3);
    check_parallel({{1, 0}, {2, 1}, {3, 2}, {4, 4}});
}

TEST_CASE("constant loads run after the moves that read their destination", "[vm][parallel-copy]") {
    check_parallel({{0, 7, true}, {1, 0}, {2, 1}});
}

TEST_CASE("random parallel copies keep their meaning", "[vm][parallel-copy]") {
    std::mt19937 rng(12345);
    for (int round = 0; round < 500; ++round) {
        std::vector<uint32_t> dsts(8);
        std::iota(dsts.begin(), dsts.end(), 0);
        std::shuffle(dsts.begin(), dsts.end(), rng);
        size_t count = 1 + rng() % 8;
        std::vector<RegisterCopy> copies;
        for (size_t i = 0; i < count; ++i) {
            bool constant = rng() % 5 == 0;
            copies.push_back(RegisterCopy{dsts[i], static_cast<uint32_t>(rng() % 8), constant});
        }
        check_parallel(copies);
    }
}
