// Every dispatch engine compiled in runs the same bytecode to the same result: the same output,
// the same error at the same place, and the same number of executed instructions (this test
// links engines that count them, whatever the build's vm_count_instructions option).
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "runtime/error.hpp"
#include "vm/vm.hpp"

namespace {

using nyash::vm::Engine;

struct EngineRun {
    std::string out;
    std::string err;            // the error and its location, if the run failed
    uint64_t instructions = 0;  // executed; only a run that finished reports it
};

nyash::vm::Program compile_program(const nyash::CompileResult& compiled, int opt_level) {
    REQUIRE(compiled.ok());
    return nyash::vm::compile(*compiled.program, opt_level);
}

EngineRun run_on(const nyash::vm::Program& program, Engine engine) {
    EngineRun result;
    nyash::Runtime rt(nyash::OutputMode::Capture);
    try {
        result.instructions = nyash::vm::run(program, rt, engine).instructions;
    } catch (const nyash::NyashError& error) {
        result.err = error.format("test.nyash");
    }
    rt.flush();
    result.out = rt.captured_stdout();
    return result;
}

// Runs one compiled program on every engine (at every optimisation level) and requires what
// the first engine did from all the others; returns the first engine's run at -O2.
EngineRun run_on_every_engine(std::string_view source) {
    const nyash::CompileResult compiled = nyash::compile_source(source);
    EngineRun reference_at_o2;
    for (int level : {0, 1, 2}) {
        const nyash::vm::Program program = compile_program(compiled, level);
        const auto engines = nyash::vm::compiled_engines();
        const EngineRun reference = run_on(program, engines.front());
        if (reference.err.empty()) CHECK(reference.instructions > 0);  // a failed run reports no count
        for (Engine engine : engines) {
            INFO("engine " << nyash::vm::engine_name(engine) << " at -O" << level);
            const EngineRun run = run_on(program, engine);
            CHECK(run.out == reference.out);
            CHECK(run.err == reference.err);
            CHECK(run.instructions == reference.instructions);
        }
        if (level == 2) reference_at_o2 = reference;
    }
    return reference_at_o2;
}

}  // namespace

TEST_CASE("the engine registry names every compiled-in engine once", "[vm][engines]") {
    const auto engines = nyash::vm::compiled_engines();
    REQUIRE_FALSE(engines.empty());
    std::set<std::string_view> names;
    for (Engine engine : engines) {
        const std::string_view name = nyash::vm::engine_name(engine);
        CHECK(names.insert(name).second);
        CHECK(nyash::vm::engine_by_name(name) == engine);
    }
    CHECK_FALSE(nyash::vm::engine_by_name("no-such-engine").has_value());
}

TEST_CASE("every engine computes the same loops, strings and arithmetic", "[vm][engines]") {
    const EngineRun run = run_on_every_engine(
        "local total = 0\n"
        "local i = 0\n"
        "local text = \"\"\n"
        "loop(i < 200) {\n"
        "    if i % 3 == 0 { total = total + i * 2 } else { total = total - 1 }\n"
        "    if i % 50 == 0 { text = text + i + \",\" }\n"
        "    i = i + 1\n"
        "}\n"
        "print(total)\n"
        "print(text)\n"
        "print(7 / 2.0)\n"
        "print(not (i >= 200))\n");
    CHECK(run.err.empty());
    CHECK(run.out == "13133\n0,50,100,150,\n3.5\nfalse\n");
    CHECK(run.instructions > 200);
}

TEST_CASE("every engine makes the same calls, field accesses and returns", "[vm][engines]") {
    const EngineRun run = run_on_every_engine(
        "function fib(n) {\n"
        "    if n < 2 { return n }\n"
        "    return fib(n - 1) + fib(n - 2)\n"
        "}\n"
        "box Counter {\n"
        "    init { count }\n"
        "    birth() { me.count = 0 }\n"
        "    bump() { me.count = me.count + 1\n return me }\n"
        "}\n"
        "box Named from Counter {\n"
        "    init { name }\n"
        "    birth(name) {\n"
        "        from Counter.birth()\n"
        "        me.name = name\n"
        "    }\n"
        "    override bump() { return from Counter.bump() }\n"
        "}\n"
        "static box Main {\n"
        "    main() {\n"
        "        local c = new Named(\"n\")\n"
        "        c.bump().bump()\n"
        "        local list = new ArrayBox()\n"
        "        list.push(fib(15))\n"
        "        print(list.get(0))\n"
        "        print(c.name + \" \" + c.count)\n"
        "    }\n"
        "}\n");
    CHECK(run.err.empty());
    CHECK(run.out == "610\nn 2\n");
}

TEST_CASE("every engine reports a runtime error at the same place", "[vm][engines]") {
    const EngineRun run = run_on_every_engine(
        "function divide(a, b) {\n"
        "    return a / b\n"
        "}\n"
        "print(divide(6, 3))\n"
        "print(divide(1, 0))\n");
    CHECK(run.out == "2\n");
    CHECK(run.err == "ZeroDivisionError: division by zero at test.nyash:2:14");
}

TEST_CASE("every engine stops deep recursion at the call-depth limit", "[vm][engines]") {
    const EngineRun run = run_on_every_engine(
        "function forever(n) {\n"
        "    return forever(n + 1)\n"
        "}\n"
        "forever(0)\n");
    CHECK(run.err.rfind("RecursionError: maximum call depth", 0) == 0);
}
