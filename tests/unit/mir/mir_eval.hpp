#pragma once
// A direct MIR executor for the tests: the reference semantics of MIR that lets the test suite
// check the builder and every pass against the conformance corpus's expected output before any
// bytecode exists. Tier 1 only (no try/throw, fini, weak fields or static initializers).
#include "frontend/ast.hpp"
#include "mir/mir.hpp"
#include "runtime/runtime.hpp"

namespace nyash::test {

// The run phase of spec §2.3 on MIR: creates the static singletons, runs the script function,
// then the entry main(). A runtime error propagates as a located NyashError. Needs a large
// native stack for deep recursion (run it through run_with_large_stack).
void run_mir(const ast::Program& program, const mir::Module& module, Runtime& rt);

}  // namespace nyash::test
