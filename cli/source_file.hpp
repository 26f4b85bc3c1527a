#pragma once
#include <optional>
#include <string>

namespace nyash::cli {

// The whole file as raw bytes (UTF-8 validation is the lexer's job); nullopt when it cannot be
// read: missing, unreadable, or a directory.
std::optional<std::string> read_source_file(const std::string& path);

}  // namespace nyash::cli
