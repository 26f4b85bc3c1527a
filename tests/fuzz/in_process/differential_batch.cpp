// differential_batch [--opt-levels 0,1,2] FILE...     (docs/testing.md, "Running it")
// differential_batch [--opt-levels 0,1,2] --list-configurations
//
// The in-process half of tests/fuzz/differential.py: each FILE is compiled once and run on the
// AST interpreter (the reference) and on every VM engine compiled in at each opt level, all in
// this process, as `nyash --stack-trace` would run it. Starting a process per configuration
// costs more than running a generated program, so the fuzzer sends batches of files here.
//
// Prints one tab-separated line per difference, FAIL FILE CONFIGURATION PARTS DETAIL (PARTS: which
// of status, stdout, stderr differ; CONFIGURATION "interp" with PARTS "does not compile" when the
// reference refuses the program), then a summary. Exit status 0: no difference, 1: some, 2: bad
// usage or an unreadable file. A crash or hang ends the whole batch: the caller then reruns its
// files one process per configuration to find which program and configuration it was.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "interpreter/interpreter.hpp"
#include "tests/fuzz/in_process/engine_comparison.hpp"

namespace {

using namespace nyash;
using namespace nyash::fuzz;

constexpr int kCompileErrorStatus = 2;  // cli/driver.cpp
constexpr int kUsageStatus = 2;

struct Arguments {
    std::vector<int> opt_levels{0, 1, 2};
    bool list_configurations = false;
    std::vector<std::string> files;
};

std::optional<std::vector<int>> parse_levels(const std::string& text) {
    std::vector<int> levels;
    std::istringstream stream(text);
    for (std::string level; std::getline(stream, level, ',');) {
        if (level != "0" && level != "1" && level != "2") return std::nullopt;
        levels.push_back(level[0] - '0');
    }
    if (levels.empty()) return std::nullopt;
    return levels;
}

std::optional<Arguments> parse_arguments(int argc, char** argv) {
    Arguments arguments;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--opt-levels" && i + 1 < argc) {
            auto levels = parse_levels(argv[++i]);
            if (!levels) return std::nullopt;
            arguments.opt_levels = *levels;
        } else if (arg == "--list-configurations") {
            arguments.list_configurations = true;
        } else if (arg.starts_with("-")) {
            return std::nullopt;
        } else {
            arguments.files.emplace_back(arg);
        }
    }
    if (!arguments.list_configurations && arguments.files.empty()) return std::nullopt;
    return arguments;
}

std::optional<std::string> read_file(const std::string& path) {
    std::ifstream file(path, std::ios::binary);
    if (!file) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(file), {});
}

// Tabs and newlines would split the report line.
std::string one_line(std::string text) {
    for (char& c : text) {
        if (c == '\t' || c == '\n') c = ' ';
    }
    return text;
}

void report(const std::string& file, std::string_view config, std::string_view parts, const std::string& detail) {
    std::printf("FAIL\t%s\t%.*s\t%.*s\t%s\n", file.c_str(), static_cast<int>(config.size()), config.data(),
                static_cast<int>(parts.size()), parts.data(), one_line(detail).c_str());
    std::fflush(stdout);
}

// Returns how many configurations differ from the interpreter (the interpreter counts as one
// when it refuses the program).
int check_file(const std::string& file, const std::string& source, const std::vector<int>& opt_levels) {
    const CompileResult compiled = compile_source(source);
    if (!compiled.ok()) {
        report(file, "interp", "does not compile", format_diagnostic(compiled.errors.front(), file, source));
        return 1;
    }
    const Outcome expected = run_on_interpreter(*compiled.program, file, kUnlimitedSteps);
    if (expected.status == kCompileErrorStatus) {
        report(file, "interp", "does not compile", expected.err);
        return 1;
    }
    int differences = 0;
    run_on_vm(*compiled.program, opt_levels, file, [&](const VmConfiguration& config, const Outcome& got) {
        if (got == expected) return;
        report(file, config.name(), differing_parts(expected, got), describe_difference(expected, got));
        ++differences;
    });
    return differences;
}

int run(const Arguments& arguments) {
    const std::vector<VmConfiguration> configs = vm_configurations(arguments.opt_levels);
    if (arguments.list_configurations) {
        for (const VmConfiguration& config : configs) std::printf("%s\n", config.name().c_str());
        return 0;
    }
    int differences = 0;
    for (const std::string& file : arguments.files) {
        const auto source = read_file(file);
        if (!source) {
            std::fprintf(stderr, "differential_batch: cannot read %s\n", file.c_str());
            return kUsageStatus;
        }
        differences += check_file(file, *source, arguments.opt_levels);
    }
    std::printf("%zu programs on the interpreter and %zu configurations: %d differences\n",
                arguments.files.size(), configs.size(), differences);
    return differences == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const auto arguments = parse_arguments(argc, argv);
    if (!arguments) {
        std::fprintf(stderr, "usage: differential_batch [--opt-levels 0,1,2] (--list-configurations | FILE...)\n");
        return kUsageStatus;
    }
    int status = 0;
    // The interpreter recurses natively per Nyash call; the CLI gives it the same stack.
    run_with_large_stack([&] { status = run(*arguments); }, kInterpreterStackBytes);
    return status;
}
