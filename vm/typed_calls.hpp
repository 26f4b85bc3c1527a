#pragma once
// Typed built-in calls (vm/typed_calls.def): which method call each typed opcode stands for.
// The encoder selects them; Machine::call_in_place runs their generic path.
#include <cstdint>
#include <string_view>

#include "runtime/builtins.hpp"
#include "vm/bytecode.hpp"

namespace nyash::vm {

struct TypedCall {
    Opcode opcode;
    BuiltinBox box;
    std::string_view method;
    std::string_view alias;  // another name of the method, or empty
    uint32_t argc;
    bool result;  // R[A] receives the result (then R[B] is the receiver), else R[A] is the receiver
};

inline constexpr TypedCall kTypedCalls[] = {
#define TYPED_CALL(opcode, box, method, alias, argc, result) {Opcode::opcode, BuiltinBox::box, method, alias, argc, result},
#include "vm/typed_calls.def"
};

// The typed call for `method` with `argc` arguments on a `box` receiver, or nullptr.
constexpr const TypedCall* find_typed_call(BuiltinBox box, std::string_view method, uint32_t argc) {
    for (const TypedCall& call : kTypedCalls)
        if (call.box == box && (call.method == method || (!call.alias.empty() && call.alias == method)) &&
            call.argc == argc)
            return &call;
    return nullptr;
}

// The entry of a typed opcode.
constexpr const TypedCall& typed_call_of(Opcode op) {
    for (const TypedCall& call : kTypedCalls)
        if (call.opcode == op) return call;
    return kTypedCalls[0];  // unreachable for a typed opcode
}

constexpr bool typed_calls_are_consistent() {
    for (const TypedCall& call : kTypedCalls) {
        // Each opcode once, and its operands the registers the form names (vm/opcodes.def).
        if (&typed_call_of(call.opcode) != &call) return false;
        const OpcodeInfo& info = opcode_info(call.opcode);
        const uint32_t registers = call.argc + 1 + (call.result ? 1 : 0);
        if (info.a != OperandKind::REG || info.b != OperandKind::REG || registers < 2 ||
            (info.c == OperandKind::REG) != (registers == 3) || (info.c == OperandKind::NONE) != (registers == 2))
            return false;
    }
    return true;
}
static_assert(typed_calls_are_consistent(), "vm/typed_calls.def and vm/opcodes.def disagree");

}  // namespace nyash::vm
