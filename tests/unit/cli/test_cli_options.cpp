#include <catch2/catch.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "cli/options.hpp"

using namespace nyash::cli;

namespace {

CommandLine parse(std::vector<std::string_view> args) { return parse_command_line(args); }

}  // namespace

TEST_CASE("a bare file runs on the default backend, logging warnings only", "[cli]") {
    const CommandLine command = parse({"prog.nyash"});
    REQUIRE(command.action == Action::Run);
    CHECK(command.options.file == "prog.nyash");
    CHECK(command.options.backend->name == "vm");
    CHECK(command.options.settings.opt_level == 2);
    CHECK(command.options.settings.dispatch.empty());
    CHECK_FALSE(command.options.all_backends);
    CHECK_FALSE(command.options.benchmark);
    CHECK_FALSE(command.options.dump_ast);
    CHECK_FALSE(command.options.all_errors);
    CHECK_FALSE(command.options.stack_trace);
    CHECK(command.options.log_level == spdlog::level::warn);
}

TEST_CASE("VM options: engine, opt level, dumps, benchmark", "[cli]") {
    const std::string engine{dispatch_engine_names().front()};
    const CommandLine command = parse({"--dispatch", engine, "--opt-level=0", "--dump-mir", "--dump-bytecode",
                                       "--benchmark", "--iterations", "3", "--vm-stats", "f.nyash"});
    REQUIRE(command.action == Action::Run);
    CHECK(command.options.settings.dispatch == engine);
    CHECK(command.options.settings.opt_level == 0);
    CHECK(command.options.dump_mir);
    CHECK(command.options.dump_bytecode);
    CHECK(command.options.benchmark);
    CHECK(command.options.iterations == 3);
    CHECK(command.options.vm_stats);
    CHECK(parse({"--backend", "all", "f.nyash"}).options.all_backends);
}

TEST_CASE("options take values separated or after '='", "[cli]") {
    for (const auto& args : {std::vector<std::string_view>{"--backend", "interp", "--log-level", "debug", "f.nyash"},
                             std::vector<std::string_view>{"--backend=interp", "--log-level=debug", "f.nyash"}}) {
        const CommandLine command = parse(args);
        REQUIRE(command.action == Action::Run);
        CHECK(command.options.backend->name == "interp");
        CHECK(command.options.log_level == spdlog::level::debug);
        CHECK(command.options.file == "f.nyash");
    }
}

TEST_CASE("flags may come after the file", "[cli]") {
    const CommandLine command = parse({"f.nyash", "--dump-ast", "--all-errors", "--stack-trace"});
    REQUIRE(command.action == Action::Run);
    CHECK(command.options.dump_ast);
    CHECK(command.options.all_errors);
    CHECK(command.options.stack_trace);
}

TEST_CASE("every log level name maps to its spdlog level", "[cli]") {
    const std::pair<std::string_view, spdlog::level::level_enum> levels[] = {
        {"trace", spdlog::level::trace}, {"debug", spdlog::level::debug}, {"info", spdlog::level::info},
        {"warn", spdlog::level::warn},   {"error", spdlog::level::err},   {"off", spdlog::level::off}};
    for (const auto& [name, level] : levels) {
        const CommandLine command = parse({"--log-level", name, "f.nyash"});
        REQUIRE(command.action == Action::Run);
        CHECK(command.options.log_level == level);
    }
}

TEST_CASE("'--' makes the next argument a file even if it looks like an option", "[cli]") {
    const CommandLine command = parse({"--", "--odd-name.nyash"});
    REQUIRE(command.action == Action::Run);
    CHECK(command.options.file == "--odd-name.nyash");
}

TEST_CASE("the program comes from FILE, -e (joined as lines), `-`, or is left to main()", "[cli]") {
    const CommandLine file = parse({"prog.nyash"});
    CHECK(file.options.input == Input::File);

    const CommandLine inline_code = parse({"-e", "local x = 1", "--backend", "interp", "-e", "print(x)"});
    REQUIRE(inline_code.action == Action::Run);
    CHECK(inline_code.options.input == Input::Inline);
    CHECK(inline_code.options.file == "-e");
    CHECK(inline_code.options.inline_code == "local x = 1\nprint(x)");
    CHECK(inline_code.options.backend->name == "interp");

    const CommandLine stdin_program = parse({"--dump-ast", "-"});
    REQUIRE(stdin_program.action == Action::Run);
    CHECK(stdin_program.options.input == Input::Stdin);
    CHECK(stdin_program.options.file == "<stdin>");

    // stdin or the REPL: main() decides by whether stdin is a terminal.
    const CommandLine nothing = parse({});
    REQUIRE(nothing.action == Action::Run);
    CHECK(nothing.options.input == Input::Unspecified);

    // After `--` a lone dash is a file name, as any other argument there.
    const CommandLine dash_file = parse({"--", "-"});
    CHECK(dash_file.options.input == Input::File);
    CHECK(dash_file.options.file == "-");
}

TEST_CASE("help, version and backend list win over a missing file", "[cli]") {
    CHECK(parse({"--help"}).action == Action::ShowHelp);
    CHECK(parse({"-h"}).action == Action::ShowHelp);
    CHECK(parse({"--version"}).action == Action::ShowVersion);
    CHECK(parse({"--list-backends"}).action == Action::ListBackends);
}

TEST_CASE("bad command lines are usage errors that say what is wrong", "[cli]") {
    const std::pair<std::vector<std::string_view>, std::string> cases[] = {
        {{"a.nyash", "b.nyash"}, "more than one FILE"},
        {{"a.nyash", "-e", "print(1)"}, "give one program"},
        {{"-e", "print(1)", "-"}, "give one program"},
        {{"-", "a.nyash"}, "give one program"},
        {{"-e"}, "option -e needs a value"},
        {{"--frobnicate", "f.nyash"}, "unknown option '--frobnicate'"},
        {{"-x", "f.nyash"}, "unknown option '-x'"},
        {{"--backend", "warp", "f.nyash"}, "unknown backend 'warp' (available: vm, interp, all)"},
        {{"--dispatch", "warp", "f.nyash"}, "dispatch engine 'warp' is not compiled into this binary"},
        {{"--opt-level", "3", "f.nyash"}, "option --opt-level needs a whole number from 0 to 2"},
        {{"--iterations=0", "f.nyash"}, "option --iterations needs a whole number from 1 to 1000000"},
        {{"--iterations=x", "f.nyash"}, "option --iterations needs a whole number"},
        {{"f.nyash", "--backend"}, "option --backend needs a value"},
        {{"--log-level=loud", "f.nyash"}, "unknown log level 'loud'"},
        {{"--dump-ast=yes", "f.nyash"}, "option --dump-ast takes no value"},
    };
    for (const auto& [args, message] : cases) {
        const CommandLine command = parse(args);
        INFO(message);
        CHECK(command.action == Action::UsageError);
        CHECK(command.usage_error.find(message) != std::string::npos);
    }
}

TEST_CASE("help lists every option the parser accepts", "[cli]") {
    const std::string help = help_text();
    const std::vector<std::string_view> flags = {"--dump-ast",  "--dump-mir",        "--dump-bytecode",
                                                 "--benchmark", "--vm-stats",        "--all-errors",
                                                 "--stack-trace", "--profile-vm",
                                                 "--help",      "--version",         "--list-backends"};
    for (std::string_view flag : flags) {
        INFO(flag);
        CHECK(help.find(flag) != std::string::npos);
        CHECK(parse({flag, "f.nyash"}).action != Action::UsageError);
    }
    CHECK(help.find("--backend NAME") != std::string::npos);
    CHECK(help.find("--log-level LEVEL") != std::string::npos);
    CHECK(help.find("--dispatch NAME") != std::string::npos);
    CHECK(help.find("--opt-level N") != std::string::npos);
    CHECK(help.find("--iterations N") != std::string::npos);
    CHECK(help.find("-e CODE") != std::string::npos);
    CHECK(help.find("--profile-json FILE") != std::string::npos);
}

TEST_CASE("--profile-json FILE implies --profile-vm and needs its FILE", "[cli]") {
    const CommandLine both = parse({"--profile-json", "out.json", "f.nyash"});
    REQUIRE(both.action == Action::Run);
    CHECK(both.options.profile_vm);
    CHECK(both.options.profile_json == "out.json");
    CHECK(parse({"--profile-json=p.json", "f.nyash"}).options.profile_json == "p.json");
    CHECK(parse({"f.nyash", "--profile-json"}).action == Action::UsageError);
    CHECK_FALSE(parse({"f.nyash"}).options.profile_vm);
}

TEST_CASE("version and backend list name every backend", "[cli]") {
    for (const Backend& backend : available_backends()) {
        CHECK(version_text().find(backend.name) != std::string::npos);
        CHECK(backend_list_text().find(std::string(backend.name) + "\n") != std::string::npos);
        CHECK(help_text().find(backend.summary) != std::string::npos);
        CHECK(find_backend(backend.name) == &backend);
    }
    CHECK(find_backend("nope") == nullptr);
}
