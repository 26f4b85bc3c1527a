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

}  // namespace nyash::vm
