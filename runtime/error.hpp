#pragma once
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/source_loc.hpp"

namespace nyash {

// The error kinds of spec §12.2; the order is irrelevant, the names are normative.
enum class ErrorKind {
    SyntaxError,
    NameError,
    TypeError,
    ZeroDivisionError,
    IndexError,
    FieldError,
    MethodError,
    ValueError,
    RecursionError,
    FinalizedError,
    UncaughtException,
    MemoryError,
};

std::string_view error_kind_name(ErrorKind kind);

// Exit status for an error of this kind (§12.5): 2 for compile errors, 1 otherwise.
int exit_status_for(ErrorKind kind);

// One active call when a runtime error escaped: the function and where it was executing
// (the failing operation in the innermost frame, the pending call in every other one).
struct TraceFrame {
    std::string function;  // "f", "Box.method", "<script>"
    SourceLoc loc;
    friend bool operator==(const TraceFrame&, const TraceFrame&) = default;
};

// Every Nyash error, compile-time or run-time. Runtime helpers throw it without a location;
// the backend that performed the failing operation fills in `loc` (see locate()).
class NyashError : public std::exception {
public:
    NyashError(ErrorKind kind, std::string message, SourceLoc loc = {})
        : kind_(kind), message_(std::move(message)), loc_(loc) {}

    ErrorKind kind() const { return kind_; }
    const std::string& message() const { return message_; }
    SourceLoc loc() const { return loc_; }
    // Sets the location only if none is set yet, so the innermost operation wins.
    void locate(SourceLoc loc) {
        if (!loc_.known()) loc_ = loc;
    }
    const char* what() const noexcept override { return message_.c_str(); }

    // The call stack at the error, innermost call first; empty for compile errors. Backends
    // record it where the error leaves the program, so that every backend reports the same one.
    const std::vector<TraceFrame>& trace() const { return trace_; }
    void set_trace(std::vector<TraceFrame> trace) { trace_ = std::move(trace); }

    // "Kind: message at FILE:LINE:COL" (spec §12.1).
    std::string format(std::string_view file) const;
    // `--stack-trace` output: one "  at FUNCTION (FILE:LINE:COL)" line per call, innermost
    // first, with a run of identical lines (deep recursion) folded into one count line.
    std::string format_trace(std::string_view file) const;

private:
    ErrorKind kind_;
    std::string message_;
    SourceLoc loc_;
    std::vector<TraceFrame> trace_;
};

[[noreturn]] void throw_error(ErrorKind kind, std::string message);

}  // namespace nyash
