// Statements and local scopes (spec §5.2, §8).
#include <catch2/catch.hpp>

#include "run_program.hpp"

using nyash::test::check_run;
using nyash::test::run_program;

TEST_CASE("locals are block scoped and may shadow", "[interpreter][statements]") {
    auto run = run_program(R"(local x = 1
if true {
    local x = x + 10
    print(x)
    x = x + 1
    print(x)
}
print(x)
local x = "redeclared"
print(x)
local y
print(y)
local a, b = 2, c
print(a)
print(b)
print(c)
local p = 1, q = p + 1
print(q)
)");
    check_run(run, {.status = 0, .out = "11\n12\n1\nredeclared\nnull\nnull\n2\nnull\n2\n", .err = ""});
}

TEST_CASE("a local without initializer is reset on every execution", "[interpreter][statements]") {
    auto run = run_program(R"(local i = 0
loop(i < 3) {
    local z
    if i == 1 {
        z = "set"
    }
    print(z)
    i = i + 1
}
)");
    check_run(run, {.status = 0, .out = "null\nset\nnull\n", .err = ""});
}

TEST_CASE("if / else if / else chooses by truthiness", "[interpreter][statements]") {
    auto run = run_program(R"(function classify(v) {
    if v {
        return "truthy"
    } else if v == null {
        return "null"
    } else {
        return "falsy"
    }
}
print(classify(1))
print(classify(0.0))
print(classify(null))
print(classify(""))
print(classify(new ArrayBox()))
)");
    check_run(run, {.status = 0, .out = "truthy\nfalsy\nnull\nfalsy\ntruthy\n", .err = ""});
}

TEST_CASE("break and continue affect the innermost loop", "[interpreter][statements]") {
    auto run = run_program(R"(local i = 0
local sum = 0
loop(true) {
    i = i + 1
    if i > 10 {
        break
    }
    if i % 2 == 0 {
        continue
    }
    sum = sum + i
}
print(sum)
local outer = 0
local pairs = 0
loop(outer < 3) {
    outer = outer + 1
    local inner = 0
    loop(true) {
        inner = inner + 1
        if inner > outer {
            break
        }
        pairs = pairs + 1
    }
}
print(pairs)
print(outer)
)");
    check_run(run, {.status = 0, .out = "25\n6\n3\n", .err = ""});
}

TEST_CASE("return leaves loops and nested blocks", "[interpreter][statements]") {
    auto run = run_program(R"(function first_square_at_least(limit) {
    local i = 0
    loop(true) {
        if i * i >= limit {
            loop(true) {
                return i
            }
        }
        i = i + 1
    }
}
function nothing() {
    return
}
function falls_off() {
    local x = 1
}
print(first_square_at_least(50))
print(nothing())
print(falls_off())
)");
    check_run(run, {.status = 0, .out = "8\nnull\nnull\n", .err = ""});
}

TEST_CASE("a loop condition is evaluated before every iteration", "[interpreter][statements]") {
    auto run = run_program(R"(local n = 0
function check(v) {
    print("check " + v)
    return v < 2
}
loop(check(n)) {
    n = n + 1
}
)");
    check_run(run, {.status = 0, .out = "check 0\ncheck 1\ncheck 2\n", .err = ""});
}
