#pragma once
// The dispatch loops; engines.cpp lists those compiled into this binary as vm::Engine values.
// Each engine defines the dispatch macros that are its own, takes the rest from
// handler_macros.hpp and includes vm/handlers.inc (docs/engines.md explains every definition).
#include "vm/machine.hpp"
#include "vm/opcode_profile.hpp"

namespace nyash::vm {

// One loop per vm/engines.def entry, defined in its engine's file (only the engines the build
// compiles in are defined; engines.cpp refers to just those).
#define ENGINE(id, name, function, doc) void function(Machine& vm);
#include "vm/engines.def"

// The engine the JIT runs a program on when it cannot get executable memory: the default
// interpreter engine of this binary (engines.cpp).
EngineLoop interpreter_fallback();

// Called once per executed instruction by every engine, with the instruction: counts it in
// counting builds (meson -Dvm_count_instructions=true) and profiles it in profiling builds
// (-Dvm_profile=true, vm/opcode_profile.hpp); compiles to nothing otherwise.
inline void count_instruction([[maybe_unused]] Machine& vm, [[maybe_unused]] Instr insn) {
#ifdef NYASH_VM_COUNT_INSTRUCTIONS
    ++vm.executed;
#endif
#ifdef NYASH_VM_PROFILE
    if (OpcodeProfile* profile = active_opcode_profile())
        record_instruction(*profile, vm.current_function(), opcode_of(insn));
#endif
}

}  // namespace nyash::vm
