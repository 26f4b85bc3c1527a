#include <catch2/catch.hpp>

#include <string_view>

#include "cli/repl_text.hpp"

using namespace nyash::cli;

TEST_CASE("open brackets count code, not strings or comments", "[cli][repl]") {
    CHECK(open_brackets("print(1)") == 0);
    CHECK(open_brackets("box A {") == 1);
    CHECK(open_brackets("f(g(") == 2);
    CHECK(open_brackets("local s = \"{(\"") == 0);
    CHECK(open_brackets("local s = \"\\\"{\"") == 0);  // an escaped quote does not end the string
    CHECK(open_brackets("if x { // }") == 1);
    CHECK(open_brackets("if x { # }") == 1);
    CHECK(open_brackets("box A {\n  m() {\n  }\n}") == 0);
    CHECK(open_brackets("}") == -1);
}

TEST_CASE("the end of a braced declaration", "[cli][repl]") {
    constexpr std::string_view text = "function f(a) {\n  if a { return \"}\" }\n}\nprint(f(1))";
    const size_t end = end_of_braced_block(text, 0);
    REQUIRE(end != std::string_view::npos);
    CHECK(text.substr(0, end) == "function f(a) {\n  if a { return \"}\" }\n}");
    CHECK(end_of_braced_block("box A {", 0) == std::string_view::npos);
}

TEST_CASE("line and column to offset, columns in code points", "[cli][repl]") {
    constexpr std::string_view text = "ab\n\xC3\xA9x\nz";  // é is two bytes, one column
    CHECK(offset_of(text, 1, 1) == 0);
    CHECK(offset_of(text, 1, 2) == 1);
    CHECK(offset_of(text, 2, 2) == 5);  // 'x'
    CHECK(offset_of(text, 3, 1) == 7);
    CHECK(offset_of(text, 4, 1) == std::string_view::npos);
}
