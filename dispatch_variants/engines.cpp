// The engine registry: which dispatch loops this binary contains (meson option `dispatch`).
#include <algorithm>
#include <stdexcept>

#include "dispatch_variants/engine_loops.hpp"
#include "vm/vm.hpp"

namespace nyash::vm {
namespace {

struct CompiledEngine {
    Engine engine;
    EngineLoop loop;
};

constexpr CompiledEngine kEngines[] = {
#ifdef NYASH_ENGINE_SWITCH
    {Engine::Switch, run_switch},
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
    }
    return "?";
}

std::optional<Engine> engine_by_name(std::string_view name) {
    for (const CompiledEngine& e : kEngines)
        if (engine_name(e.engine) == name) return e.engine;
    return std::nullopt;
}

RunStats run(const Program& program, Runtime& rt, Engine engine) {
    const auto* found = std::ranges::find(kEngines, engine, &CompiledEngine::engine);
    if (found == std::ranges::end(kEngines))
        throw std::invalid_argument("engine '" + std::string(engine_name(engine)) + "' is not compiled in");
    RunStats stats;
    run_program(program, rt, found->loop, &stats.instructions);
    return stats;
}

}  // namespace nyash::vm
