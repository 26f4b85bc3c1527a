#pragma once
// Raising and locating run-time errors (spec §12). Runtime helpers throw NyashError without a
// location; the interpreter attaches the AST location of the operation that failed.
#include <cstddef>
#include <string_view>

#include "runtime/error.hpp"
#include "runtime/source_loc.hpp"

namespace nyash::interp {

// Runs `operation`; a NyashError escaping it without a location gets `loc`.
template <typename Operation>
decltype(auto) located(SourceLoc loc, Operation&& operation) {
    try {
        return operation();
    } catch (NyashError& error) {
        error.locate(loc);
        throw;
    }
}

// `TypeError: wrong number of arguments for CALLEE: expected K, got N`.
[[noreturn]] void throw_arity_error(std::string_view callee, size_t expected, size_t got, SourceLoc loc);
// `MethodError: T has no method 'm'`.
[[noreturn]] void throw_no_method(std::string_view type, std::string_view method, SourceLoc loc);
// `FieldError: T has no field 'f'`.
[[noreturn]] void throw_no_field(std::string_view type, std::string_view field, SourceLoc loc);
// `RecursionError: maximum call depth 10000 exceeded`.
[[noreturn]] void throw_call_depth_exceeded(SourceLoc loc);

}  // namespace nyash::interp
