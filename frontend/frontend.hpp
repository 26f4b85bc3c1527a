#pragma once
// The frontend's entry points: source text in, a resolved AST (or compile errors) out.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ast.hpp"
#include "runtime/error.hpp"
#include "runtime/phase_log.hpp"

namespace nyash {

struct CompileResult {
    std::unique_ptr<ast::Program> program;  // null when errors is non-empty
    // Compile errors in report order: errors[0] is the one spec §2.3 says to print
    // (lexical before syntax before later checks; first in source order within lex/parse).
    // Later entries come from parser recovery and are shown only with --all-errors.
    std::vector<NyashError> errors;
    bool ok() const { return errors.empty(); }
};

// Lex, parse and resolve a whole program (spec §2.3 compile phase); `phases` (--profile-vm)
// gets "parse" (lexing included) and "resolve".
CompileResult compile_source(std::string_view source, PhaseLog* phases = nullptr);

// The spec's error line followed by the offending source line and a caret under the column:
//   SyntaxError: unexpected '*' at f.nyash:1:14
//       local x = 1 +* 2
//                    ^
std::string format_diagnostic(const NyashError& error, std::string_view file, std::string_view source);

// --dump-ast: a stable, indented S-expression-like rendering of the resolved AST.
std::string dump_ast(const ast::Program& program);

}  // namespace nyash
