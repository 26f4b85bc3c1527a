// Quickened built-in method calls (vm/quickening.hpp): each form's guards, and call sites that
// see a built-in receiver first and then something else (another built-in, a user box with a
// method of the same name): every engine, with quickening on and off, prints what the
// interpreter's semantics say.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "runtime/objects.hpp"
#include "runtime/symbol.hpp"
#include "tests/unit/support/program_run.hpp"
#include "vm/quickening.hpp"
#include "vm/vm.hpp"

namespace {

using nyash::BuiltinReceiver;
using nyash::Value;
using nyash::vm::QuickForm;

// Runs `source` on every engine, with and without quickening (and without inline caches), and
// checks each run against `expected_out` with exit status 0.
void check_every_configuration(std::string_view source, std::string_view expected_out) {
    const nyash::CompileResult compiled = nyash::compile_source(source);
    REQUIRE(compiled.ok());
    const nyash::vm::Program program = nyash::vm::compile(*compiled.program, 2);
    for (nyash::vm::Engine engine : nyash::vm::compiled_engines()) {
        for (const auto& [caches, quickening] : {std::pair{true, true}, {true, false}, {false, false}}) {
            INFO("engine " << nyash::vm::engine_name(engine) << ", inline caches " << caches << ", quickening "
                           << quickening);
            nyash::vm::RunOptions options;
            options.inline_caches = caches;
            options.quickening = quickening;
            const nyash::test::ProgramRun run = nyash::test::run_compiled(
                *compiled.program, "test.nyash",
                [&](const nyash::ast::Program&, nyash::Runtime& rt) { nyash::vm::run(program, rt, engine, options); });
            CHECK(run.status == 0);
            CHECK(run.err.empty());
            CHECK(run.out == expected_out);
        }
    }
}

const nyash::BuiltinMethod& builtin(BuiltinReceiver receiver, std::string_view name) {
    const nyash::BuiltinMethod* method = nyash::find_builtin_method(receiver, nyash::intern(name));
    REQUIRE(method != nullptr);
    return *method;
}

}  // namespace

TEST_CASE("quick forms are chosen by receiver, method and argument count", "[vm][quickening]") {
    using nyash::intern;
    using nyash::vm::quick_form_for;
    CHECK(quick_form_for(BuiltinReceiver::Array, intern("get"), 1) == QuickForm::ArrayGet);
    CHECK(quick_form_for(BuiltinReceiver::Array, intern("set"), 2) == QuickForm::ArraySet);
    CHECK(quick_form_for(BuiltinReceiver::Array, intern("push"), 1) == QuickForm::ArrayPush);
    CHECK(quick_form_for(BuiltinReceiver::Array, intern("size"), 0) == QuickForm::ArraySize);
    CHECK(quick_form_for(BuiltinReceiver::Array, intern("length"), 0) == QuickForm::ArraySize);
    CHECK(quick_form_for(BuiltinReceiver::Map, intern("get"), 1) == QuickForm::MapGet);
    CHECK(quick_form_for(BuiltinReceiver::Map, intern("set"), 2) == QuickForm::MapSet);
    CHECK(quick_form_for(BuiltinReceiver::Map, intern("has"), 1) == QuickForm::MapHas);
    CHECK(quick_form_for(BuiltinReceiver::String, intern("length"), 0) == QuickForm::StringLength);
    CHECK(quick_form_for(BuiltinReceiver::String, intern("substring"), 2) == QuickForm::StringSubstring);
    // A wrong argument count is left to the generic call, which reports it.
    CHECK(quick_form_for(BuiltinReceiver::Array, intern("get"), 2) == QuickForm::None);
    CHECK(quick_form_for(BuiltinReceiver::Map, intern("size"), 0) == QuickForm::None);
    CHECK(quick_form_for(BuiltinReceiver::String, intern("get"), 1) == QuickForm::None);
}

TEST_CASE("a quick form whose guard fails changes nothing", "[vm][quickening]") {
    nyash::Runtime rt(nyash::OutputMode::Capture);
    const Value array = nyash::make_array({Value::integer(7)});
    const Value map = nyash::make_map();
    const Value text = nyash::make_string("abc");

    SECTION("ArrayGet: another receiver kind, an index out of range, an index that is no Int") {
        const auto& get = builtin(BuiltinReceiver::Array, "get");
        for (const auto& [receiver, index] : {std::pair{map, Value::integer(0)}, {array, Value::integer(1)},
                                              {array, Value::integer(-1)}, {array, Value::real(0.0)}}) {
            Value window[] = {receiver, index};
            CHECK_FALSE(nyash::vm::run_quickened(QuickForm::ArrayGet, rt, get, window));
            CHECK(window[0].as_object() == receiver.as_object());
        }
        Value window[] = {array, Value::integer(0)};
        REQUIRE(nyash::vm::run_quickened(QuickForm::ArrayGet, rt, get, window));
        CHECK(window[0].as_int() == 7);
    }
    SECTION("ArraySet, ArrayPush and ArraySize on a map") {
        Value set_window[] = {map, Value::integer(0), Value::integer(1)};
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::ArraySet, rt, builtin(BuiltinReceiver::Array, "set"),
                                             set_window));
        Value push_window[] = {map, Value::integer(1)};
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::ArrayPush, rt, builtin(BuiltinReceiver::Array, "push"),
                                             push_window));
        Value size_window[] = {text};
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::ArraySize, rt, builtin(BuiltinReceiver::Array, "size"),
                                             size_window));
        CHECK(nyash::as_array(array).items.size() == 1);
    }
    SECTION("ArraySet out of range leaves the array alone") {
        Value window[] = {array, Value::integer(1), Value::integer(9)};
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::ArraySet, rt, builtin(BuiltinReceiver::Array, "set"), window));
        CHECK(nyash::as_array(array).items.size() == 1);
        CHECK(nyash::as_array(array).items[0].as_int() == 7);
    }
    SECTION("Map forms on an array, String forms on a map or with no Int arguments") {
        Value map_window[] = {array, Value::integer(0)};
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::MapGet, rt, builtin(BuiltinReceiver::Map, "get"), map_window));
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::MapHas, rt, builtin(BuiltinReceiver::Map, "has"), map_window));
        Value length_window[] = {map};
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::StringLength, rt, builtin(BuiltinReceiver::String, "length"),
                                             length_window));
        Value substring_window[] = {text, Value::integer(0), text};
        CHECK_FALSE(nyash::vm::run_quickened(QuickForm::StringSubstring, rt,
                                             builtin(BuiltinReceiver::String, "substring"), substring_window));
    }
}

TEST_CASE("a site quickened for ArrayBox get, then given a user box with get", "[vm][quickening]") {
    check_every_configuration(R"(box Shelf {
    init { item }
    birth(item) { me.item = item }
    get(i) { return me.item + i }
}
function fetch(container, i) { return container.get(i) }
local a = new ArrayBox()
a.push(10)
a.push(20)
print(fetch(a, 1))
print(fetch(new Shelf(100), 5))
print(fetch(a, 0))
local m = new MapBox()
m.set("1", "one")
print(fetch(m, 1))
print(fetch(a, 1))
)",
                              "20\n105\n10\none\n20\n");
}

TEST_CASE("every quickened form meets a receiver it was not made for", "[vm][quickening]") {
    check_every_configuration(R"(box Fake {
    init { log }
    birth() { me.log = "" }
    set(k, v) { me.log = me.log + k + "=" + v + ";"; return me.log }
    push(v) { return "pushed " + v }
    size() { return -1 }
    length() { return -2 }
    has(k) { return k == "yes" }
    substring(a, b) { return "sub" + a + b }
}
function setter(c) { return c.set(0, 5) }
function pusher(c) { return c.push(3) }
function sizer(c) { return c.size() }
function lengther(c) { return c.length() }
function haser(c) { return c.has("yes") }
function subber(c) { return c.substring(1, 3) }
local a = new ArrayBox()
a.push(1)
local m = new MapBox()
local f = new Fake()
print(setter(a))
print(a.get(0))
print(setter(f))
print(setter(m))
print(m.get("0"))
print(pusher(a))
print(pusher(f))
print(sizer(a))
print(sizer(f))
print(sizer(m))
print(lengther("héllo"))
print(lengther(a))
print(lengther(f))
print(haser(m))
print(haser(f))
print(subber("héllo"))
print(subber(f))
print(subber("héllo"))
)",
                              "null\n5\n0=5;\nnull\n5\nnull\npushed 3\n2\n-1\n1\n5\n2\n-2\nfalse\ntrue\nél\nsub13\nél\n");
}

TEST_CASE("a failing guard reaches the generic call and its error", "[vm][quickening]") {
    const std::string_view source = R"(function fetch(a, i) { return a.get(i) }
local a = new ArrayBox()
a.push(1)
print(fetch(a, 0))
print(fetch(a, 3))
)";
    const nyash::CompileResult compiled = nyash::compile_source(source);
    REQUIRE(compiled.ok());
    const nyash::vm::Program program = nyash::vm::compile(*compiled.program, 2);
    for (nyash::vm::Engine engine : nyash::vm::compiled_engines()) {
        INFO("engine " << nyash::vm::engine_name(engine));
        const nyash::test::ProgramRun run = nyash::test::run_compiled(
            *compiled.program, "test.nyash",
            [&](const nyash::ast::Program&, nyash::Runtime& rt) { nyash::vm::run(program, rt, engine); });
        CHECK(run.status == 1);
        CHECK(run.out == "1\n");
        CHECK(run.err.find("IndexError") != std::string::npos);
        CHECK(run.err.find("test.nyash:1:") != std::string::npos);
    }
}
