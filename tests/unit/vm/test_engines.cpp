// Every dispatch engine compiled in runs the same bytecode to the same result: the same output,
// the same error at the same place, and the same number of executed instructions (this test
// links engines that count them, whatever the build's vm_count_instructions option).
#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "tests/unit/support/program_run.hpp"
#include "vm/vm.hpp"

namespace {

using nyash::test::check_run;
using nyash::vm::Engine;

struct EngineRun {
    nyash::test::ProgramRun observed;  // status, stdout and stderr
    uint64_t instructions = 0;         // executed; only a run that finished reports it
};

nyash::vm::Program compile_program(const nyash::CompileResult& compiled, int opt_level) {
    REQUIRE(compiled.ok());
    return nyash::vm::compile(*compiled.program, opt_level);
}

EngineRun run_on(const nyash::ast::Program& ast, const nyash::vm::Program& program, Engine engine) {
    EngineRun result;
    result.observed = nyash::test::run_compiled(ast, "test.nyash",
                                                [&](const nyash::ast::Program&, nyash::Runtime& rt) {
                                                    result.instructions = nyash::vm::run(program, rt, engine).instructions;
                                                });
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
        const EngineRun reference = run_on(*compiled.program, program, engines.front());
        if (reference.observed.status == 0) CHECK(reference.instructions > 0);  // a failed run reports no count
        for (Engine engine : engines) {
            INFO("engine " << nyash::vm::engine_name(engine) << " at -O" << level);
            const EngineRun run = run_on(*compiled.program, program, engine);
            nyash::test::check_run(run.observed, reference.observed);
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
    const EngineRun run = run_on_every_engine(R"(local total = 0
local i = 0
local text = ""
loop(i < 200) {
    if i % 3 == 0 { total = total + i * 2 } else { total = total - 1 }
    if i % 50 == 0 { text = text + i + "," }
    i = i + 1
}
print(total)
print(text)
print(7 / 2.0)
print(not (i >= 200))
)");
    check_run(run.observed, {.status = 0, .out = "13133\n0,50,100,150,\n3.5\nfalse\n", .err = ""});
    CHECK(run.instructions > 200);
}

TEST_CASE("every engine makes the same calls, field accesses and returns", "[vm][engines]") {
    const EngineRun run = run_on_every_engine(R"(function fib(n) {
    if n < 2 { return n }
    return fib(n - 1) + fib(n - 2)
}
box Counter {
    init { count }
    birth() { me.count = 0 }
    bump() { me.count = me.count + 1
 return me }
}
box Named from Counter {
    init { name }
    birth(name) {
        from Counter.birth()
        me.name = name
    }
    override bump() { return from Counter.bump() }
}
static box Main {
    main() {
        local c = new Named("n")
        c.bump().bump()
        local list = new ArrayBox()
        list.push(fib(15))
        print(list.get(0))
        print(c.name + " " + c.count)
    }
}
)");
    check_run(run.observed, {.status = 0, .out = "610\nn 2\n", .err = ""});
}

TEST_CASE("every engine reports a runtime error at the same place", "[vm][engines]") {
    const EngineRun run = run_on_every_engine(R"(function divide(a, b) {
    return a / b
}
print(divide(6, 3))
print(divide(1, 0))
)");
    check_run(run.observed,
              {.status = 1, .out = "2\n", .err = "ZeroDivisionError: division by zero at test.nyash:2:14\n"});
}

TEST_CASE("every engine stops deep recursion at the call-depth limit", "[vm][engines]") {
    const EngineRun run = run_on_every_engine(R"(function forever(n) {
    return forever(n + 1)
}
forever(0)
)");
    CHECK(run.observed.status == 1);
    CHECK(run.observed.err.rfind("RecursionError: maximum call depth", 0) == 0);
}
