// Whole programs on the VM: output, errors and where they are reported, the call-depth limit,
// and the shape of the code the encoder produces for common patterns.
#include <catch2/catch.hpp>

#include <string>

#include "vm_run.hpp"

using nyash::test::bytecode_of;
using nyash::test::check_run;
using nyash::test::ProgramRun;
using nyash::test::run_on_vm;

namespace {

// Runs at every optimisation level and requires the same result from each.
ProgramRun run_all_levels(const std::string& source) {
    ProgramRun first = run_on_vm(source, 0);
    for (int level : {1, 2}) {
        INFO("opt level " << level);
        check_run(run_on_vm(source, level), first);
    }
    return first;
}

// At every level the program prints `out` and succeeds with nothing on stderr.
void check_output(const std::string& source, const std::string& out) {
    check_run(run_all_levels(source), {.status = 0, .out = out, .err = ""});
}

// At every level the program prints `out`, then fails with the runtime error `error_line`.
void check_error(const std::string& source, const std::string& error_line, const std::string& out = "") {
    check_run(run_all_levels(source), {.status = 1, .out = out, .err = error_line + "\n"});
}

}  // namespace

TEST_CASE("the VM runs a script", "[vm]") { check_output("print(1 + 2)\n", "3\n"); }

TEST_CASE("arithmetic follows the runtime's operator table", "[vm]") {
    check_output(R"(local big = 9223372036854775807
print(big + 1)
print(-7 / 2)
print(-7 % 3)
local m = -9223372036854775807 - 1
print(m / -1)
print(m % -1)
print(1 + 0.5)
print("a" + 1 + 2)
print(1 + 2 + "a")
print("ab" * 2)
local zero = 0.0
if zero { print("truthy") } else { print("falsy") }
print(1 == 1.0)
print(null == false)
)",
                 "-9223372036854775808\n-3\n-1\n-9223372036854775808\n0\n1.5\na12\n3a\nabab\nfalsy\ntrue\nfalse\n");
}

TEST_CASE("comparisons with NaN take the right branch", "[vm]") {
    check_output(R"(local nan = new MathBox().sqrt(-1)
if nan < 1 { print("lt") } else { print("not lt") }
if not (nan < 1) { print("not lt 2") }
if nan >= 1 { print("ge") } else { print("not ge") }
if nan != nan { print("ne") }
)",
                 "not lt\nnot lt 2\nnot ge\nne\n");
}

TEST_CASE("loops, break and continue", "[vm]") {
    check_output(R"(local i = 0
local total = 0
loop(i < 20) {
    i = i + 1
    if i % 2 == 0 { continue }
    if i > 15 { break }
    total = total + i
}
print(total)
print(i)
)",
                 "64\n17\n");
}

TEST_CASE("boxes: constructors, fields, methods, delegation and from calls", "[vm]") {
    check_output(R"(box Animal {
    init { name, sound }
    birth(name) { me.name = name; me.sound = "..." }
    speak() { return me.name + " says " + me.sound }
}
box Dog from Animal {
    birth(name) { from Animal.birth(name); me.sound = "woof" }
    override speak() { return "[" + from Animal.speak() + "]" }
}
local animals = new ArrayBox()
animals.push(new Animal("cat"))
animals.push(new Dog("rex"))
local i = 0
loop(i < animals.size()) {
    print(animals.get(i).speak())
    i = i + 1
}
print(animals.get(1))
)",
                 "cat says ...\n[rex says woof]\n<Dog instance>\n");
}

TEST_CASE("static boxes gain fields and the entry main runs after the script", "[vm]") {
    check_output(R"(static box Counter {
    start() { me.count = 0 }
    next() { me.count = me.count + 1; return me.count }
}
static box Main {
    init { count }
    main() { Counter.start(); Counter.next(); print(Counter.next()); print(me.count) }
}
print("script")
)",
                 "script\n2\nnull\n");
    // Read before it was ever assigned: the field does not exist yet.
    check_error("static box S {\n    get() {\n        return me.count\n    }\n}\nS.get()\n",
                "FieldError: S has no field 'count' at test.nyash:3:19");
}

TEST_CASE("runtime errors are located at the operator, member, new, from and function name", "[vm]") {
    check_error("local a = 1\nprint(a)\nprint(a - \"x\")\n",
                "TypeError: unsupported operand types for -: IntegerBox and StringBox at test.nyash:3:9", "1\n");
    check_error("local z = 0\nprint(10 / z)\n", "ZeroDivisionError: division by zero at test.nyash:2:10");
    check_error("local z = 0\nprint(10 % z)\n", "ZeroDivisionError: modulo by zero at test.nyash:2:10");
    check_error("local s = \"x\"\nif s < 1 { print(1) }\n", "TypeError: unsupported operand types for <: StringBox and IntegerBox at test.nyash:2:6");
    check_error("print(-true)\n", "TypeError: unsupported operand type for unary -: BoolBox at test.nyash:1:7");
    check_error("local s = \"text\"\nprint(s.length)\n", "FieldError: StringBox has no field 'length' at test.nyash:2:9");
    check_error("box P { init { x } }\nlocal p = new P()\np.y = 1\n", "FieldError: P has no field 'y' at test.nyash:3:3");
    check_error("box P { init { x } }\nlocal p = new P()\np.go()\n", "MethodError: P has no method 'go' at test.nyash:3:3");
    check_error("local n = null\nn.length()\n", "MethodError: NullBox has no method 'length' at test.nyash:2:3");
    check_error("box P { birth(a) { } }\nlocal p = new P()\n",
                "TypeError: wrong number of arguments for P constructor: expected 1, got 0 at test.nyash:2:11");
    check_error("function f(a) { return a }\nprint(f(1, 2))\n",
                "TypeError: wrong number of arguments for f: expected 1, got 2 at test.nyash:2:7");
    check_error("local a = new ArrayBox()\na.get(3)\n",
                "IndexError: index 3 out of range for ArrayBox of size 0 at test.nyash:2:3");
    check_error("new IntegerBox(1, 2)\n",
                "TypeError: wrong number of arguments for IntegerBox constructor: expected 1, got 2 at test.nyash:1:1");
}

TEST_CASE("arity errors name the receiver's runtime box", "[vm]") {
    check_error(R"(box A { m(x) { return x } }
box B from A { }
local b = new B()
b.m()
)",
                "TypeError: wrong number of arguments for B.m: expected 1, got 0 at test.nyash:4:3");
    check_error(R"(box A { m(x) { return x } }
box B from A { n() { return from A.m() } }
new B().n()
)",
                "TypeError: wrong number of arguments for A.m: expected 1, got 0 at test.nyash:2:29");
    check_error(R"(box A { }
box B from A { birth() { from A.birth(1) } }
new B()
)",
                "TypeError: wrong number of arguments for A constructor: expected 0, got 1 at test.nyash:2:26");
}

TEST_CASE("a warm inline cache still notices a different receiver class", "[vm]") {
    check_error(R"(box A { init { v } birth() { me.v = 1 } get() { return me.v } }
box B { init { w, v } birth() { me.v = 2 } get() { return me.v * 10 } }
local items = new ArrayBox()
items.push(new A()); items.push(new B()); items.push(new A()); items.push("s")
local i = 0
loop(i < 3) {
    local x = items.get(i)
    print(x.get() + x.v)
    i = i + 1
}
print(items.get(3).get(0))
)",
                "MethodError: StringBox has no method 'get' at test.nyash:11:20", "2\n22\n2\n");
}

TEST_CASE("10000 nested calls run; the next one is a RecursionError at the call", "[vm]") {
    const std::string depth = R"(function down(n) {
    if n == 0 { return 0 }
    return down(n - 1) + 1
}
)";
    check_output(depth + "print(down(9999))\n", "9999\n");
    check_error(depth + "print(down(10000))\n", "RecursionError: maximum call depth 10000 exceeded at test.nyash:3:12");
    // main() is depth 1, so it can go one call less deep.
    check_error(depth + "static box Main { main() { print(down(9998)); print(down(9999)) } }\n",
                "RecursionError: maximum call depth 10000 exceeded at test.nyash:3:12", "9998\n");
}

TEST_CASE("output before an error is kept, warnings go to stderr", "[vm]") {
    check_run(run_all_levels(R"(local c = new ConsoleBox()
c.log("out", 1)
c.warn("careful")
print(1 / 0)
)"),
              {.status = 1, .out = "out 1\n", .err = "careful\nZeroDivisionError: division by zero at test.nyash:4:9\n"});
}

TEST_CASE("building a string in a loop appends in place", "[vm]") {
    const std::string source = R"(local s = ""
local i = 0
loop(i < 200000) {
    s = s + "x"
    i = i + 1
}
print(s.length())
)";
    // The result register is the left operand's, which lets the runtime append in place.
    CHECK(bytecode_of(source).find("ADDK         r0, r0, k") != std::string::npos);
    check_run(run_on_vm(source), {.status = 0, .out = "200000\n", .err = ""});
}

TEST_CASE("compare and branch fuse, constants become operands", "[vm]") {
    std::string code = bytecode_of(R"(function f(n) {
    if n < 2 { return n }
    return f(n - 1) + f(n - 2)
}
print(f(10))
)");
    INFO(code);
    CHECK(code.find("JNLTK") != std::string::npos);
    CHECK(code.find("SUBI") != std::string::npos);
    CHECK(code.find(" LT ") == std::string::npos);
    CHECK(code.find("MOVE") == std::string::npos);
    CHECK(code.find("function f (id 1, params 1, registers 3,") != std::string::npos);
}

TEST_CASE("accesses to one member of one receiver share an inline-cache site", "[vm]") {
    const std::string source = R"(box A { get() { return "a" } }
box B { get() { return "b" } }
static box Main {
    main() {
        me.console = new ConsoleBox()
        me.console.log("one")
        me.console.log("two")
        local other = new ConsoleBox()
        other.log("three")
        other.log("four", 4)
        me.x = new A()
        print(me.x.get())
        me.x = new B()
        print(me.x.get())
    }
}
)";
    std::string code = bytecode_of(source);
    INFO(code);
    // console (its store and both loads), me.console.log, other.log/1, other.log/2, x, me.x.get
    CHECK(code.find(", 6 sites\n") != std::string::npos);
    // A shared site that meets another class misses and looks the member up again.
    check_output(source, "one\ntwo\nthree\nfour 4\na\nb\n");
}

TEST_CASE("a literal first operand of + is an operand of KADD, not a load", "[vm]") {
    const std::string source = R"(function show(n) { return "n = " + n }
function next(n) { return 1 + n }
print(show(41) + show(1.5))
print(next(41))
print(next(0.5))
)";
    std::string code = bytecode_of(source);
    INFO(code);
    const std::string functions = code.substr(code.find("function show"));
    CHECK(functions.find("KADD         r0, k") != std::string::npos);
    CHECK(functions.find("LOADK") == std::string::npos);
    check_output(source, "n = 41n = 1.5\n42\n1.5\n");
    check_error("function f(x) { return null + x }\nprint(f(1))\n",
                "TypeError: unsupported operand types for +: NullBox and IntegerBox at test.nyash:1:29");
}

TEST_CASE("no jump targets the instruction right after it", "[vm]") {
    // The if without else leaves an empty block on its false edge; it must emit nothing.
    std::string code = bytecode_of(R"(function f(x) {
    if x == null { print("none") }
    return 1
}
print(f(null) + f(2))
)");
    INFO(code);
    size_t jumps = 0;
    for (size_t at = code.find("-> "); at != std::string::npos; at = code.find("-> ", at + 1)) {
        size_t line = code.rfind('\n', at) + 1;
        int pc = std::stoi(code.substr(line + 2, 4));
        int target = std::stoi(code.substr(at + 3, 4));
        CHECK(target != pc + 1);
        ++jumps;
    }
    CHECK(jumps == 1);  // only the branch around the print
}

TEST_CASE("handler tables cover the try body only, and code without try has none", "[vm][tier2]") {
    const std::string plain = bytecode_of("function f(x) { return 10 / x }\nprint(f(2))\n");
    CHECK(plain.find("handlers:") == std::string::npos);
    CHECK(plain.find("CATCH") == std::string::npos);

    const std::string code = bytecode_of(R"(function f(x) { return 10 / x }
local before = f(1)
try {
    print(f(0))
} catch (e) {
    print(e)
}
)");
    INFO(code);
    const size_t table = code.find("  handlers:\n");
    REQUIRE(table != std::string::npos);
    // One entry, "    SSSS .. EEEE -> TTTT": from after the call of f(1) to the call of f(0).
    const std::string entry = code.substr(table + 12, 24);
    const int start = std::stoi(entry.substr(4, 4));
    const std::string end = entry.substr(12, 4);
    const std::string first_call = code.substr(code.rfind('\n', code.find("CALL ")) + 3, 4);
    CHECK(start > std::stoi(first_call));
    CHECK(code.substr(code.find("\n  " + end + "  ") + 9, 4) == "CALL");
    CHECK(code[table + 12 + 24] == '\n');
    CHECK(code.substr(table + 12 + 25, 4) != "    ");  // no second entry
}

TEST_CASE("an exception crosses frames to its handler on every engine", "[vm][tier2]") {
    const char* source = R"(function deep(n) {
    if n == 0 { throw "from the bottom" }
    try {
        return deep(n - 1)
    } finally {
        if n == 3 { print("finally at 3") }
    }
}
try {
    deep(5)
} catch (e) {
    print("caught " + e)
}
)";
    for (nyash::vm::Engine engine : nyash::vm::compiled_engines()) {
        INFO(nyash::vm::engine_name(engine));
        check_run(run_on_vm(source, 2, "test.nyash", engine), ProgramRun{0, "finally at 3\ncaught from the bottom\n", ""});
    }
}
