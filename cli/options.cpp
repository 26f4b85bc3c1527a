#include "cli/options.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "cli/allocator.hpp"

namespace nyash::cli {

namespace {

constexpr std::string_view kInlineName = "-e";
constexpr std::string_view kStdinName = "<stdin>";

constexpr std::array<std::pair<std::string_view, spdlog::level::level_enum>, 6> kLogLevels = {{
    {"trace", spdlog::level::trace},
    {"debug", spdlog::level::debug},
    {"info", spdlog::level::info},
    {"warn", spdlog::level::warn},
    {"error", spdlog::level::err},
    {"off", spdlog::level::off},
}};

std::optional<spdlog::level::level_enum> parse_log_level(std::string_view name) {
    for (const auto& [level_name, level] : kLogLevels) {
        if (level_name == name) return level;
    }
    return std::nullopt;
}

const vm::AblationSwitch* ablation_switch_named(std::string_view flag) {
    for (const vm::AblationSwitch& ablation : vm::kAblationSwitches) {
        if (ablation.flag == flag) return &ablation;
    }
    return nullptr;
}

std::string engine_names(std::string_view separator) {
    std::string names;
    for (std::string_view engine : dispatch_engine_names()) {
        if (!names.empty()) names += separator;
        names += engine;
    }
    return names;
}

std::string backend_names(std::string_view separator) {
    std::string names;
    for (const Backend& backend : available_backends()) {
        if (!names.empty()) names += separator;
        names += backend.name;
    }
    return names;
}

// Walks the arguments; options that take a value accept both `--opt VALUE` and `--opt=VALUE`.
class Parser {
public:
    explicit Parser(std::span<const std::string_view> args) : args_(args) {}

    CommandLine parse() {
        bool only_files_follow = false;
        for (next_ = 0; next_ < args_.size() && result_.action == Action::Run;) {
            std::string_view arg = args_[next_++];
            if (only_files_follow || !arg.starts_with('-')) {
                take_file(arg);
            } else if (arg == "-") {
                take_input(Input::Stdin, kStdinName);
            } else if (arg == "--") {
                only_files_follow = true;
            } else {
                take_option(arg);
            }
        }
        return std::move(result_);
    }

private:
    void take_file(std::string_view arg) { take_input(Input::File, arg); }

    // One program source per command line; several -e are the exception (joined as lines).
    void take_input(Input input, std::string_view name) {
        Options& options = result_.options;
        if (options.input == Input::Inline && input == Input::Inline) return;
        if (options.input != Input::Unspecified) {
            return fail(options.input == Input::File && input == Input::File
                            ? "more than one FILE given"
                            : "give one program: FILE, -e CODE or - (stdin)");
        }
        options.input = input;
        options.file = name;
    }

    void take_inline_code(std::string_view code) {
        take_input(Input::Inline, kInlineName);
        if (result_.action != Action::Run) return;
        std::string& text = result_.options.inline_code;
        if (!text.empty()) text += '\n';
        text += code;
    }

    void take_option(std::string_view arg) {
        std::optional<std::string_view> inline_value;
        if (auto eq = arg.find('='); eq != std::string_view::npos) {
            inline_value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        Options& options = result_.options;
        if (arg == "-e") {
            if (auto code = value_of(arg, inline_value)) take_inline_code(*code);
        } else if (arg == "--backend") {
            auto name = value_of(arg, inline_value);
            if (!name) return;
            options.all_backends = *name == "all";
            if (options.all_backends) return;
            options.backend = find_backend(*name);
            if (!options.backend) {
                fail("unknown backend '" + std::string(*name) + "' (available: " + backend_names(", ") + ", all)");
            }
        } else if (arg == "--dispatch") {
            auto name = value_of(arg, inline_value);
            if (!name) return;
            if (!has_dispatch_engine(*name)) {
                return fail("dispatch engine '" + std::string(*name) + "' is not compiled into this binary (available: " +
                            engine_names(", ") + ")");
            }
            options.settings.dispatch = *name;
        } else if (arg == "--opt-level") {
            auto level = integer_value_of(arg, inline_value, 0, 2);
            if (level) options.settings.opt_level = *level;
        } else if (arg == "--iterations") {
            auto count = integer_value_of(arg, inline_value, 1, 1000000);
            if (count) options.iterations = *count;
        } else if (arg == "--profile-json") {
            auto file = value_of(arg, inline_value);
            if (!file) return;
            options.profile_json = *file;
            options.profile_vm = true;
        } else if (arg == "--log-level") {
            auto name = value_of(arg, inline_value);
            if (!name) return;
            auto level = parse_log_level(*name);
            if (!level) return fail("unknown log level '" + std::string(*name) +
                                    "' (use trace, debug, info, warn, error or off)");
            options.log_level = *level;
        } else if (inline_value) {
            fail("option " + std::string(arg) + " takes no value");
        } else if (arg == "--dump-ast") {
            options.dump_ast = true;
        } else if (arg == "--dump-mir") {
            options.dump_mir = true;
        } else if (arg == "--dump-bytecode") {
            options.dump_bytecode = true;
        } else if (arg == "--dump-jit") {
            options.dump_jit = true;
        } else if (arg == "--jit-perf-map") {
            options.settings.run_options.jit_perf_map = true;
        } else if (const vm::AblationSwitch* ablation = ablation_switch_named(arg)) {
            options.settings.run_options.*ablation->member = false;
        } else if (arg == "--benchmark") {
            options.benchmark = true;
        } else if (arg == "--vm-stats") {
            options.vm_stats = true;
        } else if (arg == "--profile-vm") {
            options.profile_vm = true;
        } else if (arg == "--all-errors") {
            options.all_errors = true;
        } else if (arg == "--stack-trace") {
            options.stack_trace = true;
        } else if (arg == "--help" || arg == "-h") {
            result_.action = Action::ShowHelp;
        } else if (arg == "--version") {
            result_.action = Action::ShowVersion;
        } else if (arg == "--list-backends") {
            result_.action = Action::ListBackends;
        } else {
            fail("unknown option '" + std::string(arg) + "'");
        }
    }

    std::optional<std::string_view> value_of(std::string_view option, std::optional<std::string_view> inline_value) {
        if (inline_value) return inline_value;
        if (next_ < args_.size()) return args_[next_++];
        fail("option " + std::string(option) + " needs a value");
        return std::nullopt;
    }

    std::optional<int> integer_value_of(std::string_view option, std::optional<std::string_view> inline_value,
                                        int min, int max) {
        auto text = value_of(option, inline_value);
        if (!text) return std::nullopt;
        int value = 0;
        auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
        if (error != std::errc() || end != text->data() + text->size() || value < min || value > max) {
            fail(fmt::format("option {} needs a whole number from {} to {}", option, min, max));
            return std::nullopt;
        }
        return value;
    }

    void fail(std::string message) {
        result_.action = Action::UsageError;
        result_.usage_error = std::move(message);
    }

    std::span<const std::string_view> args_;
    size_t next_ = 0;
    CommandLine result_;
};

// The ablation switches' entries, from vm/ablation_switches.def: each flag, then its text
// wrapped into the help's second column.
std::string ablation_switch_help() {
    constexpr size_t kColumn = 21, kWidth = 90;
    std::string text;
    for (const vm::AblationSwitch& ablation : vm::kAblationSwitches) {
        std::string line = "  " + std::string(ablation.flag);
        line += line.size() < kColumn - 1 ? std::string(kColumn - line.size(), ' ') : "  ";
        std::string_view words = ablation.help;
        while (!words.empty()) {
            const size_t space = words.find(' ');
            const std::string_view word = words.substr(0, space);
            if (line.size() + word.size() > kWidth && line.size() > kColumn) {
                text += line + "\n";
                line = std::string(kColumn, ' ');
            }
            line += std::string(word) + ' ';
            words = space == std::string_view::npos ? std::string_view{} : words.substr(space + 1);
        }
        line.pop_back();
        text += line + "\n";
    }
    return text + std::string(kColumn, ' ') + "(ablation switches: same output, slower; see docs/results.md)\n";
}

}  // namespace

CommandLine parse_command_line(std::span<const std::string_view> args) { return Parser(args).parse(); }

std::string help_text() {
    std::string text =
        "usage: nyash [options] FILE.nyash\n"
        "       nyash [options] -e CODE [-e CODE ...]\n"
        "       nyash [options] -        (the program from stdin)\n"
        "       nyash [options]          (the program from stdin, or the REPL when stdin is a terminal)\n"
        "\n"
        "Runs a Nyash program. Program output goes to stdout; errors are one line on stderr:\n"
        "  Kind: message at FILE:LINE:COLUMN\n"
        "where FILE is `-e` for -e code and `<stdin>` for a program read from stdin.\n"
        "Exit status: 0 success, 1 runtime error, 2 compile error, unreadable FILE or bad usage.\n"
        "With no FILE, no -e and no `-`, nyash reads the program from stdin, or starts an\n"
        "interactive session (REPL; `:help` there) when stdin is a terminal.\n"
        "\n"
        "options:\n"
        "  -e CODE            run CODE as the program; several -e are joined as lines\n"
        "  --backend NAME     run on backend NAME (default: " +
        std::string(available_backends().front().name) +
        "); `all` benchmarks every backend\n"
        "                     and dispatch engine and prints ratios against the interpreter\n"
        "  --dispatch NAME    VM dispatch engine (default: " +
        std::string(dispatch_engine_names().front()) + "; this binary has: " + engine_names(", ") +
        ")\n"
        "  --opt-level N      MIR optimisation level for the VM: 0 (no passes), 1 or 2 (default: 2)\n" +
        ablation_switch_help() +
        "  --list-backends    print the backends of this binary, one per line, and exit\n"
        "  --dump-ast         print the resolved AST instead of running the program\n"
        "  --dump-mir         print the (optimised) MIR instead of running the program\n"
        "  --dump-bytecode    print the VM bytecode instead of running the program\n"
        "  --dump-jit         print the JIT's machine code for every function (each bytecode\n"
        "                     instruction, then its template) instead of running the program\n"
        "  --jit-perf-map     the JIT writes /tmp/perf-PID.map, so `perf report` names compiled\n"
        "                     functions\n"
        "  --benchmark        run the program --iterations times in one process (fresh runtime\n"
        "                     each time, output of all but the first run discarded) and print\n"
        "                     min/median compile and run times on stderr\n"
        "  --iterations N     benchmark iterations (default: 10)\n"
        "  --vm-stats         after a VM run, print the bytecode instructions executed on stderr\n"
        "                     (counted only in builds with -Dvm_count_instructions=true)\n"
        "  --profile-vm       print where the run's time and memory go on stderr: compile phases,\n"
        "                     run time by category, calls, memory by kind, peak RSS; with\n"
        "                     --benchmark over --iterations runs. Per-opcode counts, cycles and\n"
        "                     pairs in builds with -Dvm_profile=true (docs/profiling.md)\n"
        "  --profile-json FILE  --profile-vm, and the profile as JSON in FILE (docs/profiling.md)\n"
        "  --all-errors       on compile errors, report every error found, not only the first\n"
        "  --stack-trace      after a runtime error line, print the calls in progress, innermost\n"
        "                     first: `  at FUNCTION (FILE:LINE:COLUMN)`\n"
        "  --log-level LEVEL  compiler diagnostics on stderr: trace, debug, info, warn, error\n"
        "                     or off (default: warn)\n"
        "  -h, --help         print this help and exit\n"
        "  --version          print the version and the backends, and exit\n"
        "\n"
        "backends:\n";
    for (const Backend& backend : available_backends()) {
        text += fmt::format("  {:<19}{}\n", backend.name, backend.summary);
    }
    return text;
}

std::string version_text() {
    std::string ablations;
    for (const vm::AblationSwitch& ablation : vm::kAblationSwitches)
        ablations += (ablations.empty() ? "" : ", ") + std::string(ablation.flag);
    return "nyash " NYASH_VERSION " (backends: " + backend_names(", ") + "; dispatch engines: " + engine_names(", ") +
           "; ablation switches: " + ablations + "; compiler: " NYASH_COMPILER "; allocator: " + allocator_name() +
           ")\n";
}

std::string backend_list_text() { return backend_names("\n") + "\n"; }

std::string_view usage_line() {
    return "usage: nyash [options] [FILE.nyash | -e CODE | -] (nyash --help for details)";
}

}  // namespace nyash::cli
