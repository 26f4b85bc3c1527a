#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

TEST_CASE("MapBox basic operations", "[builtins][map]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_map();
    CHECK(call(rt, m, "set", {str("apple"), num(3)}).is_null());
    call(rt, m, "set", {str("banana"), num(5)});
    call(rt, m, "set", {str("cherry"), num(7)});
    CHECK(call(rt, m, "size").as_int() == 3);
    CHECK(call(rt, m, "length").as_int() == 3);
    CHECK(call(rt, m, "get", {str("banana")}).as_int() == 5);
    CHECK(call(rt, m, "get", {str("durian")}).is_null());
    CHECK(call(rt, m, "has", {str("apple")}).as_bool());
    CHECK_FALSE(call(rt, m, "has", {str("durian")}).as_bool());
    call(rt, m, "set", {str("apple"), num(30)});
    CHECK(display(m) == "{apple: 30, banana: 5, cherry: 7}");
    CHECK(display(call(rt, m, "keys")) == "[apple, banana, cherry]");
    CHECK(display(call(rt, m, "values")) == "[30, 5, 7]");
    CHECK(call(rt, m, "delete", {str("banana")}).as_bool());
    CHECK_FALSE(call(rt, m, "delete", {str("banana")}).as_bool());
    CHECK(display(m) == "{apple: 30, cherry: 7}");
    call(rt, m, "set", {str("banana"), num(0)});
    CHECK(display(call(rt, call(rt, m, "keys"), "join", {str(",")})) == "apple,cherry,banana");
    CHECK(call(rt, m, "clear").is_null());
    CHECK(call(rt, m, "size").as_int() == 0);
    CHECK(display(m) == "{}");
}

TEST_CASE("MapBox keys are display forms", "[builtins][map]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_map();
    call(rt, m, "set", {num(1), str("one")});
    CHECK(display(call(rt, m, "get", {str("1")})) == "one");
    CHECK(call(rt, m, "has", {num(1)}).as_bool());
    CHECK_FALSE(call(rt, m, "has", {real(1.0)}).as_bool());
    call(rt, m, "set", {real(1.0), str("float")});
    call(rt, m, "set", {Value::null(), num(0)});
    call(rt, m, "set", {Value::boolean(true), num(1)});
    call(rt, m, "set", {array_of({num(1)}), num(2)});
    CHECK(display(m) == "{1: one, 1.0: float, null: 0, true: 1, [1]: 2}");
    CHECK(call(rt, m, "get", {str("null")}).as_int() == 0);
    CHECK(call(rt, m, "delete", {Value::boolean(true)}).as_bool());
    Value key = call(rt, call(rt, m, "keys"), "get", {num(0)});
    CHECK(key.is_object_of(ObjectKind::String));
}

TEST_CASE("MapBox values are shared, keys and values arrays are new", "[builtins][map]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_map();
    Value inner = make_array();
    call(rt, m, "set", {str("list"), inner});
    CHECK(call(rt, m, "get", {str("list")}).as_object() == inner.as_object());
    Value values = call(rt, m, "values");
    CHECK(call(rt, values, "get", {num(0)}).as_object() == inner.as_object());
    call(rt, values, "push", {num(1)});
    CHECK(call(rt, m, "size").as_int() == 1);
}

TEST_CASE("MapBox argument errors", "[builtins][map]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_map();
    REQUIRE_ERROR(call(rt, m, "set", {str("a")}), TypeError, "wrong number of arguments for MapBox.set: expected 2, got 1");
    REQUIRE_ERROR(call(rt, m, "get"), TypeError, "wrong number of arguments for MapBox.get: expected 1, got 0");
    REQUIRE_ERROR(call(rt, m, "keys", {num(1)}), TypeError, "wrong number of arguments for MapBox.keys: expected 0, got 1");
    REQUIRE_ERROR(call(rt, m, "remove", {str("a")}), MethodError, "MapBox has no method 'remove'");
}

TEST_CASE("MapBox holding itself", "[builtins][map]") {
    Runtime rt(OutputMode::Capture);
    Value m = make_map();
    call(rt, m, "set", {str("me"), m});
    CHECK(display(m) == "{me: {...}}");
    call(rt, m, "clear");
    CHECK(m.as_object()->refcount == 1);
}
