#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "runtime/symbol.hpp"
#include "runtime/value.hpp"

namespace nyash {

class Runtime;

// The built-in box types of spec §11 (the names `new` accepts besides user boxes).
enum class BuiltinBox {
    IntegerBox, FloatBox, StringBox, BoolBox, NullBox, ArrayBox, MapBox,
    ConsoleBox, MathBox, DebugBox, TimeBox,
};
std::optional<BuiltinBox> builtin_box_by_name(std::string_view name);
std::string_view builtin_box_name(BuiltinBox box);

// `new B(args)` for a built-in box (spec §11.1). Errors as NyashError without location.
Value construct_builtin(Runtime& rt, BuiltinBox box, const Value* args, size_t argc);

// One entry of a built-in method table. Resolve once (find_builtin_method), call many times:
// a VM inline cache may keep the pointer for a receiver kind.
struct BuiltinMethod;

// Which method table a receiver uses: one per value tag / object kind (user instances have none).
enum class BuiltinReceiver : uint8_t {
    Integer, Float, String, Bool, Null, Array, Map, Console, Math, Debug, Time, None,
};
// Inline: every built-in method call checks its cache with it.
inline BuiltinReceiver builtin_receiver_of(const Value& v) {
    switch (v.tag()) {
        case ValueTag::Null: return BuiltinReceiver::Null;
        case ValueTag::Bool: return BuiltinReceiver::Bool;
        case ValueTag::Int: return BuiltinReceiver::Integer;
        case ValueTag::Float: return BuiltinReceiver::Float;
        case ValueTag::Object: break;
    }
    switch (v.as_object()->kind) {
        case ObjectKind::String: return BuiltinReceiver::String;
        case ObjectKind::Array: return BuiltinReceiver::Array;
        case ObjectKind::Map: return BuiltinReceiver::Map;
        case ObjectKind::Console: return BuiltinReceiver::Console;
        case ObjectKind::Math: return BuiltinReceiver::Math;
        case ObjectKind::Debug: return BuiltinReceiver::Debug;
        case ObjectKind::Time: return BuiltinReceiver::Time;
        case ObjectKind::Instance:
        case ObjectKind::Exception: break;
    }
    return BuiltinReceiver::None;
}

// nullptr if the receiver type has no such method.
const BuiltinMethod* find_builtin_method(BuiltinReceiver receiver, Symbol name);
// Checks the argument count and types (spec §11 order), then runs the method.
Value call_builtin_method(Runtime& rt, const BuiltinMethod& method, const Value& receiver,
                          const Value* args, size_t argc);
// "ArrayBox.push": the receiver type and the method (--profile-vm).
std::string builtin_method_name(const BuiltinMethod& method);
// Lookup + call; `MethodError: T has no method 'm'` when absent.
Value call_builtin(Runtime& rt, const Value& receiver, Symbol name, const Value* args, size_t argc);

}  // namespace nyash
