#pragma once
// The conformance corpus (tests/conformance, rules in its README) for in-process backends.
// Needs NYASH_CONFORMANCE_DIR, the corpus directory, defined by the test's meson target.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/unit/support/program_run.hpp"

namespace nyash::test {

std::string read_text(const std::filesystem::path& path);

// Every program of the corpus, sorted by name.
std::vector<std::filesystem::path> corpus_programs();

// Checks `run`, a run of corpus program `program`, against the expectation files next to it
// (README rules 1 to 3).
void check_conformance(const std::filesystem::path& program, const ProgramRun& run);

// Runs source text named `file` on one backend configuration.
using SourceRunner = std::function<ProgramRun(std::string_view source, std::string_view file)>;

// Every program of the corpus run with `run` and checked; a failure names the program and
// `configuration`.
void check_corpus(std::string_view configuration, const SourceRunner& run);

}  // namespace nyash::test
