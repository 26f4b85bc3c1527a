#include "cli/line_input.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>

#if NYASH_LIBEDIT
#include <editline/readline.h>
#endif

namespace nyash::cli {

#if NYASH_LIBEDIT

namespace {

struct FreeLine {
    void operator()(char* line) const { std::free(line); }  // readline() returns malloc'd memory
};

}  // namespace

std::optional<std::string> read_line(std::string_view prompt) {
    const std::string prompt_text(prompt);
    std::unique_ptr<char, FreeLine> line(readline(prompt_text.c_str()));
    if (!line) return std::nullopt;
    return std::string(line.get());
}

void remember_line(std::string_view line) {
    const std::string text(line);
    add_history(text.c_str());
}

std::string_view line_input_name() { return "libedit"; }

#else

std::optional<std::string> read_line(std::string_view prompt) {
    std::fwrite(prompt.data(), 1, prompt.size(), stdout);
    std::fflush(stdout);
    std::string line;
    int ch = 0;
    while ((ch = std::fgetc(stdin)) != EOF && ch != '\n') line += static_cast<char>(ch);
    if (ch == EOF && line.empty()) return std::nullopt;
    return line;
}

void remember_line(std::string_view) {}

std::string_view line_input_name() { return "plain input"; }

#endif

}  // namespace nyash::cli
