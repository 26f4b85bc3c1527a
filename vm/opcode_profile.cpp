#include "vm/opcode_profile.hpp"

#include <algorithm>
#include <array>

namespace nyash::vm {
namespace {

OpcodeProfile* g_active = nullptr;

}  // namespace

OpcodeProfile* active_opcode_profile() { return g_active; }
void activate_opcode_profile(OpcodeProfile* profile) { g_active = profile; }

#ifdef NYASH_VM_PROFILE
namespace {

profile::TimedCount& function_entry(OpcodeProfile& profile, const Function& function) {
    const auto id = static_cast<size_t>(function.id);
    if (id >= profile.functions.size()) {
        profile.functions.resize(id + 1);
        profile.function_instructions.resize(id + 1);
    }
    return profile.functions[id];
}

}  // namespace

void record_instruction(OpcodeProfile& profile, const Function& function, Opcode op) {
    const uint64_t now = profile::ticks();
    if (profile.previous_function) {
        const uint64_t elapsed = now - profile.last;
        profile.ticks[static_cast<size_t>(profile.previous)] += elapsed;
        profile.pairs[static_cast<size_t>(profile.previous)][static_cast<size_t>(op)] += 1;
        function_entry(profile, *profile.previous_function).ticks += elapsed;
        ++profile.function_instructions[static_cast<size_t>(profile.previous_function->id)];
    }
    ++profile.counts[static_cast<size_t>(op)];
    profile.previous = op;
    profile.previous_function = &function;
    // Read last, so the bookkeeping above is not charged to the next instruction.
    profile.last = profile::ticks();
}

void record_call(OpcodeProfile& profile, const Function& callee) { ++function_entry(profile, callee).count; }

void start_profiled_run() {
    if (g_active) g_active->previous_function = nullptr;
}

void finish_profiled_run() {
    OpcodeProfile* profile = g_active;
    if (!profile || !profile->previous_function) return;
    const uint64_t elapsed = profile::ticks() - profile->last;
    profile->ticks[static_cast<size_t>(profile->previous)] += elapsed;
    function_entry(*profile, *profile->previous_function).ticks += elapsed;
    ++profile->function_instructions[static_cast<size_t>(profile->previous_function->id)];
    profile->previous_function = nullptr;
}
#endif

// The ticks an instruction that does nothing is charged: the hook's own cost, measured by
// running it back to back on a scratch profile; the median of several batches.
void OpcodeProfile::calibrate() {
#ifdef NYASH_VM_PROFILE
    constexpr int kBatches = 9;
    constexpr int kPerBatch = 2000;
    OpcodeProfile scratch;
    Function nothing;
    nothing.id = 0;
    std::array<uint64_t, kBatches> per_instruction{};
    for (uint64_t& result : per_instruction) {
        scratch.previous_function = nullptr;
        scratch.ticks[0] = 0;
        for (int i = 0; i < kPerBatch; ++i) record_instruction(scratch, nothing, Opcode{});
        result = scratch.ticks[0] / (kPerBatch - 1);
    }
    std::ranges::nth_element(per_instruction, per_instruction.begin() + kBatches / 2);
    overhead_ticks = per_instruction[kBatches / 2];
#endif
}

}  // namespace nyash::vm
