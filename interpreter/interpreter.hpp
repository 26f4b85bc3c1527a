#pragma once
#include <cstdint>
#include <exception>
#include <limits>

#include "frontend/ast.hpp"
#include "frontend/class_table.hpp"
#include "runtime/runtime.hpp"

namespace nyash {

// The AST-walking baseline backend. Runs the run phase of spec §2.3 on a resolved program:
// creates the static singletons, runs the script, then the entry main(). An uncaught runtime
// error propagates as a located NyashError; output produced before it stays in `rt`.
// Needs a large native stack for 10000 nested calls (the CLI runs it on a big-stack thread).
void interpret(const ast::Program& program, Runtime& rt);

// Thrown by Interpreter::run when the run takes more steps than its budget allows. Not a
// NyashError: no program sees it, and no backend reports it as a program error.
class StepBudgetExhausted : public std::exception {
public:
    const char* what() const noexcept override { return "interpreter step budget exhausted"; }
};

// No budget: 2^64 steps are never reached.
inline constexpr uint64_t kUnlimitedSteps = std::numeric_limits<uint64_t>::max();

// The same for any number of runs: the class table is built once, here, instead of per run.
class Interpreter {
public:
    explicit Interpreter(const ast::Program& program);  // `program` must outlive this
    // A step is one loop iteration or one user-level call; every other operation runs a bounded
    // amount of work per step, so a budget bounds the run. The libFuzzer pipeline target uses it
    // to drop programs that do not end (tests/fuzz/libfuzzer/); the CLI never sets one.
    void run(Runtime& rt, uint64_t step_budget = kUnlimitedSteps) const;

private:
    const ast::Program& program_;
    ClassTable classes_;
};

}  // namespace nyash
