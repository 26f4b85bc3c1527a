#pragma once
// Runs one compiled program in process the way `nyash --stack-trace` would, on the AST
// interpreter and on every VM configuration, and compares the outcomes. Shared by the libFuzzer
// target fuzz_pipeline and the batch driver differential_batch (docs/testing.md).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ast.hpp"
#include "vm/vm.hpp"

namespace nyash::fuzz {

// What the CLI prints and returns for one run with --stack-trace (cli/driver.cpp).
struct Outcome {
    std::string out;
    std::string err;
    int status = 0;
    bool operator==(const Outcome&) const = default;
};

// A VM engine at one --opt-level, with some of the ablation switches (vm::kAblationSwitches) on.
struct VmConfiguration {
    vm::Engine engine;
    int opt_level;
    std::vector<const vm::AblationSwitch*> ablations;
    vm::RunOptions run_options() const;
    // "vm/switch -O2", "vm/goto -O2 --no-quickening", as tests/fuzz/differential.py names them
    std::string name() const;
};

// Every engine compiled in at each of `opt_levels`, levels outermost, without ablation switches;
// at the last level also with each ablation switch alone and with all of them.
std::vector<VmConfiguration> vm_configurations(const std::vector<int>& opt_levels);

// The interpreter's outcome. A step budget (Interpreter::run) below the unlimited default throws
// StepBudgetExhausted when the program exceeds it. `file_name` names the file in error lines.
// Needs the stack of interpreter/big_stack.hpp, as the interpreter recurses per Nyash call.
Outcome run_on_interpreter(const ast::Program& program, std::string_view file_name, uint64_t step_budget);

// Runs `program` in every configuration of vm_configurations(opt_levels), in its order,
// compiling it once per level, and passes each outcome to `check`. A level whose compile step
// refuses the program gives every engine the outcome of that refusal, as the CLI would print it.
void run_on_vm(const ast::Program& program, const std::vector<int>& opt_levels, std::string_view file_name,
               const std::function<void(const VmConfiguration&, const Outcome&)>& check);

// The first line where `expected` (the interpreter's) and `got` differ, for reports:
// "status: interp 0, vm 1; stdout line 3: interp "x", vm "y"".
std::string describe_difference(const Outcome& expected, const Outcome& got);

// Which of status, stdout and stderr differ: "stdout, stderr"; empty when none does.
std::string differing_parts(const Outcome& expected, const Outcome& got);

}  // namespace nyash::fuzz
