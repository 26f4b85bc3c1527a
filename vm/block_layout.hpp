#pragma once
// The order blocks are emitted in: reverse post-order with loops rotated, so that a loop's
// condition sits after its body and each iteration runs one fused compare-and-branch instead
// of a conditional exit at the top plus a jump back.
#include <vector>

#include "vm/lir.hpp"
#include "vm/liveness.hpp"

namespace nyash::vm {

std::vector<lir::BlockId> lay_out_blocks(const lir::Function& fn, const Liveness& live);

}  // namespace nyash::vm
