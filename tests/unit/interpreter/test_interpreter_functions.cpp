// Functions, recursion and the call-depth limit (spec §10, §13).
#include <catch2/catch.hpp>

#include "run_program.hpp"

using nyash::test::check_run;
using nyash::test::run_program;

TEST_CASE("functions take arguments by position and return values", "[interpreter][functions]") {
    auto run = run_program(R"(print(add(2, 3))
function add(a, b) {
    return a + b
}
function fib(n) {
    if n < 2 {
        return n
    }
    return fib(n - 1) + fib(n - 2)
}
function is_even(n) {
    if n == 0 {
        return true
    }
    return is_odd(n - 1)
}
function is_odd(n) {
    if n == 0 {
        return false
    }
    return is_even(n - 1)
}
function bump(p) {
    p = p + 1
    return p
}
print(fib(20))
print(is_even(10))
print(is_odd(7))
local v = 5
print(bump(v))
print(v)
)");
    check_run(run, {.status = 0, .out = "5\n6765\ntrue\ntrue\n6\n5\n", .err = ""});
}

TEST_CASE("arrays are passed by sharing", "[interpreter][functions]") {
    auto run = run_program(R"(function fill(a, n) {
    local i = 0
    loop(i < n) {
        a.push(i)
        i = i + 1
    }
}
local arr = new ArrayBox()
fill(arr, 3)
print(arr)
)");
    check_run(run, {.status = 0, .out = "[0, 1, 2]\n", .err = ""});
}

TEST_CASE("a function called with the wrong arity is a TypeError at its name", "[interpreter][functions]") {
    auto run = run_program(R"(function add(a, b) {
    return a + b
}
print("before")
print(add(1))
)");
    check_run(run, {.status = 1,
                    .out = "before\n",
                    .err = "TypeError: wrong number of arguments for add: expected 2, got 1 at test.nyash:5:7\n"});
}

TEST_CASE("arguments are evaluated before the arity check", "[interpreter][functions]") {
    auto run = run_program(R"(function one(a) {
    return a
}
function t(label) {
    print(label)
    return 0
}
one(t("first"), t("second"))
)");
    check_run(run, {.status = 1,
                    .out = "first\nsecond\n",
                    .err = "TypeError: wrong number of arguments for one: expected 1, got 2 at test.nyash:8:1\n"});
}

constexpr const char* kCountdown = R"(function down(n) {
    if n == 0 {
        return 0
    }
    return 1 + down(n - 1)
}
)";

TEST_CASE("10000 nested function calls are allowed", "[interpreter][functions][depth]") {
    auto run = run_program(std::string(kCountdown) + "print(down(9999))\n");
    check_run(run, {.status = 0, .out = "9999\n", .err = ""});
}

TEST_CASE("the 10001st nested call is a RecursionError at its call site", "[interpreter][functions][depth]") {
    auto run = run_program(std::string(kCountdown) + "print(\"start\")\nprint(down(10000))\n");
    check_run(run, {.status = 1,
                    .out = "start\n",
                    .err = "RecursionError: maximum call depth 10000 exceeded at test.nyash:5:16\n"});
}

TEST_CASE("the call depth is restored after returning from deep recursion", "[interpreter][functions][depth]") {
    auto run = run_program(std::string(kCountdown) + "print(down(9999))\nprint(down(9999))\n");
    check_run(run, {.status = 0, .out = "9999\n9999\n", .err = ""});
}

constexpr const char* kEntryCountdown = R"(static box Main {
    main() {
        print(me.down(DEPTH))
    }
    down(n) {
        if n == 0 {
            return 0
        }
        return 1 + me.down(n - 1)
    }
}
)";

std::string entry_countdown(const char* depth) {
    std::string source = kEntryCountdown;
    source.replace(source.find("DEPTH"), 5, depth);
    return source;
}

TEST_CASE("the entry main() counts as one call", "[interpreter][functions][depth]") {
    auto allowed = run_program(entry_countdown("9998"));
    check_run(allowed, {.status = 0, .out = "9998\n", .err = ""});

    auto exceeded = run_program(entry_countdown("9999"));
    check_run(exceeded, {.status = 1,
                         .out = "",
                         .err = "RecursionError: maximum call depth 10000 exceeded at test.nyash:9:23\n"});
}

TEST_CASE("constructors count toward the call depth", "[interpreter][functions][depth]") {
    auto run = run_program(R"(box Chain {
    init { next }
    birth(n) {
        if n > 0 {
            me.next = new Chain(n - 1)
        }
    }
}
local c = new Chain(10000)
)");
    check_run(run, {.status = 1,
                    .out = "",
                    .err = "RecursionError: maximum call depth 10000 exceeded at test.nyash:5:23\n"});
}
