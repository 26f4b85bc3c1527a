#include "interpreter/errors.hpp"

#include <string>

#include "runtime/limits.hpp"

namespace nyash::interp {

void throw_arity_error(std::string_view callee, size_t expected, size_t got, SourceLoc loc) {
    std::string message = "wrong number of arguments for ";
    message += callee;
    message += ": expected " + std::to_string(expected) + ", got " + std::to_string(got);
    throw NyashError(ErrorKind::TypeError, std::move(message), loc);
}

void throw_no_method(std::string_view type, std::string_view method, SourceLoc loc) {
    std::string message{type};
    message += " has no method '";
    message += method;
    message += '\'';
    throw NyashError(ErrorKind::MethodError, std::move(message), loc);
}

void throw_no_field(std::string_view type, std::string_view field, SourceLoc loc) {
    std::string message{type};
    message += " has no field '";
    message += field;
    message += '\'';
    throw NyashError(ErrorKind::FieldError, std::move(message), loc);
}

void throw_call_depth_exceeded(SourceLoc loc) {
    throw NyashError(ErrorKind::RecursionError,
                     "maximum call depth " + std::to_string(kMaxCallDepth) + " exceeded", loc);
}

}  // namespace nyash::interp
