#include "cli/driver.hpp"

#include <chrono>
#include <cstdio>
#include <new>
#include <optional>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/benchmark.hpp"
#include "cli/profile.hpp"
#include "cli/repl.hpp"
#include "cli/source_file.hpp"
#include "frontend/frontend.hpp"
#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"
#include "runtime/error.hpp"
#include "runtime/runtime.hpp"
#include "vm/vm.hpp"

namespace nyash::cli {

namespace {

constexpr int kCompileErrorStatus = 2;  // also for an unreadable FILE (spec §12.5)
constexpr int kRuntimeErrorStatus = 1;

// Program output first, so it precedes the error on a shared terminal (spec §2.4).
void write_stderr_lines(std::string_view text) {
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
    if (!text.ends_with('\n')) std::fputc('\n', stderr);
}

void write_stdout_text(std::string_view text) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (!text.ends_with('\n')) std::fputc('\n', stdout);
}

class Stopwatch {
public:
    double milliseconds() const {
        return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
    }

private:
    std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

void report_compile_errors(const CompileResult& compiled, const Options& options, std::string_view source) {
    const size_t shown = options.all_errors ? compiled.errors.size() : 1;
    for (size_t i = 0; i < shown; ++i) {
        write_stderr_lines(format_diagnostic(compiled.errors[i], options.file, source));
    }
}

std::optional<std::string> load_source(const Options& options) {
    switch (options.input) {
        case Input::Inline: return options.inline_code;
        case Input::Stdin: return read_standard_input();
        default: return read_source_file(options.file);
    }
}

int compile_and_run(const Options& options) {
    const auto source = load_source(options);
    if (!source) {
        write_stderr_lines("error: cannot read " + options.file);
        return kCompileErrorStatus;
    }
    spdlog::debug("read {} ({} bytes)", options.file, source->size());

    Stopwatch compile_time;
    CompileResult compiled = compile_source(*source);
    spdlog::debug("compile (lex, parse, resolve): {} error(s) in {:.3f} ms", compiled.errors.size(),
                  compile_time.milliseconds());
    if (!compiled.ok()) {
        report_compile_errors(compiled, options, *source);
        return kCompileErrorStatus;
    }
    if (options.dump_ast) {
        write_stdout_text(dump_ast(*compiled.program));
        return 0;
    }
    if (options.dump_mir) {
        mir::Module module = mir::build_module(*compiled.program);
        mir::optimize(module, options.settings.opt_level);
        write_stdout_text(mir::print_module(module));
        return 0;
    }
    if (options.dump_jit) {
        write_stdout_text(vm::dump_jit(vm::compile(*compiled.program, options.settings.opt_level, nullptr,
                                                options.settings.run_options)));
        return 0;
    }
    if (options.dump_bytecode) {
        write_stdout_text(vm::disassemble(vm::compile(*compiled.program, options.settings.opt_level, nullptr,
                                                     options.settings.run_options)));
        return 0;
    }
    if (options.profile_vm) return run_profile(options, *source);
    if (options.benchmark || options.all_backends) return run_benchmark(options, *source);

    Stopwatch backend_compile_time;
    const auto executable = options.backend->compile(*compiled.program, options.settings);
    spdlog::debug("backend '{}' compile: {:.3f} ms", options.backend->name, backend_compile_time.milliseconds());
    // Bytecode replaces the tree: the VM runs without the AST, so it goes now.
    if (options.backend->self_contained) compiled.program.reset();
    Stopwatch run_time;
    Runtime rt(OutputMode::Stdout);
    const uint64_t instructions = executable->run(rt).instructions;
    rt.flush();
    spdlog::debug("run finished in {:.3f} ms", run_time.milliseconds());
    if (options.vm_stats) write_stderr_lines(fmt::format("vm-stats: {} bytecode instructions executed", instructions));
    return 0;
}

}  // namespace

int run_program(const Options& options) {
    // Handled after compile_and_run has unwound, so the Runtime has already flushed the
    // program's output and the error line comes last.
    if (options.input == Input::Repl) return run_repl(options);
    try {
        return compile_and_run(options);
    } catch (const NyashError& error) {
        write_stderr_lines(error.format(options.file));
        if (options.stack_trace && !error.trace().empty()) write_stderr_lines(error.format_trace(options.file));
        return exit_status_for(error.kind());
    } catch (const std::bad_alloc&) {
        write_stderr_lines("MemoryError: out of memory");
        return kRuntimeErrorStatus;
    }
}

}  // namespace nyash::cli
