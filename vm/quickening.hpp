#pragma once
// Quickening of built-in method calls (docs/bytecode.md, "Quickening"): when a CALLMETHOD site
// first calls one of a few hot built-in methods, the slow path records a specialised form in
// the site's cache. CALLMETHOD then runs that form in one guarded step: the receiver's kind and
// the arguments are checked inline, and any guard that fails (another receiver, an index out of
// range, an argument of the wrong type) falls through to the generic call, which raises the
// runtime's errors and re-quickens the site for the receiver it sees.
#include <cstdint>
#include <utility>

#include "runtime/builtin_method.hpp"
#include "runtime/builtins.hpp"
#include "runtime/objects.hpp"
#include "runtime/symbol.hpp"

namespace nyash::vm {

enum class QuickForm : uint8_t {
    None,
    ArrayGet,
    ArraySet,
    ArrayPush,
    ArraySize,  // size() and length()
    MapGet,
    MapSet,
    MapHas,
    StringLength,
    StringSubstring,
};

// The form for `method` of a `receiver` built-in called with `argc` arguments; None when the
// method has none or argc is not its arity (the generic call reports that).
QuickForm quick_form_for(BuiltinReceiver receiver, Symbol method, uint32_t argc);

// The runtime's own body of `method` on window[0] and its arguments, whose types the caller's
// guard has checked (and the form its arity).
inline bool run_direct(Runtime& rt, const BuiltinMethod& method, Value* window) {
    Value result = method.run(rt, window[0], window + 1, static_cast<size_t>(method.arity));
    window[0] = std::move(result);
    return true;
}

// ArrayPush, whose push_back may grow the vector: out of line (vm/quickening.cpp), so that the
// forms inlined into the engines carry no reallocation code.
bool run_array_push(Value* window);

// array.push(item) when `array` is an ArrayBox (false otherwise: nothing done); out of line for
// the same reason (ARRAYPUSH calls it too).
bool array_push(const Value& array, const Value& item);

// The element array[index] when `array` is an ArrayBox and `index` an Int in range, else null:
// the guard of get and set, quickened or typed.
[[gnu::always_inline]] inline Value* array_element(const Value& array, const Value& index) {
    if (!array.is_object_of(ObjectKind::Array) || !index.is_int()) return nullptr;
    std::vector<Value>& items = as_array(array).items;
    if (static_cast<uint64_t>(index.as_int()) >= items.size()) return nullptr;
    return &items[static_cast<size_t>(index.as_int())];
}

// window[0] = window[0].method(window[1] ..) when the form's guards hold; false otherwise (nothing
// changed). `method` is the site's cached built-in, whose arity the form matches. Always inlined:
// as a function of its own, an ArrayGet paid about 50 machine instructions, most of them the
// frame that only the calling forms need (callgrind, perf/programs/array_ops.nyash).
[[gnu::always_inline]] inline bool run_quickened(QuickForm form, Runtime& rt, const BuiltinMethod& method,
                                                 Value* window) {
    const Value& receiver = window[0];
    const Value* args = window + 1;
    switch (form) {
    case QuickForm::None: return false;
    case QuickForm::ArrayGet: {
        const Value* item = array_element(receiver, args[0]);
        if (item == nullptr) return false;
        window[0] = Value(*item);  // R[A] holds the array: copy first
        return true;
    }
    case QuickForm::ArraySet: {
        Value* item = array_element(receiver, args[0]);
        if (item == nullptr) return false;
        *item = args[1];
        window[0] = Value();
        return true;
    }
    case QuickForm::ArraySize:
        if (!receiver.is_object_of(ObjectKind::Array)) return false;
        window[0].set_int(static_cast<int64_t>(as_array(receiver).items.size()));
        return true;
    case QuickForm::StringLength:
        if (!receiver.is_object_of(ObjectKind::String)) return false;
        window[0].set_int(as_string(receiver).length());
        return true;
    case QuickForm::ArrayPush: return run_array_push(window);
    case QuickForm::MapGet:
    case QuickForm::MapSet:
    case QuickForm::MapHas:
        if (!receiver.is_object_of(ObjectKind::Map)) return false;
        return run_direct(rt, method, window);
    case QuickForm::StringSubstring:
        if (!receiver.is_object_of(ObjectKind::String) || !args[0].is_int() || !args[1].is_int()) return false;
        return run_direct(rt, method, window);
    }
    return false;
}

}  // namespace nyash::vm
