// The `goto-predecoded` engine: direct threading. Before a function first runs here, its
// bytecode is translated once into threaded code, one slot per instruction holding the
// handler's label address beside the instruction word: dispatch is a load and an indirect
// jump, with no opcode extraction or table lookup. Slot i is instruction i, so jump offsets
// carry over unchanged and the Machine keeps seeing bytecode pcs (errors are located by them,
// frames return to them). The handler bodies are vm/handlers.inc.
#include <cstdint>
#include <iterator>
#include <memory>
#include <span>
#include <utility>
#include <vector>

#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {
namespace {

struct Slot {
    const void* handler;
    Instr insn;
};

// One function's bytecode and its threaded code: slot i runs code[i].
struct Translation {
    std::span<const Instr> code;
    std::vector<Slot> slots;

    // Whether `pc` is one of this function's instructions (functions' code never overlaps).
    bool contains(const Instr* pc) const {
        return reinterpret_cast<uintptr_t>(pc) - reinterpret_cast<uintptr_t>(code.data()) < code.size_bytes();
    }
};

// The translations of the functions one engine run entered. Nothing is kept across runs: a
// Program may be freed and another one allocated at the same address.
class ThreadedCode {
public:
    explicit ThreadedCode(const void* const* labels) : labels_(labels) {}

    // The translation of `fn`, made when first asked for; its address stays valid.
    const Translation& of(const Function& fn) {
        const auto id = static_cast<size_t>(fn.id);
        if (id >= by_id_.size()) by_id_.resize(id + 1);
        if (!by_id_[id]) {
            auto translation = std::make_unique<Translation>();
            translation->code = fn.code;
            translation->slots.reserve(fn.code.size());
            for (Instr insn : fn.code)
                translation->slots.push_back({labels_[static_cast<size_t>(opcode_of(insn))], insn});
            by_id_[id] = std::move(translation);
        }
        return *by_id_[id];
    }

private:
    const void* const* labels_;  // by opcode
    std::vector<std::unique_ptr<Translation>> by_id_;  // by Function::id
};

}  // namespace

void run_goto_predecoded(Machine& vm) {
    static const void* const kLabels[] = {
#define OPCODE(name, a, b, c, doc) &&handle_##name,
#include "vm/opcodes.def"
    };
    static_assert(std::size(kLabels) == kOpcodeCount);

    ThreadedCode threaded(kLabels);
    const Translation none;  // of no function: contains no pc
    // The translations of the current frame's function and of the one that ran before it: a
    // return goes back to that one, and so does the next call in a loop that calls a method.
    // Only other frame switches pay for the lookup through the Machine's frame.
    const Translation* current = &none;
    const Translation* previous = &none;
    const Slot* pc;
    Value* regs;
    const Value* const konst = vm.constants;
    Instr insn;

#define DISPATCH()             \
    do {                       \
        insn = pc->insn;       \
        count_instruction(vm, insn); \
        goto* pc->handler;     \
    } while (0)
// A superinstruction's second half: a direct jump to the handler the next slot holds.
#define FALL_INTO(name)               \
    do {                              \
        insn = (++pc)->insn;          \
        count_instruction(vm, insn);  \
        goto handle_##name;           \
    } while (0)
#define VM_HANDLER(name) handle_##name:
#define INSN insn
#define INSN_ADDRESS (&pc->insn)
#define SAVE_PC() (vm.pc = current->code.data() + (pc - current->slots.data()))
#define RESUME_FRAME()                                                                     \
    do {                                                                                   \
        if (!current->contains(vm.pc)) {                                                   \
            std::swap(current, previous);                                                  \
            if (!current->contains(vm.pc)) current = &threaded.of(vm.current_function());  \
        }                                                                                  \
        pc = current->slots.data() + (vm.pc - current->code.data());                       \
        regs = vm.regs;                                                                    \
        DISPATCH();                                                                        \
    } while (0)
#include "dispatch_variants/handler_macros.hpp"

    RESUME_FRAME();  // the entry frame
#include "vm/handlers.inc"
}

}  // namespace nyash::vm
