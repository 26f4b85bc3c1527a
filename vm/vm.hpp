#pragma once
// The VM backend's entry points: compile a resolved program to bytecode once, then run it any
// number of times (each run gets a fresh Runtime and fresh classes) on a chosen engine.
//
//   vm::Program program = vm::compile(ast, /*opt_level=*/2);
//   vm::run(program, rt, vm::Engine::Switch);
//
// compile() lives in the vm library; the engine registry (compiled_engines, engine_by_name,
// run) in dispatch_variants, which links the engines in (meson: engines_dep).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "frontend/ast.hpp"
#include "runtime/phase_log.hpp"
#include "runtime/runtime.hpp"
#include "vm/bytecode.hpp"
#include "vm/machine.hpp"

namespace nyash::vm {

// AST -> MIR (mir::build_module) -> mir::optimize(opt_level) -> bytecode. `program` must stay
// alive while the result is used. A Tier 2 statement MIR cannot express throws a located
// NyashError (SyntaxError) like a compile error.
// `phases` (--profile-vm) gets "MIR build", the passes, and "encode". Of `options`, compile reads
// the encode-time ablation switches (RunOptions::encode_time): superinstructions false
// (--no-superinstructions) keeps every instruction its plain opcode, typed_calls false
// (--no-typed-calls) every method call a CALLMETHOD.
Program compile(const ast::Program& program, int opt_level, PhaseLog* phases = nullptr, const RunOptions& options = {});

// --dump-bytecode: the text form documented in docs/bytecode.md.
std::string disassemble(const Program& program);

// The dispatch engines this binary may contain (docs/engines.md).
enum class Engine : uint8_t {
#define ENGINE(id, name, function, doc) id,
#include "vm/engines.def"
};

struct RunStats {
    uint64_t instructions = 0;  // bytecode instructions executed (builds with NYASH_VM_COUNT_INSTRUCTIONS)
    uint64_t jit_compile_ns = 0;  // time the JIT spent compiling during the run (0 on other engines)
};

// Engines compiled into this binary (meson option `dispatch`), the default first.
std::span<const Engine> compiled_engines();
std::string_view engine_name(Engine engine);
std::optional<Engine> engine_by_name(std::string_view name);

// Spec §2.3 run phase on `engine` (which must be compiled in). An uncaught runtime error
// propagates as a located NyashError; output produced before it stays in `rt`.
RunStats run(const Program& program, Runtime& rt, Engine engine, const RunOptions& options = {});

// --dump-jit: every function compiled by the JIT, each bytecode instruction followed by its
// machine code, with code-size and template statistics. Throws std::invalid_argument when the
// binary has no JIT.
std::string dump_jit(const Program& program);

// One bytecode instruction as --dump-bytecode prints it (without the trailing newline).
std::string disassemble_instruction(const Program& program, const Function& fn, size_t pc);

}  // namespace nyash::vm
