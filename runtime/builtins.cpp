// Built-in box names, method lookup by Symbol, and the argument checks common to all methods.
#include "runtime/builtins.hpp"

#include <array>
#include <string>

#include "runtime/builtin_method.hpp"
#include "runtime/display.hpp"
#include "runtime/error.hpp"
#include "runtime/objects.hpp"
#include "runtime/run_profile.hpp"

namespace nyash {
namespace {

constexpr std::array<std::string_view, 11> kBoxNames = {
    "IntegerBox", "FloatBox", "StringBox", "BoolBox", "NullBox", "ArrayBox", "MapBox",
    "ConsoleBox", "MathBox", "DebugBox", "TimeBox",
};

std::span<const BuiltinMethod> methods_of(BuiltinReceiver receiver) {
    switch (receiver) {
        case BuiltinReceiver::Integer: return integer_methods();
        case BuiltinReceiver::Float: return float_methods();
        case BuiltinReceiver::String: return string_methods();
        case BuiltinReceiver::Bool: return bool_methods();
        case BuiltinReceiver::Null: return null_methods();
        case BuiltinReceiver::Array: return array_methods();
        case BuiltinReceiver::Map: return map_methods();
        case BuiltinReceiver::Console: return console_methods();
        case BuiltinReceiver::Math: return math_methods();
        case BuiltinReceiver::Debug: return debug_methods();
        case BuiltinReceiver::Time: return time_methods();
        case BuiltinReceiver::None: break;
    }
    return {};
}

std::string method_callee(const Value& receiver, const BuiltinMethod& method) {
    std::string callee{type_name(receiver)};
    callee += '.';
    callee += method.name;
    return callee;
}

}  // namespace

std::optional<BuiltinBox> builtin_box_by_name(std::string_view name) {
    for (size_t i = 0; i < kBoxNames.size(); ++i)
        if (kBoxNames[i] == name) return static_cast<BuiltinBox>(i);
    return std::nullopt;
}

std::string_view builtin_box_name(BuiltinBox box) { return kBoxNames[static_cast<size_t>(box)]; }

const BuiltinMethod* find_builtin_method(BuiltinReceiver receiver, Symbol name) {
    for (const BuiltinMethod& method : methods_of(receiver))
        if (method.symbol == name) return &method;
    return nullptr;
}

Value call_builtin_method(Runtime& rt, const BuiltinMethod& method, const Value& receiver,
                          const Value* args, size_t argc) {
    profile::CategoryTimer timer(profile::Category::Builtin, &method);
    if (method.arity != kVariadic) {
        auto arity = static_cast<size_t>(method.arity);
        if (argc != arity) throw_wrong_arity(method_callee(receiver, method), arity, argc);
        for (size_t i = 0; i < arity; ++i)
            if (!param_accepts(method.params[i], args[i]))
                throw_bad_argument(i + 1, method_callee(receiver, method), method.params[i], args[i]);
    }
    return method.run(rt, receiver, args, argc);
}

Value call_builtin(Runtime& rt, const Value& receiver, Symbol name, const Value* args, size_t argc) {
    const BuiltinMethod* method = find_builtin_method(builtin_receiver_of(receiver), name);
    if (method == nullptr) {
        std::string message{type_name(receiver)};
        message += " has no method '";
        message += symbol_name(name);
        message += '\'';
        throw_error(ErrorKind::MethodError, std::move(message));
    }
    return call_builtin_method(rt, *method, receiver, args, argc);
}

std::string builtin_method_name(const BuiltinMethod& method) {
    for (size_t i = 0; i < kBoxNames.size(); ++i) {
        const std::span<const BuiltinMethod> table = methods_of(static_cast<BuiltinReceiver>(i));
        if (&method >= table.data() && &method < table.data() + table.size())
            return std::string(kBoxNames[i]) + "." + std::string(method.name);
    }
    return std::string(method.name);
}

std::string_view param_type_name(ParamType type) {
    switch (type) {
        case ParamType::Any: return "any";
        case ParamType::Integer: return "IntegerBox";
        case ParamType::String: return "StringBox";
        case ParamType::Bool: return "BoolBox";
        case ParamType::Number: return "number";
        case ParamType::NumberOrString: return "number or StringBox";
    }
    return "any";
}

bool param_accepts(ParamType type, const Value& v) {
    switch (type) {
        case ParamType::Any: return true;
        case ParamType::Integer: return v.is_int();
        case ParamType::String: return v.is_object_of(ObjectKind::String);
        case ParamType::Bool: return v.is_bool();
        case ParamType::Number: return v.is_number();
        case ParamType::NumberOrString: return v.is_number() || v.is_object_of(ObjectKind::String);
    }
    return false;
}

BuiltinMethod method(std::string_view name, BuiltinFn run, std::initializer_list<ParamType> params) {
    BuiltinMethod entry{name, intern(name), static_cast<int>(params.size()), {}, run};
    size_t i = 0;
    for (ParamType type : params) entry.params.at(i++) = type;
    return entry;
}

BuiltinMethod variadic_method(std::string_view name, BuiltinFn run) {
    return BuiltinMethod{name, intern(name), kVariadic, {}, run};
}

Value display_method(Runtime&, const Value& self, const Value*, size_t) {
    if (self.is_object_of(ObjectKind::String)) return self;
    return make_string(display(self));
}

void throw_wrong_arity(std::string_view callee, size_t expected, size_t got) {
    std::string message = "wrong number of arguments for ";
    message += callee;
    message += ": expected " + std::to_string(expected) + ", got " + std::to_string(got);
    throw_error(ErrorKind::TypeError, std::move(message));
}

void throw_bad_argument(size_t position, std::string_view callee, ParamType expected, const Value& got) {
    std::string message = "bad argument " + std::to_string(position) + " for ";
    message += callee;
    message += ": expected ";
    message += param_type_name(expected);
    message += ", got ";
    message += type_name(got);
    throw_error(ErrorKind::TypeError, std::move(message));
}

void throw_index_error(int64_t index, std::string_view type, size_t size) {
    std::string message = "index " + std::to_string(index) + " out of range for ";
    message += type;
    message += " of size " + std::to_string(size);
    throw_error(ErrorKind::IndexError, std::move(message));
}

}  // namespace nyash
