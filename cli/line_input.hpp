#pragma once
// Reading the REPL's lines: with libedit (line editing, history) when the build found it,
// plain reads from stdin otherwise (docs/repl.md, "Line editing").
#include <optional>
#include <string>
#include <string_view>

namespace nyash::cli {

// One line without its newline; nullopt at end of input (Ctrl-D).
std::optional<std::string> read_line(std::string_view prompt);
// Adds an entry to the history that the up arrow recalls (nothing without libedit).
void remember_line(std::string_view line);
// "libedit" or "plain input", for the REPL's banner and :help.
std::string_view line_input_name();

}  // namespace nyash::cli
