#pragma once
#include "cli/options.hpp"

namespace nyash::cli {

// Reads, compiles and runs (or dumps) options.file; returns the exit status of spec §12.5.
// Needs a large native stack: the caller runs it through run_with_large_stack.
int run_program(const Options& options);

}  // namespace nyash::cli
