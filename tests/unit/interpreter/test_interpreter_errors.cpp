// Runtime errors: kind, exact message and location (spec §12), output kept up to the error.
#include <catch2/catch.hpp>

#include <string>

#include "run_program.hpp"

using nyash::test::check_run;
using nyash::test::run_program;

namespace {

// Runs `source`, which must fail at run time, and returns its error line.
std::string runtime_error_of(const std::string& source) {
    auto run = run_program(source);
    CHECK(run.status == 1);
    return run.err;
}

}  // namespace

TEST_CASE("operator errors are located at the operator token", "[interpreter][errors]") {
    CHECK(runtime_error_of("local a = 10\nprint(a / 0)\n") ==
          "ZeroDivisionError: division by zero at test.nyash:2:9\n");
    CHECK(runtime_error_of("print(5 % 0)\n") == "ZeroDivisionError: modulo by zero at test.nyash:1:9\n");
    CHECK(runtime_error_of("print(1.5 / 0.0)\n") == "ZeroDivisionError: division by zero at test.nyash:1:11\n");
    CHECK(runtime_error_of("local s = \"a\" - 1\n") ==
          "TypeError: unsupported operand types for -: StringBox and IntegerBox at test.nyash:1:15\n");
    CHECK(runtime_error_of("print(true + 1)\n") ==
          "TypeError: unsupported operand types for +: BoolBox and IntegerBox at test.nyash:1:12\n");
    CHECK(runtime_error_of("print(1 < \"2\")\n") ==
          "TypeError: unsupported operand types for <: IntegerBox and StringBox at test.nyash:1:9\n");
    CHECK(runtime_error_of("print(-\"x\")\n") ==
          "TypeError: unsupported operand type for unary -: StringBox at test.nyash:1:7\n");
    CHECK(runtime_error_of("print(\"ab\" * -1)\n") == "ValueError: negative repeat count -1 at test.nyash:1:12\n");
}

TEST_CASE("member errors are located at the member name", "[interpreter][errors]") {
    CHECK(runtime_error_of("print(\"text\".length)\n") ==
          "FieldError: StringBox has no field 'length' at test.nyash:1:14\n");
    CHECK(runtime_error_of("local n = 5\nn.x = 1\n") == "FieldError: IntegerBox has no field 'x' at test.nyash:2:3\n");
    CHECK(runtime_error_of("local v = null\nv.length()\n") ==
          "MethodError: NullBox has no method 'length' at test.nyash:2:3\n");
    CHECK(runtime_error_of("box P {\n    init { x }\n}\nnew P().nope()\n") ==
          "MethodError: P has no method 'nope' at test.nyash:4:9\n");
    CHECK(runtime_error_of("box P {\n    init { x }\n}\nprint(new P().y)\n") ==
          "FieldError: P has no field 'y' at test.nyash:4:15\n");
}

TEST_CASE("built-in method and constructor errors", "[interpreter][errors]") {
    CHECK(runtime_error_of("local a = new ArrayBox()\nprint(a.get(3))\n") ==
          "IndexError: index 3 out of range for ArrayBox of size 0 at test.nyash:2:9\n");
    CHECK(runtime_error_of("local a = new ArrayBox()\na.pop()\n") ==
          "IndexError: pop from empty ArrayBox at test.nyash:2:3\n");
    CHECK(runtime_error_of("local a = new ArrayBox()\na.push()\n") ==
          "TypeError: wrong number of arguments for ArrayBox.push: expected 1, got 0 at test.nyash:2:3\n");
    CHECK(runtime_error_of("print(\"abc\".charAt(\"1\"))\n") ==
          "TypeError: bad argument 1 for StringBox.charAt: expected IntegerBox, got StringBox at test.nyash:1:13\n");
    CHECK(runtime_error_of("local i = new IntegerBox(1, 2)\n") ==
          "TypeError: wrong number of arguments for IntegerBox constructor: expected 1, got 2 at test.nyash:1:11\n");
    CHECK(runtime_error_of("local i = new IntegerBox(\"4x\")\n") ==
          "ValueError: cannot convert '4x' to IntegerBox at test.nyash:1:11\n");
}

TEST_CASE("an error deep in a call chain keeps the innermost location and earlier output", "[interpreter][errors]") {
    auto run = run_program(R"(function inner(x) {
    return x / 0
}
function outer(x) {
    print("outer")
    return inner(x) + 1
}
print("start")
outer(1)
print("never")
)");
    check_run(run, {.status = 1,
                    .out = "start\nouter\n",
                    .err = "ZeroDivisionError: division by zero at test.nyash:2:14\n"});
}

TEST_CASE("ConsoleBox output on stderr precedes the error line", "[interpreter][errors]") {
    auto run = run_program(R"(local c = new ConsoleBox()
c.log("to", "stdout")
c.warn("warned")
c.error(1, 2.0)
print(null.x)
)");
    check_run(run, {.status = 1,
                    .out = "to stdout\n",
                    .err = "warned\n1 2.0\nFieldError: NullBox has no field 'x' at test.nyash:5:12\n"});
}

TEST_CASE("an error inside main() ends the run after the script output", "[interpreter][errors]") {
    auto run = run_program(R"(static box Main {
    main() {
        print("in main")
        local a = new ArrayBox()
        a.set(0, 1)
    }
}
print("script")
)");
    check_run(run, {.status = 1,
                    .out = "script\nin main\n",
                    .err = "IndexError: index 0 out of range for ArrayBox of size 0 at test.nyash:5:11\n"});
}
