#pragma once
// Instruction selection: MIR -> LIR. Picks the bytecode form of every MIR instruction:
// constant operands (ADDK/ADDI/KADD, J*K, PRINTK), compare+branch fusion, `not`/truthiness folding
// into branches, call windows, typed built-in calls (unless `typed_calls` is false:
// --no-typed-calls). Allocates the inline-cache sites it needs.
#include <vector>

#include "mir/mir.hpp"
#include "vm/bytecode.hpp"
#include "vm/constant_pool.hpp"
#include "vm/lir.hpp"

namespace nyash::vm {

lir::Function select_instructions(const mir::Function& fn, const ClassTable& classes, ConstantPool& pool,
                                  std::vector<Site>& sites, bool typed_calls);

}  // namespace nyash::vm
