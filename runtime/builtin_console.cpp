// ConsoleBox methods (spec §11.6): display forms joined by one space, one line per call.
#include <string>

#include "runtime/builtin_method.hpp"
#include "runtime/display.hpp"
#include "runtime/runtime.hpp"

namespace nyash {
namespace {

std::string console_line(const Value* args, size_t argc) {
    std::string line;
    for (size_t i = 0; i < argc; ++i) {
        if (i > 0) line += ' ';
        append_display(line, args[i]);
    }
    line += '\n';
    return line;
}

Value log(Runtime& rt, const Value&, const Value* args, size_t argc) {
    rt.write_stdout(console_line(args, argc));
    return Value::null();
}

Value warn(Runtime& rt, const Value&, const Value* args, size_t argc) {
    rt.write_stderr(console_line(args, argc));
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
