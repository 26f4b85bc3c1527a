// Golden MIR of small programs (printer output of the unoptimized builder result).
#include <catch2/catch.hpp>

#include "mir/builder.hpp"
#include "mir/printer.hpp"
#include "mir/verifier.hpp"
#include "mir_test_support.hpp"
#include "runtime/error.hpp"

using namespace nyash;

namespace {

std::string built_function(std::string_view source, std::string_view name) {
    return test::dump_function(test::build_mir(source), name);
}

}  // namespace

TEST_CASE("builder: return paths, implicit null return, code after return is dropped", "[mir][builder]") {
    const char* source = R"(
function sign(n) {
    if n < 0 { return -1 }
    if n == 0 { return 0 } else { return 1 }
    print("unreachable")
}
function show(x) {
    print(x)
}
)";
    REQUIRE(built_function(source, "sign") == R"(fn #1 sign(params=1) {
bb0:
  %0 = param 0
  %1:int = const 0
  %2 = lt %0, %1 @3:10
  br %2, bb1, bb2
bb1:  ; preds: bb0
  %3:int = const 1
  %4 = neg %3 @3:23
  ret %4
bb2:  ; preds: bb0
  jump bb3
bb3:  ; preds: bb2
  %5:int = const 0
  %6 = eq %0, %5
  br %6, bb4, bb5
bb4:  ; preds: bb3
  %7:int = const 0
  ret %7
bb5:  ; preds: bb3
  %8:int = const 1
  ret %8
}
)");
    REQUIRE(built_function(source, "show") == R"(fn #2 show(params=1) {
bb0:
  %0 = param 0
  print %0
  ret
}
)");
    // The script has no statements: it just returns.
    REQUIRE(built_function(source, "<script>") == "fn #0 <script>(params=0) {\nbb0:\n  ret\n}\n");
}

TEST_CASE("builder: loop phis with break and continue", "[mir][builder]") {
    // `total` is null until assigned; `break` leaves through its own block (bb9) that the loop
    // exit (bb3) joins; `continue` (bb4) and the end of the body (bb10) return to the header.
    const char* source = R"(
function count(limit) {
    local i = 0
    local total
    loop (i < limit) {
        i = i + 1
        if i % 2 == 0 { continue }
        if i > 7 { break; print("dead") }
        total = i
    }
    return total
}
)";
    REQUIRE(built_function(source, "count") == R"(fn #1 count(params=1) {
bb0:
  %0 = param 0
  %1:int = const 0
  %2:null = const null
  jump bb1
bb1:  ; preds: bb0, bb4, bb10
  %3 = phi [%2, bb0], [%3, bb4], [%7, bb10]
  %4 = phi [%1, bb0], [%7, bb4], [%7, bb10]
  %5 = lt %4, %0 @5:13
  br %5, bb2, bb3
bb2:  ; preds: bb1
  %6:int = const 1
  %7 = add %4, %6 @6:15
  %8:int = const 2
  %9 = mod %7, %8 @7:14
  %10:int = const 0
  %11 = eq %9, %10
  br %11, bb4, bb5
bb3:  ; preds: bb1
  jump bb9
bb4:  ; preds: bb2
  jump bb1
bb5:  ; preds: bb2
  jump bb6
bb6:  ; preds: bb5
  %12:int = const 7
  %13 = gt %7, %12 @8:14
  br %13, bb7, bb8
bb7:  ; preds: bb6
  jump bb9
bb8:  ; preds: bb6
  jump bb10
bb9:  ; preds: bb7, bb3
  ret %3
bb10:  ; preds: bb8
  jump bb1
}
)");
}

TEST_CASE("builder: and/or/not produce Bools; locals without initializer restart as null", "[mir][builder]") {
    const char* source = R"(
static box Main {
    main() {
        local a = 0
        local flag = not a or a > 3
        loop (flag) {
            local t
            if a > 1 { t = a }
            print(t)
            a = a + 1
            flag = a < 3
        }
    }
}
)";
    REQUIRE(built_function(source, "Main.main") == R"(fn #1 Main.main(params=1) {
bb0:
  %0 = param 0
  %1:int = const 0
  %2 = not %1
  br %2, bb2, bb1
bb1:  ; preds: bb0
  %3:int = const 3
  %4 = gt %1, %3 @5:33
  %5 = tobool %4
  jump bb3
bb2:  ; preds: bb0
  %6:bool = const true
  jump bb3
bb3:  ; preds: bb1, bb2
  %7 = phi [%5, bb1], [%6, bb2]
  jump bb4
bb4:  ; preds: bb3, bb9
  %8 = phi [%1, bb3], [%15, bb9]
  %9 = phi [%7, bb3], [%17, bb9]
  br %9, bb5, bb6
bb5:  ; preds: bb4
  %10:null = const null
  %11:int = const 1
  %12 = gt %8, %11 @8:18
  br %12, bb7, bb8
bb6:  ; preds: bb4
  ret
bb7:  ; preds: bb5
  jump bb9
bb8:  ; preds: bb5
  jump bb9
bb9:  ; preds: bb7, bb8
  %13 = phi [%8, bb7], [%10, bb8]
  print %13
  %14:int = const 1
  %15 = add %8, %14 @10:19
  %16:int = const 3
  %17 = lt %15, %16 @11:22
  jump bb4
}
)");
}

TEST_CASE("builder: boxes, fields, method calls, from, static boxes, new", "[mir][builder]") {
    const char* source = R"nyash(box Animal {
    init { name }
    birth(name) { me.name = name }
    speak() { return me.name + " makes a sound" }
}
box Dog from Animal {
    birth(name) { from Animal.birth(name) }
    override speak() { return from Animal.speak() + " (woof)" }
}
static box Registry {
    init { count }
    add(x) { me.count = me.count + x }
}
function greet(who) {
    print("hi " + who)
}
local d = new Dog("Rex")
print(d.speak())
Registry.count = 0
Registry.add(2)
local a = new ArrayBox()
a.push(-1)
greet(d.name)
)nyash";
    REQUIRE(test::dump_mir(source, 0) == R"mir(fn #0 <script>(params=0) {
bb0:
  %0:str = const "Rex"
  %1 = newbox Dog(%0) @17:11
  %2 = boxcall %1.speak() site=0 @18:9
  print %2
  %3 = staticbox Registry @19:1
  %4:int = const 0
  setfield %3.count = %4 site=1 @19:10
  %5 = staticbox Registry @20:1
  %6:int = const 2
  %7 = boxcall %5.add(%6) site=2 @20:10
  %8 = newbuiltin ArrayBox() @21:11
  %9:int = const 1
  %10 = neg %9 @22:8
  %11 = boxcall %8.push(%10) site=3 @22:3
  %12 = getfield %1.name site=4 @23:9
  %13 = call greet(%12) @23:1
  ret
}

fn #1 Animal.birth(params=2) {
bb0:
  %0 = param 0
  %1 = param 1
  setfield %0.name = %1 site=5 @3:22
  ret
}

fn #2 Animal.speak(params=1) {
bb0:
  %0 = param 0
  %1 = getfield %0.name site=6 @4:25
  %2:str = const " makes a sound"
  %3 = add %1, %2 @4:30
  ret %3
}

fn #3 Dog.birth(params=2) {
bb0:
  %0 = param 0
  %1 = param 1
  %2 = fromctor Animal(%0, %1) @7:19
  ret
}

fn #4 Dog.speak(params=1) {
bb0:
  %0 = param 0
  %1 = fromcall Animal.speak(%0) @8:31
  %2:str = const " (woof)"
  %3 = add %1, %2 @8:51
  ret %3
}

fn #5 Registry.add(params=2) {
bb0:
  %0 = param 0
  %1 = param 1
  %2 = getfield %0.count site=8 @12:28
  %3 = add %2, %1 @12:34
  setfield %0.count = %3 site=7 @12:17
  ret
}

fn #6 greet(params=1) {
bb0:
  %0 = param 0
  %1:str = const "hi "
  %2 = add %1, %0 @15:17
  print %2
  ret
}
)mir");
}

TEST_CASE("builder: evaluation order and string escapes in constants", "[mir][builder]") {
    // o.f = e evaluates o, then e, then stores; a method call evaluates the receiver first.
    const char* source = R"(
function f(o, p) {
    o.next = p.make("a\"b\n")
}
)";
    REQUIRE(built_function(source, "f") == R"(fn #1 f(params=2) {
bb0:
  %0 = param 0
  %1 = param 1
  %2:str = const "a\"b\n"
  %3 = boxcall %1.make(%2) site=1 @3:16
  setfield %0.next = %3 site=0 @3:7
  ret
}
)");
}

TEST_CASE("builder: SSA construction stays shallow on long statement chains", "[mir][builder]") {
    // 3000 sequential ifs, then a read of a variable none of them touches: the lookup walks
    // back through every join; the trivial phis it creates on the way all disappear.
    std::string source = "function f(c) {\n  local untouched = 7\n  local x = 0\n";
    for (int i = 0; i < 3000; ++i) source += "  if c { x = x + 1 }\n";
    source += "  return untouched + x\n}\n";
    mir::Module module = test::build_mir(source);
    const mir::Function& f = module.functions[1];
    REQUIRE(mir::verify(f).empty());
    int phis = 0;
    for (const mir::Block& block : f.blocks)
        for (const mir::Instr& instr : block.instrs) phis += instr.op == mir::Op::Phi;
    REQUIRE(phis == 3000);  // one for x per join, none for `untouched`
}

TEST_CASE("builder: every callable gets its function, members take me first", "[mir][builder]") {
    mir::Module module = test::build_mir(R"(
box P {
    birth(a, b) { }
    m(x) { return x }
}
static box S {
    main() { }
}
function g() { }
)");
    REQUIRE(module.box_names == std::vector<std::string>{"P", "S"});
    REQUIRE(module.functions.size() == 5);
    std::vector<std::pair<std::string, int>> signatures;
    for (const mir::Function& fn : module.functions) signatures.emplace_back(fn.name, fn.param_count);
    REQUIRE(signatures == std::vector<std::pair<std::string, int>>{
                             {"<script>", 0}, {"P.birth", 3}, {"P.m", 2}, {"S.main", 1}, {"g", 0}});
    for (size_t id = 0; id < module.functions.size(); ++id) REQUIRE(module.functions[id].id == static_cast<int>(id));
}

TEST_CASE("builder: a try body gets exception edges, the code before it none", "[mir][builder][tier2]") {
    const std::string text = test::dump_mir("local a = new ArrayBox()\n"
                                      "try {\n    print(a.get(0))\n} catch (e) {\n    print(e)\n}\n",
                                      0);
    INFO(text);
    // bb0 creates the array and jumps into the body; the body's call has the only exception
    // edge, to a landing block that jumps to the handler, which starts with `catch value`.
    const size_t body = text.find("bb1:  ; preds: bb0  ; unwind: bb3\n");
    CHECK(text.find("bb0:\n") != std::string::npos);
    REQUIRE(body != std::string::npos);
    CHECK(text.find("boxcall", body) < text.find("bb2:", body));
    CHECK(text.find("catch value") != std::string::npos);
    CHECK(text.find("unwind: bb", text.find("bb2")) == std::string::npos);  // nothing after the body raises into it
}

TEST_CASE("builder: finally is lowered once; each way out continues after it", "[mir][builder][tier2]") {
    const mir::Module module = test::build_mir("function f(x) {\n"
                                         "    try {\n        if x { return 1 }\n        print(x / 2)\n"
                                         "    } finally {\n        print(\"done\")\n    }\n    return 2\n}\n");
    const std::string text = test::dump_function(module, "f");
    INFO(text);
    size_t copies = 0;
    for (size_t at = text.find("\"done\""); at != std::string::npos; at = text.find("\"done\"", at + 1)) ++copies;
    CHECK(copies == 1);  // `return 1`, the end of the body and the exception all go through it
    CHECK(text.find("catch raw") != std::string::npos);
    CHECK(text.find("(rethrow)") != std::string::npos);
    CHECK(text.find(" = eq ") != std::string::npos);  // the test of which way it was entered
}

TEST_CASE("builder: nested finally blocks grow the function linearly", "[mir][builder][tier2]") {
    auto size_for = [](int depth) {
        std::string source = "function f() { return 1 }\n";
        for (int i = 0; i < depth; ++i) source += "try { f() } finally {\n";
        source += "print(1)\n" + std::string(static_cast<size_t>(depth), '}') + "\n";
        const mir::Module module = test::build_mir(source);
        size_t instrs = 0;
        for (const auto& block : module.functions[0].blocks) instrs += block.instrs.size();
        return instrs;
    };
    const size_t small = size_for(10), large = size_for(100);
    INFO(small << " instructions at depth 10, " << large << " at depth 100");
    CHECK(large < small * 15);  // 10x the depth: about 10x the code, not 2^90x
}
