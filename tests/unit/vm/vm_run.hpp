#pragma once
// Runs Nyash source on the VM the way the CLI does (compile, then run on an engine) and
// captures what a user would see.
#include <string>
#include <string_view>

#include "tests/unit/support/program_run.hpp"
#include "vm/vm.hpp"

namespace nyash::test {

ProgramRun run_on_vm(std::string_view source, int opt_level = 2, std::string_view file = "test.nyash",
                     vm::Engine engine = vm::Engine::Switch);

// The compiled program's disassembly (for tests that look at the code the encoder chose).
std::string bytecode_of(std::string_view source, int opt_level = 2);

}  // namespace nyash::test
