// libedit is opened with dlopen() when the REPL starts, not linked: linked, it and the libraries
// it needs (libtinfo, libbsd, libmd) are loaded and relocated at every start of nyash, about
// 650,000 instructions (callgrind) that a program run never uses (docs/architecture.md,
// "Start-up"). Its header still types the two functions taken from it.
#include "cli/line_input.hpp"

#include <cstdio>
#include <cstdlib>
#include <memory>

#if NYASH_LIBEDIT
#include <dlfcn.h>
#include <editline/readline.h>
#endif

namespace nyash::cli {

namespace {

#if NYASH_LIBEDIT
struct Libedit {
    decltype(&::readline) read = nullptr;
    decltype(&::add_history) remember = nullptr;
};

// The library's functions, or none when it cannot be opened (then: plain input).
const Libedit& libedit() {
    static const Libedit functions = [] {
        Libedit found;
        // Never closed: the REPL uses it until the process ends.
        void* library = dlopen(NYASH_LIBEDIT_SONAME, RTLD_NOW | RTLD_LOCAL);
        if (!library) return found;
        found.read = reinterpret_cast<decltype(&::readline)>(dlsym(library, "readline"));
        found.remember = reinterpret_cast<decltype(&::add_history)>(dlsym(library, "add_history"));
        if (!found.read || !found.remember) found = {};
        return found;
    }();
    return functions;
}

struct FreeLine {
    void operator()(char* line) const { std::free(line); }  // readline() returns malloc'd memory
};
#endif

std::optional<std::string> read_plain_line(std::string_view prompt) {
    std::fwrite(prompt.data(), 1, prompt.size(), stdout);
    std::fflush(stdout);
    std::string line;
    int ch = 0;
    while ((ch = std::fgetc(stdin)) != EOF && ch != '\n') line += static_cast<char>(ch);
    if (ch == EOF && line.empty()) return std::nullopt;
    return line;
}

}  // namespace

std::optional<std::string> read_line(std::string_view prompt) {
#if NYASH_LIBEDIT
    if (libedit().read) {
        const std::string prompt_text(prompt);
        std::unique_ptr<char, FreeLine> line(libedit().read(prompt_text.c_str()));
        if (!line) return std::nullopt;
        return std::string(line.get());
    }
#endif
    return read_plain_line(prompt);
}

void remember_line([[maybe_unused]] std::string_view line) {
#if NYASH_LIBEDIT
    if (libedit().remember) {
        const std::string text(line);
        libedit().remember(text.c_str());
    }
#endif
}

std::string_view line_input_name() {
#if NYASH_LIBEDIT
    if (libedit().read) return "libedit";
#endif
    return "plain input";
}

}  // namespace nyash::cli
