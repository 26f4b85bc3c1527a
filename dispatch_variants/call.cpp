// The `call` engine (call threading): every handler is a function of its own that returns the
// next instruction, and one loop calls them through a table indexed by opcode. The handler
// bodies are vm/handlers.inc; this file owns only how they are reached and left.
#include <iterator>

#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {
namespace {

// Runs the instruction at `pc` in the frame whose registers are `regs`; returns the next
// instruction, or nullptr when the entry frame returned. After a frame switch the Machine
// holds the new frame's registers, so the loop passes vm.regs afresh on every call.
using Handler = const Instr* (*)(Machine& vm, const Instr* pc, Value* regs);

#define VM_HANDLER(name)                                                                      \
    const Instr* call_handler_##name([[maybe_unused]] Machine& vm, [[maybe_unused]] const Instr* pc, \
                                     [[maybe_unused]] Value* regs)
#define INSN (*pc)
#define KONST(i) (vm.constants[(i)])
#define CONTINUE_AT(target) return (target)
#define RESUME_FRAME() return vm.pc
#define EXIT_ENGINE() return nullptr
#include "dispatch_variants/handler_macros.hpp"
#include "vm/handlers.inc"

constexpr Handler kHandlers[] = {
#define OPCODE(name, a, b, c, doc) call_handler_##name,
#include "vm/opcodes.def"
};
static_assert(std::size(kHandlers) == kOpcodeCount);

}  // namespace

void run_call(Machine& vm) {
    const Instr* pc = vm.pc;
    while (pc != nullptr) {
        count_instruction(vm);
        pc = kHandlers[static_cast<size_t>(opcode_of(*pc))](vm, pc, vm.regs);
    }
}

}  // namespace nyash::vm
