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
    count_instruction(vm, insn);
    switch (opcode_of(insn)) {
#define VM_HANDLER(name) case Opcode::name:
#define INSN insn
#define INSN_ADDRESS pc
#define DISPATCH() goto dispatch
#include "dispatch_variants/handler_macros.hpp"
#include "vm/handlers.inc"
    }
    __builtin_unreachable();  // every handler ends by dispatching or leaving
}

}  // namespace nyash::vm
