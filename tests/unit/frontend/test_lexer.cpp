#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "frontend/lexer.hpp"

using nyash::LexResult;
using nyash::SourceLoc;
using nyash::Token;
using nyash::TokenKind;
using K = nyash::TokenKind;

namespace {

LexResult lex_ok(std::string_view source) {
    LexResult result = nyash::lex(source);
    INFO("source: " << source);
    REQUIRE(result.errors.empty());
    REQUIRE(!result.tokens.empty());
    REQUIRE(result.tokens.back().kind == K::Eof);
    return result;
}

std::vector<TokenKind> kinds(std::string_view source) {
    std::vector<TokenKind> out;
    for (const Token& token : lex_ok(source).tokens) out.push_back(token.kind);
    return out;
}

// The first lexical error as "message @line:col".
std::string lex_error(std::string_view source) {
    const LexResult result = nyash::lex(source);
    if (result.errors.empty()) return "no error";
    const auto& error = result.errors.front();
    REQUIRE(error.kind() == nyash::ErrorKind::SyntaxError);
    return error.message() + " @" + std::to_string(error.loc().line) + ":" + std::to_string(error.loc().col);
}

SourceLoc loc(uint32_t line, uint32_t col) { return SourceLoc{line, col}; }

}  // namespace

TEST_CASE("lexer: identifiers, numbers, strings and operators with positions", "[lexer]") {
    const auto tokens = lex_ok("local x1 = 42 + 1.5 * \"hi\"").tokens;
    REQUIRE(tokens.size() == 9);
    CHECK(tokens[0].kind == K::KwLocal);
    CHECK(tokens[1].kind == K::Ident);
    CHECK(tokens[1].text == "x1");
    CHECK(tokens[1].loc == loc(1, 7));
    CHECK(tokens[2].kind == K::Assign);
    CHECK(tokens[3].kind == K::Int);
    CHECK(tokens[3].int_value == 42);
    CHECK(tokens[3].loc == loc(1, 12));
    CHECK(tokens[4].kind == K::Plus);
    CHECK(tokens[5].kind == K::Float);
    CHECK(tokens[5].float_value == 1.5);
    CHECK(tokens[6].kind == K::Star);
    CHECK(tokens[7].kind == K::String);
    CHECK(tokens[7].text == "hi");
    CHECK(tokens[7].loc == loc(1, 23));
    CHECK(tokens[8].loc == loc(1, 27));
}

TEST_CASE("lexer: every operator, longest match first", "[lexer]") {
    CHECK(kinds("== != <= >= && || + - * / % = < > ! . , ; ( ) { }") ==
          std::vector<TokenKind>{K::EqEq, K::NotEq, K::LessEq, K::GreaterEq, K::AndAnd, K::OrOr, K::Plus,
                                 K::Minus, K::Star, K::Slash, K::Percent, K::Assign, K::Less, K::Greater,
                                 K::Bang, K::Dot, K::Comma, K::Semicolon, K::LParen, K::RParen, K::LBrace,
                                 K::RBrace, K::Eof});
    CHECK(kinds("a===b") == std::vector<TokenKind>{K::Ident, K::EqEq, K::Assign, K::Ident, K::Eof});
    CHECK(kinds("!==") == std::vector<TokenKind>{K::NotEq, K::Assign, K::Eof});
    CHECK(kinds("a<=b") == std::vector<TokenKind>{K::Ident, K::LessEq, K::Ident, K::Eof});
}

TEST_CASE("lexer: keywords of all tiers", "[lexer]") {
    CHECK(nyash::keyword_kind("box") == K::KwBox);
    CHECK(nyash::keyword_kind("this") == K::KwThis);
    CHECK(nyash::keyword_kind("birth") == K::KwBirth);
    CHECK(nyash::keyword_kind("pack") == K::KwPack);
    CHECK(nyash::keyword_kind("not") == K::KwNot);
    CHECK(nyash::keyword_kind("try") == K::KwTry);
    CHECK(nyash::keyword_kind("weak") == K::KwWeak);
    CHECK(nyash::keyword_kind("interface") == K::KwInterface);
    for (const char* word : {"nowait", "await", "include", "using", "outbox", "global"}) {
        CHECK(nyash::keyword_kind(word) == K::KwUnsupported);
    }
    CHECK(nyash::keyword_kind("fini") == K::Ident);
    CHECK(nyash::keyword_kind("Box") == K::Ident);
    CHECK(nyash::keyword_kind("boxes") == K::Ident);
    const auto tokens = lex_ok("await").tokens;
    CHECK(tokens[0].text == "await");
}

TEST_CASE("lexer: numbers", "[lexer]") {
    SECTION("FLOAT needs a digit after the dot") {
        CHECK(kinds("7.toFloat()") == std::vector<TokenKind>{K::Int, K::Dot, K::Ident, K::LParen, K::RParen, K::Eof});
        CHECK(kinds("1.") == std::vector<TokenKind>{K::Int, K::Dot, K::Eof});
        CHECK(kinds("1.5.abs") == std::vector<TokenKind>{K::Float, K::Dot, K::Ident, K::Eof});
        CHECK(kinds(".5") == std::vector<TokenKind>{K::Dot, K::Int, K::Eof});
    }
    SECTION("INT range") {
        CHECK(lex_ok("9223372036854775807").tokens[0].int_value == INT64_MAX);
        CHECK(lex_ok("007").tokens[0].int_value == 7);
        CHECK(lex_error("print(9223372036854775808)") == "integer literal out of range @1:7");
        CHECK(lex_error("x = 99999999999999999999999") == "integer literal out of range @1:5");
    }
    SECTION("FLOAT rounding and range") {
        CHECK(lex_ok("0.1").tokens[0].float_value == 0.1);
        CHECK(lex_ok("2.5").tokens[0].float_value == 2.5);
        CHECK(std::isinf(lex_ok(std::string(400, '9') + ".0").tokens[0].float_value));
        CHECK(lex_ok("0." + std::string(400, '0') + "1").tokens[0].float_value == 0.0);
    }
}

TEST_CASE("lexer: string literals and escapes", "[lexer]") {
    CHECK(lex_ok(R"("a\nb\tc\rd\\e\"f")").tokens[0].text == "a\nb\tc\rd\\e\"f");
    CHECK(lex_ok("\"# not // a comment\"").tokens[0].text == "# not // a comment");
    CHECK(lex_ok("\"日本\"").tokens[0].text == "日本");
    CHECK(lex_error(R"(print("bad \q escape"))") == "invalid escape sequence '\\q' @1:12");
    CHECK(lex_error("\"日\\é\"") == "invalid escape sequence '\\é' @1:3");
    CHECK(lex_error("print(\"no end\nprint(\"x\")") == "unterminated string literal @1:7");
    CHECK(lex_error("x = \"abc") == "unterminated string literal @1:5");
    CHECK(lex_error("x = \"abc\\") == "unterminated string literal @1:5");
    CHECK(lex_error("x = \"abc\\\n\"") == "unterminated string literal @1:5");
    // The unterminated literal is reported, not the bad escape inside it.
    CHECK(lex_error("x = \"\\q") == "unterminated string literal @1:5");
    // An escaped quote does not end the literal.
    CHECK(lex_error("x = \"a\\\"") == "unterminated string literal @1:5");
}

TEST_CASE("lexer: unexpected characters print the character itself", "[lexer]") {
    CHECK(lex_error("local a = 5 @ 3") == "unexpected character '@' @1:13");
    CHECK(lex_error("a & b") == "unexpected character '&' @1:3");
    CHECK(lex_error("a | b") == "unexpected character '|' @1:3");
    CHECK(lex_error("local café = 1") == "unexpected character 'é' @1:10");
    CHECK(lex_error("\"日本\" $") == "unexpected character '$' @1:6");
    for (const char* c : {"$", "[", "]", ":", "'", "`", "^", "~", "?", "\\"}) {
        CHECK(lex_error(c) == std::string("unexpected character '") + c + "' @1:1");
    }
}

TEST_CASE("lexer: columns count code points, tabs count one", "[lexer]") {
    const auto tokens = lex_ok("\tprint(\"日本\" + x)").tokens;
    CHECK(tokens[0].loc == loc(1, 2));
    CHECK(tokens[3].kind == K::Plus);
    CHECK(tokens[3].loc == loc(1, 13));
    CHECK(tokens[4].loc == loc(1, 15));
}

TEST_CASE("lexer: invalid UTF-8 is reported at the first invalid byte", "[lexer]") {
    CHECK(lex_error("x\n ab\x80") == "invalid UTF-8 in source @2:4");
    CHECK(lex_error("\"日\xff\"") == "invalid UTF-8 in source @1:3");
    CHECK(lex_error("\xC0\x80") == "invalid UTF-8 in source @1:1");          // overlong
    CHECK(lex_error("ab\xED\xA0\x80") == "invalid UTF-8 in source @1:3");    // surrogate
    CHECK(lex_error("\xF4\x90\x80\x80") == "invalid UTF-8 in source @1:1");  // above U+10FFFF
    CHECK(lex_error("a\xE6\x97") == "invalid UTF-8 in source @1:2");         // truncated
    CHECK(lex_error("# comment \xfe\n") == "invalid UTF-8 in source @1:11");
    // It wins over an earlier lexical error: the whole file is rejected.
    const LexResult result = nyash::lex("@ \xff");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message() == "invalid UTF-8 in source");
    CHECK(nyash::utf8_sequence_length("\xF0\x9F\x98\x80", 0) == 4);
    CHECK(nyash::utf8_sequence_length("\xE0\x9F\x80", 0) == 0);
}

TEST_CASE("lexer: a leading BOM is ignored", "[lexer]") {
    const auto tokens = lex_ok("\xEF\xBB\xBFprint(1)").tokens;
    CHECK(tokens[0].kind == K::KwPrint);
    CHECK(tokens[0].loc == loc(1, 1));
    CHECK(lex_error("\xEF\xBB\xBF@") == "unexpected character '@' @1:1");
    // Only a leading one: elsewhere U+FEFF is an ordinary (unexpected) character.
    CHECK(lex_error("a \xEF\xBB\xBF") == "unexpected character '\xEF\xBB\xBF' @1:3");
}

TEST_CASE("lexer: NEWLINE rules of section 3.5", "[lexer]") {
    SECTION("a line break ends a statement, at the position of the break") {
        const auto tokens = lex_ok("a\nb").tokens;
        REQUIRE(tokens.size() == 4);
        CHECK(tokens[1].kind == K::Newline);
        CHECK(tokens[1].loc == loc(1, 2));
    }
    SECTION("inside parentheses") {
        CHECK(kinds("f(1,\n2\n)\nx") ==
              std::vector<TokenKind>{K::Ident, K::LParen, K::Int, K::Comma, K::Int, K::RParen, K::Newline, K::Ident, K::Eof});
        CHECK(kinds("((a)\nb)") == std::vector<TokenKind>{K::LParen, K::LParen, K::Ident, K::RParen, K::Ident, K::RParen, K::Eof});
        // Braces do not suppress line breaks.
        CHECK(kinds("{\na\n}") == std::vector<TokenKind>{K::LBrace, K::Newline, K::Ident, K::Newline, K::RBrace, K::Eof});
    }
    SECTION("after a continuation token") {
        for (const char* op : {"+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "=", ",", ".", "&&",
                               "||", "!", "and", "or", "not"}) {
            const auto tokens = lex_ok(std::string("a ") + op + "\nb").tokens;
            INFO(op);
            REQUIRE(tokens.size() == 4);
            CHECK(tokens[2].kind == K::Ident);
        }
        // A comment between the operator and the break changes nothing.
        CHECK(kinds("a + // more\nb") == std::vector<TokenKind>{K::Ident, K::Plus, K::Ident, K::Eof});
    }
    SECTION("a break before '.' does end the statement") {
        CHECK(kinds("x\n.foo()") ==
              std::vector<TokenKind>{K::Ident, K::Newline, K::Dot, K::Ident, K::LParen, K::RParen, K::Eof});
    }
    SECTION("no leading and no repeated breaks") {
        CHECK(kinds("\n\n# c\na\n\n\n// c\n\nb\n") ==
              std::vector<TokenKind>{K::Ident, K::Newline, K::Ident, K::Newline, K::Eof});
        CHECK(kinds("a;\n") == std::vector<TokenKind>{K::Ident, K::Semicolon, K::Newline, K::Eof});
        CHECK(kinds("}\n") == std::vector<TokenKind>{K::RBrace, K::Newline, K::Eof});
    }
    SECTION("CRLF: the carriage return is whitespace") {
        const auto tokens = lex_ok("a\r\nb\r\n").tokens;
        REQUIRE(tokens.size() == 5);
        CHECK(tokens[1].kind == K::Newline);
        CHECK(tokens[1].loc == loc(1, 3));
        CHECK(tokens[2].loc == loc(2, 1));
    }
}

TEST_CASE("lexer: end of file position", "[lexer]") {
    CHECK(lex_ok("").tokens.back().loc == loc(1, 1));
    CHECK(lex_ok("ab").tokens.back().loc == loc(1, 3));
    CHECK(lex_ok("a\nb\n").tokens.back().loc == loc(3, 1));
    CHECK(lex_ok("x # comment").tokens.back().loc == loc(1, 12));
}

TEST_CASE("lexer: several lexical errors are collected in order", "[lexer]") {
    const LexResult result = nyash::lex("a @ b\n\"x\\q\"\nc $");
    REQUIRE(result.errors.size() == 3);
    CHECK(result.errors[0].message() == "unexpected character '@'");
    CHECK(result.errors[1].message() == "invalid escape sequence '\\q'");
    CHECK(result.errors[1].loc() == loc(2, 3));
    CHECK(result.errors[2].loc() == loc(3, 3));
    CHECK(result.tokens.back().kind == K::Eof);
    CHECK(nyash::lex(std::string(1000, '@')).errors.size() == 20);
}

TEST_CASE("lexer: how syntax errors name tokens", "[lexer]") {
    const auto tokens = lex_ok("x box * 1 2.0 \"s\"\n").tokens;
    CHECK(nyash::describe_token(tokens[0]) == "'x'");
    CHECK(nyash::describe_token(tokens[1]) == "'box'");
    CHECK(nyash::describe_token(tokens[2]) == "'*'");
    CHECK(nyash::describe_token(tokens[3]) == "number");
    CHECK(nyash::describe_token(tokens[4]) == "number");
    CHECK(nyash::describe_token(tokens[5]) == "string literal");
    CHECK(nyash::describe_token(tokens[6]) == "newline");
    CHECK(nyash::describe_token(tokens[7]) == "end of file");
}
