#pragma once
// The bridge between MIR constants and runtime Values, so that passes compute with the very
// operator functions the backends run.
#include <optional>

#include "mir/mir.hpp"
#include "runtime/value.hpp"

namespace nyash::mir {

Value to_value(const Constant& c);  // strings become fresh runtime strings
// nullopt for values a constant cannot hold (objects other than strings).
std::optional<Constant> to_constant(const Value& v);

}  // namespace nyash::mir
