#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "runtime/box_class.hpp"
#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

TEST_CASE("format_float: examples of spec §6.3", "[display]") {
    CHECK(format_float(1.5) == "1.5");
    CHECK(format_float(2.0) == "2.0");
    CHECK(format_float(0.1 + 0.2) == "0.30000000000000004");
    CHECK(format_float(1 / 3.0) == "0.3333333333333333");
    CHECK(format_float(9007199254740992.0) == "9007199254740992.0");
    CHECK(format_float(1e-7) == "0.0000001");
    CHECK(format_float(1e22) == "10000000000000000000000.0");
    CHECK(format_float(1e23) == "100000000000000000000000.0");
    CHECK(format_float(-0.0) == "-0.0");
    CHECK(format_float(1024.0) == "1024.0");
}

TEST_CASE("format_float: conformance examples", "[display]") {
    CHECK(format_float(0.25) == "0.25");
    CHECK(format_float(-0.5) == "-0.5");
    CHECK(format_float(0.0) == "0.0");
    CHECK(format_float(1.0 / 1024) == "0.0009765625");
    CHECK(format_float(2.0 / 3) == "0.6666666666666666");
    CHECK(format_float(123456789.125) == "123456789.125");
    CHECK(format_float(0.000001 * 0.000001) == "0.000000000001");
    CHECK(format_float(3.141592653589793) == "3.141592653589793");
    CHECK(format_float(1.4142135623730951) == "1.4142135623730951");
    CHECK(format_float(-1234.5) == "-1234.5");
    CHECK(format_float(100.0) == "100.0");
    CHECK(format_float(0.1) == "0.1");
}

TEST_CASE("format_float: special values", "[display]") {
    CHECK(format_float(std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(format_float(-std::numeric_limits<double>::quiet_NaN()) == "NaN");
    CHECK(format_float(std::numeric_limits<double>::infinity()) == "inf");
    CHECK(format_float(-std::numeric_limits<double>::infinity()) == "-inf");
}

TEST_CASE("format_float: extremes are written positionally", "[display]") {
    std::string max = format_float(std::numeric_limits<double>::max());
    CHECK(max.size() == 311);  // 309 integer digits + ".0"
    CHECK(max.starts_with("17976931348623157"));
    CHECK(max.ends_with("000.0"));
    std::string tiny = format_float(std::numeric_limits<double>::denorm_min());
    CHECK(tiny == "0." + std::string(323, '0') + "5");
    CHECK(format_float(-1e-5) == "-0.00001");
}

namespace {
// Parses a positional display back to a double (strtod-equivalent via from_chars).
double parse_back(const std::string& text) {
    double value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value, std::chars_format::fixed);
    REQUIRE(result.ec == std::errc());
    REQUIRE(result.ptr == text.data() + text.size());
    return value;
}
}  // namespace

TEST_CASE("format_float round-trips and always has a fraction", "[display]") {
    std::mt19937_64 random(12345);
    for (int i = 0; i < 20000; ++i) {
        uint64_t bits = random();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (!std::isfinite(d)) continue;
        std::string text = format_float(d);
        INFO(text);
        CHECK(text.find('e') == std::string::npos);
        size_t dot = text.find('.');
        REQUIRE(dot != std::string::npos);
        CHECK(dot + 1 < text.size());
        double back = parse_back(text);
        CHECK(std::memcmp(&back, &d, sizeof d) == 0);
    }
}

TEST_CASE("display of immediates and strings", "[display]") {
    CHECK(display(num(0)) == "0");
    CHECK(display(num(-15)) == "-15");
    CHECK(display(num(std::numeric_limits<int64_t>::min())) == "-9223372036854775808");
    CHECK(display(real(2.5)) == "2.5");
    CHECK(display(Value::boolean(true)) == "true");
    CHECK(display(Value::boolean(false)) == "false");
    CHECK(display(Value::null()) == "null");
    CHECK(display(str("日本")) == "日本");
}

TEST_CASE("display of arrays and maps", "[display]") {
    CHECK(display(make_array()) == "[]");
    CHECK(display(make_map()) == "{}");
    CHECK(display(array_of({num(1), str("two"), real(2.5), Value::null()})) == "[1, two, 2.5, null]");
    Value map = make_map();
    as_map(map).set("a", num(1));
    as_map(map).set("b", array_of({num(2)}));
    CHECK(display(map) == "{a: 1, b: [2]}");
    CHECK(display(array_of({str(""), str("")})) == "[, ]");
}

TEST_CASE("display of the conformance nesting example", "[display]") {
    Value inner = array_of({num(1), num(2)});
    Value map = make_map();
    as_map(map).set("list", inner);
    as_map(map).set("n", Value::null());
    Value outer = array_of({inner, str("s"), real(1.0), map});
    CHECK(display(outer) == "[[1, 2], s, 1.0, {list: [1, 2], n: null}]");
    CHECK(display(array_of({inner, inner})) == "[[1, 2], [1, 2]]");
}

TEST_CASE("cycles display as [...] and {...}", "[display]") {
    Value a = array_of({num(1)});
    as_array(a).items.push_back(a);
    CHECK(display(a) == "[1, [...]]");
    Value m = make_map();
    as_map(m).set("me", m);
    CHECK(display(m) == "{me: {...}}");
    // A cycle through both kinds, entered from either side.
    Value outer = make_map();
    Value list = array_of({outer});
    as_map(outer).set("list", list);
    CHECK(display(outer) == "{list: [{...}]}");
    CHECK(display(list) == "[{list: [...]}]");
    // Marks are cleared afterwards: the same containers display fully again side by side.
    CHECK(display(array_of({list, list})) == "[[{list: [...]}], [{list: [...]}]]");
    as_array(a).items.clear();
    as_map(m).clear();
    as_map(outer).clear();
}

TEST_CASE("deleted map entries are not displayed", "[display]") {
    Value m = make_map();
    as_map(m).set("a", num(1));
    as_map(m).set("b", num(2));
    as_map(m).set("c", num(3));
    as_map(m).remove("a");
    as_map(m).remove("c");
    CHECK(display(m) == "{b: 2}");
}

TEST_CASE("display of instances and service boxes", "[display]") {
    BoxClass point("Point", 0, false, nullptr);
    point.add_field(intern("x"));
    BoxClass main_box("Main", 1, true, nullptr);
    CHECK(display(make_instance(&point)) == "<Point instance>");
    CHECK(display(make_instance(&main_box)) == "<Main instance>");
    CHECK(display(make_service(ObjectKind::Console)) == "<ConsoleBox>");
    CHECK(display(make_service(ObjectKind::Math)) == "<MathBox>");
    CHECK(display(make_service(ObjectKind::Debug)) == "<DebugBox>");
    CHECK(display(make_service(ObjectKind::Time)) == "<TimeBox>");
    CHECK(display(array_of({make_instance(&point)})) == "[<Point instance>]");
}

TEST_CASE("display of very deep nesting does not recurse natively", "[display]") {
    constexpr int kDepth = 1000000;
    Value root = make_array();
    Value current = root;
    for (int i = 0; i < kDepth; ++i) {
        Value next = make_array();
        as_array(current).items.push_back(next);
        current = next;
    }
    std::string text = display(root);
    CHECK(text.size() == 2 * (kDepth + 1));
    CHECK(text.starts_with("[[[["));
    CHECK(text.ends_with("]]]]"));
}

TEST_CASE("type names", "[display]") {
    BoxClass point("Point", 0, false, nullptr);
    CHECK(type_name(num(1)) == "IntegerBox");
    CHECK(type_name(real(1)) == "FloatBox");
    CHECK(type_name(str("")) == "StringBox");
    CHECK(type_name(Value::boolean(false)) == "BoolBox");
    CHECK(type_name(Value::null()) == "NullBox");
    CHECK(type_name(make_array()) == "ArrayBox");
    CHECK(type_name(make_map()) == "MapBox");
    CHECK(type_name(make_service(ObjectKind::Console)) == "ConsoleBox");
    CHECK(type_name(make_service(ObjectKind::Math)) == "MathBox");
    CHECK(type_name(make_service(ObjectKind::Debug)) == "DebugBox");
    CHECK(type_name(make_service(ObjectKind::Time)) == "TimeBox");
    CHECK(type_name(make_instance(&point)) == "Point");
}
