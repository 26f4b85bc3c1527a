#include <cmath>
#include <limits>
#include <string>

#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

namespace {
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

double float_of(const Value& v) {
    REQUIRE(v.is_float());
    return v.as_float();
}
int64_t int_of(const Value& v) {
    REQUIRE(v.is_int());
    return v.as_int();
}
}  // namespace

TEST_CASE("ConsoleBox log writes display forms to stdout", "[builtins][console]") {
    Runtime rt(OutputMode::Capture);
    Value c = make_service(ObjectKind::Console);
    CHECK(call(rt, c, "log", {str("single")}).is_null());
    call(rt, c, "log", {str("a"), num(1), real(2.5), Value::boolean(true), Value::null()});
    call(rt, c, "log");
    call(rt, c, "log", {make_array()});
    CHECK(rt.captured_stdout() == "single\na 1 2.5 true null\n\n[]\n");
    CHECK(rt.captured_stderr().empty());
}

TEST_CASE("ConsoleBox warn and error write to stderr", "[builtins][console]") {
    Runtime rt(OutputMode::Capture);
    Value c = make_service(ObjectKind::Console);
    call(rt, c, "warn", {str("this goes to stderr")});
    call(rt, c, "error", {str("so"), str("does"), num(1)});
    call(rt, c, "error");
    CHECK(rt.captured_stdout().empty());
    CHECK(rt.captured_stderr() == "this goes to stderr\nso does 1\n\n");
    REQUIRE_ERROR(call(rt, c, "info", {str("x")}), MethodError, "ConsoleBox has no method 'info'");
}

TEST_CASE("MathBox abs, min, max", "[builtins][math]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_service(ObjectKind::Math);
    CHECK(int_of(call(rt, m, "abs", {num(-7)})) == 7);
    CHECK(int_of(call(rt, m, "abs", {num(std::numeric_limits<int64_t>::min())})) == std::numeric_limits<int64_t>::min());
    CHECK(float_of(call(rt, m, "abs", {real(-7.5)})) == 7.5);
    CHECK(int_of(call(rt, m, "max", {num(3), num(9)})) == 9);
    CHECK(int_of(call(rt, m, "min", {num(3), num(9)})) == 3);
    CHECK(float_of(call(rt, m, "max", {num(2), real(2.5)})) == 2.5);
    CHECK(float_of(call(rt, m, "min", {num(2), real(2.5)})) == 2.0);
    CHECK(float_of(call(rt, m, "max", {real(kNaN), num(1)})) == 1.0);
    CHECK(float_of(call(rt, m, "min", {num(1), real(kNaN)})) == 1.0);
    CHECK(std::isnan(float_of(call(rt, m, "max", {real(kNaN), real(kNaN)}))));
    // Ties return a: max(0.0, -0.0) is 0.0, max(-0.0, 0.0) is -0.0.
    CHECK_FALSE(std::signbit(float_of(call(rt, m, "max", {real(0.0), real(-0.0)}))));
    CHECK(std::signbit(float_of(call(rt, m, "max", {real(-0.0), real(0.0)}))));
    CHECK(std::signbit(float_of(call(rt, m, "min", {real(-0.0), real(0.0)}))));
    CHECK_FALSE(std::signbit(float_of(call(rt, m, "min", {real(0.0), real(-0.0)}))));
}

TEST_CASE("MathBox float functions", "[builtins][math]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_service(ObjectKind::Math);
    CHECK(float_of(call(rt, m, "pow", {num(2), num(10)})) == 1024.0);
    CHECK(float_of(call(rt, m, "pow", {num(10), num(400)})) == kInf);
    CHECK(float_of(call(rt, m, "sqrt", {num(16)})) == 4.0);
    CHECK(display(call(rt, m, "sqrt", {num(2)})) == "1.4142135623730951");
    CHECK(std::isnan(float_of(call(rt, m, "sqrt", {num(-1)}))));
    CHECK(float_of(call(rt, m, "sin", {num(0)})) == 0.0);
    CHECK(float_of(call(rt, m, "cos", {num(0)})) == 1.0);
    CHECK(float_of(call(rt, m, "tan", {num(0)})) == 0.0);
    CHECK(float_of(call(rt, m, "exp", {num(0)})) == 1.0);
    CHECK(float_of(call(rt, m, "log", {num(1)})) == 0.0);
    CHECK(float_of(call(rt, m, "log", {num(0)})) == -kInf);
    CHECK(std::isnan(float_of(call(rt, m, "log", {num(-1)}))));
    CHECK(display(call(rt, m, "getPi")) == "3.141592653589793");
    CHECK(display(call(rt, m, "getE")) == "2.718281828459045");
}

TEST_CASE("MathBox floor, ceil, round", "[builtins][math]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_service(ObjectKind::Math);
    CHECK(int_of(call(rt, m, "floor", {real(3.7)})) == 3);
    CHECK(int_of(call(rt, m, "ceil", {real(3.2)})) == 4);
    CHECK(int_of(call(rt, m, "round", {real(3.5)})) == 4);
    CHECK(int_of(call(rt, m, "round", {real(-3.5)})) == -4);
    CHECK(int_of(call(rt, m, "floor", {num(5)})) == 5);
    CHECK(int_of(call(rt, m, "round", {num(-5)})) == -5);
    REQUIRE_ERROR(call(rt, m, "floor", {real(kNaN)}), ValueError, "cannot convert 'NaN' to IntegerBox");
    REQUIRE_ERROR(call(rt, m, "round", {real(1e300)}), ValueError,
                  "cannot convert '1" + std::string(300, '0') + ".0' to IntegerBox");
}

TEST_CASE("MathBox argument errors", "[builtins][math]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_service(ObjectKind::Math);
    REQUIRE_ERROR(call(rt, m, "sqrt", {str("4")}), TypeError,
                  "bad argument 1 for MathBox.sqrt: expected number, got StringBox");
    REQUIRE_ERROR(call(rt, m, "pow", {num(2), Value::null()}), TypeError,
                  "bad argument 2 for MathBox.pow: expected number, got NullBox");
    REQUIRE_ERROR(call(rt, m, "max", {Value::boolean(true), str("x")}), TypeError,
                  "bad argument 1 for MathBox.max: expected number, got BoolBox");
    REQUIRE_ERROR(call(rt, m, "abs"), TypeError, "wrong number of arguments for MathBox.abs: expected 1, got 0");
    REQUIRE_ERROR(call(rt, m, "getPi", {num(1)}), TypeError,
                  "wrong number of arguments for MathBox.getPi: expected 0, got 1");
    REQUIRE_ERROR(call(rt, m, "random"), MethodError, "MathBox has no method 'random'");
}

TEST_CASE("DebugBox tracking flag and report", "[builtins][debug]") {
    Runtime rt(OutputMode::Capture);
    Value d = make_service(ObjectKind::Debug);
    CHECK_FALSE(call(rt, d, "isTracking").as_bool());
    std::string off = display(call(rt, d, "memoryReport"));
    CHECK(off == "[memory] tracking=off");
    CHECK(call(rt, d, "startMemoryTracking").is_null());
    CHECK(call(rt, d, "isTracking").as_bool());
    Value held = array_of({str("a"), str("b")});
    Value held_map = make_map();
    // Two boxes since tracking started; the strings inside the array do not count.
    CHECK(display(call(rt, d, "memoryReport")) ==
          "[memory] tracking=on boxes_allocated=2 bytes_allocated=" + std::to_string(sizeof(ArrayObj) + sizeof(MapObj)) +
              " instances=0 arrays=1 maps=1 services=0");
    call(rt, d, "stopMemoryTracking");
    CHECK_FALSE(call(rt, d, "isTracking").as_bool());
    call(rt, d, "startTracking");
    CHECK(call(rt, d, "isTracking").as_bool());
    call(rt, d, "stopTracking");
    CHECK_FALSE(call(rt, d, "isTracking").as_bool());
    CHECK(rt.captured_stdout().empty());
    CHECK(rt.captured_stderr().empty());
    REQUIRE_ERROR(call(rt, d, "dump"), MethodError, "DebugBox has no method 'dump'");
}

TEST_CASE("TimeBox measures time", "[builtins][time]") {
    Runtime rt(OutputMode::Capture);
    Value t = make_service(ObjectKind::Time);
    int64_t start = int_of(call(rt, t, "now"));
    CHECK(start > 1600000000000);
    CHECK(int_of(call(rt, t, "elapsed")) >= 0);
    CHECK(call(rt, t, "sleep", {num(5)}).is_null());
    CHECK(int_of(call(rt, t, "elapsed")) >= 5);
    CHECK(int_of(call(rt, t, "elapsedMicros")) >= 5000);
    CHECK(call(rt, t, "reset").is_null());
    CHECK(int_of(call(rt, t, "elapsed")) < 100000);
    CHECK(int_of(call(rt, t, "now")) >= start);
    call(rt, t, "sleep", {num(0)});
}

TEST_CASE("TimeBox errors", "[builtins][time]") {
    Runtime rt(OutputMode::Capture);
    Value t = make_service(ObjectKind::Time);
    REQUIRE_ERROR(call(rt, t, "sleep", {num(-1)}), ValueError, "negative sleep duration -1");
    REQUIRE_ERROR(call(rt, t, "sleep", {real(1.0)}), TypeError,
                  "bad argument 1 for TimeBox.sleep: expected IntegerBox, got FloatBox");
    REQUIRE_ERROR(call(rt, t, "sleep"), TypeError, "wrong number of arguments for TimeBox.sleep: expected 1, got 0");
    REQUIRE_ERROR(call(rt, t, "today"), MethodError, "TimeBox has no method 'today'");
}
