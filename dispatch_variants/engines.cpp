// The engine registry: which dispatch loops this binary contains (meson option `dispatch`).
#include <algorithm>
#include <array>
#include <stdexcept>

#include "dispatch_variants/engine_loops.hpp"
#include "dispatch_variants/jit/slow_paths.hpp"
#include "vm/vm.hpp"

namespace nyash::vm {
namespace {

struct CompiledEngine {
    Engine engine;
    EngineLoop loop;
};

// The first entry compiled in is the default: keep them fastest first (docs/engines.md has the
// measurements behind this order).
constexpr CompiledEngine kEngines[] = {
#ifdef NYASH_ENGINE_JIT
    {Engine::Jit, run_jit},
#endif
#ifdef NYASH_ENGINE_GOTO
    {Engine::Goto, run_goto},
#endif
#ifdef NYASH_ENGINE_GOTO_PREDECODED
    {Engine::GotoPredecoded, run_goto_predecoded},
#endif
#ifdef NYASH_ENGINE_SWITCH
    {Engine::Switch, run_switch},
#endif
#ifdef NYASH_ENGINE_TAIL
    {Engine::Tail, run_tail},
#endif
#ifdef NYASH_ENGINE_CALL
    {Engine::Call, run_call},
#endif
};

constexpr auto kEngineIds = [] {
    std::array<Engine, std::size(kEngines)> ids{};
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = kEngines[i].engine;
    return ids;
}();

}  // namespace

std::span<const Engine> compiled_engines() { return kEngineIds; }

std::string_view engine_name(Engine engine) {
    switch (engine) {
    case Engine::Switch: return "switch";
    case Engine::Call: return "call";
    case Engine::Goto: return "goto";
    case Engine::GotoPredecoded: return "goto-predecoded";
    case Engine::Tail: return "tail";
    case Engine::Jit: return "jit";
    }
    return "?";
}

std::optional<Engine> engine_by_name(std::string_view name) {
    for (const CompiledEngine& e : kEngines)
        if (engine_name(e.engine) == name) return e.engine;
    return std::nullopt;
}

#ifdef NYASH_ENGINE_JIT
EngineLoop interpreter_fallback() {
    for (const CompiledEngine& e : kEngines)
        if (e.engine != Engine::Jit) return e.loop;
    return jit::run_handler_functions;  // a pure JIT build: its fallback handlers, call-threaded
}
#endif

RunStats run(const Program& program, Runtime& rt, Engine engine, const RunOptions& options) {
    const auto* found = std::ranges::find(kEngines, engine, &CompiledEngine::engine);
    if (found == std::ranges::end(kEngines))
        throw std::invalid_argument("engine '" + std::string(engine_name(engine)) + "' is not compiled in");
    const RunReport report = run_program(program, rt, found->loop, options);
    return {report.executed, report.engine_compile_ns};
}

#ifndef NYASH_ENGINE_JIT
std::string dump_jit(const Program&) { throw std::invalid_argument("this binary has no jit engine"); }
#endif

}  // namespace nyash::vm
