// Whole programs on the VM: output, errors and where they are reported, the call-depth limit,
// and the shape of the code the encoder produces for common patterns.
#include <catch2/catch.hpp>

#include <string>

#include "vm_run.hpp"

using nyash::test::bytecode_of;
using nyash::test::run_on_vm;

namespace {

// Runs at every optimisation level and requires the same result from each.
nyash::test::VmRun run_all_levels(const std::string& source) {
    auto first = run_on_vm(source, 0);
    for (int level : {1, 2}) {
        auto run = run_on_vm(source, level);
        INFO("opt level " << level);
        CHECK(run.status == first.status);
        CHECK(run.out == first.out);
        CHECK(run.err == first.err);
    }
    return first;
}

void check_error(const std::string& source, const std::string& expected_line, const std::string& expected_out = "") {
    auto run = run_all_levels(source);
    CHECK(run.status == 1);
    CHECK(run.out == expected_out);
    CHECK(run.err == expected_line + "\n");
}

}  // namespace

TEST_CASE("the VM runs a script", "[vm]") {
    auto run = run_all_levels("print(1 + 2)\n");
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(run.out == "3\n");
}

TEST_CASE("arithmetic follows the runtime's operator table", "[vm]") {
    auto run = run_all_levels(
        "local big = 9223372036854775807\n"
        "print(big + 1)\n"
        "print(-7 / 2)\n"
        "print(-7 % 3)\n"
        "local m = -9223372036854775807 - 1\n"
        "print(m / -1)\n"
        "print(m % -1)\n"
        "print(1 + 0.5)\n"
        "print(\"a\" + 1 + 2)\n"
        "print(1 + 2 + \"a\")\n"
        "print(\"ab\" * 2)\n"
        "local zero = 0.0\n"
        "if zero { print(\"truthy\") } else { print(\"falsy\") }\n"
        "print(1 == 1.0)\n"
        "print(null == false)\n");
    CHECK(run.status == 0);
    CHECK(run.out ==
          "-9223372036854775808\n-3\n-1\n-9223372036854775808\n0\n1.5\na12\n3a\nabab\nfalsy\ntrue\nfalse\n");
}

TEST_CASE("comparisons with NaN take the right branch", "[vm]") {
    auto run = run_all_levels(
        "local nan = new MathBox().sqrt(-1)\n"
        "if nan < 1 { print(\"lt\") } else { print(\"not lt\") }\n"
        "if not (nan < 1) { print(\"not lt 2\") }\n"
        "if nan >= 1 { print(\"ge\") } else { print(\"not ge\") }\n"
        "if nan != nan { print(\"ne\") }\n");
    CHECK(run.status == 0);
    CHECK(run.out == "not lt\nnot lt 2\nnot ge\nne\n");
}

TEST_CASE("loops, break and continue", "[vm]") {
    auto run = run_all_levels(
        "local i = 0\n"
        "local total = 0\n"
        "loop(i < 20) {\n"
        "    i = i + 1\n"
        "    if i % 2 == 0 { continue }\n"
        "    if i > 15 { break }\n"
        "    total = total + i\n"
        "}\n"
        "print(total)\n"
        "print(i)\n");
    CHECK(run.out == "64\n17\n");
}

TEST_CASE("boxes: constructors, fields, methods, delegation and from calls", "[vm]") {
    auto run = run_all_levels(
        "box Animal {\n"
        "    init { name, sound }\n"
        "    birth(name) { me.name = name; me.sound = \"...\" }\n"
        "    speak() { return me.name + \" says \" + me.sound }\n"
        "}\n"
        "box Dog from Animal {\n"
        "    birth(name) { from Animal.birth(name); me.sound = \"woof\" }\n"
        "    override speak() { return \"[\" + from Animal.speak() + \"]\" }\n"
        "}\n"
        "local animals = new ArrayBox()\n"
        "animals.push(new Animal(\"cat\"))\n"
        "animals.push(new Dog(\"rex\"))\n"
        "local i = 0\n"
        "loop(i < animals.size()) {\n"
        "    print(animals.get(i).speak())\n"
        "    i = i + 1\n"
        "}\n"
        "print(animals.get(1))\n");
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(run.out == "cat says ...\n[rex says woof]\n<Dog instance>\n");
}

TEST_CASE("static boxes gain fields and the entry main runs after the script", "[vm]") {
    auto run = run_all_levels(
        "static box Counter {\n"
        "    start() { me.count = 0 }\n"
        "    next() { me.count = me.count + 1; return me.count }\n"
        "}\n"
        "static box Main {\n"
        "    init { count }\n"
        "    main() { Counter.start(); Counter.next(); print(Counter.next()); print(me.count) }\n"
        "}\n"
        "print(\"script\")\n");
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(run.out == "script\n2\nnull\n");
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
    check_error(
        "box A { m(x) { return x } }\n"
        "box B from A { }\n"
        "local b = new B()\n"
        "b.m()\n",
        "TypeError: wrong number of arguments for B.m: expected 1, got 0 at test.nyash:4:3");
    check_error(
        "box A { m(x) { return x } }\n"
        "box B from A { n() { return from A.m() } }\n"
        "new B().n()\n",
        "TypeError: wrong number of arguments for A.m: expected 1, got 0 at test.nyash:2:29");
    check_error(
        "box A { }\n"
        "box B from A { birth() { from A.birth(1) } }\n"
        "new B()\n",
        "TypeError: wrong number of arguments for A constructor: expected 0, got 1 at test.nyash:2:26");
}

TEST_CASE("a warm inline cache still notices a different receiver class", "[vm]") {
    auto run = run_all_levels(
        "box A { init { v } birth() { me.v = 1 } get() { return me.v } }\n"
        "box B { init { w, v } birth() { me.v = 2 } get() { return me.v * 10 } }\n"
        "local items = new ArrayBox()\n"
        "items.push(new A()); items.push(new B()); items.push(new A()); items.push(\"s\")\n"
        "local i = 0\n"
        "loop(i < 3) {\n"
        "    local x = items.get(i)\n"
        "    print(x.get() + x.v)\n"
        "    i = i + 1\n"
        "}\n"
        "print(items.get(3).get(0))\n");
    CHECK(run.out == "2\n22\n2\n");
    CHECK(run.err == "MethodError: StringBox has no method 'get' at test.nyash:11:20\n");
}

TEST_CASE("10000 nested calls run; the next one is a RecursionError at the call", "[vm]") {
    const std::string depth =
        "function down(n) {\n"
        "    if n == 0 { return 0 }\n"
        "    return down(n - 1) + 1\n"
        "}\n";
    auto ok = run_all_levels(depth + "print(down(9999))\n");
    CHECK(ok.out == "9999\n");
    check_error(depth + "print(down(10000))\n",
                "RecursionError: maximum call depth 10000 exceeded at test.nyash:3:12");
    // main() is depth 1, so it can go one call less deep.
    auto from_main = run_all_levels(depth + "static box Main { main() { print(down(9998)); print(down(9999)) } }\n");
    CHECK(from_main.out == "9998\n");
    CHECK(from_main.err == "RecursionError: maximum call depth 10000 exceeded at test.nyash:3:12\n");
}

TEST_CASE("output before an error is kept, warnings go to stderr", "[vm]") {
    auto run = run_all_levels(
        "local c = new ConsoleBox()\n"
        "c.log(\"out\", 1)\n"
        "c.warn(\"careful\")\n"
        "print(1 / 0)\n");
    CHECK(run.status == 1);
    CHECK(run.out == "out 1\n");
    CHECK(run.err == "careful\nZeroDivisionError: division by zero at test.nyash:4:9\n");
}

TEST_CASE("building a string in a loop appends in place", "[vm]") {
    const std::string source =
        "local s = \"\"\n"
        "local i = 0\n"
        "loop(i < 200000) {\n"
        "    s = s + \"x\"\n"
        "    i = i + 1\n"
        "}\n"
        "print(s.length())\n";
    // The result register is the left operand's, which lets the runtime append in place.
    CHECK(bytecode_of(source).find("ADDK         r0, r0, k") != std::string::npos);
    auto run = run_on_vm(source);
    CHECK(run.out == "200000\n");
}

TEST_CASE("compare and branch fuse, constants become operands", "[vm]") {
    std::string code = bytecode_of(
        "function f(n) {\n"
        "    if n < 2 { return n }\n"
        "    return f(n - 1) + f(n - 2)\n"
        "}\n"
        "print(f(10))\n");
    INFO(code);
    CHECK(code.find("JNLTK") != std::string::npos);
    CHECK(code.find("SUBI") != std::string::npos);
    CHECK(code.find(" LT ") == std::string::npos);
    CHECK(code.find("MOVE") == std::string::npos);
    CHECK(code.find("function f (id 1, params 1, registers 3,") != std::string::npos);
}
