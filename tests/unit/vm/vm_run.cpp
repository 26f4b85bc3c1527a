#include "vm_run.hpp"

#include <stdexcept>

#include "frontend/frontend.hpp"

namespace nyash::test {

ProgramRun run_on_vm(std::string_view source, int opt_level, std::string_view file, vm::Engine engine) {
    return run_source(source, file, [&](const ast::Program& program, Runtime& rt) {
        vm::run(vm::compile(program, opt_level), rt, engine);
    });
}

std::string bytecode_of(std::string_view source, int opt_level) {
    CompileResult compiled = compile_source(source);
    if (!compiled.ok()) throw std::runtime_error(compiled.errors.front().format("test.nyash"));
    return vm::disassemble(vm::compile(*compiled.program, opt_level));
}

}  // namespace nyash::test
