#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "frontend/frontend.hpp"
#include "frontend/lexer.hpp"
#include "frontend/parser.hpp"

namespace {

// Lex and parse (the stages this file is about), never letting an exception escape.
std::vector<nyash::NyashError> syntax_errors(std::string_view source) {
    nyash::LexResult lexed = nyash::lex(source);
    if (!lexed.errors.empty()) return lexed.errors;
    nyash::ParseResult parsed = nyash::parse(lexed.tokens);
    if (parsed.errors.empty()) (void)nyash::dump_ast(*parsed.program);
    return parsed.errors;
}

std::string only_error(std::string_view source) {
    const auto errors = syntax_errors(source);
    REQUIRE(errors.size() == 1);
    return errors[0].message() + " @" + std::to_string(errors[0].loc().line) + ":" + std::to_string(errors[0].loc().col);
}

std::string repeat(std::string_view text, size_t count) {
    std::string out;
    out.reserve(text.size() * count);
    for (size_t i = 0; i < count; ++i) out += text;
    return out;
}

bool in_source_order(const std::vector<nyash::NyashError>& errors) {
    return std::ranges::is_sorted(errors, [](const nyash::NyashError& a, const nyash::NyashError& b) {
        return std::pair(a.loc().line, a.loc().col) < std::pair(b.loc().line, b.loc().col);
    });
}

const std::string kTooDeep = "nesting too deep (limit 1000)";

}  // namespace

TEST_CASE("robustness: 100,000 nested parentheses give one clean error", "[robustness]") {
    const std::string source = "print(" + repeat("(", 100000) + "1" + repeat(")", 100000) + ")\nprint(2)\n";
    // print( is columns 1-6; the 1001st nested expression starts at the 1001st '('.
    CHECK(only_error(source) == kTooDeep + " @1:1007");
    const auto compiled = nyash::compile_source(source);
    REQUIRE(compiled.errors.size() == 1);
    CHECK(compiled.program == nullptr);
}

TEST_CASE("robustness: the nesting limit is exactly 1000", "[robustness]") {
    // A top-level expression is one level; each parenthesis adds one.
    CHECK(syntax_errors(repeat("(", 999) + "x" + repeat(")", 999)).empty());
    CHECK(only_error(repeat("(", 1000) + "x" + repeat(")", 1000)) == kTooDeep + " @1:1001");
}

TEST_CASE("robustness: 10,000 nested blocks give one clean error", "[robustness]") {
    const std::string ifs = repeat("if true {\n", 10000) + repeat("}\n", 10000) + "print(1)\n";
    // Block 1000 is the 1000th level; the condition of the next `if` is the 1001st.
    CHECK(only_error(ifs) == kTooDeep + " @1001:4");
    const std::string loops = "function f() {\n" + repeat("loop(true) { ", 10000) + repeat("}", 10000) + "\n}\n";
    CHECK(only_error(loops).starts_with(kTooDeep));
    const std::string elifs = "if a { }" + repeat(" else if a { }", 20000);
    CHECK(only_error(elifs).starts_with(kTooDeep));
    CHECK(syntax_errors(repeat("if true {\n", 300) + repeat("}\n", 300)).empty());
    CHECK(syntax_errors("if a { }" + repeat(" else if a { }", 300)).empty());
}

TEST_CASE("robustness: long operator and member chains are bounded too", "[robustness]") {
    // Left-deep trees this deep would overflow every recursive walk (and the AST destructor).
    CHECK(only_error("x = 1" + repeat(" + 1", 20000)).starts_with(kTooDeep));
    CHECK(only_error("x = a" + repeat(".b", 20000)).starts_with(kTooDeep));
    CHECK(only_error("x = a" + repeat(".m()", 20000)).starts_with(kTooDeep));
    CHECK(only_error("x = " + repeat("-", 20000) + "1").starts_with(kTooDeep));
    CHECK(only_error("x = " + repeat("not ", 20000) + "1").starts_with(kTooDeep));
    CHECK(only_error("x = " + repeat("f(", 20000) + repeat(")", 20000)).starts_with(kTooDeep));
    CHECK(syntax_errors("x = 1" + repeat(" + 1", 500)).empty());
    CHECK(syntax_errors("x = a" + repeat(".b", 500)).empty());
}

TEST_CASE("robustness: wide inputs stay fast", "[robustness]") {
    CHECK(syntax_errors(repeat("local x = 1\n", 20000)).empty());
    std::string params;
    std::string fields;
    for (int i = 0; i < 20000; ++i) {
        params += (i == 0 ? "p" : ", p") + std::to_string(i);
        fields += " f" + std::to_string(i) + "\n";
    }
    CHECK(syntax_errors("function f(" + params + ") { }").empty());
    CHECK(only_error("function f(" + params + ", p7) { }").starts_with("duplicate parameter 'p7'"));
    CHECK(syntax_errors("box B { init {" + fields + "} }").empty());
    CHECK(syntax_errors("print(f(" + repeat("1, ", 50000) + "1))").empty());
}

TEST_CASE("robustness: degenerate files", "[robustness]") {
    CHECK(syntax_errors("").empty());
    CHECK(syntax_errors("\xEF\xBB\xBF").empty());
    CHECK(syntax_errors("\n\n\n").empty());
    CHECK(syntax_errors("// just a comment").empty());
    CHECK(syntax_errors(";").empty());
    CHECK(syntax_errors("\xEF\xBB\xBF" "local a = 1\r\nif a == 1 {\r\n    print(\"crlf ok\")\r\n}\r\n").empty());
    CHECK(only_error("}") == "unexpected '}', expected statement @1:1");
    CHECK(only_error("{") == "unexpected '{', expected statement @1:1");
    CHECK(only_error("(") == "unexpected end of file, expected expression @1:2");
    CHECK(only_error(")") == "unexpected ')', expected statement @1:1");
    CHECK(only_error("\"") == "unterminated string literal @1:1");
    CHECK(only_error("print(\"abc") == "unterminated string literal @1:7");
    CHECK(only_error("box") == "unexpected end of file, expected box name @1:4");
    CHECK(only_error("box A {") == "unexpected end of file, expected '}' @1:8");
    CHECK(only_error(repeat("{", 5000)) == "unexpected '{', expected statement @1:1");
    CHECK(only_error(repeat("}", 5000)) == "unexpected '}', expected statement @1:1");
    CHECK(only_error(std::string(1, '\0')) == std::string("unexpected character '") + '\0' + "' @1:1");
}

TEST_CASE("robustness: every prefix of a real program", "[robustness]") {
    const std::string program = R"(interface Shape { area() }
box Point from Base interface Shape {
    init { x, weak y }
    birth(x) { me.x = x; from Base.birth() }
    override area() { return me.x * 2.5 + -1 }
}
static box Main {
    static { me.n = 0 }
    main() {
        local p = new Point(1), s = "a\tb"
        loop(p.x < 10 and not false) { p.x = p.x + 1; if p.x == 3 { continue } else { break } }
        try { throw s } catch (e) { print(e) } finally { print("done") }
    }
}
)";
    REQUIRE(syntax_errors(program).empty());
    for (size_t length = 0; length <= program.size(); ++length) {
        const auto errors = syntax_errors(program.substr(0, length));
        INFO("prefix length " << length);
        CHECK(errors.size() <= nyash::kMaxSyntaxErrors);
        CHECK(in_source_order(errors));
    }
}

TEST_CASE("robustness: random bytes and random token soup", "[robustness]") {
    std::mt19937 rng(20250806);
    const auto below = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };

    for (int round = 0; round < 400; ++round) {
        std::string bytes(below(300), '\0');
        for (char& c : bytes) c = static_cast<char>(below(256));
        const auto errors = syntax_errors(bytes);
        CHECK(errors.size() <= nyash::kMaxSyntaxErrors);
        CHECK(in_source_order(errors));
    }

    const std::vector<std::string> vocabulary = {
        "box", "static", "new", "me", "from", "override", "init", "birth", "pack", "local", "if", "else",
        "loop", "break", "continue", "return", "print", "function", "and", "or", "not", "true", "null",
        "try", "catch", "finally", "throw", "weak", "interface", "nowait", "x", "y", "Main", "main", "1",
        "2.5", "\"s\"", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "=", "<", ">", "!",
        ".", ",", ";", "(", ")", "{", "}", "\n", "\n", "\n", " ", "#c\n",
    };
    size_t parsed_cleanly = 0;
    for (int round = 0; round < 1500; ++round) {
        std::string source;
        for (size_t n = below(60); n > 0; --n) source += vocabulary[below(vocabulary.size())] + " ";
        const auto errors = syntax_errors(source);
        INFO(source);
        CHECK(errors.size() <= nyash::kMaxSyntaxErrors);
        CHECK(in_source_order(errors));
        for (const auto& error : errors) CHECK(error.kind() == nyash::ErrorKind::SyntaxError);
        if (errors.empty()) ++parsed_cleanly;
    }
    CHECK(parsed_cleanly > 0);
}
