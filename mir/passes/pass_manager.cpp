#include <span>

#include "mir/cfg.hpp"
#include "mir/passes/passes.hpp"
#include "mir/verifier.hpp"

namespace nyash::mir {
namespace {

struct Pass {
    const char* name;
    bool (*run)(Function&);
};

// Order within a round: folding exposes constant branches, simplify_cfg turns them into
// jumps and leaves copies, copy propagation removes those, DCE sweeps what became unused,
// type inference (level 2) refines value_types for the next round's DCE and the encoder.
constexpr Pass kCheapPasses[] = {
    {"constant folding", fold_constants},
    {"CFG simplification", simplify_cfg},
    {"copy propagation", propagate_copies},
    {"dead-code elimination", eliminate_dead_code},
};
constexpr Pass kAllPasses[] = {
    {"constant folding", fold_constants},
    {"CFG simplification", simplify_cfg},
    {"copy propagation", propagate_copies},
    {"dead-code elimination", eliminate_dead_code},
    {"type inference", infer_types},
};

bool run_round(Function& fn, std::span<const Pass> passes, PhaseLog* phases) {
    bool changed = false;
    for (const Pass& pass : passes) {
        {
            PhaseLog::Scope phase(phases, pass.name);
            changed |= pass.run(fn);
        }
        verify_or_abort(fn, pass.name);
    }
    return changed;
}

}  // namespace

void optimize(Function& fn, int opt_level, PhaseLog* phases) {
    if (opt_level <= 0) return;
    if (opt_level == 1) {
        run_round(fn, kCheapPasses, phases);
    } else {
        for (int round = 0; round < kMaxOptimizeRounds && run_round(fn, kAllPasses, phases); ++round) {
        }
    }
    PhaseLog::Scope phase(phases, "renumbering");
    renumber_values(fn);
}

void optimize(Module& module, int opt_level, PhaseLog* phases) {
    for (Function& fn : module.functions) {
        if (opt_level > 0) {
            {
                PhaseLog::Scope phase(phases, "devirtualization");
                devirtualize(fn, module);
            }
            verify_or_abort(fn, "devirtualization");
        }
        optimize(fn, opt_level, phases);
    }
}

}  // namespace nyash::mir
