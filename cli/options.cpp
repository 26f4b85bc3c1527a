#include "cli/options.hpp"

#include <array>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace nyash::cli {

namespace {

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
            if (only_files_follow || arg == "-" || !arg.starts_with('-')) {
                take_file(arg);
            } else if (arg == "--") {
                only_files_follow = true;
            } else {
                take_option(arg);
            }
        }
        if (result_.action == Action::Run && result_.options.file.empty()) fail("missing FILE");
        return std::move(result_);
    }

private:
    void take_file(std::string_view arg) {
        if (!result_.options.file.empty()) return fail("more than one FILE given");
        result_.options.file = arg;
    }

    void take_option(std::string_view arg) {
        std::optional<std::string_view> inline_value;
        if (auto eq = arg.find('='); eq != std::string_view::npos) {
            inline_value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
        }
        Options& options = result_.options;
        if (arg == "--backend") {
            auto name = value_of(arg, inline_value);
            if (!name) return;
            options.backend = find_backend(*name);
            if (!options.backend) {
                fail("unknown backend '" + std::string(*name) + "' (available: " + backend_names(", ") + ")");
            }
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
        } else if (arg == "--all-errors") {
            options.all_errors = true;
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

    void fail(std::string message) {
        result_.action = Action::UsageError;
        result_.usage_error = std::move(message);
    }

    std::span<const std::string_view> args_;
    size_t next_ = 0;
    CommandLine result_;
};

}  // namespace

CommandLine parse_command_line(std::span<const std::string_view> args) { return Parser(args).parse(); }

std::string help_text() {
    std::string text =
        "usage: nyash [options] FILE.nyash\n"
        "\n"
        "Runs a Nyash program. Program output goes to stdout; errors are one line on stderr:\n"
        "  Kind: message at FILE:LINE:COLUMN\n"
        "Exit status: 0 success, 1 runtime error, 2 compile error, unreadable FILE or bad usage.\n"
        "\n"
        "options:\n"
        "  --backend NAME     run on backend NAME (default: " +
        std::string(available_backends().front().name) +
        ")\n"
        "  --list-backends    print the backends of this binary, one per line, and exit\n"
        "  --dump-ast         print the resolved AST instead of running the program\n"
        "  --all-errors       on compile errors, report every error found, not only the first\n"
        "  --log-level LEVEL  compiler diagnostics on stderr: trace, debug, info, warn, error\n"
        "                     or off (default: off)\n"
        "  -h, --help         print this help and exit\n"
        "  --version          print the version and the backends, and exit\n"
        "\n"
        "backends:\n";
    for (const Backend& backend : available_backends()) {
        text += fmt::format("  {:<19}{}\n", backend.name, backend.summary);
    }
    return text;
}

std::string version_text() { return "nyash " NYASH_VERSION " (backends: " + backend_names(", ") + ")\n"; }

std::string backend_list_text() { return backend_names("\n") + "\n"; }

std::string_view usage_line() { return "usage: nyash [options] FILE.nyash (nyash --help for details)"; }

}  // namespace nyash::cli
