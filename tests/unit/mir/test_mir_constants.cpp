// intern_constant: one index per distinct constant, and its lookup table (Function::constant_index)
// staying right when the constants are rewritten behind its back.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <utility>

#include "mir/mir.hpp"

using namespace nyash::mir;

namespace {

// Member by member: designated initialisers that leave string_value out trip -Wextra.
Constant constant(Constant::Kind kind, int64_t int_value = 0, double float_value = 0, std::string text = {}) {
    Constant c;
    c.kind = kind;
    c.int_value = int_value;
    c.float_value = float_value;
    c.string_value = std::move(text);
    return c;
}
Constant int_constant(int64_t value) { return constant(Constant::Kind::Int, value); }
Constant float_constant(double value) { return constant(Constant::Kind::Float, 0, value); }

}  // namespace

TEST_CASE("intern_constant gives equal constants one index and different ones their own") {
    Function fn;
    CHECK(intern_constant(fn, int_constant(1)) == 0);
    CHECK(intern_constant(fn, float_constant(1.0)) == 1);  // another kind, same number
    CHECK(intern_constant(fn, constant(Constant::Kind::Bool, 1)) == 2);
    CHECK(intern_constant(fn, float_constant(0.0)) == 3);
    CHECK(intern_constant(fn, float_constant(-0.0)) == 4);  // bit for bit
    CHECK(intern_constant(fn, constant(Constant::Kind::String, 0, 0, "1")) == 5);
    CHECK(intern_constant(fn, int_constant(1)) == 0);
    CHECK(intern_constant(fn, float_constant(-0.0)) == 4);
    CHECK(fn.constants.size() == 6);
}

TEST_CASE("intern_constant handles many distinct constants") {
    // What constant folding makes of a long run of `x = x + 1` (docs/language.md, "Limits").
    Function fn;
    constexpr int64_t kCount = 200000;
    for (int64_t i = 0; i < kCount; ++i) REQUIRE(intern_constant(fn, int_constant(i)) == i);
    for (int64_t i = 0; i < kCount; i += 997) REQUIRE(intern_constant(fn, int_constant(i)) == i);
    CHECK(fn.constants.size() == static_cast<size_t>(kCount));
}

TEST_CASE("intern_constant after the constants were compacted or rewritten") {
    Function fn;
    for (int64_t i = 0; i < 4; ++i) intern_constant(fn, int_constant(i));
    // As dead-code elimination does: drop some, keep the order of the rest.
    fn.constants = {int_constant(1), int_constant(3)};
    CHECK(intern_constant(fn, int_constant(3)) == 1);
    CHECK(intern_constant(fn, int_constant(0)) == 2);
    // Rewritten in place, same size: a stale entry must not be returned.
    fn.constants[0] = float_constant(std::nan(""));
    CHECK(intern_constant(fn, int_constant(1)) == 3);
    CHECK(fn.constants[3] == int_constant(1));
}
