#include "run_program.hpp"

#include <optional>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "interpreter/interpreter.hpp"
#include "runtime/runtime.hpp"

namespace nyash::test {

ProgramRun run_program(std::string_view source, std::string_view file) {
    ProgramRun run;
    CompileResult compiled = compile_source(source);
    if (!compiled.ok()) {
        run.status = exit_status_for(compiled.errors.front().kind());
        run.err = compiled.errors.front().format(file) + "\n";
        return run;
    }
    Runtime rt(OutputMode::Capture);
    std::optional<NyashError> failure;
    run_with_large_stack([&] {
        try {
            interpret(*compiled.program, rt);
        } catch (const NyashError& error) {
            failure = error;
        }
    });
    rt.flush();
    run.out = rt.captured_stdout();
    run.err = rt.captured_stderr();
    if (failure) {
        run.status = exit_status_for(failure->kind());
        run.err += failure->format(file) + "\n";
    }
    return run;
}

}  // namespace nyash::test
