#pragma once
#include "cli/options.hpp"

namespace nyash::cli {

// The interactive session `nyash` starts when stdin is a terminal and no program is given
// (docs/repl.md). Returns the exit status (0; :quit and end of input both end it).
// Runs on the interpreter's big stack: `:backend interp` may be chosen at any entry.
int run_repl(const Options& options);

}  // namespace nyash::cli
