#pragma once
// --profile-vm: runs a program (once, or --iterations times with --benchmark) with the profiling
// hooks on and reports where the time and the bytes go (docs/profiling.md): compile phases, the
// run by category, calls, per opcode in profiling builds, memory by kind and peak RSS. The
// report goes to stderr, and as JSON to --profile-json FILE.
#include <string_view>

#include "cli/options.hpp"

namespace nyash::cli {

// The first run writes the program's output to stdout; later runs discard theirs. Returns the
// exit status; a failing run throws NyashError like a normal run.
int run_profile(const Options& options, std::string_view source);

}  // namespace nyash::cli
