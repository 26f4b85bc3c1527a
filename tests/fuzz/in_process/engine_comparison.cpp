#include "tests/fuzz/in_process/engine_comparison.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <new>
#include <optional>
#include <utility>

#include "interpreter/interpreter.hpp"
#include "runtime/error.hpp"
#include "runtime/runtime.hpp"

namespace nyash::fuzz {

namespace {

constexpr int kOutOfMemoryStatus = 1;  // cli/driver.cpp
constexpr size_t kShownBytes = 80;     // of a differing line in reports

void add_error(Outcome& outcome, const NyashError& error, std::string_view file_name) {
    outcome.err += error.format(file_name) + "\n";
    if (!error.trace().empty()) outcome.err += error.format_trace(file_name) + "\n";
    outcome.status = exit_status_for(error.kind());
}

// Runs `run` on a capturing Runtime. Exceptions other than the ones the CLI reports (a
// StepBudgetExhausted among them) pass through.
Outcome outcome_of(const std::function<void(Runtime&)>& run, std::string_view file_name) {
    Outcome outcome;
    Runtime rt(OutputMode::Capture);
    try {
        run(rt);
    } catch (const NyashError& error) {
        add_error(outcome, error, file_name);
    } catch (const std::bad_alloc&) {
        outcome.err += "MemoryError: out of memory\n";
        outcome.status = kOutOfMemoryStatus;
    }
    outcome.out = rt.captured_stdout();
    outcome.err = rt.captured_stderr() + outcome.err;
    return outcome;
}

// A line for reports: quoted, control bytes escaped, cut after kShownBytes.
std::string shown(std::string_view line) {
    std::string text = "\"";
    for (const char c : line.substr(0, kShownBytes)) {
        if (c == '"' || c == '\\') {
            text += '\\';
            text += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char escaped[8];
            std::snprintf(escaped, sizeof escaped, "\\x%02x", static_cast<unsigned char>(c));
            text += escaped;
        } else {
            text += c;
        }
    }
    text += line.size() > kShownBytes ? "\"..." : "\"";
    return text;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    size_t start = 0;
    for (size_t end; (end = text.find('\n', start)) != std::string_view::npos; start = end + 1)
        lines.push_back(text.substr(start, end - start));
    lines.push_back(text.substr(start));
    return lines;
}

std::string first_difference(std::string_view expected, std::string_view got) {
    const auto want = lines_of(expected);
    const auto have = lines_of(got);
    for (size_t i = 0; i < std::min(want.size(), have.size()); ++i) {
        if (want[i] != have[i])
            return "line " + std::to_string(i + 1) + ": interp " + shown(want[i]) + ", vm " + shown(have[i]);
    }
    return "interp has " + std::to_string(want.size()) + " lines, vm " + std::to_string(have.size());
}

}  // namespace

vm::RunOptions VmConfiguration::run_options() const {
    vm::RunOptions options;
    for (const vm::AblationSwitch* ablation : ablations) options.*ablation->member = false;
    return options;
}

std::string VmConfiguration::name() const {
    std::string text = "vm/" + std::string(vm::engine_name(engine)) + " -O" + std::to_string(opt_level);
    for (const vm::AblationSwitch* ablation : ablations) text += " " + std::string(ablation->flag);
    return text;
}

std::vector<VmConfiguration> vm_configurations(const std::vector<int>& opt_levels) {
    std::vector<std::vector<const vm::AblationSwitch*>> ablation_sets{{}};
    std::vector<const vm::AblationSwitch*> all;
    for (const vm::AblationSwitch& ablation : vm::kAblationSwitches) {
        ablation_sets.push_back({&ablation});
        all.push_back(&ablation);
    }
    if (all.size() > 1) ablation_sets.push_back(all);
    std::vector<VmConfiguration> configs;
    for (const int level : opt_levels) {
        const bool last = level == opt_levels.back();
        for (const auto& ablations : ablation_sets) {
            if (!ablations.empty() && !last) continue;
            for (const vm::Engine engine : vm::compiled_engines()) configs.push_back({engine, level, ablations});
        }
    }
    return configs;
}

Outcome run_on_interpreter(const ast::Program& program, std::string_view file_name, uint64_t step_budget) {
    const Interpreter interpreter(program);
    return outcome_of([&](Runtime& rt) { interpreter.run(rt, step_budget); }, file_name);
}

void run_on_vm(const ast::Program& program, const std::vector<int>& opt_levels, std::string_view file_name,
               const std::function<void(const VmConfiguration&, const Outcome&)>& check) {
    std::optional<vm::Program> bytecode;
    Outcome refused;
    // What the bytecode was compiled with: the level, and the switches that act at encode time.
    std::optional<std::pair<int, std::pair<bool, bool>>> compiled_with;
    for (const VmConfiguration& config : vm_configurations(opt_levels)) {
        const vm::RunOptions options = config.run_options();
        const std::pair<int, std::pair<bool, bool>> wanted{config.opt_level, options.encode_time()};
        if (compiled_with != wanted) {
            bytecode.reset();
            refused = outcome_of([&](Runtime&) { bytecode = vm::compile(program, wanted.first, nullptr, options); },
                                 file_name);
            compiled_with = wanted;
        }
        check(config, bytecode ? outcome_of([&](Runtime& rt) { vm::run(*bytecode, rt, config.engine, options); }, file_name)
                               : refused);
    }
}

std::string differing_parts(const Outcome& expected, const Outcome& got) {
    std::string parts;
    const auto add = [&](const char* part) { parts += parts.empty() ? part : std::string(", ") + part; };
    if (expected.status != got.status) add("status");
    if (expected.out != got.out) add("stdout");
    if (expected.err != got.err) add("stderr");
    return parts;
}

std::string describe_difference(const Outcome& expected, const Outcome& got) {
    std::string text;
    const auto add = [&](const std::string& part) { text += text.empty() ? part : "; " + part; };
    if (expected.status != got.status)
        add("status: interp " + std::to_string(expected.status) + ", vm " + std::to_string(got.status));
    if (expected.out != got.out) add("stdout " + first_difference(expected.out, got.out));
    if (expected.err != got.err) add("stderr " + first_difference(expected.err, got.err));
    return text;
}

}  // namespace nyash::fuzz
