// Runs the MIR of every compiling conformance program with the test executor at -O0, -O1 and
// -O2 and compares stdout, the error line and the exit status with the corpus expectations:
// the builder and the passes must preserve the program's meaning exactly.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"
#include "mir_eval.hpp"
#include "runtime/error.hpp"

using namespace nyash;
namespace fs = std::filesystem;

namespace {

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t newline; (newline = text.find('\n', start)) != std::string::npos; start = newline + 1)
        lines.push_back(text.substr(start, newline - start));
    lines.push_back(text.substr(start));  // "" after a final newline
    return lines;
}

// The corpus README's rules: line by line, `re:` lines are whole-line regular expressions.
bool stdout_matches(const std::string& expected, const std::string& actual) {
    std::vector<std::string> want = split_lines(expected);
    std::vector<std::string> got = split_lines(actual);
    if (want.size() != got.size()) return false;
    for (size_t i = 0; i < want.size(); ++i) {
        if (want[i].starts_with("re:") ? !std::regex_match(got[i], std::regex(want[i].substr(3)))
                                       : want[i] != got[i])
            return false;
    }
    return true;
}

struct Outcome {
    int status = 0;
    std::string out;
    std::string err;
};

Outcome run(const ast::Program& program, const mir::Module& module, const std::string& file) {
    Outcome outcome;
    Runtime rt(OutputMode::Capture);
    try {
        test::run_mir(program, module, rt);
    } catch (const NyashError& error) {
        outcome.status = exit_status_for(error.kind());
        rt.write_stderr(error.format(file) + "\n");
    }
    rt.flush();
    outcome.out = rt.captured_stdout();
    outcome.err = rt.captured_stderr();
    return outcome;
}

void check_corpus() {
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(NYASH_CONFORMANCE_DIR)) {
        const fs::path& path = entry.path();
        if (path.extension() != ".nyash") continue;
        CompileResult compiled = compile_source(read_text(path));
        if (!compiled.ok()) continue;
        fs::path base = path;
        base.replace_extension();
        std::string expected_out = read_text(base.string() + ".out");
        std::string code_file = base.string() + ".code";
        int expected_status = fs::exists(code_file) ? std::stoi(read_text(code_file)) : 0;
        std::vector<std::string> expected_err;
        if (fs::exists(base.string() + ".err"))
            for (const std::string& line : split_lines(read_text(base.string() + ".err")))
                if (!line.empty()) expected_err.push_back(line);

        mir::Module built = mir::build_module(*compiled.program);
        for (int level : {0, 1, 2}) {
            mir::Module module = built;
            mir::optimize(module, level);
            Outcome outcome = run(*compiled.program, module, path.filename().string());
            INFO(path.filename().string() << " at -O" << level << "\nstdout:\n"
                                          << outcome.out << "stderr:\n" << outcome.err);
            CHECK(outcome.status == expected_status);
            CHECK(stdout_matches(expected_out, outcome.out));
            for (const std::string& line : expected_err) {
                INFO("expected on stderr: " << line);
                CHECK(outcome.err.find(line) != std::string::npos);
            }
            if (expected_err.empty()) CHECK(outcome.err.empty());
        }
        ++checked;
    }
    REQUIRE(checked >= 90);
}

}  // namespace

// One large-stack thread for the whole corpus (programs recurse 10000 calls deep); the test
// thread only waits, so Catch2 sees one thread at a time.
TEST_CASE("MIR of the conformance corpus runs as specified at -O0, -O1, -O2", "[mir][execution]") {
    run_with_large_stack(check_corpus);
}
