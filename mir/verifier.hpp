#pragma once
// Structural and SSA checks of a MIR function. A failure is a compiler bug, never a user error.
#include <string>
#include <string_view>
#include <vector>

#include "mir/mir.hpp"

namespace nyash::mir {

// One message per problem found; empty when the function is well formed: block ids and value ids
// in range, exactly one terminator per block (at its end), phis first with one incoming value per
// predecessor, preds matching the terminators, every block reachable, no critical edges, every
// value defined once and every use dominated by its definition.
std::vector<std::string> verify(const Function& fn);

// Debug builds (no NDEBUG): verifies fn and, on failure, prints the stage, the messages and the
// function to stderr and aborts. Release builds: does nothing.
void verify_or_abort(const Function& fn, std::string_view stage);

}  // namespace nyash::mir
