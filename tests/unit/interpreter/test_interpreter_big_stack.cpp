// run_with_large_stack: runs on a thread with the requested stack and forwards exceptions.
// run_with_stack: stays on the main thread when its stack limit allows the request.
#include <catch2/catch.hpp>

#include <sys/resource.h>

#include <stdexcept>
#include <thread>

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

TEST_CASE("run_with_stack stays on the main thread when its stack limit allows", "[interpreter][big_stack]") {
    std::thread::id ran_on;
    nyash::run_with_stack([&] { ran_on = std::this_thread::get_id(); }, size_t{64} << 10);
    CHECK(ran_on == std::this_thread::get_id());
    CHECK_THROWS_WITH(nyash::run_with_stack([] { throw std::runtime_error("from here"); }, size_t{64} << 10),
                      "from here");
}

TEST_CASE("run_with_stack starts a thread when the request exceeds the stack limit", "[interpreter][big_stack]") {
    rlimit limit{};
    REQUIRE(getrlimit(RLIMIT_STACK, &limit) == 0);
    if (limit.rlim_cur == RLIM_INFINITY) return;  // any request fits: nothing to test here
    const size_t beyond = static_cast<size_t>(limit.rlim_cur) + (size_t{128} << 20);
    std::thread::id ran_on;
    int result = -1;
    nyash::run_with_stack([&] {
        ran_on = std::this_thread::get_id();
        result = burn_stack(100000);  // about 100 MiB: more than the limit, fine on the thread
    }, beyond);
    CHECK(ran_on != std::this_thread::get_id());
    CHECK(result == 100000);
}
