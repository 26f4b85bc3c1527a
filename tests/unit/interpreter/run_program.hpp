#pragma once
// Runs a Nyash program from source the way the nyash CLI does (compile, then interpret on a
// large stack) and captures what a user would see.
#include <string>
#include <string_view>

namespace nyash::test {

struct ProgramRun {
    int status = 0;   // spec §12.5: 0 success, 1 runtime error, 2 compile error
    std::string out;  // stdout
    std::string err;  // stderr: ConsoleBox warn/error output, then the error line if any
};

ProgramRun run_program(std::string_view source, std::string_view file = "test.nyash");

}  // namespace nyash::test
