#pragma once
#include <optional>
#include <string>

namespace nyash::cli {

// The whole file as raw bytes (UTF-8 validation is the lexer's job); nullopt when it cannot be
// read: missing, unreadable, or a directory.
std::optional<std::string> read_source_file(const std::string& path);
// All of stdin, the same way (`nyash -`, `nyash < FILE`).
std::optional<std::string> read_standard_input();

}  // namespace nyash::cli
