#include "vm/typed_calls.hpp"

#include <array>

#include "vm/machine.hpp"

namespace nyash::vm {

// Cold: the handlers run every case that succeeds inline, so this runs only where the call
// raises (an index out of range, an argument of the wrong type).
void Machine::call_in_place(Opcode op, uint32_t a, uint32_t b, uint32_t c) {
    const TypedCall& call = typed_call_of(op);
    const Value& receiver = regs[call.result ? b : a];
    // The arguments are read in place (the result is stored only after the call), unless two
    // of them are not in consecutive registers.
    const Value* args = &regs[call.result ? c : b];
    std::array<Value, 2> gathered;
    if (call.argc == 2 && c != b + 1) {
        gathered = {regs[b], regs[c]};
        args = gathered.data();
    }
    Value result = ::nyash::call_builtin(rt_, receiver, intern(call.method), args, call.argc);
    if (call.result) regs[a] = std::move(result);
}

}  // namespace nyash::vm
