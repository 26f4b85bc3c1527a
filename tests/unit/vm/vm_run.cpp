#include "vm_run.hpp"

#include <stdexcept>

#include "frontend/frontend.hpp"

namespace nyash::test {

VmRun run_on_vm(std::string_view source, int opt_level, std::string_view file, vm::Engine engine) {
    VmRun result;
    CompileResult compiled = compile_source(source);
    if (!compiled.ok()) {
        result.status = 2;
        result.err = compiled.errors.front().format(file) + "\n";
        return result;
    }
    vm::Program program;
    try {
        program = vm::compile(*compiled.program, opt_level);
    } catch (const NyashError& error) {
        result.status = exit_status_for(error.kind());
        result.err = error.format(file) + "\n";
        return result;
    }
    Runtime rt(OutputMode::Capture);
    try {
        vm::run(program, rt, engine);
    } catch (const NyashError& error) {
        rt.write_stderr(error.format(file) + "\n");
        result.status = exit_status_for(error.kind());
    }
    rt.flush();
    result.out = rt.captured_stdout();
    result.err = rt.captured_stderr();
    return result;
}

std::string bytecode_of(std::string_view source, int opt_level) {
    CompileResult compiled = compile_source(source);
    if (!compiled.ok()) throw std::runtime_error(compiled.errors.front().format("test.nyash"));
    return vm::disassemble(vm::compile(*compiled.program, opt_level));
}

}  // namespace nyash::test
