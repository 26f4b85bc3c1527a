// libFuzzer target for the whole pipeline: bytes -> compile -> run on the AST interpreter (the
// reference) and on every dispatch engine compiled in (the JIT included) at every opt level.
// Any difference in stdout, stderr (with the stack trace) or exit status calls abort(), and so
// libFuzzer reports it as a crash; so do sanitizer reports. docs/testing.md, "libFuzzer".
//
// No input may hang: the interpreter runs first under a step budget (loop iterations and calls,
// Interpreter::run), and programs that exhaust it are dropped. Every other program ends on the
// interpreter, so it must end on the engines too; one that does not is a bug, which libFuzzer
// reports as a timeout.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "interpreter/interpreter.hpp"
#include "runtime/error.hpp"
#include "runtime/runtime.hpp"
#include "vm/vm.hpp"

namespace {

using namespace nyash;

// Steps (loop iterations and calls) the interpreter may take: enough for the corpus programs,
// small enough that an input runs on every configuration in well under a second.
constexpr uint64_t kStepBudget = 200000;
constexpr int kMaxOptLevel = 2;
constexpr std::string_view kFileName = "fuzz.nyash";  // the FILE of error lines

// What the CLI would print and return for one run (cli/driver.cpp, with --stack-trace).
struct Outcome {
    std::string out;
    std::string err;
    int status = 0;
    bool operator==(const Outcome&) const = default;
};

void add_error(Outcome& outcome, const NyashError& error) {
    outcome.err += error.format(kFileName) + "\n";
    if (!error.trace().empty()) outcome.err += error.format_trace(kFileName) + "\n";
    outcome.status = exit_status_for(error.kind());
}

// Runs `run` on a capturing Runtime. StepBudgetExhausted passes through.
template <typename Run>
Outcome outcome_of(Run run) {
    Outcome outcome;
    Runtime rt(OutputMode::Capture);
    try {
        run(rt);
    } catch (const NyashError& error) {
        add_error(outcome, error);
    } catch (const std::bad_alloc&) {
        outcome.err += "MemoryError: out of memory\n";
        outcome.status = 1;
    }
    outcome.out = rt.captured_stdout();
    outcome.err = rt.captured_stderr() + outcome.err;
    return outcome;
}

[[noreturn]] void report_difference(std::string_view config, const Outcome& expected, const Outcome& got) {
    std::fprintf(stderr, "fuzz_pipeline: %.*s differs from the interpreter\n", static_cast<int>(config.size()),
                 config.data());
    std::fprintf(stderr, "--- interpreter: exit %d\nstdout:\n%s\nstderr:\n%s\n", expected.status, expected.out.c_str(),
                 expected.err.c_str());
    std::fprintf(stderr, "--- %.*s: exit %d\nstdout:\n%s\nstderr:\n%s\n", static_cast<int>(config.size()),
                 config.data(), got.status, got.out.c_str(), got.err.c_str());
    std::abort();
}

// TimeBox reads the clock and DebugBox reports memory use: their output may differ between runs
// of the same program, so such programs are not compared.
bool has_nondeterministic_output(std::string_view source) {
    return source.find("TimeBox") != std::string_view::npos || source.find("DebugBox") != std::string_view::npos;
}

void check_program(std::string_view source) {
    if (has_nondeterministic_output(source)) return;
    const CompileResult compiled = compile_source(source);
    if (!compiled.ok()) return;  // the frontend target covers refused programs
    const ast::Program& program = *compiled.program;

    Outcome expected;
    try {
        const Interpreter interpreter(program);
        expected = outcome_of([&](Runtime& rt) { interpreter.run(rt, kStepBudget); });
    } catch (const StepBudgetExhausted&) {
        return;
    }

    for (int level = 0; level <= kMaxOptLevel; ++level) {
        const vm::Program bytecode = vm::compile(program, level);
        for (vm::Engine engine : vm::compiled_engines()) {
            const Outcome got = outcome_of([&](Runtime& rt) { vm::run(bytecode, rt, engine); });
            if (got != expected)
                report_difference(std::string(vm::engine_name(engine)) + " -O" + std::to_string(level), expected, got);
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    // The interpreter recurses natively per Nyash call (big_stack.hpp); the CLI gives it the same.
    run_with_large_stack([&] { check_program(source); }, kInterpreterStackBytes);
    return 0;
}
