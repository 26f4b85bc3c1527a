#include <cmath>
#include <limits>

#include "runtime/box_class.hpp"
#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

namespace {
Value numbers(std::initializer_list<int64_t> values) {
    std::vector<Value> items;
    for (int64_t v : values) items.push_back(num(v));
    return make_array(std::move(items));
}
}  // namespace

TEST_CASE("ArrayBox size, push, pop", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    Value a = make_array();
    CHECK(call(rt, a, "size").as_int() == 0);
    CHECK(call(rt, a, "isEmpty").as_bool());
    CHECK(call(rt, a, "push", {num(1)}).is_null());
    call(rt, a, "push", {str("two")});
    CHECK(call(rt, a, "size").as_int() == 2);
    CHECK(call(rt, a, "length").as_int() == 2);
    CHECK_FALSE(call(rt, a, "isEmpty").as_bool());
    CHECK(display(call(rt, a, "pop")) == "two");
    CHECK(call(rt, a, "pop").as_int() == 1);
    REQUIRE_ERROR(call(rt, a, "pop"), IndexError, "pop from empty ArrayBox");
    REQUIRE_ERROR(call(rt, a, "push"), TypeError, "wrong number of arguments for ArrayBox.push: expected 1, got 0");
    REQUIRE_ERROR(call(rt, a, "push", {num(1), num(2)}), TypeError,
                  "wrong number of arguments for ArrayBox.push: expected 1, got 2");
}

TEST_CASE("ArrayBox get, set, remove", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    Value a = numbers({10, 20, 30});
    CHECK(call(rt, a, "get", {num(1)}).as_int() == 20);
    CHECK(call(rt, a, "set", {num(1), str("x")}).is_null());
    CHECK(display(a) == "[10, x, 30]");
    CHECK(call(rt, a, "remove", {num(0)}).as_int() == 10);
    CHECK(display(a) == "[x, 30]");
    REQUIRE_ERROR(call(rt, a, "get", {num(2)}), IndexError, "index 2 out of range for ArrayBox of size 2");
    REQUIRE_ERROR(call(rt, a, "get", {num(-1)}), IndexError, "index -1 out of range for ArrayBox of size 2");
    REQUIRE_ERROR(call(rt, a, "set", {num(5), num(0)}), IndexError, "index 5 out of range for ArrayBox of size 2");
    REQUIRE_ERROR(call(rt, a, "remove", {num(2)}), IndexError, "index 2 out of range for ArrayBox of size 2");
    REQUIRE_ERROR(call(rt, a, "get", {str("0")}), TypeError,
                  "bad argument 1 for ArrayBox.get: expected IntegerBox, got StringBox");
    REQUIRE_ERROR(call(rt, a, "set", {real(0.0), num(1)}), TypeError,
                  "bad argument 1 for ArrayBox.set: expected IntegerBox, got FloatBox");
    REQUIRE_ERROR(call(rt, a, "remove", {Value::null()}), TypeError,
                  "bad argument 1 for ArrayBox.remove: expected IntegerBox, got NullBox");
    REQUIRE_ERROR(call(rt, a, "set", {num(0)}), TypeError,
                  "wrong number of arguments for ArrayBox.set: expected 2, got 1");
    // The argument count is checked before the argument types.
    REQUIRE_ERROR(call(rt, a, "get", {str("0"), num(1)}), TypeError,
                  "wrong number of arguments for ArrayBox.get: expected 1, got 2");
}

TEST_CASE("ArrayBox indexOf and contains use equality", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    BoxClass point("P", 0, false, nullptr);
    Value p1 = make_instance(&point);
    Value p2 = make_instance(&point);
    Value a = array_of({num(1), num(2), str("x"), p1, num(2)});
    CHECK(call(rt, a, "indexOf", {real(2.0)}).as_int() == 1);
    CHECK(call(rt, a, "indexOf", {str("x")}).as_int() == 2);
    CHECK(call(rt, a, "indexOf", {p1}).as_int() == 3);
    CHECK(call(rt, a, "indexOf", {p2}).as_int() == -1);
    CHECK(call(rt, a, "indexOf", {str("1")}).as_int() == -1);
    CHECK(call(rt, a, "contains", {p1}).as_bool());
    CHECK_FALSE(call(rt, a, "contains", {p2}).as_bool());
    Value nan = array_of({real(std::nan(""))});
    CHECK_FALSE(call(rt, nan, "contains", {real(std::nan(""))}).as_bool());
}

TEST_CASE("ArrayBox clear, reverse, join", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    Value a = numbers({5, 3, 9});
    CHECK(display(call(rt, a, "join", {str(", ")})) == "5, 3, 9");
    CHECK(call(rt, a, "reverse").is_null());
    CHECK(display(a) == "[9, 3, 5]");
    CHECK(display(call(rt, a, "join", {str("")})) == "935");
    Value mixed = array_of({num(1), str("s"), real(2.0), Value::null(), array_of({num(1)})});
    CHECK(display(call(rt, mixed, "join", {str("|")})) == "1|s|2.0|null|[1]");
    CHECK(display(call(rt, make_array(), "join", {str(",")})).empty());
    CHECK(call(rt, a, "clear").is_null());
    CHECK(call(rt, a, "size").as_int() == 0);
    REQUIRE_ERROR(call(rt, a, "join", {num(1)}), TypeError,
                  "bad argument 1 for ArrayBox.join: expected StringBox, got IntegerBox");
    REQUIRE_ERROR(call(rt, a, "join"), TypeError, "wrong number of arguments for ArrayBox.join: expected 1, got 0");
}

TEST_CASE("ArrayBox slice clamps and copies", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    Value a = numbers({9, 7, 5, 3, 1});
    CHECK(display(call(rt, a, "slice", {num(1), num(3)})) == "[7, 5]");
    CHECK(display(call(rt, a, "slice", {num(3), num(100)})) == "[3, 1]");
    CHECK(display(call(rt, a, "slice", {num(-5), num(2)})) == "[9, 7]");
    CHECK(display(call(rt, a, "slice", {num(4), num(2)})) == "[]");
    Value copy = call(rt, a, "slice", {num(0), num(5)});
    CHECK(copy.as_object() != a.as_object());
    call(rt, copy, "push", {num(0)});
    CHECK(call(rt, a, "size").as_int() == 5);
    REQUIRE_ERROR(call(rt, a, "slice", {num(0), str("2")}), TypeError,
                  "bad argument 2 for ArrayBox.slice: expected IntegerBox, got StringBox");
}

TEST_CASE("ArrayBox sort", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    Value a = numbers({5, 3, 9, 1, 7});
    CHECK(call(rt, a, "sort").is_null());
    CHECK(display(a) == "[1, 3, 5, 7, 9]");
    Value words = array_of({str("pear"), str("apple"), str("fig"), str("Zoo"), str("é")});
    call(rt, words, "sort");
    CHECK(display(words) == "[Zoo, apple, fig, pear, é]");
    Value mixed = array_of({num(2), real(1.5), num(-3)});
    call(rt, mixed, "sort");
    CHECK(display(mixed) == "[-3, 1.5, 2]");
    Value empty = make_array();
    CHECK(call(rt, empty, "sort").is_null());
}

TEST_CASE("ArrayBox sort puts NaN last and is stable", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    double nan = std::numeric_limits<double>::quiet_NaN();
    Value a = array_of({real(nan), num(2), real(-std::numeric_limits<double>::infinity()), real(nan), num(1)});
    call(rt, a, "sort");
    CHECK(display(a) == "[-inf, 1, 2, NaN, NaN]");
    // 1 and 1.0 are equal: their order is kept.
    Value equal = array_of({real(1.0), num(0), num(1), real(1.0)});
    call(rt, equal, "sort");
    CHECK(display(equal) == "[0, 1.0, 1, 1.0]");
    // Large integers compare exactly among themselves.
    Value big = numbers({9007199254740993, 9007199254740992});
    call(rt, big, "sort");
    CHECK(display(big) == "[9007199254740992, 9007199254740993]");
}

TEST_CASE("ArrayBox sort rejects mixed categories", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    REQUIRE_ERROR(call(rt, array_of({num(3), str("x")}), "sort"), TypeError, "cannot compare IntegerBox and StringBox");
    REQUIRE_ERROR(call(rt, array_of({str("x"), real(1.0)}), "sort"), TypeError, "cannot compare StringBox and FloatBox");
    REQUIRE_ERROR(call(rt, array_of({num(1), num(2), Value::null(), str("x")}), "sort"), TypeError,
                  "cannot compare IntegerBox and NullBox");
    REQUIRE_ERROR(call(rt, array_of({Value::boolean(true), num(1)}), "sort"), TypeError,
                  "cannot compare BoolBox and BoolBox");
    REQUIRE_ERROR(call(rt, array_of({make_array()}), "sort"), TypeError, "cannot compare ArrayBox and ArrayBox");
    Value unchanged = array_of({num(2), num(1), str("x")});
    REQUIRE_THROWS(call(rt, unchanged, "sort"));
    CHECK(display(unchanged) == "[2, 1, x]");
}

TEST_CASE("ArrayBox holding itself", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    Value a = make_array();
    call(rt, a, "push", {num(1)});
    call(rt, a, "push", {a});
    CHECK(display(a) == "[1, [...]]");
    CHECK(call(rt, a, "indexOf", {a}).as_int() == 1);
    call(rt, a, "clear");
    CHECK(a.as_object()->refcount == 1);
}

TEST_CASE("ArrayBox unknown method", "[builtins][array]") {
    Runtime rt(OutputMode::Capture);
    REQUIRE_ERROR(call(rt, make_array(), "add", {num(1)}), MethodError, "ArrayBox has no method 'add'");
}
