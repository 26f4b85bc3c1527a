#include "frontend/lexer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>

namespace nyash {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
// Lexing goes on after an error so --all-errors can show several, but not forever.
constexpr size_t kMaxLexErrors = 20;

struct Keyword {
    std::string_view word;
    TokenKind kind;
};

constexpr Keyword kKeywords[] = {
    {"box", TokenKind::KwBox},           {"static", TokenKind::KwStatic},
    {"new", TokenKind::KwNew},           {"me", TokenKind::KwMe},
    {"this", TokenKind::KwThis},         {"from", TokenKind::KwFrom},
    {"override", TokenKind::KwOverride}, {"init", TokenKind::KwInit},
    {"birth", TokenKind::KwBirth},       {"pack", TokenKind::KwPack},
    {"local", TokenKind::KwLocal},       {"if", TokenKind::KwIf},
    {"else", TokenKind::KwElse},         {"loop", TokenKind::KwLoop},
    {"break", TokenKind::KwBreak},       {"continue", TokenKind::KwContinue},
    {"return", TokenKind::KwReturn},     {"print", TokenKind::KwPrint},
    {"function", TokenKind::KwFunction}, {"and", TokenKind::KwAnd},
    {"or", TokenKind::KwOr},             {"not", TokenKind::KwNot},
    {"true", TokenKind::KwTrue},         {"false", TokenKind::KwFalse},
    {"null", TokenKind::KwNull},         {"try", TokenKind::KwTry},
    {"catch", TokenKind::KwCatch},       {"finally", TokenKind::KwFinally},
    {"throw", TokenKind::KwThrow},       {"weak", TokenKind::KwWeak},
    {"interface", TokenKind::KwInterface},
    {"nowait", TokenKind::KwUnsupported}, {"await", TokenKind::KwUnsupported},
    {"include", TokenKind::KwUnsupported}, {"using", TokenKind::KwUnsupported},
    {"outbox", TokenKind::KwUnsupported}, {"global", TokenKind::KwUnsupported},
};

struct Operator {
    std::string_view text;
    TokenKind kind;
};

// Two-character operators first: longest match (§3.3).
constexpr Operator kOperators[] = {
    {"==", TokenKind::EqEq},     {"!=", TokenKind::NotEq},    {"<=", TokenKind::LessEq},
    {">=", TokenKind::GreaterEq}, {"&&", TokenKind::AndAnd},  {"||", TokenKind::OrOr},
    {"+", TokenKind::Plus},      {"-", TokenKind::Minus},     {"*", TokenKind::Star},
    {"/", TokenKind::Slash},     {"%", TokenKind::Percent},   {"=", TokenKind::Assign},
    {"<", TokenKind::Less},      {">", TokenKind::Greater},   {"!", TokenKind::Bang},
    {".", TokenKind::Dot},       {",", TokenKind::Comma},     {";", TokenKind::Semicolon},
    {"(", TokenKind::LParen},    {")", TokenKind::RParen},    {"{", TokenKind::LBrace},
    {"}", TokenKind::RBrace},
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || is_digit(c); }

// §3.5 rule 2: a line break after these tokens does not end the statement.
bool continues_expression(TokenKind kind) {
    switch (kind) {
        case TokenKind::Plus: case TokenKind::Minus: case TokenKind::Star: case TokenKind::Slash:
        case TokenKind::Percent: case TokenKind::EqEq: case TokenKind::NotEq: case TokenKind::Less:
        case TokenKind::LessEq: case TokenKind::Greater: case TokenKind::GreaterEq:
        case TokenKind::Assign: case TokenKind::Comma: case TokenKind::Dot: case TokenKind::LParen:
        case TokenKind::AndAnd: case TokenKind::OrOr: case TokenKind::Bang: case TokenKind::KwAnd:
        case TokenKind::KwOr: case TokenKind::KwNot:
            return true;
        default:
            return false;
    }
}

// Only ever applied to validated text, where a lead byte determines the length.
size_t lead_byte_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

class Lexer {
public:
    explicit Lexer(std::string_view source) : src_(source) {}

    LexResult run() {
        if (src_.starts_with(kByteOrderMark)) pos_ = kByteOrderMark.size();
        if (validate_utf8()) {
            while (pos_ < src_.size() && out_.errors.size() < kMaxLexErrors) lex_one();
        }
        out_.tokens.push_back(Token{TokenKind::Eof, loc_, "", 0, 0.0});
        return std::move(out_);
    }

private:
    std::string_view src_;
    size_t pos_ = 0;
    SourceLoc loc_{1, 1};  // position of src_[pos_]
    int paren_balance_ = 0;  // '(' minus ')' tokens so far (§3.5 rule 1)
    LexResult out_;

    char at(size_t index) const { return index < src_.size() ? src_[index] : '\0'; }

    // Moves past one code point, keeping line and column current.
    void advance_char() {
        if (src_[pos_] == '\n') {
            ++loc_.line;
            loc_.col = 1;
            ++pos_;
            return;
        }
        pos_ += lead_byte_length(static_cast<unsigned char>(src_[pos_]));
        ++loc_.col;
    }

    std::string_view current_char() const {
        return src_.substr(pos_, lead_byte_length(static_cast<unsigned char>(src_[pos_])));
    }

    void error(SourceLoc loc, std::string message) {
        if (out_.errors.size() < kMaxLexErrors) out_.errors.emplace_back(ErrorKind::SyntaxError, std::move(message), loc);
    }

    void emit(TokenKind kind, SourceLoc loc, std::string text) {
        if (kind == TokenKind::LParen) ++paren_balance_;
        if (kind == TokenKind::RParen) --paren_balance_;
        out_.tokens.push_back(Token{kind, loc, std::move(text), 0, 0.0});
    }

    // Checks the whole text up front: an invalid file is rejected before any token matters.
    bool validate_utf8() {
        const size_t start = pos_;
        while (pos_ < src_.size()) {
            if (utf8_sequence_length(src_, pos_) == 0) {
                error(loc_, "invalid UTF-8 in source");
                return false;
            }
            advance_char();
        }
        pos_ = start;
        loc_ = SourceLoc{1, 1};
        return true;
    }

    void lex_one() {
        const char c = src_[pos_];
        if (c == ' ' || c == '\t' || c == '\r') {
            advance_char();
        } else if (c == '\n') {
            line_break();
            advance_char();
        } else if (c == '#' || (c == '/' && at(pos_ + 1) == '/')) {
            while (pos_ < src_.size() && src_[pos_] != '\n') advance_char();
        } else if (is_ident_start(c)) {
            lex_word();
        } else if (is_digit(c)) {
            lex_number();
        } else if (c == '"') {
            lex_string();
        } else {
            lex_operator();
        }
    }

    void line_break() {
        if (paren_balance_ > 0 || out_.tokens.empty()) return;
        const TokenKind previous = out_.tokens.back().kind;
        if (previous == TokenKind::Newline || continues_expression(previous)) return;
        emit(TokenKind::Newline, loc_, "\n");
    }

    void lex_word() {
        const SourceLoc start = loc_;
        const size_t begin = pos_;
        while (pos_ < src_.size() && is_ident_char(src_[pos_])) advance_char();
        const std::string_view word = src_.substr(begin, pos_ - begin);
        emit(keyword_kind(word), start, std::string(word));
    }

    void lex_number() {
        const SourceLoc start = loc_;
        const size_t begin = pos_;
        while (is_digit(at(pos_))) advance_char();
        const bool is_float = at(pos_) == '.' && is_digit(at(pos_ + 1));
        if (is_float) {
            advance_char();
            while (is_digit(at(pos_))) advance_char();
        }
        std::string text{src_.substr(begin, pos_ - begin)};
        Token token{is_float ? TokenKind::Float : TokenKind::Int, start, text, 0, 0.0};
        if (is_float) {
            token.float_value = parse_float(text);
        } else if (!parse_int(text, token.int_value)) {
            error(start, "integer literal out of range");
        }
        out_.tokens.push_back(std::move(token));
    }

    static bool parse_int(std::string_view digits, int64_t& value) {
        uint64_t accumulated = 0;
        constexpr auto kMax = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
        for (char d : digits) {
            const auto digit = static_cast<uint64_t>(d - '0');
            if (accumulated > (kMax - digit) / 10) return false;
            accumulated = accumulated * 10 + digit;
        }
        value = static_cast<int64_t>(accumulated);
        return true;
    }

    // Nearest binary64 (from_chars rounds half-even); beyond the range the nearest value is
    // infinity for huge literals and zero for tiny ones, as with strtod.
    static double parse_float(std::string_view text) {
        double value = 0.0;
        const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
        if (result.ec == std::errc::result_out_of_range) {
            const std::string_view integer_part = text.substr(0, text.find('.'));
            const bool huge = integer_part.find_first_not_of('0') != std::string_view::npos;
            value = huge ? std::numeric_limits<double>::infinity() : 0.0;
        }
        return value;
    }

    void lex_string() {
        const SourceLoc start = loc_;
        // Find the end first: an unterminated literal is reported at its opening quote, before
        // any escape error inside it.
        size_t end = pos_ + 1;
        while (end < src_.size() && src_[end] != '"' && src_[end] != '\n') {
            const bool escaped_char_follows = src_[end] == '\\' && end + 1 < src_.size() && src_[end + 1] != '\n';
            end += escaped_char_follows ? 2 : 1;
        }
        if (end >= src_.size() || src_[end] == '\n') {
            error(start, "unterminated string literal");
            while (pos_ < end) advance_char();
            return;
        }
        advance_char();  // opening quote
        std::string value;
        while (pos_ < end) {
            if (src_[pos_] != '\\') {
                value += current_char();
                advance_char();
                continue;
            }
            const SourceLoc backslash = loc_;
            advance_char();
            const std::string_view escaped = current_char();
            switch (escaped[0]) {
                case 'n': value += '\n'; break;
                case 't': value += '\t'; break;
                case 'r': value += '\r'; break;
                case '\\': value += '\\'; break;
                case '"': value += '"'; break;
                default: error(backslash, "invalid escape sequence '\\" + std::string(escaped) + "'");
            }
            advance_char();
        }
        advance_char();  // closing quote
        emit(TokenKind::String, start, std::move(value));
    }

    void lex_operator() {
        const SourceLoc start = loc_;
        const std::string_view rest = src_.substr(pos_);
        const auto* match = std::ranges::find_if(kOperators, [&](const Operator& op) { return rest.starts_with(op.text); });
        if (match == std::ranges::end(kOperators)) {
            error(start, "unexpected character '" + std::string(current_char()) + "'");
            advance_char();
            return;
        }
        for (size_t i = 0; i < match->text.size(); ++i) advance_char();
        emit(match->kind, start, std::string(match->text));
    }
};

}  // namespace

TokenKind keyword_kind(std::string_view word) {
    const auto* match = std::ranges::find(kKeywords, word, &Keyword::word);
    return match == std::ranges::end(kKeywords) ? TokenKind::Ident : match->kind;
}

std::string describe_token(const Token& token) {
    switch (token.kind) {
        case TokenKind::Int:
        case TokenKind::Float: return "number";
        case TokenKind::String: return "string literal";
        case TokenKind::Newline: return "newline";
        case TokenKind::Eof: return "end of file";
        default: return "'" + token.text + "'";
    }
}

size_t utf8_sequence_length(std::string_view text, size_t pos) {
    const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return 1;
    // Table 3-7 of the Unicode standard: the allowed range of the second byte depends on the
    // lead byte (this excludes overlong forms, surrogates and code points above U+10FFFF).
    size_t length = 0;
    unsigned char second_min = 0x80;
    unsigned char second_max = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        if (lead == 0xE0) second_min = 0xA0;
        if (lead == 0xED) second_max = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        if (lead == 0xF0) second_min = 0x90;
        if (lead == 0xF4) second_max = 0x8F;
    } else {
        return 0;
    }
    if (text.size() - pos < length) return 0;
    if (byte(pos + 1) < second_min || byte(pos + 1) > second_max) return 0;
    for (size_t i = 2; i < length; ++i) {
        if (byte(pos + i) < 0x80 || byte(pos + i) > 0xBF) return 0;
    }
    return length;
}

LexResult lex(std::string_view source) { return Lexer(source).run(); }

}  // namespace nyash
