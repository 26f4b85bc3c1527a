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

bool array_push(const Value& array, const Value& item) {
    if (!array.is_object_of(ObjectKind::Array)) return false;
    as_array(array).items.push_back(item);
    return true;
}

bool run_array_push(Value* window) {
    if (!array_push(window[0], window[1])) return false;
    window[0] = Value();
    return true;
}

}  // namespace nyash::vm
