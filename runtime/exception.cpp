#include "runtime/exception.hpp"

#include "runtime/display.hpp"
#include "runtime/objects.hpp"

namespace nyash {

ThrownValue::ThrownValue(Value value, SourceLoc loc)
    : NyashError(ErrorKind::UncaughtException, display(value), loc), value_(std::move(value)) {}

Value caught_value(const NyashError& error) {
    if (const auto* thrown = dynamic_cast<const ThrownValue*>(&error)) return thrown->value();
    std::string text{error_kind_name(error.kind())};
    text += ": ";
    text += error.message();
    return make_string(std::move(text));
}

Value caught_value(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const NyashError& caught) {
        return caught_value(caught);
    }
}

}  // namespace nyash
