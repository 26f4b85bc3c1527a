// Every opcode's handler (vm/handlers.inc) as a function of its own, for engines that reach
// handlers by calling them: the call-threaded loop and the JIT's generic fallback. Include this
// inside an unnamed namespace, after <iterator>, dispatch_variants/engine_loops.hpp and
// vm/handler_support.hpp; it defines handler_function_NAME for every opcode and
// kHandlerFunctions, indexed by opcode.
//
// A handler function runs the instruction at `pc` in the frame whose registers are `regs` and
// returns the next instruction: vm.pc after a frame switch (call or return), nullptr when the
// entry frame returned. Errors propagate as C++ exceptions.
using HandlerFunction = const ::nyash::vm::Instr* (*)(::nyash::vm::Machine& vm, const ::nyash::vm::Instr* pc,
                                                      ::nyash::Value* regs);

#define VM_HANDLER(name)                                                                                   \
    const ::nyash::vm::Instr* handler_function_##name([[maybe_unused]] ::nyash::vm::Machine& vm,           \
                                                      [[maybe_unused]] const ::nyash::vm::Instr* pc,       \
                                                      [[maybe_unused]] ::nyash::Value* regs)
#define INSN (*pc)
#define INSN_ADDRESS pc
#define KONST(i) (vm.constants[(i)])
#define CONTINUE_AT(target) return (target)
#define RESUME_FRAME() return vm.pc
#define EXIT_ENGINE() return nullptr
// A superinstruction's second half: a direct call of the next word's handler (defined above the
// superinstructions in vm/handlers.inc) instead of a return to the loop.
#define FALL_INTO(name)                                        \
    do {                                                       \
        ::nyash::vm::count_instruction(vm, pc[1]);             \
        return handler_function_##name(vm, pc + 1, regs);      \
    } while (0)
#include "dispatch_variants/handler_macros.hpp"
#include "vm/handlers.inc"

constexpr HandlerFunction kHandlerFunctions[] = {
#define OPCODE(name, a, b, c, doc) handler_function_##name,
#include "vm/opcodes.def"
};
static_assert(std::size(kHandlerFunctions) == ::nyash::vm::kOpcodeCount);

// Runs from vm.pc until the entry frame returns. After a frame switch the Machine holds the new
// frame's registers, so the loop passes vm.regs afresh on every call.
inline void call_handler_functions(::nyash::vm::Machine& vm) {
    const ::nyash::vm::Instr* pc = vm.pc;
    while (pc != nullptr) {
        ::nyash::vm::count_instruction(vm, *pc);
        pc = kHandlerFunctions[static_cast<size_t>(::nyash::vm::opcode_of(*pc))](vm, pc, vm.regs);
    }
}
