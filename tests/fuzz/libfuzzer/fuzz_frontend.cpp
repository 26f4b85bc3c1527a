// libFuzzer target for the frontend: bytes -> lexer -> parser -> resolver (compile_source), then
// what the CLI does with the result: every diagnostic formatted with its source line and caret
// (--all-errors), or the resolved AST dumped (--dump-ast). Finds crashes, hangs and sanitizer
// reports; a refused input is a normal outcome. docs/testing.md, "libFuzzer".
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"

namespace {

void check_source(std::string_view source) {
    const nyash::CompileResult compiled = nyash::compile_source(source);
    if (compiled.ok()) {
        if (compiled.program == nullptr) std::abort();  // compile_source's contract
        (void)nyash::dump_ast(*compiled.program);
        return;
    }
    for (const nyash::NyashError& error : compiled.errors) {
        // A compile error always has a location (spec §12.1) and exit status 2 (§12.5).
        if (!error.loc().known() || nyash::exit_status_for(error.kind()) != 2) std::abort();
        (void)nyash::format_diagnostic(error, "fuzz.nyash", source);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    // The CLI compiles on a stack of this size too (cli/main.cpp): nesting depth is bounded by
    // the parser's limit, and that stack is what the limit was measured against.
    nyash::run_with_stack([&] { check_source(source); }, nyash::kCompilerStackBytes);
    return 0;
}
