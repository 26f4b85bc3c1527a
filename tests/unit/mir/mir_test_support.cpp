#include "mir_test_support.hpp"

#include <catch2/catch.hpp>

#include "frontend/frontend.hpp"
#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"

namespace nyash::test {

std::unique_ptr<ast::Program> compile_ok(std::string_view source) {
    CompileResult compiled = compile_source(source);
    INFO((compiled.ok() ? std::string() : compiled.errors.front().format("test.nyash")));
    REQUIRE(compiled.ok());
    return std::move(compiled.program);
}

mir::Module build_mir(std::string_view source) { return mir::build_module(*compile_ok(source)); }

std::string dump_mir(std::string_view source, int opt_level) {
    mir::Module module = build_mir(source);
    mir::optimize(module, opt_level);
    return mir::print_module(module);
}

std::string dump_function(const mir::Module& module, std::string_view name) {
    for (const mir::Function& fn : module.functions)
        if (fn.name == name) return mir::print_function(fn, &module);
    FAIL("no function " << name);
    return {};
}

}  // namespace nyash::test
