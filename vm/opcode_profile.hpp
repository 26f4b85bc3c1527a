#pragma once
// The profiling build's view of the VM (meson -Dvm_profile=true, which defines NYASH_VM_PROFILE):
// executed instructions by opcode with the cycles until the next dispatch, the opcode pairs
// executed in sequence, and per function the calls and the cycles of its instructions. Engines
// call profile_instruction() at every dispatch (dispatch_variants/engine_loops.hpp); other
// builds compile none of it. The JIT has no dispatch, so runs on it record nothing here.
#include <cstdint>
#include <vector>

#include "runtime/run_profile.hpp"
#include "vm/bytecode.hpp"

namespace nyash::vm {

struct Function;

struct OpcodeProfile {
    uint64_t counts[kOpcodeCount] = {};
    // Ticks from an instruction's dispatch to the next one's, the hook's own cost
    // (overhead_ticks per instruction) not yet subtracted.
    uint64_t ticks[kOpcodeCount] = {};
    uint64_t pairs[kOpcodeCount][kOpcodeCount] = {};
    // By function id: calls (frames pushed for it) and the ticks of its instructions, and how
    // many instructions those ticks cover (for the hook's cost).
    std::vector<profile::TimedCount> functions;
    std::vector<uint64_t> function_instructions;
    // The hook's measured cost per instruction (calibrate()), in ticks.
    uint64_t overhead_ticks = 0;

    // Where the next dispatch attributes the ticks since the last one.
    Opcode previous = Opcode{};
    const Function* previous_function = nullptr;
    uint64_t last = 0;

    void calibrate();
};

// The profile the hooks write to, or nullptr.
OpcodeProfile* active_opcode_profile();
void activate_opcode_profile(OpcodeProfile* profile);

#ifdef NYASH_VM_PROFILE
void record_instruction(OpcodeProfile& profile, const Function& function, Opcode op);
void record_call(OpcodeProfile& profile, const Function& callee);
// A run starts: nothing before it is attributed to an instruction.
void start_profiled_run();
// A run ends: the last instruction's ticks are attributed.
void finish_profiled_run();
#endif

}  // namespace nyash::vm
