#pragma once
// The dispatch loops compiled into this binary; engines.cpp lists them as vm::Engine values.
// Each engine defines the dispatch macros that are its own, takes the rest from
// handler_macros.hpp and includes vm/handlers.inc (docs/engines.md explains every definition).
#include "vm/machine.hpp"

namespace nyash::vm {

// for(;;) switch (opcode): one indirect jump through the switch's table per instruction.
void run_switch(Machine& vm);
// Call threading: a loop calls one function per instruction through a table of handlers.
void run_call(Machine& vm);
// Labels as values: every handler ends in its own `goto *labels[next opcode]`.
void run_goto(Machine& vm);
// Direct threading: each function is translated once into slots holding handler addresses.
void run_goto_predecoded(Machine& vm);
// Every handler is a function that tail-calls the next one ([[clang::musttail]]).
void run_tail(Machine& vm);
// No dispatch at all: each function compiled to x86-64 machine code at its first call.
void run_jit(Machine& vm);

// The engine the JIT runs a program on when it cannot get executable memory: the default
// interpreter engine of this binary (engines.cpp).
EngineLoop interpreter_fallback();

// Called once per executed instruction by every engine: counts it in counting builds
// (meson -Dvm_count_instructions=true), compiles to nothing otherwise.
inline void count_instruction([[maybe_unused]] Machine& vm) {
#ifdef NYASH_VM_COUNT_INSTRUCTIONS
    ++vm.executed;
#endif
}

}  // namespace nyash::vm
