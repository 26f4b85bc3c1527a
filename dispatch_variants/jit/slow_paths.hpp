#pragma once
// The C-ABI layer between machine code and C++. Compiled code calls these with the System V
// calling convention and no unwind tables of its own, so none of them lets an exception out:
// each catches it, parks it on the Machine (set_pending_error) and reports failure in its
// result, which the template tests; the function's error exit then returns to run_jit, which
// rethrows it from C++.
#include <cstdint>

#include "vm/machine.hpp"

namespace nyash::vm::jit {

// Runs the handler of the instruction at `pc` (vm/handlers.inc, unchanged): returns the next
// instruction, or nullptr when it raised an error. For every opcode except RETURN/RETURNNULL.
using StepFunction = const Instr* (*)(Machine* vm, const Instr* pc, Value* regs) noexcept;
StepFunction step_function(Opcode op);

// For call-like opcodes: runs the handler; when it pushed a frame, returns the callee's
// compiled code (compiling it on its first call), kNoFrame when the result is already in
// R[A] (a built-in method, a constructor that does not exist), nullptr on error.
using CallStepFunction = const void* (*)(Machine* vm, const Instr* pc, Value* regs) noexcept;
CallStepFunction call_step_function(Opcode op);
inline const void* const kNoFrame = reinterpret_cast<const void*>(1);

// The compiled code of `fn` (compiling it now), for an inline call that found no entry yet;
// nullptr on error.
const void* compile_callee(Machine* vm, const Function* fn) noexcept;

// [T2] At a compiled function's error exit: the instruction index of the handler in this
// function that takes the pending error (the Machine is then in the handler's frame), or -1 to
// return with it (Machine::unwind_native_frame).
int64_t handler_after_error(Machine* vm) noexcept;

// The handlers called in a loop (call threading): what a pure JIT build runs when it cannot get
// executable memory.
void run_handler_functions(Machine& vm);

}  // namespace nyash::vm::jit
