#pragma once
// The parser (spec §4): tokens in, an unresolved AST plus the syntax errors of §4.2/§4.3 out.
#include <cstddef>
#include <memory>
#include <vector>

#include "frontend/ast.hpp"
#include "frontend/token.hpp"
#include "runtime/error.hpp"

namespace nyash {

// Deeper nesting of blocks and expressions (combined) is `SyntaxError: nesting too deep`:
// it keeps the parser, the resolver and every tree-walking backend within their native stacks.
constexpr int kMaxNestingDepth = 1000;
// Error recovery stops collecting after this many syntax errors.
constexpr size_t kMaxSyntaxErrors = 20;

struct ParseResult {
    std::unique_ptr<ast::Program> program;  // complete only when errors is empty
    std::vector<NyashError> errors;         // source order, at most kMaxSyntaxErrors
};

// `tokens` must come from a lex() without errors (it ends with an Eof token).
ParseResult parse(const std::vector<Token>& tokens);

}  // namespace nyash
