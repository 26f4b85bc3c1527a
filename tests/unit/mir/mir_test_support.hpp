#pragma once
// Shared helpers of the MIR unit tests: source -> resolved program -> MIR.
#include <memory>
#include <string>
#include <string_view>

#include "frontend/ast.hpp"
#include "mir/mir.hpp"
#include "tests/unit/support/program_run.hpp"

namespace nyash::test {

// Compiles a program that must be free of compile errors (fails the test otherwise).
std::unique_ptr<ast::Program> compile_ok(std::string_view source);

// build_module(compile_ok(source)).
mir::Module build_mir(std::string_view source);

// build_mir(source) after optimize(module, opt_level).
mir::Module optimized_mir(std::string_view source, int opt_level);

// The printed optimized_mir(source, opt_level).
std::string dump_mir(std::string_view source, int opt_level);

// The printed function `name` of the module.
std::string dump_function(const mir::Module& module, std::string_view name);

// Runs `source` the way the CLI would on a MIR backend: its MIR after optimize(module,
// opt_level), executed by the test executor (mir_eval.hpp) on a large native stack.
ProgramRun run_on_mir(std::string_view source, int opt_level, std::string_view file = "test.nyash");

}  // namespace nyash::test
