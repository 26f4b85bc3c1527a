#include <limits>

#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

TEST_CASE("built-in box names", "[constructors]") {
    CHECK(builtin_box_by_name("IntegerBox") == BuiltinBox::IntegerBox);
    CHECK(builtin_box_by_name("TimeBox") == BuiltinBox::TimeBox);
    CHECK_FALSE(builtin_box_by_name("FileBox").has_value());
    CHECK_FALSE(builtin_box_by_name("integerbox").has_value());
    for (auto box : {BuiltinBox::IntegerBox, BuiltinBox::FloatBox, BuiltinBox::StringBox, BuiltinBox::BoolBox,
                     BuiltinBox::NullBox, BuiltinBox::ArrayBox, BuiltinBox::MapBox, BuiltinBox::ConsoleBox,
                     BuiltinBox::MathBox, BuiltinBox::DebugBox, BuiltinBox::TimeBox})
        CHECK(builtin_box_by_name(builtin_box_name(box)) == box);
}

TEST_CASE("new IntegerBox", "[constructors]") {
    Runtime rt(OutputMode::Capture);
    CHECK(construct(rt, BuiltinBox::IntegerBox, {num(42)}).as_int() == 42);
    CHECK(construct(rt, BuiltinBox::IntegerBox, {str("-12")}).as_int() == -12);
    CHECK(construct(rt, BuiltinBox::IntegerBox, {real(3.9)}).as_int() == 3);
    CHECK(construct(rt, BuiltinBox::IntegerBox, {real(-3.9)}).as_int() == -3);
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox, {str("4x")}), ValueError,
                  "cannot convert '4x' to IntegerBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox, {str("")}), ValueError, "cannot convert '' to IntegerBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox, {str("1.5")}), ValueError,
                  "cannot convert '1.5' to IntegerBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox, {real(std::numeric_limits<double>::quiet_NaN())}),
                  ValueError, "cannot convert 'NaN' to IntegerBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox, {real(1e19)}), ValueError,
                  "cannot convert '10000000000000000000.0' to IntegerBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox, {Value::boolean(true)}), TypeError,
                  "bad argument 1 for IntegerBox constructor: expected number or StringBox, got BoolBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox), TypeError,
                  "wrong number of arguments for IntegerBox constructor: expected 1, got 0");
    REQUIRE_ERROR(construct(rt, BuiltinBox::IntegerBox, {num(1), num(2)}), TypeError,
                  "wrong number of arguments for IntegerBox constructor: expected 1, got 2");
}

TEST_CASE("new FloatBox", "[constructors]") {
    Runtime rt(OutputMode::Capture);
    Value two = construct(rt, BuiltinBox::FloatBox, {num(2)});
    REQUIRE(two.is_float());
    CHECK(display(two) == "2.0");
    CHECK(construct(rt, BuiltinBox::FloatBox, {real(2.5)}).as_float() == 2.5);
    CHECK(construct(rt, BuiltinBox::FloatBox, {str("1.25")}).as_float() == 1.25);
    CHECK(construct(rt, BuiltinBox::FloatBox, {str("-7")}).as_float() == -7.0);
    REQUIRE_ERROR(construct(rt, BuiltinBox::FloatBox, {str("abc")}), ValueError, "cannot convert 'abc' to FloatBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::FloatBox, {str("1e3")}), ValueError, "cannot convert '1e3' to FloatBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::FloatBox, {Value::null()}), TypeError,
                  "bad argument 1 for FloatBox constructor: expected number or StringBox, got NullBox");
    REQUIRE_ERROR(construct(rt, BuiltinBox::FloatBox), TypeError,
                  "wrong number of arguments for FloatBox constructor: expected 1, got 0");
}

TEST_CASE("new StringBox, BoolBox, NullBox", "[constructors]") {
    Runtime rt(OutputMode::Capture);
    CHECK(display(construct(rt, BuiltinBox::StringBox, {num(12)})) == "12");
    CHECK(construct(rt, BuiltinBox::StringBox, {num(12)}).is_object_of(ObjectKind::String));
    CHECK(display(construct(rt, BuiltinBox::StringBox, {make_array()})) == "[]");
    CHECK(display(construct(rt, BuiltinBox::StringBox, {Value::null()})) == "null");
    CHECK(display(construct(rt, BuiltinBox::StringBox, {str("s")})) == "s");
    REQUIRE_ERROR(construct(rt, BuiltinBox::StringBox), TypeError,
                  "wrong number of arguments for StringBox constructor: expected 1, got 0");
    CHECK(construct(rt, BuiltinBox::BoolBox, {Value::boolean(true)}).as_bool());
    REQUIRE_ERROR(construct(rt, BuiltinBox::BoolBox, {num(1)}), TypeError,
                  "bad argument 1 for BoolBox constructor: expected BoolBox, got IntegerBox");
    CHECK(construct(rt, BuiltinBox::NullBox).is_null());
    REQUIRE_ERROR(construct(rt, BuiltinBox::NullBox, {Value::null()}), TypeError,
                  "wrong number of arguments for NullBox constructor: expected 0, got 1");
}

TEST_CASE("new container and service boxes", "[constructors]") {
    Runtime rt(OutputMode::Capture);
    CHECK(construct(rt, BuiltinBox::ArrayBox).is_object_of(ObjectKind::Array));
    CHECK(construct(rt, BuiltinBox::MapBox).is_object_of(ObjectKind::Map));
    CHECK(construct(rt, BuiltinBox::ConsoleBox).is_object_of(ObjectKind::Console));
    CHECK(construct(rt, BuiltinBox::MathBox).is_object_of(ObjectKind::Math));
    CHECK(construct(rt, BuiltinBox::DebugBox).is_object_of(ObjectKind::Debug));
    CHECK(construct(rt, BuiltinBox::TimeBox).is_object_of(ObjectKind::Time));
    REQUIRE_ERROR(construct(rt, BuiltinBox::ArrayBox, {num(3)}), TypeError,
                  "wrong number of arguments for ArrayBox constructor: expected 0, got 1");
    REQUIRE_ERROR(construct(rt, BuiltinBox::TimeBox, {num(3), num(4)}), TypeError,
                  "wrong number of arguments for TimeBox constructor: expected 0, got 2");
}
