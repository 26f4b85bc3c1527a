#pragma once
// The text form of MIR (--dump-mir), documented in docs/mir.md. Stable: tests compare it.
#include <string>

#include "mir/mir.hpp"

namespace nyash::mir {

// `module` supplies the names of boxes and callees; without it they print as box#N / fn#N.
std::string print_function(const Function& fn, const Module* module = nullptr);
// Every function in id order, separated by blank lines.
std::string print_module(const Module& module);

}  // namespace nyash::mir
