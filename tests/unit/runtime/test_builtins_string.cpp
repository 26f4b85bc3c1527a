#include <cmath>
#include <limits>

#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

namespace {
std::string text(const Value& v) {
    REQUIRE(v.is_object_of(ObjectKind::String));
    return as_string(v).text;
}
}  // namespace

TEST_CASE("StringBox length and isEmpty", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    CHECK(call(rt, str("Hello, World"), "length").as_int() == 12);
    CHECK(call(rt, str("日本"), "length").as_int() == 2);
    CHECK(call(rt, str("🎉"), "length").as_int() == 1);
    CHECK(call(rt, str(""), "isEmpty").as_bool());
    CHECK_FALSE(call(rt, str(" "), "isEmpty").as_bool());
}

TEST_CASE("StringBox charAt", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    CHECK(text(call(rt, str("Hello"), "charAt", {num(4)})) == "o");
    Value mixed = str("aé日🎉");
    CHECK(text(call(rt, mixed, "charAt", {num(3)})) == "🎉");
    CHECK(text(call(rt, mixed, "charAt", {num(2)})) == "日");
    CHECK(text(call(rt, mixed, "charAt", {num(1)})) == "é");
    CHECK(text(call(rt, mixed, "charAt", {num(0)})) == "a");
    REQUIRE_ERROR(call(rt, str("abc"), "charAt", {num(3)}), IndexError, "index 3 out of range for StringBox of size 3");
    REQUIRE_ERROR(call(rt, str("abc"), "charAt", {num(-1)}), IndexError,
                  "index -1 out of range for StringBox of size 3");
    REQUIRE_ERROR(call(rt, str("日本"), "charAt", {num(2)}), IndexError, "index 2 out of range for StringBox of size 2");
    REQUIRE_ERROR(call(rt, str("abc"), "charAt", {str("0")}), TypeError,
                  "bad argument 1 for StringBox.charAt: expected IntegerBox, got StringBox");
    REQUIRE_ERROR(call(rt, str("abc"), "charAt"), TypeError,
                  "wrong number of arguments for StringBox.charAt: expected 1, got 0");
}

TEST_CASE("StringBox substring clamps", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    Value s = str("Hello, World");
    CHECK(text(call(rt, s, "substring", {num(0), num(5)})) == "Hello");
    CHECK(text(call(rt, s, "substring", {num(7), num(100)})) == "World");
    CHECK(text(call(rt, s, "substring", {num(5), num(2)})).empty());
    CHECK(text(call(rt, s, "substring", {num(-5), num(2)})) == "He");
    CHECK(text(call(rt, s, "substring", {num(3), num(3)})).empty());
    CHECK(text(call(rt, str("日本語テキスト"), "substring", {num(0), num(3)})) == "日本語");
    CHECK(text(call(rt, str("aé日🎉b"), "substring", {num(2), num(4)})) == "日🎉");
    REQUIRE_ERROR(call(rt, s, "substring", {num(0), real(1.0)}), TypeError,
                  "bad argument 2 for StringBox.substring: expected IntegerBox, got FloatBox");
    REQUIRE_ERROR(call(rt, s, "substring", {str("a"), real(1.0)}), TypeError,
                  "bad argument 1 for StringBox.substring: expected IntegerBox, got StringBox");
    REQUIRE_ERROR(call(rt, s, "substring", {num(0)}), TypeError,
                  "wrong number of arguments for StringBox.substring: expected 2, got 1");
}

TEST_CASE("StringBox searching", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    Value s = str("Hello, World");
    CHECK(call(rt, s, "indexOf", {str("World")}).as_int() == 7);
    CHECK(call(rt, s, "indexOf", {str("xyz")}).as_int() == -1);
    CHECK(call(rt, s, "indexOf", {str("")}).as_int() == 0);
    CHECK(call(rt, str("日本語テキスト"), "indexOf", {str("テキ")}).as_int() == 3);
    CHECK(call(rt, s, "contains", {str("lo, W")}).as_bool());
    CHECK_FALSE(call(rt, s, "contains", {str("low")}).as_bool());
    CHECK(call(rt, s, "startsWith", {str("Hell")}).as_bool());
    CHECK_FALSE(call(rt, s, "startsWith", {str("ell")}).as_bool());
    CHECK(call(rt, s, "endsWith", {str("d")}).as_bool());
    CHECK(call(rt, s, "endsWith", {str("")}).as_bool());
    REQUIRE_ERROR(call(rt, s, "indexOf", {num(1)}), TypeError,
                  "bad argument 1 for StringBox.indexOf: expected StringBox, got IntegerBox");
    REQUIRE_ERROR(call(rt, s, "contains", {Value::null()}), TypeError,
                  "bad argument 1 for StringBox.contains: expected StringBox, got NullBox");
    REQUIRE_ERROR(call(rt, s, "startsWith", {make_array()}), TypeError,
                  "bad argument 1 for StringBox.startsWith: expected StringBox, got ArrayBox");
    REQUIRE_ERROR(call(rt, s, "endsWith", {Value::boolean(true)}), TypeError,
                  "bad argument 1 for StringBox.endsWith: expected StringBox, got BoolBox");
}

TEST_CASE("StringBox replace", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    CHECK(text(call(rt, str("Hello, World"), "replace", {str("l"), str("L")})) == "HeLLo, WorLd");
    CHECK(text(call(rt, str("aaa"), "replace", {str("a"), str("bb")})) == "bbbbbb");
    CHECK(text(call(rt, str("aaaa"), "replace", {str("aa"), str("b")})) == "bb");
    CHECK(text(call(rt, str("abc"), "replace", {str(""), str("x")})) == "abc");
    CHECK(text(call(rt, str("abc"), "replace", {str("b"), str("")})) == "ac");
    CHECK(text(call(rt, str("日本日"), "replace", {str("日"), str("月")})) == "月本月");
    REQUIRE_ERROR(call(rt, str("a"), "replace", {str("a"), num(1)}), TypeError,
                  "bad argument 2 for StringBox.replace: expected StringBox, got IntegerBox");
}

TEST_CASE("StringBox split", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    Value pieces = call(rt, str("a,b,,c"), "split", {str(",")});
    CHECK(display(pieces) == "[a, b, , c]");
    CHECK(call(rt, pieces, "size").as_int() == 4);
    CHECK(display(call(rt, str("abc"), "split", {str("")})) == "[a, b, c]");
    CHECK(display(call(rt, str("日本🎉"), "split", {str("")})) == "[日, 本, 🎉]");
    CHECK(call(rt, call(rt, str(""), "split", {str("")}), "size").as_int() == 0);
    Value empty_piece = call(rt, str(""), "split", {str(",")});
    CHECK(call(rt, empty_piece, "size").as_int() == 1);
    CHECK(display(call(rt, str("x"), "split", {str(",")})) == "[x]");
    CHECK(display(call(rt, str("a--b--"), "split", {str("--")})) == "[a, b, ]");
    CHECK(display(call(rt, str("name,age\nalice,30"), "split", {str("\n")})) == "[name,age, alice,30]");
    Value unicode = call(rt, str("日,本"), "split", {str(",")});
    CHECK(call(rt, call(rt, unicode, "get", {num(1)}), "length").as_int() == 1);
    REQUIRE_ERROR(call(rt, str("a"), "split", {num(1)}), TypeError,
                  "bad argument 1 for StringBox.split: expected StringBox, got IntegerBox");
}

TEST_CASE("StringBox trim and case mapping", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    CHECK(text(call(rt, str("  padded  "), "trim")) == "padded");
    CHECK(text(call(rt, str("\t\n\r\v\f x \n"), "trim")) == "x");
    CHECK(text(call(rt, str("   "), "trim")).empty());
    CHECK(text(call(rt, str("\u3000x"), "trim")) == "\u3000x");  // only ASCII whitespace
    CHECK(text(call(rt, str("Hello, World"), "toUpper")) == "HELLO, WORLD");
    CHECK(text(call(rt, str("Hello, World"), "toLower")) == "hello, world");
    CHECK(text(call(rt, str("café"), "toUpper")) == "CAFé");
    CHECK(text(call(rt, str("ÉA"), "toLower")) == "Éa");
    CHECK(text(call(rt, str("[@`{"), "toUpper")) == "[@`{");
    CHECK(call(rt, call(rt, str("café"), "toUpper"), "length").as_int() == 4);
}

TEST_CASE("StringBox toInteger", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    CHECK(call(rt, str("42"), "toInteger").as_int() == 42);
    CHECK(call(rt, str("-17"), "toInteger").as_int() == -17);
    CHECK(call(rt, str("+8"), "toInteger").as_int() == 8);
    CHECK(call(rt, str("007"), "toInteger").as_int() == 7);
    CHECK(call(rt, str("9223372036854775807"), "toInteger").as_int() == std::numeric_limits<int64_t>::max());
    CHECK(call(rt, str("-9223372036854775808"), "toInteger").as_int() == std::numeric_limits<int64_t>::min());
    for (const char* bad : {"4x", "", " 4", "4 ", "+", "-", "1.5", "9223372036854775808",
                            "-9223372036854775809", "99999999999999999999999", "0x10", "１"}) {
        INFO(bad);
        CHECK(call(rt, str(bad), "toInteger").is_null());
    }
}

TEST_CASE("StringBox toFloat", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    CHECK(call(rt, str("2.5"), "toFloat").as_float() == 2.5);
    CHECK(call(rt, str("-3"), "toFloat").as_float() == -3.0);
    CHECK(call(rt, str("+0.1"), "toFloat").as_float() == 0.1);
    CHECK(call(rt, str("0.30000000000000004"), "toFloat").as_float() == 0.1 + 0.2);
    CHECK(call(rt, str("9007199254740993"), "toFloat").as_float() == 9007199254740992.0);
    Value huge = call(rt, str(std::string(400, '9')), "toFloat");
    CHECK(huge.as_float() == std::numeric_limits<double>::infinity());
    Value tiny = call(rt, str("-0." + std::string(400, '0') + "1"), "toFloat");
    CHECK(tiny.as_float() == 0.0);
    CHECK(std::signbit(tiny.as_float()));
    for (const char* bad : {"abc", "", "1.", ".5", "1e5", "1.5.2", " 1.5", "inf", "NaN", "-", "+.5"}) {
        INFO(bad);
        CHECK(call(rt, str(bad), "toFloat").is_null());
    }
}

TEST_CASE("StringBox toString returns the string itself", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    Value s = str("abc");
    CHECK(text(call(rt, s, "toString")) == "abc");
}

TEST_CASE("StringBox unknown methods and fields", "[builtins][string]") {
    Runtime rt(OutputMode::Capture);
    REQUIRE_ERROR(call(rt, str("a"), "size"), MethodError, "StringBox has no method 'size'");
    REQUIRE_ERROR(call(rt, str("a"), "push", {num(1)}), MethodError, "StringBox has no method 'push'");
}
