// Expressions: operators, short-circuit logic, evaluation order (spec §7).
#include <catch2/catch.hpp>

#include "run_program.hpp"

using nyash::test::check_run;
using nyash::test::run_program;

TEST_CASE("arithmetic follows the operator table", "[interpreter][expressions]") {
    auto run = run_program(R"(print(1 + 2 * 3)
print((1 + 2) * 3)
print(7 / 2)
print(-7 / 2)
print(-7 % 3)
print(7 % -3)
print(1 + 0.5)
print(10 / 4.0)
print(9223372036854775807 + 1)
print(-(-9223372036854775807 - 1))
print("ab" * 3)
print(1 + 2 + "x")
print("x" + 1 + 2)
print(-2.5)
print(3 - 5)
)");
    check_run(run, {.status = 0,
                    .out = "7\n9\n3\n-3\n-1\n1\n1.5\n2.5\n-9223372036854775808\n-9223372036854775808\n"
                           "ababab\n3x\nx12\n-2.5\n-2\n",
                    .err = ""});
}

TEST_CASE("comparisons and equality", "[interpreter][expressions]") {
    auto run = run_program(R"(print(1 < 2)
print(2 <= 2)
print(3 > 4)
print(4 >= 5)
print(1 == 1.0)
print(1 != 1)
print("a" < "b")
print(1 == "1")
print(null == null)
print(2.5 > 2)
)");
    check_run(run, {.status = 0,
                    .out = "true\ntrue\nfalse\nfalse\ntrue\nfalse\ntrue\nfalse\ntrue\ntrue\n",
                    .err = ""});
}

TEST_CASE("and/or short-circuit and always yield Bool", "[interpreter][expressions]") {
    auto run = run_program(R"(function noisy(label, v) {
    print(label)
    return v
}
print(false and noisy("and-rhs", true))
print(true or noisy("or-rhs", false))
print(1 and "x")
print(0 or "")
print(noisy("lhs", 1) && noisy("rhs", 0))
print(not 0)
print(!"text")
)");
    check_run(run, {.status = 0,
                    .out = "false\ntrue\ntrue\nfalse\nlhs\nrhs\nfalse\ntrue\nfalse\n",
                    .err = ""});
}

TEST_CASE("operands, receivers and arguments are evaluated left to right", "[interpreter][expressions]") {
    auto run = run_program(R"(function t(label, v) {
    print(label)
    return v
}
box Adder {
    add(a, b) { return a + b }
}
function adder(label) {
    print(label)
    return new Adder()
}
print(t("a", 1) + t("b", 2) * t("c", 3))
print(adder("receiver").add(t("x", 10), t("y", 20)))
local arr = new ArrayBox()
arr.push(t("pushed", 7))
print(arr)
)");
    check_run(run, {.status = 0, .out = "a\nb\nc\n7\nreceiver\nx\ny\n30\npushed\n[7]\n", .err = ""});
}

TEST_CASE("a field assignment evaluates the object, then the value, then stores", "[interpreter][expressions]") {
    auto run = run_program(R"(box Holder {
    init { v }
}
function t(label, v) {
    print(label)
    return v
}
local h = new Holder()
t("object", h).v = t("value", 5)
print(h.v)
t("null object", null).v = t("value again", 6)
)");
    check_run(run, {.status = 1,
                    .out = "object\nvalue\n5\nnull object\nvalue again\n",
                    .err = "FieldError: NullBox has no field 'v' at test.nyash:11:24\n"});
}

TEST_CASE("string literals are values that concatenation never mutates", "[interpreter][expressions]") {
    auto run = run_program(R"(function greet(name) {
    local s = "hi "
    s = s + name
    return s
}
print(greet("a"))
print(greet("b"))
local base = "x"
local longer = base + "y"
print(base)
print(longer)
)");
    check_run(run, {.status = 0, .out = "hi a\nhi b\nx\nxy\n", .err = ""});
}

TEST_CASE("x = x + e appends to the variable without changing other holders", "[interpreter][expressions]") {
    auto run = run_program(R"(local s = "ab"
local copy = s
s = s + "c"
s = s + s
print(s)
print(copy)
local n = 9223372036854775807
n = n + 1
print(n)
local f = 1
f = f + 0.5
print(f)
local arr = new ArrayBox()
local t = "x"
arr.push(t)
t = t + "y"
print(arr)
print(t)
local b = true
b = b + 1
)");
    check_run(run, {.status = 1,
                    .out = "abcabc\nab\n-9223372036854775808\n1.5\n[x]\nxy\n",
                    .err = "TypeError: unsupported operand types for +: BoolBox and IntegerBox at test.nyash:20:7\n"});
}
