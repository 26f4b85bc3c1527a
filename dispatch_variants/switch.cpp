// The `switch` engine: one switch over the opcode, re-entered after every instruction. It owns
// only the dispatch; the handler bodies are vm/handlers.inc.
#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {

void run_switch(Machine& vm) {
    const Instr* pc = vm.pc;
    Value* regs = vm.regs;
    const Value* const konst = vm.constants;
    Instr insn;

dispatch:
    insn = *pc;
    count_instruction(vm);
    switch (opcode_of(insn)) {
#define VM_HANDLER(name) case Opcode::name:
#define INSN insn
#define REG(i) (regs[(i)])
#define KONST(i) (konst[(i)])
#define VM vm
#define NEXT()         \
    do {               \
        ++pc;          \
        goto dispatch; \
    } while (0)
#define JUMP(offset)     \
    do {                 \
        pc += (offset);  \
        goto dispatch;   \
    } while (0)
#define SAVE_PC() (vm.pc = pc)
#define RESUME_FRAME()   \
    do {                 \
        pc = vm.pc;      \
        regs = vm.regs;  \
        goto dispatch;   \
    } while (0)
#define EXIT_ENGINE() return
#include "vm/handlers.inc"
    }
    __builtin_unreachable();  // every handler ends by dispatching or leaving
}

}  // namespace nyash::vm
