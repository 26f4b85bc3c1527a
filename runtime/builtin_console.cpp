// ConsoleBox methods (spec §11.6): display forms joined by one space, one line per call.
#include "runtime/builtin_method.hpp"
#include "runtime/runtime.hpp"

namespace nyash {
namespace {

Value log(Runtime& rt, const Value&, const Value* args, size_t argc) {
    rt.write_stdout_line(args, argc);
    return Value::null();
}

Value warn(Runtime& rt, const Value&, const Value* args, size_t argc) {
    rt.write_stderr_line(args, argc);
    return Value::null();
}

}  // namespace

std::span<const BuiltinMethod> console_methods() {
    static const BuiltinMethod table[] = {
        variadic_method("log", log),
        variadic_method("warn", warn),
        variadic_method("error", warn),
        method("toString", display_method),
    };
    return table;
}

}  // namespace nyash
