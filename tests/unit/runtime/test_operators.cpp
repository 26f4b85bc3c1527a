#include <cmath>
#include <limits>

#include "runtime/operators.hpp"
#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

namespace {
constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

int64_t int_of(const Value& v) {
    REQUIRE(v.is_int());
    return v.as_int();
}
double float_of(const Value& v) {
    REQUIRE(v.is_float());
    return v.as_float();
}
}  // namespace

TEST_CASE("integer arithmetic", "[operators]") {
    CHECK(int_of(op_add(num(1), num(2))) == 3);
    CHECK(int_of(op_sub(num(10), num(25))) == -15);
    CHECK(int_of(op_mul(num(6), num(7))) == 42);
    CHECK(int_of(op_neg(num(5))) == -5);
}

TEST_CASE("integer arithmetic wraps modulo 2^64", "[operators]") {
    CHECK(int_of(op_add(num(kMax), num(1))) == kMin);
    CHECK(int_of(op_sub(num(kMin), num(1))) == kMax);
    CHECK(int_of(op_mul(num(kMax), num(2))) == -2);
    CHECK(int_of(op_mul(num(3037000500), num(3037000500))) == -9223372036709301616);
    CHECK(int_of(op_neg(num(kMin))) == kMin);
}

TEST_CASE("integer division truncates toward zero", "[operators]") {
    CHECK(int_of(op_div(num(7), num(2))) == 3);
    CHECK(int_of(op_div(num(-7), num(2))) == -3);
    CHECK(int_of(op_div(num(7), num(-2))) == -3);
    CHECK(int_of(op_div(num(-7), num(-2))) == 3);
    CHECK(int_of(op_div(num(kMin), num(-1))) == kMin);
    CHECK(int_of(op_div(num(kMax), num(-1))) == -kMax);
}

TEST_CASE("integer modulo keeps the dividend's sign", "[operators]") {
    CHECK(int_of(op_mod(num(7), num(3))) == 1);
    CHECK(int_of(op_mod(num(-7), num(3))) == -1);
    CHECK(int_of(op_mod(num(7), num(-3))) == 1);
    CHECK(int_of(op_mod(num(-7), num(-3))) == -1);
    CHECK(int_of(op_mod(num(kMin), num(-1))) == 0);
}

TEST_CASE("division and modulo by zero", "[operators]") {
    REQUIRE_ERROR(op_div(num(1), num(0)), ZeroDivisionError, "division by zero");
    REQUIRE_ERROR(op_mod(num(1), num(0)), ZeroDivisionError, "modulo by zero");
    REQUIRE_ERROR(op_div(real(1.5), num(0)), ZeroDivisionError, "division by zero");
    REQUIRE_ERROR(op_div(num(1), real(0.0)), ZeroDivisionError, "division by zero");
    REQUIRE_ERROR(op_div(real(1.0), real(-0.0)), ZeroDivisionError, "division by zero");
    REQUIRE_ERROR(op_mod(real(1.0), real(0.0)), ZeroDivisionError, "modulo by zero");
    REQUIRE_ERROR(op_mod(real(1.0), num(0)), ZeroDivisionError, "modulo by zero");
}

TEST_CASE("mixed integer and float arithmetic yields floats", "[operators]") {
    CHECK(float_of(op_add(num(1), real(0.5))) == 1.5);
    CHECK(float_of(op_add(real(0.5), num(1))) == 1.5);
    CHECK(float_of(op_sub(num(3), real(0.5))) == 2.5);
    CHECK(float_of(op_mul(num(2), real(0.25))) == 0.5);
    CHECK(float_of(op_div(num(1), real(2.0))) == 0.5);
    CHECK(float_of(op_mod(num(7), real(2.5))) == 2.0);
    CHECK(float_of(op_mod(real(-7.5), num(2))) == -1.5);
    CHECK(float_of(op_add(real(0.1), real(0.2))) == 0.1 + 0.2);
    // 2^53 + 1 rounds to nearest-even when converted.
    CHECK(float_of(op_mul(real(1.0), num(9007199254740993))) == 9007199254740992.0);
}

TEST_CASE("float arithmetic follows IEEE", "[operators]") {
    CHECK(std::isnan(float_of(op_sub(real(kInf), real(kInf)))));
    CHECK(float_of(op_div(real(1.0), real(kInf))) == 0.0);
    Value negative_zero = op_neg(real(0.0));
    CHECK(std::signbit(float_of(negative_zero)));
    CHECK(float_of(op_neg(real(-2.5))) == 2.5);
}

TEST_CASE("unsupported operand types", "[operators]") {
    REQUIRE_ERROR(op_add(num(1), Value::boolean(true)), TypeError,
                  "unsupported operand types for +: IntegerBox and BoolBox");
    REQUIRE_ERROR(op_add(Value::boolean(true), Value::boolean(false)), TypeError,
                  "unsupported operand types for +: BoolBox and BoolBox");
    REQUIRE_ERROR(op_sub(str("a"), num(1)), TypeError, "unsupported operand types for -: StringBox and IntegerBox");
    REQUIRE_ERROR(op_mul(str("a"), str("b")), TypeError, "unsupported operand types for *: StringBox and StringBox");
    REQUIRE_ERROR(op_mul(str("a"), real(2.0)), TypeError, "unsupported operand types for *: StringBox and FloatBox");
    REQUIRE_ERROR(op_div(Value::null(), num(1)), TypeError, "unsupported operand types for /: NullBox and IntegerBox");
    REQUIRE_ERROR(op_mod(make_array(), num(1)), TypeError, "unsupported operand types for %: ArrayBox and IntegerBox");
    REQUIRE_ERROR(op_add(make_map(), make_array()), TypeError, "unsupported operand types for +: MapBox and ArrayBox");
    REQUIRE_ERROR(op_neg(str("abc")), TypeError, "unsupported operand type for unary -: StringBox");
    REQUIRE_ERROR(op_neg(Value::null()), TypeError, "unsupported operand type for unary -: NullBox");
    REQUIRE_ERROR(op_neg(Value::boolean(true)), TypeError, "unsupported operand type for unary -: BoolBox");
}

TEST_CASE("type errors are checked before division by zero", "[operators]") {
    REQUIRE_ERROR(op_div(Value::boolean(true), num(0)), TypeError,
                  "unsupported operand types for /: BoolBox and IntegerBox");
}

TEST_CASE("concatenation uses display forms of both sides", "[operators]") {
    CHECK(display(op_add(str("n="), num(5))) == "n=5");
    CHECK(display(op_add(num(5), str("=n"))) == "5=n");
    CHECK(display(op_add(str("f="), real(2.5))) == "f=2.5");
    CHECK(display(op_add(str("w="), real(2.0))) == "w=2.0");
    CHECK(display(op_add(str("b="), Value::boolean(true))) == "b=true");
    CHECK(display(op_add(str("z="), Value::null())) == "z=null");
    CHECK(display(op_add(Value::null(), str("!"))) == "null!");
    CHECK(display(op_add(str("a="), array_of({num(1), str("two")}))) == "a=[1, two]");
    CHECK(display(op_add(make_map(), str("|"))) == "{}|");
    CHECK(display(op_add(make_service(ObjectKind::Console), str(""))) == "<ConsoleBox>");
    CHECK(display(op_add(str("x"), real(kNaN))) == "xNaN");
    CHECK(display(op_add(op_add(num(1), num(2)), str("x"))) == "3x");
    CHECK(display(op_add(op_add(str("x"), num(1)), num(2))) == "x12");
}

TEST_CASE("concatenated strings know their length", "[operators]") {
    Value joined = op_add(str("日本"), str("語"));
    CHECK(as_string(joined).text == "日本語");
    CHECK(as_string(joined).length() == 3);
}

TEST_CASE("in-place append for s = s + x", "[operators]") {
    Runtime rt(OutputMode::Capture);
    SECTION("a uniquely owned string grows in place") {
        Value s = str("ab");
        Object* before = s.as_object();
        op_add_assign(s, num(1));
        op_add_assign(s, str("é"));
        op_add_assign(s, Value::null());
        CHECK(s.as_object() == before);
        CHECK(as_string(s).text == "ab1énull");
        CHECK(as_string(s).length() == 8);
    }
    SECTION("a shared string is left alone") {
        Value s = str("ab");
        Value alias = s;
        op_add_assign(s, str("c"));
        CHECK(as_string(alias).text == "ab");
        CHECK(as_string(s).text == "abc");
        CHECK(s.as_object() != alias.as_object());
    }
    SECTION("s = s + s") {
        Value s = str("ab");
        op_add_assign(s, s);
        CHECK(as_string(s).text == "abab");
    }
    SECTION("non-string targets fall back to op_add") {
        Value i = num(1);
        op_add_assign(i, num(2));
        CHECK(i.as_int() == 3);
        Value n = num(1);
        op_add_assign(n, str("x"));
        CHECK(display(n) == "1x");
        Value b = Value::boolean(true);
        REQUIRE_ERROR(op_add_assign(b, num(1)), TypeError, "unsupported operand types for +: BoolBox and IntegerBox");
    }
    SECTION("building a long string is linear") {
        Value s = str("");
        Object* before = s.as_object();
        Value piece = str("xyz");
        for (int i = 0; i < 200000; ++i) op_add_assign(s, piece);
        CHECK(s.as_object() == before);
        CHECK(as_string(s).text.size() == 600000);
        CHECK(as_string(s).length() == 600000);
    }
}

TEST_CASE("string repetition", "[operators]") {
    CHECK(display(op_mul(str("ab"), num(2))) == "abab");
    CHECK(display(op_mul(num(2), str("ab"))) == "abab");
    CHECK(display(op_mul(str("x"), num(0))) == "");
    CHECK(display(op_mul(str(""), num(1000000000000))) == "");
    CHECK(as_string(op_mul(str("日"), num(3))).length() == 3);
    REQUIRE_ERROR(op_mul(str("ab"), num(-1)), ValueError, "negative repeat count -1");
    REQUIRE_ERROR(op_mul(num(-3), str("ab")), ValueError, "negative repeat count -3");
    REQUIRE_ERROR(op_mul(str("ab"), num(kMax)), MemoryError, "out of memory");
}

TEST_CASE("ordering comparisons", "[operators]") {
    CHECK(op_lt(num(1), num(2)));
    CHECK(op_le(num(2), num(2)));
    CHECK_FALSE(op_gt(num(3), num(4)));
    CHECK_FALSE(op_ge(num(4), num(5)));
    CHECK(op_lt(num(2), real(2.5)));
    CHECK(op_ge(real(3.0), num(3)));
    CHECK(op_lt(num(kMax - 1), num(kMax)));  // exact, not via binary64
    CHECK(op_lt(num(kMin), num(kMin + 1)));
}

TEST_CASE("comparisons with NaN are false", "[operators]") {
    Value nan = real(kNaN);
    CHECK_FALSE(op_lt(nan, num(1)));
    CHECK_FALSE(op_le(nan, nan));
    CHECK_FALSE(op_gt(nan, num(1)));
    CHECK_FALSE(op_ge(num(1), nan));
    CHECK(op_gt(real(kInf), num(1000000)));
}

TEST_CASE("strings compare by code point", "[operators]") {
    CHECK(op_lt(str("apple"), str("banana")));
    CHECK(op_lt(str("Z"), str("a")));
    CHECK(op_lt(str("10"), str("9")));
    CHECK(op_lt(str("ab"), str("abc")));
    CHECK(op_lt(str("あ"), str("い")));
    CHECK(op_lt(str("z"), str("é")));   // U+007A < U+00E9 (bytes are compared unsigned)
    CHECK(op_lt(str("\xEF\xBF\xBF"), str("🎉")));  // U+FFFF < U+1F389
    CHECK(op_ge(str("abc"), str("abc")));
    CHECK_FALSE(op_gt(str(""), str("")));
}

TEST_CASE("comparing incompatible types is a TypeError", "[operators]") {
    REQUIRE_ERROR(op_lt(num(1), str("2")), TypeError, "unsupported operand types for <: IntegerBox and StringBox");
    REQUIRE_ERROR(op_le(str("a"), real(1.0)), TypeError, "unsupported operand types for <=: StringBox and FloatBox");
    REQUIRE_ERROR(op_gt(Value::boolean(true), num(3)), TypeError, "unsupported operand types for >: BoolBox and IntegerBox");
    REQUIRE_ERROR(op_ge(Value::null(), Value::null()), TypeError, "unsupported operand types for >=: NullBox and NullBox");
    REQUIRE_ERROR(op_lt(make_array(), make_array()), TypeError, "unsupported operand types for <: ArrayBox and ArrayBox");
}

TEST_CASE("equality matrix", "[operators]") {
    Value arr = make_array();
    Value map = make_map();
    Value math = make_service(ObjectKind::Math);
    CHECK(values_equal(num(1), num(1)));
    CHECK_FALSE(values_equal(num(1), num(2)));
    CHECK(values_equal(num(1), real(1.0)));
    CHECK(values_equal(real(1.0), num(1)));
    CHECK(values_equal(real(0.5), real(0.5)));
    CHECK(values_equal(real(0.0), real(-0.0)));
    CHECK_FALSE(values_equal(real(kNaN), real(kNaN)));
    CHECK(values_equal(num(9007199254740993), real(9007199254740992.0)));  // converted to binary64
    CHECK(values_equal(str("a"), str("a")));
    CHECK_FALSE(values_equal(str("a"), str("A")));
    CHECK(values_equal(Value::boolean(true), Value::boolean(true)));
    CHECK_FALSE(values_equal(Value::boolean(true), Value::boolean(false)));
    CHECK(values_equal(Value::null(), Value::null()));
    // No cross-type coercion.
    CHECK_FALSE(values_equal(num(1), str("1")));
    CHECK_FALSE(values_equal(Value::boolean(true), num(1)));
    CHECK_FALSE(values_equal(Value::null(), num(0)));
    CHECK_FALSE(values_equal(str(""), Value::boolean(false)));
    CHECK_FALSE(values_equal(Value::null(), str("null")));
    CHECK_FALSE(values_equal(str("[]"), arr));
    // Reference boxes compare by identity.
    Value same = arr;
    CHECK(values_equal(arr, same));
    CHECK_FALSE(values_equal(arr, make_array()));
    CHECK(values_equal(map, map));
    CHECK_FALSE(values_equal(map, make_map()));
    CHECK(values_equal(math, math));
    CHECK_FALSE(values_equal(math, make_service(ObjectKind::Math)));
    CHECK_FALSE(values_equal(arr, map));
}

TEST_CASE("truthiness", "[operators]") {
    CHECK_FALSE(truthy(num(0)));
    CHECK(truthy(num(1)));
    CHECK(truthy(num(-1)));
    CHECK_FALSE(truthy(real(0.0)));
    CHECK_FALSE(truthy(real(-0.0)));
    CHECK(truthy(real(0.1)));
    CHECK(truthy(real(kNaN)));
    CHECK_FALSE(truthy(str("")));
    CHECK(truthy(str(" ")));
    CHECK_FALSE(truthy(Value::null()));
    CHECK(truthy(Value::boolean(true)));
    CHECK_FALSE(truthy(Value::boolean(false)));
    CHECK(truthy(make_array()));
    CHECK(truthy(make_map()));
    CHECK(truthy(make_service(ObjectKind::Console)));
}
