// Each pass on a small program: the function before and after, as printed MIR.
#include <catch2/catch.hpp>

#include <initializer_list>

#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"
#include "mir/verifier.hpp"
#include "mir_test_support.hpp"

using namespace nyash;
using namespace nyash::mir;

namespace {

using PassFn = bool (*)(Function&);

// Builds `source`, runs `passes` in order on function `id`, requiring each to report a change
// (and the result to verify); returns the printed function.
std::string after(std::string_view source, int id, std::initializer_list<PassFn> passes) {
    Module module = test::build_mir(source);
    Function& fn = module.functions[static_cast<size_t>(id)];
    for (PassFn pass : passes) {
        REQUIRE(pass(fn));
        REQUIRE(verify(fn).empty());
    }
    return print_function(fn, &module);
}

const char* kConstantProgram = R"(print(1 + 2 * 3)
print("n=" + 10 / 4.0)
print(7 / 0)
print(-0.0)
print(9223372036854775807 + 1)
print(not "")
print("ab" * 3)
print(1 < "x")
)";

const char* kBranchProgram = R"(local x = 0
if 1 < 2 { x = 10 } else { x = 20 }
print(x)
loop (false) { print("never") }
print("end")
)";

const char* kDeadCodeProgram = R"(
function f(a, b) {
    local sum = a + b
    local folded = 1 + 2
    local quotient = a / b
    local negated = -a
    local k = 0
    local i = 0
    loop (i < a) {
        k = k + 1
        i = i + 1
    }
    return i
}
)";

}  // namespace

TEST_CASE("constant folding uses the runtime operators and leaves errors to run time", "[mir][passes]") {
    // 7 / 0 and 1 < "x" raise at run time and stay; -0.0 keeps its sign; overflow wraps.
    REQUIRE(after(kConstantProgram, 0, {fold_constants}) == R"(fn #0 <script>(params=0) {
bb0:
  %0:int = const 1
  %1:int = const 2
  %2:int = const 3
  %3:int = const 6
  %4:int = const 7
  print %4
  %5:str = const "n="
  %6:int = const 10
  %7:float = const 4.0
  %8:float = const 2.5
  %9:str = const "n=2.5"
  print %9
  %10:int = const 7
  %11:int = const 0
  %12 = div %10, %11 @3:9
  print %12
  %13:float = const 0.0
  %14:float = const -0.0
  print %14
  %15:int = const 9223372036854775807
  %16:int = const 1
  %17:int = const -9223372036854775808
  print %17
  %18:str = const ""
  %19:bool = const true
  print %19
  %20:str = const "ab"
  %21:int = const 3
  %22:str = const "ababab"
  print %22
  %23:int = const 1
  %24:str = const "x"
  %25 = lt %23, %24 @8:9
  print %25
  ret
}
)");
}

TEST_CASE("constant folding does not build huge strings", "[mir][passes]") {
    Function fn = test::build_mir("print(\"ab\" * 100000)\nprint(\"ab\" * 3)\n").functions[0];
    REQUIRE(fold_constants(fn));
    int multiplications = 0;
    for (const Instr& instr : fn.blocks[0].instrs) multiplications += instr.op == Op::Mul;
    REQUIRE(multiplications == 1);
}

TEST_CASE("CFG simplification, then copy propagation, then DCE", "[mir][passes]") {
    // After folding, both branches are constant: the dead arm and the loop disappear, the
    // blocks merge and the join's phi becomes a copy.
    REQUIRE(after(kBranchProgram, 0, {fold_constants, simplify_cfg}) == R"(fn #0 <script>(params=0) {
bb0:
  %0:int = const 0
  %1:int = const 1
  %2:int = const 2
  %3:bool = const true
  %4:int = const 10
  %6 = copy %4
  print %6
  %7:bool = const false
  %9:str = const "end"
  print %9
  ret
}
)");
    REQUIRE(after(kBranchProgram, 0, {fold_constants, simplify_cfg, propagate_copies}) ==
            R"(fn #0 <script>(params=0) {
bb0:
  %0:int = const 0
  %1:int = const 1
  %2:int = const 2
  %3:bool = const true
  %4:int = const 10
  print %4
  %7:bool = const false
  %9:str = const "end"
  print %9
  ret
}
)");
    REQUIRE(after(kBranchProgram, 0, {fold_constants, simplify_cfg, propagate_copies, eliminate_dead_code}) ==
            R"(fn #0 <script>(params=0) {
bb0:
  %4:int = const 10
  print %4
  %9:str = const "end"
  print %9
  ret
}
)");
}

TEST_CASE("CFG simplification keeps a reachable join's phis and removes trivial ones", "[mir][passes]") {
    // Only the `else` edge of the inner if disappears; the outer join keeps a real phi.
    const char* source = R"(
function f(c) {
    local x = 1
    if c {
        if true { x = 2 } else { x = 3 }
    }
    return x
}
)";
    REQUIRE(after(source, 1, {simplify_cfg, propagate_copies}) == R"(fn #1 f(params=1) {
bb0:
  %0 = param 0
  %1:int = const 1
  br %0, bb1, bb2
bb1:  ; preds: bb0
  %2:bool = const true
  %3:int = const 2
  jump bb3
bb2:  ; preds: bb0
  jump bb3
bb3:  ; preds: bb1, bb2
  %6 = phi [%3, bb1], [%1, bb2]
  ret %6
}
)");
}

TEST_CASE("DCE keeps what may raise and removes pure or provably safe work", "[mir][passes]") {
    // Without types only `1 + 2` (constants are typed) is provably safe; a + b, a / b and -a
    // may raise a TypeError, and so may k + 1 while k's type is unknown.
    REQUIRE(after(kDeadCodeProgram, 1, {eliminate_dead_code}) == R"(fn #1 f(params=2) {
bb0:
  %0 = param 0
  %1 = param 1
  %2 = add %0, %1 @3:19
  %6 = div %0, %1 @5:24
  %7 = neg %0 @6:21
  %8:int = const 0
  %9:int = const 0
  jump bb1
bb1:  ; preds: bb0, bb2
  %10 = phi [%8, bb0], [%14, bb2]
  %11 = phi [%9, bb0], [%16, bb2]
  %12 = lt %11, %0 @9:13
  br %12, bb2, bb3
bb2:  ; preds: bb1
  %13:int = const 1
  %14 = add %10, %13 @10:15
  %15:int = const 1
  %16 = add %11, %15 @11:15
  jump bb1
bb3:  ; preds: bb1
  ret %11
}
)");
    // With types, k is an int counter: its dead phi cycle goes too.
    REQUIRE(after(kDeadCodeProgram, 1, {infer_types, eliminate_dead_code}) == R"(fn #1 f(params=2) {
bb0:
  %0 = param 0
  %1 = param 1
  %2 = add %0, %1 @3:19
  %6 = div %0, %1 @5:24
  %7 = neg %0 @6:21
  %9:int = const 0
  jump bb1
bb1:  ; preds: bb0, bb2
  %11:int = phi [%9, bb0], [%16, bb2]
  %12:bool = lt %11, %0 @9:13
  br %12, bb2, bb3
bb2:  ; preds: bb1
  %15:int = const 1
  %16:int = add %11, %15 @11:15
  jump bb1
bb3:  ; preds: bb1
  ret %11
}
)");
}

TEST_CASE("DCE drops unused constants from the pool", "[mir][passes]") {
    Function fn = test::build_mir("local unused = \"text\"\nprint(1)\n").functions[0];
    REQUIRE(fn.constants.size() == 2);
    REQUIRE(eliminate_dead_code(fn));
    REQUIRE(fn.constants.size() == 1);
    REQUIRE(fn.constants[0].kind == Constant::Kind::Int);
    REQUIRE(print_function(fn) == "fn #0 <script>(params=0) {\nbb0:\n  %1:int = const 1\n  print %1\n  ret\n}\n");
}

TEST_CASE("type inference: counters are int, accumulators float, joins of different types unknown",
          "[mir][passes]") {
    const char* source = R"(
function f(n) {
    local i = 0
    local x = 0.5
    local s = "s"
    local m = 0
    loop (i < n) {
        x = x * 2
        s = s + i
        if i > 2 { m = "big" }
        i = i + 1
    }
    print(m)
    return i / 2 + x
}
)";
    REQUIRE(after(source, 1, {infer_types}) == R"(fn #1 f(params=1) {
bb0:
  %0 = param 0
  %1:int = const 0
  %2:float = const 0.5
  %3:str = const "s"
  %4:int = const 0
  jump bb1
bb1:  ; preds: bb0, bb6
  %5 = phi [%4, bb0], [%19, bb6]
  %6:str = phi [%3, bb0], [%12, bb6]
  %7:float = phi [%2, bb0], [%11, bb6]
  %8:int = phi [%1, bb0], [%21, bb6]
  %9:bool = lt %8, %0 @7:13
  br %9, bb2, bb3
bb2:  ; preds: bb1
  %10:int = const 2
  %11:float = mul %7, %10 @8:15
  %12:str = add %6, %8 @9:15
  %13:int = const 2
  %14:bool = gt %8, %13 @10:14
  br %14, bb4, bb5
bb3:  ; preds: bb1
  print %5
  %15:int = const 2
  %16:int = div %8, %15 @14:14
  %17:float = add %16, %7 @14:18
  ret %17
bb4:  ; preds: bb2
  %18:str = const "big"
  jump bb6
bb5:  ; preds: bb2
  jump bb6
bb6:  ; preds: bb4, bb5
  %19 = phi [%18, bb4], [%5, bb5]
  %20:int = const 1
  %21:int = add %8, %20 @11:15
  jump bb1
}
)");
}

TEST_CASE("type inference: builtin constructors, from-constructor calls, unknown calls", "[mir][passes]") {
    Function fn = test::build_mir(R"(
local a = new IntegerBox("5")
local b = new StringBox(1)
local c = new ArrayBox()
local d = c.size()
print(a + b + c + d)
)").functions[0];
    REQUIRE(infer_types(fn));
    std::vector<Type> news;
    for (const Instr& instr : fn.blocks[0].instrs)
        if (instr.op == Op::NewBuiltin || instr.op == Op::BoxCall) news.push_back(fn.value_types[instr.dst]);
    REQUIRE(news == std::vector<Type>{Type::Int, Type::String, Type::Unknown, Type::Unknown});
    REQUIRE_FALSE(infer_types(fn));  // a fixpoint: nothing changes the second time
}

TEST_CASE("optimize: level 0 leaves the builder output alone, level 2 reaches a fixpoint", "[mir][passes]") {
    Module built = test::build_mir(kDeadCodeProgram);
    Module level0 = built;
    optimize(level0, 0);
    REQUIRE(print_module(level0) == print_module(built));

    REQUIRE(test::dump_mir(kBranchProgram, 1) == R"(fn #0 <script>(params=0) {
bb0:
  %0:int = const 10
  print %0
  %1:str = const "end"
  print %1
  ret
}
)");
    REQUIRE(test::dump_function(test::optimized_mir(kDeadCodeProgram, 2), "f") == R"(fn #1 f(params=2) {
bb0:
  %0 = param 0
  %1 = param 1
  %2 = add %0, %1 @3:19
  %3 = div %0, %1 @5:24
  %4 = neg %0 @6:21
  %5:int = const 0
  jump bb1
bb1:  ; preds: bb0, bb2
  %6:int = phi [%5, bb0], [%9, bb2]
  %7:bool = lt %6, %0 @9:13
  br %7, bb2, bb3
bb2:  ; preds: bb1
  %8:int = const 1
  %9:int = add %6, %8 @11:15
  jump bb1
bb3:  ; preds: bb1
  ret %6
}
)");
}

TEST_CASE("copy propagation treats tobool of a Bool as a copy", "[mir][passes]") {
    Function fn = test::build_mir("function f(a, b) { return a < b and b < 3 }\n").functions[1];
    REQUIRE(infer_types(fn));
    REQUIRE(propagate_copies(fn));
    for (const Block& block : fn.blocks)
        for (const Instr& instr : block.instrs) REQUIRE(instr.op != Op::ToBool);
    REQUIRE(verify(fn).empty());
}

TEST_CASE("devirtualization binds calls and fields whose class is known, and nothing else", "[mir][passes]") {
    constexpr const char* kProgram = R"(box P {
    init { x, y }
    birth() { me.x = 1 }
    get() { return me.x }
    missing() { return me.nope }
}
box C from P {
    init { z }
    override get() { return me.z + me.y }
}
static box S {
    hello() { return me.count }
}
local p = new P()
p.get()
p.get(1)
p.nope()
local c = new C()
c.get()
S.hello()
local q = p
q.y = 2
)";
    const Module level0 = test::optimized_mir(kProgram, 0);
    const Module level1 = test::optimized_mir(kProgram, 1);
    auto has = [](const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; };

    const std::string script0 = test::dump_function(level0, "<script>");
    CHECK_FALSE(has(script0, "call P.get"));  // level 0 runs no passes

    const std::string script = test::dump_function(level1, "<script>");
    INFO(script);
    CHECK(has(script, "= call P.get(%"));          // exact class from `new P()`
    CHECK(has(script, "boxcall %0.get(%2) site="));  // p.get(1): wrong arity stays dynamic ...
    CHECK(has(script, "boxcall %0.nope() site="));   // ... and so does a missing method
    CHECK(has(script, "= call C.get(%"));           // the override, chosen at compile time
    CHECK(has(script, "= call S.hello(%"));         // a static box's singleton
    CHECK(has(script, "setfield %0.y = %"));        // q.y = 2: q is p, a P
    CHECK(has(script, " slot=1"));

    // `me` in a method is the box or a descendant: declared fields have fixed slots.
    CHECK(has(test::dump_function(level1, "P.get"), ".x slot=0"));
    CHECK(has(test::dump_function(level1, "P.birth"), ".x = %"));
    CHECK(has(test::dump_function(level1, "P.birth"), " slot=0"));
    CHECK(has(test::dump_function(level1, "C.get"), ".z slot=2"));
    CHECK(has(test::dump_function(level1, "C.get"), ".y slot=1"));
    // An undeclared field raises FieldError at run time; a static box's fields appear at run time.
    CHECK(has(test::dump_function(level1, "P.missing"), ".nope site="));
    CHECK(has(test::dump_function(level1, "S.hello"), ".count site="));
}
