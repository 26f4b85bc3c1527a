// The `tail` engine: every handler is a function that ends by tail-calling the next
// instruction's handler, so dispatch is one indirect jump per handler and the four pieces of
// engine state (vm, pc, regs, constants) stay in argument registers across instructions.
// [[clang::musttail]] makes the compiler guarantee the tail call (or refuse to compile): without
// it, a debug build would grow the native stack by one frame per executed instruction.
// meson builds this file only where the attribute exists (docs/engines.md, "Tail calls").
//
// A handler body may hold a local with a destructor where it dispatches (a Value), and a
// guaranteed tail call cannot leave one behind. So each body is an always-inlined step function
// that returns the next instruction, and the handler around it makes the tail call once the
// body's scope has closed. The handler bodies are vm/handlers.inc.
#if !__has_cpp_attribute(clang::musttail)
#error "the tail engine needs [[clang::musttail]]; meson builds it only where the compiler guarantees tail calls"
#endif

#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {
namespace {

using Handler = void (*)(Machine& vm, const Instr* pc, Value* regs, const Value* konst);

#define OPCODE(name, a, b, c, doc) void handle_##name(Machine&, const Instr*, Value*, const Value*);
#include "vm/opcodes.def"

// Returning (instead of tail-calling on) ends the chain: the engine has finished.
void halt(Machine&, const Instr*, Value*, const Value*) {}

// EXIT_ENGINE continues at this word: its opcode, one past the last real one, selects `halt`,
// so leaving costs no test on the path of the other instructions.
constexpr Instr kHaltWord = kOpcodeCount;

constexpr Handler kHandlers[kOpcodeCount + 1] = {
#define OPCODE(name, a, b, c, doc) handle_##name,
#include "vm/opcodes.def"
    halt,
};

#define VM_HANDLER(name)                                                                      \
    [[gnu::always_inline]] inline const Instr* step_##name(Machine&, const Instr*, Value*&,   \
                                                           const Value*);                     \
    void handle_##name(Machine& vm, const Instr* pc, Value* regs, const Value* konst) {        \
        count_instruction(vm);                                                                \
        pc = step_##name(vm, pc, regs, konst);                                                \
        [[clang::musttail]] return kHandlers[static_cast<size_t>(opcode_of(*pc))](vm, pc, regs, konst); \
    }                                                                                         \
    const Instr* step_##name([[maybe_unused]] Machine& vm, const Instr* pc,                   \
                             [[maybe_unused]] Value*& regs, [[maybe_unused]] const Value* konst)
#define INSN (*pc)
#define REG(i) (regs[(i)])
#define KONST(i) (konst[(i)])
#define VM vm
#define NEXT() return pc + 1
#define JUMP(offset) return pc + (offset)
#define SAVE_PC() (vm.pc = pc)
#define RESUME_FRAME()  \
    do {                \
        regs = vm.regs; \
        return vm.pc;   \
    } while (0)
#define EXIT_ENGINE() return &kHaltWord
#include "vm/handlers.inc"

}  // namespace

void run_tail(Machine& vm) {
    kHandlers[static_cast<size_t>(opcode_of(*vm.pc))](vm, vm.pc, vm.regs, vm.constants);
}

}  // namespace nyash::vm
