// The conformance corpus (tests/conformance, rules in its README) in-process on the VM: every
// Tier 1 program (numbers below 300) and the seed programs (900 up), on the switch engine at every
// optimisation level and on every other compiled-in engine at level 2.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "tests/unit/support/conformance.hpp"
#include "vm_run.hpp"

TEST_CASE("the Tier 1 and seed conformance programs pass on the VM", "[vm][conformance]") {
    for (nyash::vm::Engine engine : nyash::vm::compiled_engines()) {
        for (int opt_level : {0, 1, 2}) {
            // The switch engine runs every optimisation level; the others share its handlers
            // and differ only in dispatch, so they run the code the CLI runs by default.
            if (engine != nyash::vm::Engine::Switch && opt_level != 2) continue;
            std::string configuration =
                std::string(nyash::vm::engine_name(engine)) + " at opt level " + std::to_string(opt_level);
            nyash::test::check_corpus(configuration, [&](std::string_view source, std::string_view file) {
                return nyash::test::run_on_vm(source, opt_level, file, engine);
            });
        }
    }
}
