#pragma once
// The lexer (spec §2.1, §3): UTF-8 source text in, tokens with positions out.
#include <cstddef>
#include <string_view>
#include <vector>

#include "frontend/token.hpp"
#include "runtime/error.hpp"

namespace nyash {

struct LexResult {
    std::vector<Token> tokens;  // always ends with an Eof token
    // Lexical errors in source order; when non-empty the tokens must not be parsed.
    std::vector<NyashError> errors;
};

LexResult lex(std::string_view source);

// Length in bytes of the well-formed UTF-8 sequence starting at text[pos] (1..4), or 0 when the
// bytes there are not valid UTF-8 (overlong forms, surrogates, > U+10FFFF, truncation).
size_t utf8_sequence_length(std::string_view text, size_t pos);

}  // namespace nyash
