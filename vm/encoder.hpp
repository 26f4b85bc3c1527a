#pragma once
// MIR -> bytecode: instruction selection, liveness, register allocation, block layout and
// emission with out-of-SSA copies (docs/bytecode.md).
#include <vector>

#include "frontend/ast.hpp"
#include "mir/mir.hpp"
#include "vm/bytecode.hpp"
#include "vm/constant_pool.hpp"

namespace nyash::vm {

// Compiles one function; constants go to `pool`, inline-cache sites to `sites`. `typed_calls`
// false (--no-typed-calls) selects CALLMETHOD for every method call (vm/typed_calls.def).
Function encode_function(const mir::Function& fn, const ClassTable& classes, ConstantPool& pool,
                         std::vector<Site>& sites, bool typed_calls = true);

// Compiles every function of a module built from `source`.
Program encode_module(const mir::Module& module, const ast::Program& source, bool typed_calls = true);

// Turns every instruction followed by the second opcode of a superinstruction whose first opcode
// it has into that superinstruction (vm/superinstructions.def); only opcode bytes change.
void select_superinstructions(Function& fn);

}  // namespace nyash::vm
