// The conformance corpus (tests/conformance, rules in its README) run in-process on the
// interpreter: every Tier 1 program (numbers below 300) and the seed programs (900 and up).
#include <catch2/catch.hpp>

#include "run_program.hpp"
#include "tests/unit/support/conformance.hpp"

TEST_CASE("the Tier 1 and seed conformance programs pass", "[interpreter][conformance]") {
    nyash::test::check_corpus("the interpreter", nyash::test::run_program);
}
