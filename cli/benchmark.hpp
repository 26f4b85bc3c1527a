#pragma once
// --benchmark / --backend all: run a program several times in one process and report
// compile and run times separately (min and median), interleaving the backends so that they
// see the same machine conditions.
#include <string_view>

#include "cli/options.hpp"

namespace nyash::cli {

// The first run of the first backend writes the program's output to stdout; every other run's
// output is discarded. The report goes to stderr. Returns the exit status.
int run_benchmark(const Options& options, std::string_view source);

}  // namespace nyash::cli
