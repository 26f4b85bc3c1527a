// The encoder and the engine on hand-built MIR: out-of-SSA copies, register reuse, fused
// branches, constant operands, call windows, error locations.
#include <catch2/catch.hpp>

#include "hand_mir.hpp"
#include "tests/unit/support/program_run.hpp"
#include "vm/vm.hpp"

using nyash::test::check_run;
using nyash::test::HandFunction;
using nyash::test::ProgramRun;
using nyash::mir::Op;
namespace vm = nyash::vm;

namespace {

// Runs hand-built functions on the switch engine; errors are located in hand.nyash.
ProgramRun run_hand(std::vector<HandFunction>& functions) {
    auto assembled = nyash::test::assemble(functions);
    return nyash::test::run_compiled(*assembled.ast, "hand.nyash",
                                     [&](const nyash::ast::Program&, nyash::Runtime& rt) {
                                         vm::run(assembled.program, rt, vm::Engine::Switch);
                                     });
}

size_t count_opcode(const vm::Function& fn, vm::Opcode op) {
    return static_cast<size_t>(std::count_if(fn.code.begin(), fn.code.end(),
                                             [&](vm::Instr i) { return vm::opcode_of(i) == op; }));
}

// i = 0; s = 0; loop(i < limit) { s = s + i; i = i + 1 }; print(s)
HandFunction sum_loop(int64_t limit) {
    HandFunction f(0, "<script>", 0);
    auto entry = f.block();
    auto i0 = f.integer(0), s0 = f.integer(0);
    auto header = f.block(), body = f.block(), exit = f.block();
    f.at(entry);
    f.jump(header);
    f.at(header);
    auto i = f.phi({{entry, i0}}), s = f.phi({{entry, s0}});
    f.branch(f.op(Op::Lt, i, f.integer(limit)), body, exit);
    f.at(body);
    auto s2 = f.op(Op::Add, s, i);
    auto i2 = f.op(Op::Add, i, f.integer(1));
    f.jump(header);
    f.add_phi_input(i, body, i2);
    f.add_phi_input(s, body, s2);
    f.at(exit);
    f.print(s);
    f.ret();
    return f;
}

}  // namespace

TEST_CASE("a counting loop runs in two registers with a rotated fused branch", "[vm][encoder]") {
    std::vector<HandFunction> functions{sum_loop(10)};
    check_run(run_hand(functions), {.status = 0, .out = "45\n", .err = ""});

    auto assembled = nyash::test::assemble(functions);
    const vm::Function& script = assembled.program.functions[0];
    INFO(vm::disassemble(assembled.program));
    CHECK(script.frame_size == 2);
    CHECK(script.ssa_values > 6);
    // Per iteration: ADD, ADDI, and the compare-and-branch back to the body; no MOVE for phis.
    CHECK(count_opcode(script, vm::Opcode::MOVE) == 0);
    CHECK(count_opcode(script, vm::Opcode::ADDI) == 1);
    CHECK(count_opcode(script, vm::Opcode::JLTK) == 1);
    CHECK(count_opcode(script, vm::Opcode::JMP) == 1);  // into the rotated loop, once
}

TEST_CASE("phi copies that form a cycle are sequentialised through a scratch register", "[vm][encoder]") {
    // a, b = 1, 2; three times: a, b = b, a
    HandFunction f(0, "<script>", 0);
    auto entry = f.block();
    auto a0 = f.integer(1), b0 = f.integer(2), n0 = f.integer(0);
    auto header = f.block(), body = f.block(), exit = f.block();
    f.at(entry);
    f.jump(header);
    f.at(header);
    auto a = f.phi({{entry, a0}}), b = f.phi({{entry, b0}}), n = f.phi({{entry, n0}});
    f.branch(f.op(Op::Lt, n, f.integer(3)), body, exit);
    f.at(body);
    auto n2 = f.op(Op::Add, n, f.integer(1));
    f.jump(header);
    f.add_phi_input(a, body, b);
    f.add_phi_input(b, body, a);
    f.add_phi_input(n, body, n2);
    f.at(exit);
    f.print(a);
    f.print(b);
    f.ret();
    std::vector<HandFunction> functions{f};
    check_run(run_hand(functions), {.status = 0, .out = "2\n1\n", .err = ""});
}

TEST_CASE("constants flowing into phis are loaded on the edge", "[vm][encoder]") {
    // x = c ? "yes" : null, twice with different c
    HandFunction script(0, "<script>", 0);
    script.block();
    for (int64_t c : {1, 0}) {
        auto cond = script.op(Op::Copy, script.integer(c));
        auto from = script.function().blocks.size() - 1;
        auto yes = script.block(), no = script.block(), join = script.block();
        script.at(static_cast<nyash::mir::BlockId>(from));
        script.branch(cond, yes, no);
        script.at(yes);
        auto y = script.string("yes");
        script.jump(join);
        script.at(no);
        auto n = script.null();
        script.jump(join);
        script.at(join);
        script.print(script.phi({{yes, y}, {no, n}}));
    }
    script.ret();
    std::vector<HandFunction> functions{script};
    check_run(run_hand(functions), {.status = 0, .out = "yes\nnull\n", .err = ""});
}

namespace {

// fib(n) { if n < 2 { return n } return fib(n - 1) + fib(n - 2) }
HandFunction fib_function() {
    HandFunction f(1, "fib", 1);
    auto entry = f.block();
    auto n = f.param(0);
    auto small = f.block(), big = f.block();
    f.at(entry);
    f.branch(f.op(Op::Lt, n, f.integer(2)), small, big);
    f.at(small);
    f.ret(n);
    f.at(big);
    auto a = f.call(1, {f.op(Op::Sub, n, f.integer(1))});
    auto b = f.call(1, {f.op(Op::Sub, n, f.integer(2))});
    f.ret(f.op(Op::Add, a, b));
    return f;
}

}  // namespace

TEST_CASE("recursive calls slide the register window", "[vm][encoder]") {
    HandFunction script(0, "<script>", 0);
    script.block();
    script.print(script.call(1, {script.integer(20)}));
    script.ret();
    std::vector<HandFunction> functions{script, fib_function()};
    check_run(run_hand(functions), {.status = 0, .out = "6765\n", .err = ""});

    auto assembled = nyash::test::assemble(functions);
    INFO(vm::disassemble(assembled.program));
    const vm::Function& fib = assembled.program.functions[1];
    CHECK(fib.frame_size <= 3);
    CHECK(count_opcode(fib, vm::Opcode::CALL) == 2);
    CHECK(count_opcode(fib, vm::Opcode::MOVE) == 0);  // arguments are computed in their window slot
}

TEST_CASE("runaway recursion raises RecursionError at the call site", "[vm][encoder]") {
    HandFunction script(0, "<script>", 0);
    script.block();
    script.call(1, {}, {4, 2});
    script.ret();
    HandFunction loop(1, "down", 0);
    loop.block();
    loop.call(1, {}, {9, 5});
    loop.ret();
    std::vector<HandFunction> functions{script, loop};
    check_run(run_hand(functions),
              {.status = 1, .out = "", .err = "RecursionError: maximum call depth 10000 exceeded at hand.nyash:9:5\n"});
}

TEST_CASE("a failing operator is located at its instruction", "[vm][encoder]") {
    HandFunction script(0, "<script>", 0);
    script.block();
    script.print(script.integer(7));
    script.print(script.op(Op::Sub, script.integer(1), script.string("x"), {3, 11}));
    script.ret();
    std::vector<HandFunction> functions{script};
    check_run(run_hand(functions),
              {.status = 1,
               .out = "7\n",
               .err = "TypeError: unsupported operand types for -: IntegerBox and StringBox at hand.nyash:3:11\n"});
}
