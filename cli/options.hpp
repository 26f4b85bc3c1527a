#pragma once
// The nyash command line: `nyash [options] [FILE.nyash | -e CODE ... | -]`.
#include <span>
#include <string>
#include <string_view>

#include <spdlog/common.h>

#include "cli/backends.hpp"

namespace nyash::cli {

// Where the program comes from. Unspecified (no FILE, no -e, no `-`) is settled by main():
// stdin when it is not a terminal, the REPL when it is.
enum class Input { Unspecified, File, Inline, Stdin, Repl };

struct Options {
    Input input = Input::Unspecified;
    // The name error lines print (spec §2.5): FILE exactly as given, `-e` for inline code,
    // `<stdin>` for a program read from stdin.
    std::string file;
    std::string inline_code;  // Input::Inline: the -e arguments joined as lines
    const Backend* backend = &available_backends().front();
    bool all_backends = false;  // --backend all: benchmark every backend and engine, with ratios
    BackendSettings settings;
    bool dump_ast = false;
    bool dump_mir = false;
    bool dump_bytecode = false;
    bool dump_jit = false;
    bool benchmark = false;
    int iterations = 10;
    bool vm_stats = false;
    bool profile_vm = false;   // --profile-vm (cli/profile.hpp)
    std::string profile_json;  // --profile-json FILE: the profile as JSON too
    bool all_errors = false;
    bool stack_trace = false;  // runtime errors: the call stack after the error line
    // Warnings only by default (the JIT falling back to an interpreter engine); like every
    // diagnostic they go to stderr, so stdout stays program output alone (spec §2.4).
    spdlog::level::level_enum log_level = spdlog::level::warn;
};

enum class Action { Run, ShowHelp, ShowVersion, ListBackends, UsageError };

struct CommandLine {
    Action action = Action::Run;
    Options options;
    std::string usage_error;  // set when action == UsageError
};

// `args` excludes the program name.
CommandLine parse_command_line(std::span<const std::string_view> args);

std::string help_text();
std::string version_text();
// One backend name per line.
std::string backend_list_text();
// The short reminder printed after a usage error.
std::string_view usage_line();

}  // namespace nyash::cli
