// The conformance corpus (tests/conformance, rules in its README) run in-process on the
// interpreter: every Tier 1 program (numbers below 300) and the seed programs (900 and up).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "run_program.hpp"

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

bool selected(const fs::path& program) {
    int number = std::stoi(program.filename().string().substr(0, 3));
    return number < 300 || number >= 900;
}

std::vector<fs::path> corpus_programs() {
    std::vector<fs::path> programs;
    for (const auto& entry : fs::directory_iterator(NYASH_CONFORMANCE_DIR))
        if (entry.path().extension() == ".nyash" && selected(entry.path())) programs.push_back(entry.path());
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

}  // namespace

TEST_CASE("the Tier 1 and seed conformance programs pass", "[interpreter][conformance]") {
    auto programs = corpus_programs();
    REQUIRE(programs.size() > 100);
    for (const fs::path& program : programs) {
        fs::path base = program;
        base.replace_extension();
        std::string name = program.filename().string();
        SECTION(name) {
            auto run = nyash::test::run_program(read_text(program), name);
            fs::path code_file = base.string() + ".code";
            int expected_status = fs::exists(code_file) ? std::stoi(read_text(code_file)) : 0;
            INFO("stderr:\n" << run.err);
            CHECK(run.status == expected_status);
            check_stdout(run.out, read_text(base.string() + ".out"));
            check_stderr(run.err, base.string() + ".err");
        }
    }
}
