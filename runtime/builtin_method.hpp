#pragma once
// Internal to the runtime: how built-in method tables are declared and checked (spec §11).
#include <array>
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>

#include "runtime/builtins.hpp"

namespace nyash {

// What a parameter accepts; the name is the E of "bad argument i for T.m: expected E, got T2".
enum class ParamType : uint8_t { Any, Integer, String, Bool, Number, NumberOrString };
std::string_view param_type_name(ParamType type);
bool param_accepts(ParamType type, const Value& v);

// Runs a method whose argument count and types were already checked.
using BuiltinFn = Value (*)(Runtime& rt, const Value& self, const Value* args, size_t argc);

inline constexpr int kVariadic = -1;
inline constexpr size_t kMaxBuiltinParams = 2;

struct BuiltinMethod {
    std::string_view name;
    Symbol symbol;
    int arity;  // kVariadic: any number of arguments of any type
    std::array<ParamType, kMaxBuiltinParams> params;
    BuiltinFn run;
};

// A table entry taking exactly the listed parameters; interns the name.
BuiltinMethod method(std::string_view name, BuiltinFn run, std::initializer_list<ParamType> params = {});
BuiltinMethod variadic_method(std::string_view name, BuiltinFn run);

// `toString()`, shared by every built-in box: the display form.
Value display_method(Runtime& rt, const Value& self, const Value* args, size_t argc);

// One method table per receiver kind; each lives in the file of its box.
std::span<const BuiltinMethod> integer_methods();
std::span<const BuiltinMethod> float_methods();
std::span<const BuiltinMethod> bool_methods();
std::span<const BuiltinMethod> null_methods();
std::span<const BuiltinMethod> string_methods();
std::span<const BuiltinMethod> array_methods();
std::span<const BuiltinMethod> map_methods();
std::span<const BuiltinMethod> console_methods();
std::span<const BuiltinMethod> math_methods();
std::span<const BuiltinMethod> debug_methods();
std::span<const BuiltinMethod> time_methods();

// Messages of spec §12.3 shared by methods and constructors. `callee` is `T.m` or `T constructor`.
[[noreturn]] void throw_wrong_arity(std::string_view callee, size_t expected, size_t got);
[[noreturn]] void throw_bad_argument(size_t position, std::string_view callee, ParamType expected,
                                     const Value& got);
[[noreturn]] void throw_index_error(int64_t index, std::string_view type, size_t size);

}  // namespace nyash
