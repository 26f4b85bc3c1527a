// The interpreter's slot stack: windows stay put, grow keeps values, pop releases references.
#include <catch2/catch.hpp>

#include "interpreter/value_stack.hpp"
#include "runtime/objects.hpp"

using nyash::Value;
using nyash::interp::ValueStack;

namespace {

uint32_t refcount(const Value& v) { return v.as_object()->refcount; }

}  // namespace

TEST_CASE("pushed windows start null and pop_to releases their references", "[interpreter][value_stack]") {
    ValueStack stack;
    Value text = nyash::make_string("shared");
    ValueStack::Mark base = stack.mark();
    Value* window = stack.push(3);
    CHECK(window[0].is_null());
    CHECK(window[2].is_null());
    window[1] = text;
    CHECK(refcount(text) == 2);
    stack.pop_to(base);
    CHECK(refcount(text) == 1);
    Value* again = stack.push(3);
    CHECK(again == window);
    CHECK(again[1].is_null());
}

TEST_CASE("windows never move when later pushes need a new chunk", "[interpreter][value_stack]") {
    ValueStack stack;
    Value* first = stack.push(10);
    first[9] = Value::integer(99);
    ValueStack::Mark after_first = stack.mark();
    Value* huge = stack.push(size_t{1} << 17);  // larger than a chunk
    huge[0] = Value::integer(1);
    Value* next = stack.push(5);
    CHECK(first[9].as_int() == 99);
    CHECK(next != nullptr);
    stack.pop_to(after_first);
    CHECK(first[9].as_int() == 99);
    CHECK(stack.push(1) == first + 10);
}

TEST_CASE("grow keeps the window's values, in place or in a new chunk", "[interpreter][value_stack]") {
    ValueStack stack;
    Value text = nyash::make_string("arg");
    Value* args = stack.push(2);
    args[0] = Value::integer(7);
    args[1] = text;
    Value* frame = stack.grow(args, 2, 6);
    CHECK(frame == args);
    CHECK(frame[5].is_null());

    ValueStack::Mark mark = stack.mark();
    Value* filler = stack.push(1000);  // more than the first chunk holds: a chunk of its own
    Value* moving = stack.push(2);
    moving[0] = Value::integer(1);
    moving[1] = text;
    // Chunks stop doubling at 2^16 slots, so a window this size never fits in place.
    Value* moved = stack.grow(moving, 2, size_t{1} << 17);
    CHECK(moved != moving);
    CHECK(moved[0].as_int() == 1);
    CHECK(moved[1].as_object() == text.as_object());
    CHECK(moving[1].is_null());
    CHECK(refcount(text) == 3);
    CHECK(filler != nullptr);
    stack.pop_to(mark);
    CHECK(refcount(text) == 2);
    CHECK(frame[0].as_int() == 7);
}
