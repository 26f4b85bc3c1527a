#pragma once
// MIR -> bytecode: instruction selection, liveness, register allocation, block layout and
// emission with out-of-SSA copies (docs/bytecode.md).
#include <vector>

#include "frontend/ast.hpp"
#include "mir/mir.hpp"
#include "vm/bytecode.hpp"
#include "vm/constant_pool.hpp"

namespace nyash::vm {

// Compiles one function; constants go to `pool`, inline-cache sites to `sites`.
Function encode_function(const mir::Function& fn, const ClassTable& classes, ConstantPool& pool,
                         std::vector<Site>& sites);

// Compiles every function of a module built from `source`.
Program encode_module(const mir::Module& module, const ast::Program& source);

// Turns every instruction followed by the second opcode of a superinstruction whose first opcode
// it has into that superinstruction (vm/superinstructions.def); only opcode bytes change.
void select_superinstructions(Function& fn);

}  // namespace nyash::vm
