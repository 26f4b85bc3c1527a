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

// vm/engines.def's order (fastest first), keeping the engines this build compiles in: meson
// defines NYASH_IF_ENGINE_<Id>(entry) as `entry,` for those and as nothing for the others.
constexpr CompiledEngine kEngines[] = {
#define ENGINE(id, name, function, doc) NYASH_IF_ENGINE_##id((CompiledEngine{Engine::id, function}))
#include "vm/engines.def"
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
#define ENGINE(id, name, function, doc) \
    case Engine::id: return name;
#include "vm/engines.def"
    }
    return "?";
}

std::optional<Engine> engine_by_name(std::string_view name) {
    for (const CompiledEngine& e : kEngines)
        if (engine_name(e.engine) == name) return e.engine;
    return std::nullopt;
}

#ifdef NYASH_HAS_JIT
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

#ifndef NYASH_HAS_JIT
std::string dump_jit(const Program&) { throw std::invalid_argument("this binary has no jit engine"); }
#endif

}  // namespace nyash::vm
