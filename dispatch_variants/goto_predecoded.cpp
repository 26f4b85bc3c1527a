// The `goto-predecoded` engine: direct threading. Before a function first runs here, its
// bytecode is translated once into threaded code, one slot per instruction holding the
// handler's label address beside the instruction word: dispatch is a load and an indirect
// jump, with no opcode extraction or table lookup. Slot i is instruction i, so jump offsets
// carry over unchanged and the Machine keeps seeing bytecode pcs (errors are located by them,
// frames return to them). The handler bodies are vm/handlers.inc.
#include <iterator>
#include <vector>

#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {
namespace {

struct Slot {
    const void* handler;
    Instr insn;
};

// The threaded code of every function one engine run entered. Nothing is kept across runs:
// a Program may be freed and another one allocated at the same address.
class ThreadedCode {
public:
    explicit ThreadedCode(const void* const* labels) : labels_(labels) {}

    // Slot i runs fn.code[i]; decoded on the first call for `fn`.
    const Slot* of(const Function& fn) {
        const auto id = static_cast<size_t>(fn.id);
        if (id >= functions_.size()) functions_.resize(id + 1);
        std::vector<Slot>& slots = functions_[id];
        if (slots.empty()) {
            slots.reserve(fn.code.size());
            for (Instr insn : fn.code) slots.push_back({labels_[static_cast<size_t>(opcode_of(insn))], insn});
        }
        return slots.data();
    }

private:
    const void* const* labels_;  // by opcode
    std::vector<std::vector<Slot>> functions_;  // by Function::id
};

}  // namespace

void run_goto_predecoded(Machine& vm) {
    static const void* const kLabels[] = {
#define OPCODE(name, a, b, c, doc) &&handle_##name,
#include "vm/opcodes.def"
    };
    static_assert(std::size(kLabels) == kOpcodeCount);

    ThreadedCode threaded(kLabels);
    const Instr* code;  // the current function's bytecode ...
    const Slot* slots;  // ... and its threaded code
    const Slot* pc;
    Value* regs;
    const Value* const konst = vm.constants;
    Instr insn;

#define DISPATCH()             \
    do {                       \
        insn = pc->insn;       \
        count_instruction(vm); \
        goto* pc->handler;     \
    } while (0)
#define VM_HANDLER(name) handle_##name:
#define INSN insn
#define REG(i) (regs[(i)])
#define KONST(i) (konst[(i)])
#define VM vm
#define NEXT()      \
    do {            \
        ++pc;       \
        DISPATCH(); \
    } while (0)
#define JUMP(offset)    \
    do {                \
        pc += (offset); \
        DISPATCH();     \
    } while (0)
#define SAVE_PC() (vm.pc = code + (pc - slots))
#define RESUME_FRAME()                                  \
    do {                                                \
        const Function& resumed = vm.current_function(); \
        code = resumed.code.data();                     \
        slots = threaded.of(resumed);                   \
        pc = slots + (vm.pc - code);                    \
        regs = vm.regs;                                 \
        DISPATCH();                                     \
    } while (0)
#define EXIT_ENGINE() return

    RESUME_FRAME();  // the entry frame
#include "vm/handlers.inc"
}

}  // namespace nyash::vm
