#pragma once
// Tokens of the lexical grammar (spec §3.3, §3.4).
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/source_loc.hpp"

namespace nyash {

enum class TokenKind : uint8_t {
    Ident, Int, Float, String, Newline, Eof,
    // Tier 1 keywords
    KwBox, KwStatic, KwNew, KwMe, KwThis, KwFrom, KwOverride, KwInit, KwBirth, KwPack, KwLocal,
    KwIf, KwElse, KwLoop, KwBreak, KwContinue, KwReturn, KwPrint, KwFunction, KwAnd, KwOr, KwNot,
    KwTrue, KwFalse, KwNull,
    // Tier 2 keywords
    KwTry, KwCatch, KwFinally, KwThrow, KwWeak, KwInterface,
    // Tier 3 words (nowait, await, include, using, outbox, global): reserved, always rejected
    KwUnsupported,
    // operators and punctuation
    EqEq, NotEq, LessEq, GreaterEq, AndAnd, OrOr,
    Plus, Minus, Star, Slash, Percent, Assign, Less, Greater, Bang,
    Dot, Comma, Semicolon, LParen, RParen, LBrace, RBrace,
};

struct Token {
    TokenKind kind;
    SourceLoc loc;     // the token's first character
    std::string text;  // the lexeme as written; for String, the decoded value
    int64_t int_value = 0;
    double float_value = 0.0;
};

// The word's keyword kind, or TokenKind::Ident when it is not reserved.
TokenKind keyword_kind(std::string_view word);

// How a syntax error names a token (spec §4.3): 'lexeme', number, string literal, newline,
// end of file.
std::string describe_token(const Token& token);

}  // namespace nyash
