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
#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "interpreter/interpreter.hpp"
#include "tests/fuzz/in_process/engine_comparison.hpp"

namespace {

using namespace nyash;
using namespace nyash::fuzz;

// Steps (loop iterations and calls) the interpreter may take: enough for the corpus programs,
// small enough that an input runs on every configuration in well under a second.
constexpr uint64_t kStepBudget = 200000;
constexpr std::string_view kFileName = "fuzz.nyash";  // the FILE of error lines

[[noreturn]] void report_difference(const std::string& config, const Outcome& expected, const Outcome& got) {
    std::fprintf(stderr, "fuzz_pipeline: %s differs from the interpreter\n", config.c_str());
    std::fprintf(stderr, "--- interpreter: exit %d\nstdout:\n%s\nstderr:\n%s\n", expected.status, expected.out.c_str(),
                 expected.err.c_str());
    std::fprintf(stderr, "--- %s: exit %d\nstdout:\n%s\nstderr:\n%s\n", config.c_str(), got.status, got.out.c_str(),
                 got.err.c_str());
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
        expected = run_on_interpreter(program, kFileName, kStepBudget);
    } catch (const StepBudgetExhausted&) {
        return;
    }
    run_on_vm(program, {0, 1, 2}, kFileName, [&](const VmConfiguration& config, const Outcome& got) {
        if (got != expected) report_difference(config.name(), expected, got);
    });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    // The interpreter recurses natively per Nyash call (big_stack.hpp); the CLI gives it the same.
    run_with_large_stack([&] { check_program(source); }, kInterpreterStackBytes);
    return 0;
}
