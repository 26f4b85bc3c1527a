#include "tests/unit/support/conformance.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace fs = std::filesystem;

namespace nyash::test {
namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::string line;
    std::istringstream in(text);
    while (std::getline(in, line)) lines.push_back(line);
    return lines;
}

// README rule 2: same line count, same trailing newline, `re:` lines match as whole-line regexes.
void check_stdout(const std::string& actual, const std::string& expected) {
    INFO("stdout:\n" << actual);
    auto actual_lines = split_lines(actual);
    auto expected_lines = split_lines(expected);
    CHECK(actual_lines.size() == expected_lines.size());
    CHECK((!actual.empty() && actual.back() == '\n') == (!expected.empty() && expected.back() == '\n'));
    for (size_t i = 0; i < std::min(actual_lines.size(), expected_lines.size()); ++i) {
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

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::vector<fs::path> corpus_programs() {
    std::vector<fs::path> programs;
    for (const auto& entry : fs::directory_iterator(NYASH_CONFORMANCE_DIR))
        if (entry.path().extension() == ".nyash") programs.push_back(entry.path());
    std::ranges::sort(programs);
    return programs;
}

void check_conformance(const fs::path& program, const ProgramRun& run) {
    fs::path base = program;
    base.replace_extension();
    fs::path code_file = base.string() + ".code";
    int expected_status = fs::exists(code_file) ? std::stoi(read_text(code_file)) : 0;
    fs::path out_file = base.string() + ".out";
    CHECK(fs::exists(out_file));  // README: every program has one, even if it is empty
    INFO("stderr:\n" << run.err);
    CHECK(run.status == expected_status);
    check_stdout(run.out, read_text(out_file));
    check_stderr(run.err, base.string() + ".err");
}

void check_corpus(std::string_view configuration, const SourceRunner& run) {
    std::vector<fs::path> programs = corpus_programs();
    REQUIRE(programs.size() > 100);
    for (const fs::path& program : programs) {
        std::string name = program.filename().string();
        INFO(name << " on " << configuration);
        check_conformance(program, run(read_text(program), name));
    }
}

}  // namespace nyash::test
