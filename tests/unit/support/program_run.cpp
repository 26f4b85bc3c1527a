#include "tests/unit/support/program_run.hpp"

#include <catch2/catch.hpp>

#include "frontend/frontend.hpp"
#include "runtime/error.hpp"

namespace nyash::test {

ProgramRun run_compiled(const ast::Program& program, std::string_view file, const Backend& backend) {
    ProgramRun run;
    Runtime rt(OutputMode::Capture);
    try {
        backend(program, rt);
    } catch (const NyashError& error) {
        run.status = exit_status_for(error.kind());
        rt.write_stderr(error.format(file) + "\n");
    }
    rt.flush();
    run.out = rt.captured_stdout();
    run.err = rt.captured_stderr();
    return run;
}

ProgramRun run_source(std::string_view source, std::string_view file, const Backend& backend) {
    CompileResult compiled = compile_source(source);
    if (compiled.ok()) return run_compiled(*compiled.program, file, backend);
    const NyashError& error = compiled.errors.front();
    return {.status = exit_status_for(error.kind()), .out = "", .err = error.format(file) + "\n"};
}

void check_run(const ProgramRun& run, const ProgramRun& expected) {
    CHECK(run.status == expected.status);
    CHECK(run.out == expected.out);
    CHECK(run.err == expected.err);
}

}  // namespace nyash::test
