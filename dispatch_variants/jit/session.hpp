#pragma once
// One run's JIT: the code arena, the entry trampoline and each function's compiled code,
// compiled lazily at the function's first call. It lives as the Machine's EngineData, so the
// script and main() share it and it goes with the run (compiled code embeds the addresses of
// this run's inline caches and singletons).
#include <chrono>
#include <cstdint>
#include <vector>

#include "dispatch_variants/jit/code_arena.hpp"
#include "dispatch_variants/jit/compiler.hpp"
#include "dispatch_variants/jit/perf_map.hpp"
#include "vm/machine.hpp"

namespace nyash::vm::jit {

class Session final : public EngineData {
public:
    explicit Session(Machine& vm);
    // The Machine's session, created on first use.
    static Session& of(Machine& vm);

    // False when executable memory could not be had.
    bool usable() const { return arena_.ok(); }
    // The function's machine code, compiled now if this is its first call. Throws NyashError
    // (MemoryError) when the arena is full.
    const void* entry_for(const Function& fn);
    // Runs compiled code whose frame the Machine has just entered; 0 when it returned, else
    // an error is pending on the Machine.
    int run(const void* code);

    // nullptr until the function is compiled.
    const CompiledFunction* compiled(const Function& fn) const;

private:
    Machine& vm_;
    std::chrono::steady_clock::time_point setup_start_;  // before arena_ is made
    CodeArena arena_;
    MachineLayout layout_;
    using Trampoline = int (*)(Machine* vm, Value* regs, const void* code);
    Trampoline trampoline_ = nullptr;
    std::vector<CompiledFunction> functions_;  // by function id
    std::vector<const void*> entries_;         // by function id: functions_[id].code, read by calls
    PerfMap perf_map_;
};

}  // namespace nyash::vm::jit
