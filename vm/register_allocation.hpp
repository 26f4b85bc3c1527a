#pragma once
// Register allocation on SSA form: every value keeps one register for its whole life; a register
// is reused as soon as its value is dead. Blocks are visited in dominance order, so the registers
// live at a block's entry are exactly those of its live-in values and the frame needs only as
// many registers as values are simultaneously live (plus call windows).
//
// Call windows: a call-like instruction's arguments go to R[base ...] and the callee's frame
// starts there, so `base` is placed above every register that is still live after the call.
// Hints steer values into the registers they are copied to later (phi results, window slots,
// the left operand of `x = x + y`) so most copies vanish.
#include <cstdint>
#include <vector>

#include "vm/lir.hpp"
#include "vm/liveness.hpp"

namespace nyash::vm {

struct Allocation {
    std::vector<int32_t> reg;                       // per value; -1: no register (dead or constant)
    std::vector<std::vector<uint32_t>> window_base; // [block][instr]: base of Window instructions
    uint32_t frame_size = 0;                        // registers + call windows
};

// `previous`, when given, is an earlier allocation of the same function whose window bases
// become hints for the arguments (a second pass places arguments straight into their slots).
Allocation allocate_registers(const lir::Function& fn, const Liveness& live, const Allocation* previous);

}  // namespace nyash::vm
