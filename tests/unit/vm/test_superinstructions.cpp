// Superinstructions (vm/superinstructions.def): the encoder's selection changes only opcode
// bytes, and a fused pair behaves exactly like its two instructions on every engine, also when
// its second half raises an error or a jump lands on the second word.
#include <catch2/catch.hpp>

#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "tests/unit/support/program_run.hpp"
#include "vm/encoder.hpp"
#include "vm/vm.hpp"

namespace vm = nyash::vm;
using vm::encode;
using vm::encode_signed_c;
using vm::Opcode;

namespace {

constexpr vm::Instr kOpcodeBits = 0xFF;

// Runs `source` compiled with and without superinstructions on every engine; every run must
// give `expected_out`, `expected_err` and `expected_status`.
void check_every_engine(std::string_view source, std::string_view expected_out, std::string_view expected_err,
                        int expected_status) {
    const nyash::CompileResult compiled = nyash::compile_source(source);
    REQUIRE(compiled.ok());
    for (bool superinstructions : {true, false}) {
        const vm::Program program =
            vm::compile(*compiled.program, 2, nullptr, vm::RunOptions{.superinstructions = superinstructions});
        for (vm::Engine engine : vm::compiled_engines()) {
            INFO("engine " << vm::engine_name(engine) << ", superinstructions " << superinstructions);
            const nyash::test::ProgramRun run = nyash::test::run_compiled(
                *compiled.program, "test.nyash",
                [&](const nyash::ast::Program&, nyash::Runtime& rt) { vm::run(program, rt, engine); });
            CHECK(run.status == expected_status);
            CHECK(run.out == expected_out);
            CHECK(run.err == expected_err);
        }
    }
}

bool uses_opcode(const vm::Program& program, Opcode op) {
    for (const vm::Function& fn : program.functions)
        for (vm::Instr insn : fn.code)
            if (vm::opcode_of(insn) == op) return true;
    return false;
}

}  // namespace

TEST_CASE("selection fuses every listed pair and changes only opcode bytes", "[vm][superinstructions]") {
    vm::Function fn;
    fn.code = {
        encode(Opcode::MOVE, 4, 0),                        // MOVE MOVE
        encode(Opcode::MOVE, 5, 3),                        // MOVE CALLMETHOD (overlapping pairs both fuse)
        encode(Opcode::CALLMETHOD, 4, 1, 0),               // CALLMETHOD ADDI: no such superinstruction
        encode_signed_c(Opcode::ADDI, 3, 3, 1),            // ADDI JLTK
        encode_signed_c(Opcode::JLTK, 3, 0, -4),           // last word: never fused
    };
    const std::vector<vm::Instr> before = fn.code;
    vm::select_superinstructions(fn);
    REQUIRE(fn.code.size() == before.size());
    CHECK(vm::opcode_of(fn.code[0]) == Opcode::MOVE_MOVE);
    CHECK(vm::opcode_of(fn.code[1]) == Opcode::MOVE_CALLMETHOD);
    CHECK(vm::opcode_of(fn.code[2]) == Opcode::CALLMETHOD);
    CHECK(vm::opcode_of(fn.code[3]) == Opcode::ADDI_JLTK);
    CHECK(vm::opcode_of(fn.code[4]) == Opcode::JLTK);
    for (size_t pc = 0; pc < fn.code.size(); ++pc) CHECK((fn.code[pc] & ~kOpcodeBits) == (before[pc] & ~kOpcodeBits));
    // Each superinstruction does its first opcode's work on the same operands.
    for (const vm::Superinstruction& s : vm::kSuperinstructions) {
        CHECK(vm::unfused(s.fused) == s.first);
        CHECK(vm::unfused(s.first) == s.first);
    }
}

TEST_CASE("an error in a superinstruction's second half is located there on every engine",
          "[vm][superinstructions]") {
    // g compiles to MODI_ADD, ADD, RETURN: with a = null the ADD (the fused pair's second word) raises.
    const std::string_view source =
        "function g(a, c) {\n"
        "    return a + c % 4\n"
        "}\n"
        "local i = 0\n"
        "local total = 0\n"
        "loop(i < 3) {\n"
        "    total = total + g(i, i) + 1\n"
        "    i = i + 1\n"
        "}\n"
        "print(total)\n"
        "print(g(null, 2))\n";
    const nyash::CompileResult compiled = nyash::compile_source(source);
    REQUIRE(compiled.ok());
    CHECK(uses_opcode(vm::compile(*compiled.program, 2), Opcode::MODI_ADD));
    CHECK_FALSE(uses_opcode(vm::compile(*compiled.program, 2, nullptr, vm::RunOptions{.superinstructions = false}),
                             Opcode::MODI_ADD));
    check_every_engine(source, "9\n", "TypeError: unsupported operand types for +: NullBox and IntegerBox at test.nyash:2:14\n",
                       1);
}

TEST_CASE("a jump onto a superinstruction's second word runs it alone", "[vm][superinstructions]") {
    // The loop's entry jumps to its test, the JLTK after the increment's ADDI_JLTK. The array
    // comes from a function, so its calls are CALLMETHOD, not typed calls.
    const std::string_view source =
        "function fresh() { return new ArrayBox() }\n"
        "local i = 0\n"
        "local n = 0\n"
        "loop(i < 5) {\n"
        "    local a = fresh()\n"
        "    a.push(i)\n"
        "    n = n + a.get(0) + 1\n"
        "    i = i + 1\n"
        "}\n"
        "print(n)\n";
    const nyash::CompileResult compiled = nyash::compile_source(source);
    REQUIRE(compiled.ok());
    const vm::Program program = vm::compile(*compiled.program, 2);
    CHECK(uses_opcode(program, Opcode::ADDI_JLTK));
    CHECK(uses_opcode(program, Opcode::MOVE_CALLMETHOD));
    check_every_engine(source, "15\n", "", 0);
}
