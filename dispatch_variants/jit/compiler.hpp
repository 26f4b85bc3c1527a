#pragma once
// Bytecode function -> x86-64 machine code, one template per bytecode instruction
// (docs/engines.md, "jit"). Hot paths fall through; cold paths sit after the function body.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "vm/machine.hpp"

namespace nyash::vm::jit {

// Where compiled code finds the Machine's engine-visible fields (offsets from the Machine).
struct MachineLayout {
    int32_t regs = 0;
    int32_t executed = 0;
    int32_t frame = 0;        // Machine::frame_stack_fields()
    int32_t frame_limit = 0;
    int32_t stack = 0;
    int32_t stack_size = 0;
    static MachineLayout of(const Machine& vm);
};

struct CompiledFunction {
    const uint8_t* code = nullptr;
    size_t size = 0;
    // Offset of each instruction's template; one more entry: where the cold paths begin.
    std::vector<uint32_t> instruction_offsets;
    // Per instruction: true when its template has an inline fast path, false when it is only
    // the call of the generic fallback (the opcode's handler).
    std::vector<bool> inline_template;
};

// Compiles `fn` into the start of `space` and returns it (code points into space). `entries`
// is the session's table of compiled code by function id (nullptr: not compiled yet), which
// calls read at run time. Throws Xbyak::Error when space is too small.
CompiledFunction compile_function(std::span<uint8_t> space, Machine& vm, const Function& fn,
                                  const MachineLayout& layout, const void* const* entries);

// The way in from C++: int enter(Machine*, Value* regs, const void* code) sets up the register
// map and calls `code`. Returns its size in bytes.
size_t emit_trampoline(std::span<uint8_t> space);

}  // namespace nyash::vm::jit
