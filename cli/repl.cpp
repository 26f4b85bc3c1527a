#include "cli/repl.hpp"

#include <cstdio>
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "cli/line_input.hpp"
#include "cli/repl_session.hpp"
#include "cli/repl_text.hpp"

namespace nyash::cli {

namespace {

constexpr std::string_view kPrompt = "nyash> ";
constexpr std::string_view kContinuationPrompt = "  ...> ";

void say(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

std::string engine_label(const ReplSession& session) {
    if (session.backend().name != "vm") return std::string(session.backend().name);
    const std::string_view engine =
        session.settings().dispatch.empty() ? dispatch_engine_names().front() : session.settings().dispatch;
    return fmt::format("vm, dispatch {}", engine);
}

std::string help() {
    return fmt::format(
        "Type Nyash statements or declarations; an expression prints its value unless it is null.\n"
        "An entry goes on over lines while braces or parentheses are open. Top-level locals,\n"
        "functions and boxes stay for later entries. Errors name entry N as <repl:N>.\n"
        "  :help            this text\n"
        "  :quit            end the session (also Ctrl-D)\n"
        "  :backend NAME    run later entries on backend NAME ({})\n"
        "  :dispatch NAME   the VM dispatch engine ({})\n"
        "  :bytecode        the bytecode of the last entry that compiled\n"
        "Line input: {}.\n",
        [] {
            std::string names;
            for (const Backend& backend : available_backends()) names += (names.empty() ? "" : ", ") + std::string(backend.name);
            return names;
        }(),
        [] {
            std::string names;
            for (std::string_view engine : dispatch_engine_names()) names += (names.empty() ? "" : ", ") + std::string(engine);
            return names;
        }(),
        line_input_name());
}

// Runs one `:command`; false when it ends the session.
bool command(ReplSession& session, std::string_view line) {
    const size_t space = line.find(' ');
    const std::string_view name = line.substr(0, space);
    std::string_view argument = space == std::string_view::npos ? std::string_view{} : line.substr(space + 1);
    while (argument.starts_with(' ')) argument.remove_prefix(1);
    while (argument.ends_with(' ')) argument.remove_suffix(1);

    if (name == ":quit" || name == ":q") return false;
    if (name == ":help") {
        say(help());
    } else if (name == ":backend") {
        const Backend* backend = find_backend(argument);
        if (!backend) {
            say(fmt::format("unknown backend '{}'; :help lists them\n", argument));
        } else {
            session.set_backend(*backend);
            say(fmt::format("backend: {}\n", engine_label(session)));
        }
    } else if (name == ":dispatch") {
        if (!has_dispatch_engine(argument)) {
            say(fmt::format("dispatch engine '{}' is not compiled in; :help lists them\n", argument));
        } else {
            session.set_dispatch(argument);
            say(fmt::format("dispatch: {} (used by the vm backend)\n", argument));
        }
    } else if (name == ":bytecode") {
        const std::string text = session.last_bytecode();
        say(text.empty() ? "no entry has compiled yet\n" : text);
    } else {
        say(fmt::format("unknown command '{}'; :help lists the commands\n", name));
    }
    return true;
}

}  // namespace

int run_repl(const Options& options) {
    ReplSession session(*options.backend, options.settings);
    say(fmt::format("nyash " NYASH_VERSION " REPL on {}; :help for commands, :quit or Ctrl-D to leave\n",
                    engine_label(session)));
    std::string entry;
    while (auto line = read_line(entry.empty() ? kPrompt : kContinuationPrompt)) {
        if (entry.empty() && line->starts_with(':')) {
            remember_line(*line);
            if (!command(session, *line)) return 0;
            continue;
        }
        entry += *line;
        entry += '\n';
        if (open_brackets(entry) > 0) continue;
        entry.pop_back();
        remember_line(entry);
        session.submit(entry);
        entry.clear();
    }
    say("\n");
    return 0;
}

}  // namespace nyash::cli
