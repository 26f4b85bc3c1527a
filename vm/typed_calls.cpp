#include "vm/typed_calls.hpp"

#include <array>

#include "runtime/builtin_method.hpp"
#include "vm/machine.hpp"

namespace nyash::vm {
namespace {

BuiltinReceiver receiver_of(BuiltinBox box) {
    switch (box) {
    case BuiltinBox::ArrayBox: return BuiltinReceiver::Array;
    case BuiltinBox::StringBox: return BuiltinReceiver::String;
    default: return BuiltinReceiver::None;  // no typed call has another receiver
    }
}

// The built-in method behind each typed opcode, looked up once per process.
const BuiltinMethod& typed_method(Opcode op) {
    static const std::array<const BuiltinMethod*, kOpcodeCount> methods = [] {
        std::array<const BuiltinMethod*, kOpcodeCount> found{};
        for (const TypedCall& call : kTypedCalls)
            found[static_cast<size_t>(call.opcode)] = find_builtin_method(receiver_of(call.box), intern(call.method));
        return found;
    }();
    return *methods[static_cast<size_t>(op)];
}

}  // namespace

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
    const BuiltinMethod& method = typed_method(op);
    // The method's body when the receiver is of the kind the encoder proved and the arguments
    // of the types the method takes (as quickening's direct forms); otherwise the generic call,
    // which raises the runtime's errors.
    bool direct = builtin_receiver_of(receiver) == receiver_of(call.box);
    for (uint32_t i = 0; direct && i < call.argc; ++i) direct = param_accepts(method.params[i], args[i]);
    Value result = direct ? method.run(rt_, receiver, args, call.argc)
                          : ::nyash::call_builtin(rt_, receiver, method.symbol, args, call.argc);
    if (call.result) regs[a] = std::move(result);
}

bool array_push(const Value& array, const Value& item) {
    if (!array.is_object_of(ObjectKind::Array)) return false;
    as_array(array).items.push_back(item);
    return true;
}

}  // namespace nyash::vm
