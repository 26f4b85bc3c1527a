// The `tail` engine: every handler is a function that ends by tail-calling the next
// instruction's handler, so each handler has its own indirect jump and the engine state (vm,
// pc, regs, constants) stays in argument registers from one instruction to the next.
// [[clang::musttail]] makes the compiler guarantee the tail call or refuse to compile: without
// the guarantee an unoptimised build would grow the native stack by a frame per instruction.
// meson builds this file only where the attribute exists (docs/engines.md, "Tail calls").
// The handler bodies are vm/handlers.inc; they keep no local with a destructor alive where they
// dispatch, which a guaranteed tail call could not leave behind.
#if !__has_cpp_attribute(clang::musttail)
#error "the tail engine needs [[clang::musttail]]; meson builds it only where the compiler guarantees tail calls"
#endif

#include <iterator>

#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {
namespace {

using Handler = void (*)(Machine& vm, const Instr* pc, Value* regs, const Value* konst);

#define OPCODE(name, a, b, c, doc) void tail_handler_##name(Machine&, const Instr*, Value*, const Value*);
#include "vm/opcodes.def"

constexpr Handler kHandlers[] = {
#define OPCODE(name, a, b, c, doc) tail_handler_##name,
#include "vm/opcodes.def"
};
static_assert(std::size(kHandlers) == kOpcodeCount);

#define DISPATCH()                                                                                   \
    do {                                                                                             \
        count_instruction(vm, *pc);                                                                  \
        [[clang::musttail]] return kHandlers[static_cast<size_t>(opcode_of(*pc))](vm, pc, regs, konst); \
    } while (0)
#define VM_HANDLER(name)                                                                          \
    void tail_handler_##name([[maybe_unused]] Machine& vm, const Instr* pc, [[maybe_unused]] Value* regs, \
                             [[maybe_unused]] const Value* konst)
#define INSN (*pc)
#define INSN_ADDRESS pc
// A superinstruction's second half: a direct tail call of the next word's handler.
#define FALL_INTO(name)                                                      \
    do {                                                                     \
        ++pc;                                                                \
        count_instruction(vm, *pc);                                          \
        [[clang::musttail]] return tail_handler_##name(vm, pc, regs, konst); \
    } while (0)
#include "dispatch_variants/handler_macros.hpp"
#include "vm/handlers.inc"

}  // namespace

void run_tail(Machine& vm) {
    const Instr* pc = vm.pc;
    Value* regs = vm.regs;
    const Value* konst = vm.constants;
    count_instruction(vm, *pc);
    kHandlers[static_cast<size_t>(opcode_of(*pc))](vm, pc, regs, konst);
}

}  // namespace nyash::vm
