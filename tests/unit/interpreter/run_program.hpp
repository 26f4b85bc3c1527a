#pragma once
// Runs a Nyash program from source the way the nyash CLI does (compile, then interpret on a
// large stack) and captures what a user would see.
#include <string_view>

#include "tests/unit/support/program_run.hpp"

namespace nyash::test {

ProgramRun run_program(std::string_view source, std::string_view file = "test.nyash");

}  // namespace nyash::test
