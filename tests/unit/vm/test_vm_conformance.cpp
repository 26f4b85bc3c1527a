// The conformance corpus (tests/conformance, rules in its README) in-process on the VM: every
// Tier 1 program (numbers below 300) and the seed programs (900 up), on the switch engine at every
// optimisation level and on every other compiled-in engine at level 2.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "vm_run.hpp"

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
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

std::vector<fs::path> corpus_programs() {
    std::vector<fs::path> programs;
    for (const auto& entry : fs::directory_iterator(NYASH_CONFORMANCE_DIR)) {
        if (entry.path().extension() != ".nyash") continue;
        int number = std::stoi(entry.path().filename().string().substr(0, 3));
        if (number < 300 || number >= 900) programs.push_back(entry.path());
    }
    std::sort(programs.begin(), programs.end());
    return programs;
}

// README rule 2: same line count, same trailing newline, `re:` lines match as whole-line regexes.
void check_stdout(const std::string& actual, const std::string& expected) {
    INFO("stdout:\n" << actual);
    auto actual_lines = split_lines(actual);
    auto expected_lines = split_lines(expected);
    REQUIRE(actual_lines.size() == expected_lines.size());
    CHECK((!actual.empty() && actual.back() == '\n') == (!expected.empty() && expected.back() == '\n'));
    for (size_t i = 0; i < expected_lines.size(); ++i) {
        INFO("line " << i + 1);
        const std::string& want = expected_lines[i];
        if (want.rfind("re:", 0) == 0)
            CHECK(std::regex_match(actual_lines[i], std::regex(want.substr(3))));
        else
            CHECK(actual_lines[i] == want);
    }
}

// README rule 3: every non-empty line of .err occurs in stderr; without .err stderr is empty.
void check_stderr(const std::string& actual, const fs::path& err_file) {
    INFO("stderr:\n" << actual);
    if (!fs::exists(err_file)) {
        CHECK(actual.empty());
        return;
    }
    for (const std::string& line : split_lines(read_text(err_file)))
        if (!line.empty()) CHECK(actual.find(line) != std::string::npos);
}

void check_program(const fs::path& program, int opt_level, nyash::vm::Engine engine) {
    fs::path base = program;
    base.replace_extension();
    auto run = nyash::test::run_on_vm(read_text(program), opt_level, program.filename().string(), engine);
    fs::path code_file = base.string() + ".code";
    int expected_status = fs::exists(code_file) ? std::stoi(read_text(code_file)) : 0;
    CHECK(run.status == expected_status);
    check_stdout(run.out, read_text(base.string() + ".out"));
    check_stderr(run.err, base.string() + ".err");
}

}  // namespace

TEST_CASE("the Tier 1 and seed conformance programs pass on the VM", "[vm][conformance]") {
    auto programs = corpus_programs();
    REQUIRE(programs.size() > 100);
    for (nyash::vm::Engine engine : nyash::vm::compiled_engines()) {
        for (int opt_level : {0, 1, 2}) {
            // The switch engine runs every optimisation level; the others share its handlers
            // and differ only in dispatch, so they run the code the CLI runs by default.
            if (engine != nyash::vm::Engine::Switch && opt_level != 2) continue;
            for (const fs::path& program : programs) {
                INFO(program.filename().string() << " on " << nyash::vm::engine_name(engine) << " at opt level "
                                                 << opt_level);
                check_program(program, opt_level, engine);
            }
        }
    }
}
