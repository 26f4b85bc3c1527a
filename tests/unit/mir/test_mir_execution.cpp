// Runs the MIR of the Tier 1 and seed conformance programs with the test executor at -O0, -O1
// and -O2 and checks stdout, stderr and the exit status against the corpus expectations: the
// builder and the passes must preserve the program's meaning exactly.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "mir_test_support.hpp"
#include "tests/unit/support/conformance.hpp"

TEST_CASE("MIR of the conformance corpus runs as specified at -O0, -O1, -O2", "[mir][execution]") {
    for (int level : {0, 1, 2}) {
        nyash::test::check_corpus("MIR at -O" + std::to_string(level),
                                  [level](std::string_view source, std::string_view file) {
                                      return nyash::test::run_on_mir(source, level, file);
                                  });
    }
}
