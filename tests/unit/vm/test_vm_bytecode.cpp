// The instruction word layout and the opcode table.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "vm/bytecode.hpp"
#include "vm/lir.hpp"

namespace vm = nyash::vm;

TEST_CASE("operand fields survive encoding at their limits", "[vm][bytecode]") {
    vm::Instr i = vm::encode(vm::Opcode::CALLMETHOD, vm::kMaxA, vm::kMaxB, vm::kMaxC);
    CHECK(vm::opcode_of(i) == vm::Opcode::CALLMETHOD);
    CHECK(vm::operand_a(i) == vm::kMaxA);
    CHECK(vm::operand_b(i) == vm::kMaxB);
    CHECK(vm::operand_c(i) == vm::kMaxC);

    i = vm::encode(vm::Opcode::ADD, 1, 2, 3);
    CHECK(vm::operand_a(i) == 1);
    CHECK(vm::operand_b(i) == 2);
    CHECK(vm::operand_c(i) == 3);
    static_assert(sizeof(vm::Instr) == 8);
}

TEST_CASE("signed C fields sign-extend", "[vm][bytecode]") {
    for (int32_t v : {0, 1, -1, 42, -42, vm::kMinSC, vm::kMaxSC}) {
        vm::Instr i = vm::encode_signed_c(vm::Opcode::JMP, 7, 9, v);
        CHECK(vm::operand_sc(i) == v);
        CHECK(vm::operand_a(i) == 7);
        CHECK(vm::operand_b(i) == 9);
    }
    CHECK(vm::fits_signed_c(vm::kMaxSC));
    CHECK_FALSE(vm::fits_signed_c(int64_t{vm::kMaxSC} + 1));
    CHECK_FALSE(vm::fits_signed_c(int64_t{vm::kMinSC} - 1));
}

TEST_CASE("every opcode has a unique name and a doc line", "[vm][bytecode]") {
    std::set<std::string> names;
    for (size_t op = 0; op < vm::kOpcodeCount; ++op) {
        const vm::OpcodeInfo& info = vm::opcode_info(static_cast<vm::Opcode>(op));
        CHECK_FALSE(info.doc.empty());
        CHECK(names.insert(std::string(info.name)).second);
    }
    CHECK(vm::opcode_info(vm::Opcode::JLTK).b == vm::OperandKind::CONST);
    CHECK(vm::opcode_info(vm::Opcode::JLTK).c == vm::OperandKind::JUMP);
}

TEST_CASE("negating a branch twice gives it back", "[vm][bytecode]") {
    size_t branches = 0;
    for (size_t op = 0; op < vm::kOpcodeCount; ++op) {
        auto opcode = static_cast<vm::Opcode>(op);
        if (vm::opcode_info(opcode).c != vm::OperandKind::JUMP || opcode == vm::Opcode::JMP) continue;
        ++branches;
        CHECK(vm::lir::negated_branch(opcode) != opcode);
        CHECK(vm::lir::negated_branch(vm::lir::negated_branch(opcode)) == opcode);
    }
    CHECK(branches == 22);
}
