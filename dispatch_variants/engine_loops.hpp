#pragma once
// The dispatch loops; engines.cpp lists those compiled into this binary as vm::Engine values.
// Each engine defines the dispatch macros that are its own, takes the rest from
// handler_macros.hpp and includes vm/handlers.inc (docs/engines.md explains every definition).
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "vm/machine.hpp"
#include "vm/opcode_profile.hpp"

namespace nyash::vm {

// One loop per vm/engines.def entry, defined in its engine's file (only the engines the build
// compiles in are defined; engines.cpp refers to just those).
#define ENGINE(id, name, function, doc) void function(Machine& vm);
#include "vm/engines.def"

// An operand field read from the instruction's bytes in memory instead of from the word in a
// register: x86-64 then loads a 16-bit field with one movzx, where the register form needs a
// copy, a shift and a mask (the word's layout is vm/bytecode.hpp's, little-endian).
template <typename Field>
inline Field field_at(const Instr* insn, size_t byte_offset) {
    static_assert(std::endian::native == std::endian::little, "operand bytes are read little-endian");
    Field field;
    std::memcpy(&field, reinterpret_cast<const unsigned char*>(insn) + byte_offset, sizeof field);
    return field;
}
// Bits 8..23, 24..39 and 40..63 of the word at `insn` (C signed for OPERAND_SC).
inline uint32_t operand_a_at(const Instr* insn) { return field_at<uint16_t>(insn, 1); }
inline uint32_t operand_b_at(const Instr* insn) { return field_at<uint16_t>(insn, 3); }
inline uint32_t operand_c_at(const Instr* insn) { return field_at<uint32_t>(insn, 4) >> 8; }
inline int32_t operand_sc_at(const Instr* insn) { return static_cast<int32_t>(field_at<uint32_t>(insn, 4)) >> 8; }

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
