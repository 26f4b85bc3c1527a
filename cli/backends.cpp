#include "cli/backends.hpp"

#include <algorithm>
#include <vector>

#include "interpreter/interpreter.hpp"
#include "vm/vm.hpp"

namespace nyash::cli {

namespace {

class InterpretedProgram final : public Executable {
public:
    explicit InterpretedProgram(const ast::Program& program) : interpreter_(program) {}
    vm::RunStats run(Runtime& rt) const override {
        interpreter_.run(rt);
        return {};
    }

private:
    Interpreter interpreter_;
};

class BytecodeProgram final : public Executable {
public:
    BytecodeProgram(vm::Program program, vm::Engine engine, vm::RunOptions options)
        : program_(std::move(program)), engine_(engine), options_(options) {}
    vm::RunStats run(Runtime& rt) const override { return vm::run(program_, rt, engine_, options_); }

private:
    vm::Program program_;
    vm::Engine engine_;
    vm::RunOptions options_;
};

std::unique_ptr<Executable> compile_for_interpreter(const ast::Program& program, const BackendSettings& settings) {
    PhaseLog::Scope phase(settings.phases, "class table");
    return std::make_unique<InterpretedProgram>(program);
}

std::unique_ptr<Executable> compile_for_vm(const ast::Program& program, const BackendSettings& settings) {
    const vm::Engine engine =
        settings.dispatch.empty() ? vm::compiled_engines().front() : *vm::engine_by_name(settings.dispatch);
    return std::make_unique<BytecodeProgram>(vm::compile(program, settings.opt_level, settings.phases, settings.run_options), engine, settings.run_options);
}

constexpr Backend kBackends[] = {
    {"vm", "register bytecode VM (engine: --dispatch)", compile_for_vm, true, false},
    {"interp", "AST-walking interpreter (the baseline)", compile_for_interpreter, false, true},
};

const std::vector<std::string_view>& engine_names() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> result;
        for (vm::Engine engine : vm::compiled_engines()) result.push_back(vm::engine_name(engine));
        return result;
    }();
    return names;
}

}  // namespace

std::span<const Backend> available_backends() { return kBackends; }

const Backend* find_backend(std::string_view name) {
    const auto* found = std::ranges::find(kBackends, name, &Backend::name);
    return found == std::ranges::end(kBackends) ? nullptr : found;
}

std::span<const std::string_view> dispatch_engine_names() { return engine_names(); }

bool has_dispatch_engine(std::string_view name) { return std::ranges::find(engine_names(), name) != engine_names().end(); }

}  // namespace nyash::cli
