#pragma once
// The execution backends this binary offers: the AST interpreter and the bytecode VM (whose
// dispatch engine is chosen separately with --dispatch). Each backend splits into a compile step
// (done once) and a run step (done once per run), so benchmark mode can time them apart.
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "frontend/ast.hpp"
#include "runtime/runtime.hpp"
#include "vm/vm.hpp"

namespace nyash::cli {

// What a backend needs to know beyond the program.
struct BackendSettings {
    int opt_level = 2;     // MIR optimisation level (VM only)
    std::string dispatch;  // VM engine name; empty = the default engine
    vm::RunOptions run_options;  // engine settings (--jit-perf-map)
    PhaseLog* phases = nullptr;  // --profile-vm: the compile phases are timed into it
};

// A program compiled for one backend, runnable any number of times.
class Executable {
public:
    virtual ~Executable() = default;
    // Runs the program (spec §2.3 run phase); an uncaught runtime error propagates as a located
    // NyashError. Reports the bytecode instructions executed when the binary counts them and the
    // JIT's compile time (both 0 where they do not apply).
    virtual vm::RunStats run(Runtime& rt) const = 0;
};

struct Backend {
    std::string_view name;     // the value of --backend
    std::string_view summary;  // one line for --help
    // Throws NyashError for programs the backend rejects. `program` must outlive the result
    // unless `self_contained`.
    std::unique_ptr<Executable> (*compile)(const ast::Program& program, const BackendSettings& settings);
    bool self_contained;  // the Executable needs no AST: the caller may free it before running
    // Runs a program by native recursion as deep as its calls: needs kInterpreterStackBytes
    // (interpreter/big_stack.hpp); other backends recurse only while compiling.
    bool recurses_per_call;
};

// In the order --list-backends prints them; the first is the default.
std::span<const Backend> available_backends();

// nullptr when this binary has no backend of that name.
const Backend* find_backend(std::string_view name);

// The VM dispatch engines compiled into this binary, the default first.
std::span<const std::string_view> dispatch_engine_names();
bool has_dispatch_engine(std::string_view name);

}  // namespace nyash::cli
