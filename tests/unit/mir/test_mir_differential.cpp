// Differential test: random structured programs (nested loops with break/continue, if/else,
// short-circuit logic, shadowing locals, calls) run on the AST interpreter and on their MIR at
// -O0, -O1 and -O2; output, error lines and exit status must be identical.
#include <catch2/catch.hpp>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "interpreter/interpreter.hpp"
#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "mir/printer.hpp"
#include "mir_eval.hpp"
#include "mir_test_support.hpp"

using namespace nyash;

namespace {

// Generates terminating programs: every loop runs on its own counter, incremented first
// thing in the body (so `continue` cannot skip it) and never assigned otherwise, and
// functions only call earlier ones.
class ProgramGenerator {
public:
    explicit ProgramGenerator(unsigned seed) : rng_(seed) {}

    std::string program() {
        std::string text;
        for (function_count_ = 0; function_count_ < 3; ++function_count_) {
            text += "function f" + std::to_string(function_count_) + "(a, b) {\n";
            scopes_ = {{"a", "b"}};
            in_function_ = true;
            text += statements(1, 4);
            text += "    return " + expr(2) + "\n}\n";
        }
        scopes_ = {{}};
        in_function_ = false;
        text += statements(0, 8);
        return text;
    }

private:
    int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
    bool chance(int percent) { return pick(100) < percent; }

    // Loop counters may be read but never assigned, or a loop might not end.
    std::string any_variable(bool assignable = false) {
        std::vector<std::string> visible;
        for (const auto& scope : scopes_)
            for (const std::string& name : scope)
                if (!assignable || name[0] != 'c') visible.push_back(name);
        if (visible.empty()) return {};
        return visible[static_cast<size_t>(pick(static_cast<int>(visible.size())))];
    }

    // Integer expressions (all variables hold Ints). Division by a variable may raise
    // ZeroDivisionError now and then, which both backends must report identically.
    std::string expr(int depth) {
        std::string variable = any_variable();
        int choice = depth <= 0 ? pick(3) : pick(9);
        auto sub = [&] { return expr(depth - 1); };
        switch (choice) {
        case 0: return std::to_string(pick(7) - 2);
        case 1:
        case 2: return variable.empty() ? "3" : variable;
        case 3: return "(" + sub() + " + " + sub() + ")";
        case 4: return "(" + sub() + " - " + sub() + ")";
        case 5: return "(" + sub() + " * " + sub() + ")";
        case 6: return "(" + sub() + (chance(50) ? " / " : " % ") + std::to_string(1 + pick(3)) + ")";
        case 7: return chance(10) ? "(" + sub() + " / " + sub() + ")" : "(-" + sub() + ")";
        default:
            if (function_count_ == 0) return variable.empty() ? "2" : variable;
            return "f" + std::to_string(pick(function_count_)) + "(" + sub() + ", " + sub() + ")";
        }
    }

    // Conditions: comparisons and logic over Ints, or an Int's truthiness.
    std::string condition(int depth) {
        if (depth <= 0) return expr(0);
        switch (pick(5)) {
        case 0:
        case 1: {
            const char* ops[] = {" < ", " <= ", " > ", " >= ", " == ", " != "};
            return "(" + expr(depth - 1) + ops[pick(6)] + expr(depth - 1) + ")";
        }
        case 2: return "(" + condition(depth - 1) + (chance(50) ? " and " : " or ") + condition(depth - 1) + ")";
        case 3: return "(not " + condition(depth - 1) + ")";
        default: return expr(depth - 1);
        }
    }

    std::string indent(int depth) { return std::string(static_cast<size_t>(depth) * 4, ' '); }

    std::string block(int depth, int count) {
        scopes_.emplace_back();
        std::string body = statements(depth, count);
        scopes_.pop_back();
        return body;
    }

    std::string statements(int depth, int count) {
        std::string text;
        for (int i = 0; i < count; ++i) text += statement(depth);
        return text;
    }

    std::string statement(int depth) {
        std::string pad = indent(depth);
        std::string variable = any_variable(true);
        // Loops nest at most two deep, and only f0 (which calls nothing) has loops among the
        // functions, so that no program runs long.
        bool loops_allowed = loop_depth_ < 2 && (!in_function_ || function_count_ == 0);
        int choice = depth >= 4 ? pick(4) : pick(loops_allowed ? 9 : 7);
        switch (choice) {
        case 0: {
            std::string name = "v" + std::to_string(next_name_++);
            std::string line = pad + "local " + name + " = " + expr(2) + "\n";
            scopes_.back().push_back(name);
            return line;
        }
        case 1:
            if (!variable.empty()) return pad + variable + " = " + expr(2) + "\n";
            [[fallthrough]];
        case 2: {
            // Strings, floats and Bools appear only here, where no operator can reject them.
            const char* shapes[] = {"print(%)", "print(\"s\" + %)", "print(% * 0.5)", "print(%)"};
            std::string shape = shapes[pick(4)];
            std::string value = shape == "print(%)" && chance(50) ? condition(2) : expr(2);
            return pad + shape.replace(shape.find('%'), 1, value) + "\n";
        }
        case 3:
            if (loop_depth_ > 0 && chance(50))
                return pad + "if " + condition(1) + " { " + (chance(50) ? "break" : "continue") + " }\n";
            if (in_function_ && chance(30)) return pad + "if " + condition(1) + " { return " + expr(1) + " }\n";
            return pad + "print(" + expr(1) + ")\n";
        case 4:
        case 5:
        case 6: {
            std::string text = pad + "if " + condition(2) + " {\n" + block(depth + 1, 1 + pick(3)) + pad + "}";
            if (chance(60)) text += " else {\n" + block(depth + 1, 1 + pick(3)) + pad + "}";
            return text + "\n";
        }
        default: {
            std::string counter = "c" + std::to_string(next_name_++);
            std::string text = pad + "local " + counter + " = 0\n";
            scopes_.back().push_back(counter);
            std::string cond = counter + " < " + std::to_string(pick(4));  // at most 3 rounds
            if (chance(40)) cond += (chance(50) ? " and " : " or ") + condition(1);
            text += pad + "loop (" + counter + " < 3 and (" + cond + ")) {\n";
            text += indent(depth + 1) + counter + " = " + counter + " + 1\n";
            ++loop_depth_;
            text += block(depth + 1, 1 + pick(4));
            --loop_depth_;
            return text + pad + "}\n";
        }
        }
    }

    std::mt19937 rng_;
    std::vector<std::vector<std::string>> scopes_;
    int function_count_ = 0;
    bool in_function_ = false;
    int loop_depth_ = 0;
    int next_name_ = 0;
};

}  // namespace

TEST_CASE("MIR at every level behaves like the AST interpreter on random programs", "[mir][differential]") {
    constexpr unsigned kPrograms = 150;
    unsigned compared = 0;
    for (unsigned seed = 1; seed <= kPrograms; ++seed) {
        std::string source = ProgramGenerator(seed).program();
        INFO("seed " << seed << "\n" << source);
        std::unique_ptr<ast::Program> program = test::compile_ok(source);
        test::ProgramRun expected = test::run_compiled(
            *program, "gen.nyash", [](const ast::Program& compiled, Runtime& rt) { interpret(compiled, rt); });
        mir::Module built = mir::build_module(*program);
        for (int level : {0, 1, 2}) {
            mir::Module module = built;
            mir::optimize(module, level);
            INFO("-O" << level << "\n" << mir::print_module(module));
            test::check_run(test::run_compiled(*program, "gen.nyash",
                                               [&](const ast::Program& compiled, Runtime& rt) {
                                                   test::run_mir(compiled, module, rt);
                                               }),
                            expected);
        }
        ++compared;
    }
    REQUIRE(compared == kPrograms);
}
