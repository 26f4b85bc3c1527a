// engine_comparison: in-process outcomes are what `nyash --stack-trace` prints and returns, the
// same on every configuration for a correct program, and differences are named and located.
#include <catch2/catch.hpp>

#include <string>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "interpreter/interpreter.hpp"
#include "tests/fuzz/in_process/engine_comparison.hpp"

namespace {

using namespace nyash;
using namespace nyash::fuzz;

// Runs on the interpreter's stack, as the CLI and differential_batch do.
Outcome interpreted(const ast::Program& program, uint64_t step_budget = kUnlimitedSteps) {
    Outcome outcome;
    run_with_large_stack([&] { outcome = run_on_interpreter(program, "p.nyash", step_budget); });
    return outcome;
}

}  // namespace

TEST_CASE("an uncaught error: output first, then the located error and the stack trace, status 1") {
    const CompileResult compiled = compile_source(
        "function f(n) {\n  return 10 / n\n}\nprint(\"before\")\nprint(f(0))\nprint(\"after\")\n");
    REQUIRE(compiled.ok());
    const Outcome expected = interpreted(*compiled.program);
    CHECK(expected.out == "before\n");
    CHECK(expected.status == 1);
    CHECK(expected.err.starts_with("ZeroDivisionError"));
    CHECK(expected.err.find("p.nyash:2:") != std::string::npos);  // the division, inside f
    CHECK(expected.err.find("p.nyash:5:") != std::string::npos);  // the call, from the trace
    size_t runs = 0;
    run_on_vm(*compiled.program, {0, 1, 2}, "p.nyash", [&](const VmConfiguration& config, const Outcome& got) {
        INFO(config.name());
        CHECK(config.name() == vm_configurations({0, 1, 2})[runs++].name());
        CHECK(got == expected);
    });
    CHECK(runs == vm_configurations({0, 1, 2}).size());
}

TEST_CASE("warn and error go to stderr, before any error line") {
    const CompileResult compiled = compile_source("local c = new ConsoleBox()\nc.warn(\"w\")\nprint(1)\n");
    REQUIRE(compiled.ok());
    const Outcome expected = interpreted(*compiled.program);
    CHECK(expected == Outcome{"1\n", "w\n", 0});
    run_on_vm(*compiled.program, {2}, "p.nyash", [&](const VmConfiguration&, const Outcome& got) {
        CHECK(got == expected);
    });
}

TEST_CASE("the step budget stops a program that does not end") {
    const CompileResult compiled = compile_source("local i = 0\nloop(true) {\n  i = i + 1\n}\n");
    REQUIRE(compiled.ok());
    CHECK_THROWS_AS(interpreted(*compiled.program, 1000), StepBudgetExhausted);
}

TEST_CASE("configurations: every engine at each level, levels outermost, ablation switches at the last") {
    const auto configs = vm_configurations({0, 2});
    const size_t engines = vm::compiled_engines().size();
    const size_t switches = std::size(vm::kAblationSwitches);
    // at the last level: none, each switch alone, and all of them together
    const size_t ablation_sets = 1 + switches + (switches > 1 ? 1 : 0);
    REQUIRE(configs.size() == engines + ablation_sets * engines);
    CHECK(configs.front().opt_level == 0);
    CHECK(configs.back().opt_level == 2);
    const std::string first_engine(vm::engine_name(vm::compiled_engines().front()));
    CHECK(configs.front().name() == "vm/" + first_engine + " -O0");
    CHECK(configs[2 * engines].name() == "vm/" + first_engine + " -O2 " + std::string(vm::kAblationSwitches[0].flag));
    CHECK(configs[2 * engines].run_options().*vm::kAblationSwitches[0].member == false);
    for (const auto& config : configs) {
        if (config.opt_level == 0) CHECK(config.ablations.empty());
    }
    CHECK(configs.back().ablations.size() == switches);
}

TEST_CASE("differences are named and located") {
    const Outcome expected{"a\nb\n", "", 0};
    CHECK(differing_parts(expected, expected).empty());
    CHECK(describe_difference(expected, expected).empty());
    const Outcome other_line{"a\nc\n", "", 0};
    CHECK(differing_parts(expected, other_line) == "stdout");
    CHECK(describe_difference(expected, other_line) == "stdout line 2: interp \"b\", vm \"c\"");
    const Outcome failed{"a\n", "E\tx\n", 1};
    CHECK(differing_parts(expected, failed) == "status, stdout, stderr");
    CHECK(describe_difference(expected, failed) ==
          "status: interp 0, vm 1; stdout line 2: interp \"b\", vm \"\"; stderr line 1: interp \"\", vm \"E\\x09x\"");
}
