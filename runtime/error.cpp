#include "runtime/error.hpp"

namespace nyash {

std::string_view error_kind_name(ErrorKind kind) {
    switch (kind) {
        case ErrorKind::SyntaxError: return "SyntaxError";
        case ErrorKind::NameError: return "NameError";
        case ErrorKind::TypeError: return "TypeError";
        case ErrorKind::ZeroDivisionError: return "ZeroDivisionError";
        case ErrorKind::IndexError: return "IndexError";
        case ErrorKind::FieldError: return "FieldError";
        case ErrorKind::MethodError: return "MethodError";
        case ErrorKind::ValueError: return "ValueError";
        case ErrorKind::RecursionError: return "RecursionError";
        case ErrorKind::FinalizedError: return "FinalizedError";
        case ErrorKind::UncaughtException: return "UncaughtException";
        case ErrorKind::MemoryError: return "MemoryError";
    }
    return "Error";
}

int exit_status_for(ErrorKind kind) {
    return kind == ErrorKind::SyntaxError || kind == ErrorKind::NameError ? 2 : 1;
}

namespace {

std::string position(std::string_view file, SourceLoc loc) {
    return std::string(file) + ':' + std::to_string(loc.line) + ':' + std::to_string(loc.col);
}

std::string trace_line(std::string_view file, const TraceFrame& frame) {
    std::string line = "  at " + frame.function;
    if (frame.loc.known()) line += " (" + position(file, frame.loc) + ')';
    return line + '\n';
}

}  // namespace

std::string NyashError::format(std::string_view file) const {
    std::string line{error_kind_name(kind_)};
    line += ": ";
    line += message_;
    if (loc_.known()) line += " at " + position(file, loc_);
    return line;
}

std::string NyashError::format_trace(std::string_view file) const {
    std::string text;
    for (size_t i = 0; i < trace_.size();) {
        size_t run = 1;
        while (i + run < trace_.size() && trace_[i + run] == trace_[i]) ++run;
        text += trace_line(file, trace_[i]);
        if (run > 1) {
            text += "  ... previous line repeated " + std::to_string(run - 1);
            text += run == 2 ? " more time\n" : " more times\n";
        }
        i += run;
    }
    return text;
}

void throw_error(ErrorKind kind, std::string message) { throw NyashError(kind, std::move(message)); }

}  // namespace nyash
