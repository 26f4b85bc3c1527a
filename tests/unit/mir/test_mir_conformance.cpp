// Every conformance program that compiles must build to valid MIR and stay valid at every
// optimisation level.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "frontend/frontend.hpp"
#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"
#include "mir/verifier.hpp"
#include "tests/unit/support/conformance.hpp"

using namespace nyash;

namespace {

void require_valid(const mir::Module& module, const std::string& stage) {
    for (const mir::Function& fn : module.functions) {
        std::vector<std::string> errors = mir::verify(fn);
        std::string report;
        for (const std::string& e : errors) report += e + "\n";
        INFO(stage << ", function " << fn.name << ":\n" << report << mir::print_function(fn, &module));
        REQUIRE(errors.empty());
    }
}

}  // namespace

TEST_CASE("MIR of every compiling conformance program verifies at -O0, -O1, -O2", "[mir][conformance]") {
    std::vector<std::filesystem::path> files = test::corpus_programs();
    REQUIRE(files.size() > 100);
    int built = 0;
    for (const auto& path : files) {
        CompileResult compiled = compile_source(test::read_text(path));
        if (!compiled.ok()) continue;
        INFO(path.filename().string());
        mir::Module module = mir::build_module(*compiled.program);
        REQUIRE(module.functions.size() == compiled.program->callables.size());
        require_valid(module, "builder");
        for (int level : {0, 1, 2}) {
            mir::Module optimized = module;
            mir::optimize(optimized, level);
            require_valid(optimized, "-O" + std::to_string(level));
            if (level == 2) {
                // -O2 iterates to a fixpoint: optimizing again changes nothing.
                mir::Module again = optimized;
                mir::optimize(again, 2);
                REQUIRE(mir::print_module(again) == mir::print_module(optimized));
            }
        }
        ++built;
    }
    // The corpus holds about a hundred programs without compile errors.
    REQUIRE(built >= 90);
}
