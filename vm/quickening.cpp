#include "vm/quickening.hpp"

#include <array>
#include <string_view>

namespace nyash::vm {

QuickForm quick_form_for(BuiltinReceiver receiver, Symbol method, uint32_t argc) {
    struct Entry {
        BuiltinReceiver receiver;
        std::string_view name;
        uint32_t argc;
        QuickForm form;
    };
    static const std::array kForms{
        Entry{BuiltinReceiver::Array, "get", 1, QuickForm::ArrayGet},
        Entry{BuiltinReceiver::Array, "set", 2, QuickForm::ArraySet},
        Entry{BuiltinReceiver::Array, "push", 1, QuickForm::ArrayPush},
        Entry{BuiltinReceiver::Array, "size", 0, QuickForm::ArraySize},
        Entry{BuiltinReceiver::Array, "length", 0, QuickForm::ArraySize},
        Entry{BuiltinReceiver::Map, "get", 1, QuickForm::MapGet},
        Entry{BuiltinReceiver::Map, "set", 2, QuickForm::MapSet},
        Entry{BuiltinReceiver::Map, "has", 1, QuickForm::MapHas},
        Entry{BuiltinReceiver::String, "length", 0, QuickForm::StringLength},
        Entry{BuiltinReceiver::String, "substring", 2, QuickForm::StringSubstring},
    };
    for (const Entry& entry : kForms)
        if (entry.receiver == receiver && entry.argc == argc && symbol_name(method) == entry.name) return entry.form;
    return QuickForm::None;
}

bool run_quickened_call(QuickForm form, Runtime& rt, const BuiltinMethod& method, Value* window) {
    const Value& receiver = window[0];
    const Value* args = window + 1;
    switch (form) {
    case QuickForm::ArrayPush:
        if (!receiver.is_object_of(ObjectKind::Array)) return false;
        as_array(receiver).items.push_back(args[0]);
        window[0] = Value();
        return true;
    case QuickForm::MapGet:
    case QuickForm::MapSet:
    case QuickForm::MapHas:
        if (!receiver.is_object_of(ObjectKind::Map)) return false;
        return run_direct(rt, method, window);
    case QuickForm::StringSubstring:
        if (!receiver.is_object_of(ObjectKind::String) || !args[0].is_int() || !args[1].is_int()) return false;
        return run_direct(rt, method, window);
    default: return run_quickened(form, rt, method, window);  // the inline forms
    }
}

}  // namespace nyash::vm
