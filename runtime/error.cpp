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

std::string NyashError::format(std::string_view file) const {
    std::string line{error_kind_name(kind_)};
    line += ": ";
    line += message_;
    if (loc_.known()) {
        line += " at ";
        line += file;
        line += ':' + std::to_string(loc_.line) + ':' + std::to_string(loc_.col);
    }
    return line;
}

void throw_error(ErrorKind kind, std::string message) { throw NyashError(kind, std::move(message)); }

}  // namespace nyash
