#pragma once
#include <vector>

#include "frontend/ast.hpp"
#include "runtime/error.hpp"

namespace nyash {

// Semantic checks and name resolution after parsing (spec §4.3 declaration rules, §5, §9):
// box/function namespaces, delegation, override, constructors, context rules, entry point;
// fills every "resolved" field of the AST. Returns the compile errors found (empty = ok);
// errors[0] is the one to report.
std::vector<NyashError> resolve(ast::Program& program);

}  // namespace nyash
