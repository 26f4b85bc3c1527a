#include <cmath>
#include <limits>

#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

namespace {
constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("IntegerBox methods", "[builtins]") {
    Runtime rt(OutputMode::Capture);
    CHECK(call(rt, num(-5), "abs").as_int() == 5);
    CHECK(call(rt, num(5), "abs").as_int() == 5);
    CHECK(call(rt, num(kMin), "abs").as_int() == kMin);
    Value f = call(rt, num(7), "toFloat");
    REQUIRE(f.is_float());
    CHECK(f.as_float() == 7.0);
    CHECK(call(rt, num(9007199254740993), "toFloat").as_float() == 9007199254740992.0);
    CHECK(display(call(rt, num(42), "toString")) == "42");
    CHECK(call(rt, num(42), "toString").is_object_of(ObjectKind::String));
}

TEST_CASE("IntegerBox errors", "[builtins]") {
    Runtime rt(OutputMode::Capture);
    REQUIRE_ERROR(call(rt, num(1), "toInteger"), MethodError, "IntegerBox has no method 'toInteger'");
    REQUIRE_ERROR(call(rt, num(1), "abs", {num(2)}), TypeError,
                  "wrong number of arguments for IntegerBox.abs: expected 0, got 1");
    REQUIRE_ERROR(call(rt, num(1), "toString", {num(1), num(2)}), TypeError,
                  "wrong number of arguments for IntegerBox.toString: expected 0, got 2");
}

TEST_CASE("FloatBox methods", "[builtins]") {
    Runtime rt(OutputMode::Capture);
    CHECK(call(rt, real(-2.5), "abs").as_float() == 2.5);
    CHECK(call(rt, real(2.5), "floor").as_int() == 2);
    CHECK(call(rt, real(2.5), "ceil").as_int() == 3);
    CHECK(call(rt, real(2.5), "round").as_int() == 3);
    CHECK(call(rt, real(-2.5), "round").as_int() == -3);
    CHECK(call(rt, real(0.49999999999999994), "round").as_int() == 0);
    CHECK(call(rt, real(-2.5), "floor").as_int() == -3);
    CHECK(call(rt, real(-2.7), "toInteger").as_int() == -2);
    CHECK(call(rt, real(3.99), "toInteger").as_int() == 3);
    CHECK(call(rt, real(-9223372036854775808.0), "toInteger").as_int() == kMin);
    CHECK(call(rt, real(kNaN), "isNaN").as_bool());
    CHECK_FALSE(call(rt, real(1.5), "isNaN").as_bool());
    CHECK(display(call(rt, real(1.25), "toString")) == "1.25");
    CHECK(display(call(rt, real(2.0), "toString")) == "2.0");
}

TEST_CASE("FloatBox to Integer conversion errors show the original float", "[builtins]") {
    Runtime rt(OutputMode::Capture);
    REQUIRE_ERROR(call(rt, real(kNaN), "floor"), ValueError, "cannot convert 'NaN' to IntegerBox");
    REQUIRE_ERROR(call(rt, real(kInf), "ceil"), ValueError, "cannot convert 'inf' to IntegerBox");
    REQUIRE_ERROR(call(rt, real(-kInf), "round"), ValueError, "cannot convert '-inf' to IntegerBox");
    REQUIRE_ERROR(call(rt, real(9223372036854775808.0), "toInteger"), ValueError,
                  "cannot convert '9223372036854776000.0' to IntegerBox");  // 2^63, shortest digits
    REQUIRE_ERROR(call(rt, real(1e19), "floor"), ValueError, "cannot convert '10000000000000000000.0' to IntegerBox");
    REQUIRE_ERROR(call(rt, real(-9223372036854777856.0), "ceil"), ValueError,
                  "cannot convert '-9223372036854778000.0' to IntegerBox");  // next below -2^63
}

TEST_CASE("BoolBox and NullBox methods", "[builtins]") {
    Runtime rt(OutputMode::Capture);
    CHECK(display(call(rt, Value::boolean(true), "toString")) == "true");
    CHECK(display(call(rt, Value::boolean(false), "toString")) == "false");
    CHECK(display(call(rt, Value::null(), "toString")) == "null");
    REQUIRE_ERROR(call(rt, Value::null(), "length"), MethodError, "NullBox has no method 'length'");
    REQUIRE_ERROR(call(rt, Value::boolean(true), "abs"), MethodError, "BoolBox has no method 'abs'");
}

TEST_CASE("method lookup by symbol", "[builtins]") {
    const BuiltinMethod* length = find_builtin_method(BuiltinReceiver::String, intern("length"));
    REQUIRE(length != nullptr);
    CHECK(find_builtin_method(BuiltinReceiver::String, intern("length")) == length);
    CHECK(find_builtin_method(BuiltinReceiver::Integer, intern("length")) == nullptr);
    CHECK(find_builtin_method(BuiltinReceiver::None, intern("toString")) == nullptr);
    Runtime rt(OutputMode::Capture);
    Value s = str("héllo");
    CHECK(call_builtin_method(rt, *length, s, nullptr, 0).as_int() == 5);
}

TEST_CASE("receiver kinds", "[builtins]") {
    CHECK(builtin_receiver_of(num(1)) == BuiltinReceiver::Integer);
    CHECK(builtin_receiver_of(real(1)) == BuiltinReceiver::Float);
    CHECK(builtin_receiver_of(str("")) == BuiltinReceiver::String);
    CHECK(builtin_receiver_of(Value::boolean(true)) == BuiltinReceiver::Bool);
    CHECK(builtin_receiver_of(Value::null()) == BuiltinReceiver::Null);
    CHECK(builtin_receiver_of(make_array()) == BuiltinReceiver::Array);
    CHECK(builtin_receiver_of(make_map()) == BuiltinReceiver::Map);
    CHECK(builtin_receiver_of(make_service(ObjectKind::Console)) == BuiltinReceiver::Console);
    CHECK(builtin_receiver_of(make_service(ObjectKind::Math)) == BuiltinReceiver::Math);
    CHECK(builtin_receiver_of(make_service(ObjectKind::Debug)) == BuiltinReceiver::Debug);
    CHECK(builtin_receiver_of(make_service(ObjectKind::Time)) == BuiltinReceiver::Time);
}

TEST_CASE("every built-in value has toString", "[builtins]") {
    Runtime rt(OutputMode::Capture);
    Value arr = array_of({num(1), str("x")});
    CHECK(display(call(rt, arr, "toString")) == "[1, x]");
    CHECK(display(call(rt, make_map(), "toString")) == "{}");
    CHECK(display(call(rt, make_service(ObjectKind::Console), "toString")) == "<ConsoleBox>");
    CHECK(display(call(rt, make_service(ObjectKind::Math), "toString")) == "<MathBox>");
    CHECK(display(call(rt, make_service(ObjectKind::Debug), "toString")) == "<DebugBox>");
    CHECK(display(call(rt, make_service(ObjectKind::Time), "toString")) == "<TimeBox>");
    Value s = str("same");
    CHECK(call(rt, s, "toString").as_object() == s.as_object());
}
