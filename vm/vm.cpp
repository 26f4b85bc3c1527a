#include "vm/vm.hpp"

#include <optional>

#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "vm/encoder.hpp"

namespace nyash::vm {

Program compile(const ast::Program& program, int opt_level, PhaseLog* phases, const RunOptions& options) {
    std::optional<PhaseLog::Scope> build_phase(std::in_place, phases, "MIR build");
    mir::Module module = mir::build_module(program);
    build_phase.reset();
    mir::optimize(module, opt_level, phases);
    std::optional<PhaseLog::Scope> encode_phase(std::in_place, phases, "encode");
    Program compiled = encode_module(module, program, options.typed_calls);
    if (options.superinstructions)
        for (Function& fn : compiled.functions) select_superinstructions(fn);
    // The program lives as long as it runs (often for many runs): it keeps no growth slack
    // (docs/seeds.md, "Memory criterion").
    for (Function& fn : compiled.functions) {
        fn.code.shrink_to_fit();
        fn.locs.shrink_to_fit();
        fn.handlers.shrink_to_fit();
    }
    compiled.functions.shrink_to_fit();
    compiled.constants.shrink_to_fit();
    compiled.sites.shrink_to_fit();
    // A script that only returns (everything is in boxes) need not run at all.
    if (compiled.script >= 0) {
        const std::vector<Instr>& script = compiled.functions[static_cast<size_t>(compiled.script)].code;
        if (script.size() == 1 && opcode_of(script[0]) == Opcode::RETURNNULL) compiled.script = -1;
    }
    return compiled;
}

}  // namespace nyash::vm
