#include "run_program.hpp"

#include "interpreter/big_stack.hpp"
#include "interpreter/interpreter.hpp"

namespace nyash::test {

ProgramRun run_program(std::string_view source, std::string_view file) {
    return run_source(source, file, [](const ast::Program& program, Runtime& rt) {
        run_with_large_stack([&] { interpret(program, rt); });
    });
}

}  // namespace nyash::test
