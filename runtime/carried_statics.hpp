#pragma once
// A REPL session's static boxes, carried from one entry's run to the next (docs/repl.md). Every
// run makes its static singletons anew (spec §9.8), except when its Runtime carries these: then
// a box found here keeps its singleton, the fields it gained by assignment and whether its
// `static { }` has started, and the run leaves them here when it ends.
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/symbol.hpp"
#include "runtime/value.hpp"

namespace nyash {

struct CarriedStatic {
    Value singleton;
    std::vector<Symbol> gained;  // fields gained by assignment, in slot order
    bool init_started = false;
};

// By box name: each entry of a session compiles its own classes.
using CarriedStatics = std::unordered_map<std::string, CarriedStatic>;

}  // namespace nyash
