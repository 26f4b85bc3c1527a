#pragma once
// Text-level helpers of the REPL: where brackets stand, and where a declaration ends. They
// follow the lexer's rules for what is not code (string literals with escapes, `//` and `#`
// comments to the end of the line, spec §3.2), so a brace inside a string never counts.
#include <cstddef>
#include <string_view>

namespace nyash::cli {

// Braces and parentheses opened and not yet closed in `text`; the REPL keeps reading lines
// while this is positive. Negative when more are closed than opened (the compiler reports it).
int open_brackets(std::string_view text);

// The offset just past the `}` that closes the first `{` at or after `start`, or npos when the
// text ends first. Used to cut a box or function declaration out of an entry.
size_t end_of_braced_block(std::string_view text, size_t start);

// The offset of the first character of 1-based `line`, `column` (columns count code points, as
// SourceLoc does); npos when the text has no such line.
size_t offset_of(std::string_view text, size_t line, size_t column);

}  // namespace nyash::cli
