#pragma once
// AST -> MIR: one SSA function per callable of a resolved program.
#include "frontend/ast.hpp"
#include "mir/mir.hpp"

namespace nyash::mir {

// Builds Module::functions[id] for every Program::callables[id] (the script, functions,
// constructors, methods, static initializers) and Module::box_names. Locals become SSA values
// (Braun et al. 2013, keyed on resolver slots). Members take `me` as parameter 0. The result
// satisfies verify(). Throws NyashError (SyntaxError "unsupported feature 'try'"/'throw')
// for the Tier 2 statements MIR cannot express; the resolver normally rejects them first.
Module build_module(const ast::Program& program);

}  // namespace nyash::mir
