#pragma once
// Shared helpers of the MIR unit tests: source -> resolved program -> MIR.
#include <memory>
#include <string>
#include <string_view>

#include "frontend/ast.hpp"
#include "mir/mir.hpp"

namespace nyash::test {

// Compiles a program that must be free of compile errors (fails the test otherwise).
std::unique_ptr<ast::Program> compile_ok(std::string_view source);

// build_module(compile_ok(source)).
mir::Module build_mir(std::string_view source);

// The printed module after optimize(module, opt_level).
std::string dump_mir(std::string_view source, int opt_level);

// The printed function `name` of the module.
std::string dump_function(const mir::Module& module, std::string_view name);

}  // namespace nyash::test
