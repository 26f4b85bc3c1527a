// run_with_large_stack: runs on a thread with the requested stack and forwards exceptions.
#include <catch2/catch.hpp>

#include <stdexcept>

#include "interpreter/big_stack.hpp"

namespace {

// Each level keeps 1 KiB live on the stack, so 100000 levels need about 100 MiB.
int burn_stack(int depth) {
    volatile char pad[1024];
    pad[0] = static_cast<char>(depth);
    if (depth == 0) return pad[0];
    return burn_stack(depth - 1) + pad[0] - static_cast<char>(depth) + 1;
}

}  // namespace

TEST_CASE("a large stack allows deep native recursion", "[interpreter][big_stack]") {
    int result = -1;
    nyash::run_with_large_stack([&] { result = burn_stack(100000); });
    CHECK(result == 100000);
}

TEST_CASE("exceptions escaping the body are rethrown to the caller", "[interpreter][big_stack]") {
    CHECK_THROWS_WITH(nyash::run_with_large_stack([] { throw std::runtime_error("from the big stack"); }),
                      "from the big stack");
}
