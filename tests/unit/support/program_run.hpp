#pragma once
// Running Nyash source in-process the way the nyash CLI does, on any backend, and checking what
// a user would see. Shared by the interpreter, MIR and VM unit tests.
#include <functional>
#include <string>
#include <string_view>

#include "frontend/ast.hpp"
#include "runtime/runtime.hpp"

namespace nyash::test {

struct ProgramRun {
    int status = 0;   // spec §12.5: 0 success, 1 runtime error, 2 compile error
    std::string out;  // stdout
    std::string err;  // stderr: ConsoleBox warn/error output, then the error line if any
};

// Runs a resolved program on one backend, writing to `rt`; a runtime error escapes as a
// located NyashError.
using Backend = std::function<void(const ast::Program&, Runtime&)>;

// Runs `program` on `backend` with captured output. A NyashError ends the run with the spec's
// exit status and the error line (located in `file`) last on stderr.
ProgramRun run_compiled(const ast::Program& program, std::string_view file, const Backend& backend);

// Compiles `source` and runs it with run_compiled; a compile error is reported the same way.
ProgramRun run_source(std::string_view source, std::string_view file, const Backend& backend);

// Checks all of `run` against `expected`: exit status, stdout and stderr, each on its own.
void check_run(const ProgramRun& run, const ProgramRun& expected);

}  // namespace nyash::test
