// The `goto` engine: labels as values (a GCC/Clang extension). Every handler ends in its own
// `goto *labels[opcode]`, so each handler's indirect jump gets its own branch-predictor entry
// instead of all instructions sharing the switch's one. The handler bodies are vm/handlers.inc.
// GCC keeps the jumps apart only when optimising for speed (dispatch_variants/meson.build);
// perf/audit_dispatch.py checks the machine code.
#include <iterator>

#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {

void run_goto(Machine& vm) {
    static const void* const kLabels[] = {
#define OPCODE(name, a, b, c, doc) &&handle_##name,
#include "vm/opcodes.def"
    };
    static_assert(std::size(kLabels) == kOpcodeCount);

    const Instr* pc = vm.pc;
    Value* regs = vm.regs;
    const Value* const konst = vm.constants;
    Instr insn;

#define DISPATCH()                                              \
    do {                                                        \
        insn = *pc;                                             \
        count_instruction(vm, insn);                            \
        goto* kLabels[static_cast<size_t>(opcode_of(insn))];    \
    } while (0)
// A superinstruction's second half: the next word's opcode is known, so no table lookup and a
// direct jump (it still counts as an executed instruction).
#define FALL_INTO(name)               \
    do {                              \
        insn = *++pc;                 \
        count_instruction(vm, insn);  \
        goto handle_##name;           \
    } while (0)
#define VM_HANDLER(name) handle_##name:
#define INSN insn
#define INSN_ADDRESS pc
#include "dispatch_variants/handler_macros.hpp"

    DISPATCH();
#include "vm/handlers.inc"
}

}  // namespace nyash::vm
