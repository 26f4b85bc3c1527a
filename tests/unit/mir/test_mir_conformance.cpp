// Every conformance program that compiles must build to valid MIR and stay valid at every
// optimisation level.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "frontend/frontend.hpp"
#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"
#include "mir/verifier.hpp"

using namespace nyash;

namespace {

std::vector<std::filesystem::path> corpus() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(NYASH_CONFORMANCE_DIR))
        if (entry.path().extension() == ".nyash") files.push_back(entry.path());
    std::ranges::sort(files);
    return files;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

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
    std::vector<std::filesystem::path> files = corpus();
    REQUIRE(files.size() > 100);
    int built = 0;
    for (const auto& path : files) {
        CompileResult compiled = compile_source(read_file(path));
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
