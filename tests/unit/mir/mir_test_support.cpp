#include "mir_test_support.hpp"

#include <catch2/catch.hpp>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"
#include "mir_eval.hpp"

namespace nyash::test {

std::unique_ptr<ast::Program> compile_ok(std::string_view source) {
    CompileResult compiled = compile_source(source);
    INFO((compiled.ok() ? std::string() : compiled.errors.front().format("test.nyash")));
    REQUIRE(compiled.ok());
    return std::move(compiled.program);
}

mir::Module build_mir(std::string_view source) { return mir::build_module(*compile_ok(source)); }

mir::Module optimized_mir(std::string_view source, int opt_level) {
    mir::Module module = build_mir(source);
    mir::optimize(module, opt_level);
    return module;
}

std::string dump_mir(std::string_view source, int opt_level) {
    return mir::print_module(optimized_mir(source, opt_level));
}

std::string dump_function(const mir::Module& module, std::string_view name) {
    for (const mir::Function& fn : module.functions)
        if (fn.name == name) return mir::print_function(fn, &module);
    FAIL("no function " << name);
    return {};
}

ProgramRun run_on_mir(std::string_view source, int opt_level, std::string_view file) {
    return run_source(source, file, [opt_level](const ast::Program& program, Runtime& rt) {
        mir::Module module = mir::build_module(program);
        mir::optimize(module, opt_level);
        run_with_large_stack([&] { run_mir(program, module, rt); });
    });
}

}  // namespace nyash::test
