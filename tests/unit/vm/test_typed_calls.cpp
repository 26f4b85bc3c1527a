// Typed built-in calls (vm/typed_calls.def): the encoder selects one for every listed method on
// a receiver MIR knows, and each behaves like the CALLMETHOD it replaces on every engine, in its
// inline case and in its generic path (the errors of an index out of range or an argument of
// the wrong type), with typed calls on and off.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "tests/unit/support/program_run.hpp"
#include "vm/typed_calls.hpp"
#include "vm/vm.hpp"

namespace vm = nyash::vm;

namespace {

bool uses_opcode(const vm::Program& program, vm::Opcode op) {
    for (const vm::Function& fn : program.functions)
        for (vm::Instr insn : fn.code)
            if (vm::opcode_of(insn) == op) return true;
    return false;
}

// Runs `source` compiled with and without typed calls on every engine; each run must give
// `expected`. Returns the program compiled with them.
vm::Program check_every_engine(std::string_view source, const nyash::test::ProgramRun& expected) {
    const nyash::CompileResult compiled = nyash::compile_source(source);
    REQUIRE(compiled.ok());
    for (bool typed_calls : {false, true}) {
        const vm::Program program = vm::compile(*compiled.program, 2, nullptr, vm::RunOptions{.typed_calls = typed_calls});
        for (vm::Engine engine : vm::compiled_engines()) {
            INFO("engine " << vm::engine_name(engine) << ", typed calls " << typed_calls);
            nyash::test::check_run(nyash::test::run_compiled(*compiled.program, "test.nyash",
                                                             [&](const nyash::ast::Program&, nyash::Runtime& rt) {
                                                                 vm::run(program, rt, engine);
                                                             }),
                                   expected);
        }
        if (typed_calls) return program;
    }
    return {};
}

}  // namespace

TEST_CASE("every typed call is selected where its receiver is known and runs its inline case", "[vm][typed-calls]") {
    const std::string_view source =
        "local a = new ArrayBox()\n"
        "a.push(10)\n"
        "a.push(\"x\")\n"
        "print(a.size() + a.length())\n"
        "print(a.get(1))\n"
        "a.set(0, a.get(0) + 5)\n"
        "print(a.get(0))\n"
        "local s = \"ab\" + a.size()\n"
        "print(s.length())\n";
    const vm::Program program = check_every_engine(source, {0, "4\nx\n15\n3\n", ""});
    for (const vm::TypedCall& call : vm::kTypedCalls) {
        INFO(vm::opcode_info(call.opcode).name);
        CHECK(uses_opcode(program, call.opcode));
    }
    CHECK_FALSE(uses_opcode(program, vm::Opcode::CALLMETHOD));
    // A MapBox has none (docs/bytecode.md, "Typed built-in calls"): quickening serves it.
    const nyash::CompileResult map = nyash::compile_source("local m = new MapBox()\nm.set(1, 2)\nprint(m.get(1))\n");
    REQUIRE(map.ok());
    CHECK(uses_opcode(vm::compile(*map.program, 2), vm::Opcode::CALLMETHOD));
}

TEST_CASE("a typed call whose inline case does not apply raises what CALLMETHOD raises", "[vm][typed-calls]") {
    const char* const array = "local a = new ArrayBox()\na.push(1)\n";
    struct Case {
        std::string call;
        std::string error;
    };
    const Case cases[] = {
        {"print(a.get(1))", "IndexError: index 1 out of range for ArrayBox of size 1 at test.nyash:3:9\n"},
        {"print(a.get(-1))", "IndexError: index -1 out of range for ArrayBox of size 1 at test.nyash:3:9\n"},
        {"print(a.get(\"0\"))",
         "TypeError: bad argument 1 for ArrayBox.get: expected IntegerBox, got StringBox at test.nyash:3:9\n"},
        {"a.set(1, 2)", "IndexError: index 1 out of range for ArrayBox of size 1 at test.nyash:3:3\n"},
        {"a.set(0.5, 2)",
         "TypeError: bad argument 1 for ArrayBox.set: expected IntegerBox, got FloatBox at test.nyash:3:3\n"},
    };
    for (const Case& c : cases) {
        INFO(c.call);
        check_every_engine(std::string(array) + c.call + "\n", {1, "", c.error});
    }
}

TEST_CASE("typed calls keep the result and receiver apart when they share a register", "[vm][typed-calls]") {
    // a = a.get(0) reads the array before overwriting its only reference.
    check_every_engine(
        "local a = new ArrayBox()\n"
        "a.push(new ArrayBox())\n"
        "a = a.get(0)\n"
        "print(a.size())\n",
        {0, "0\n", ""});
}
