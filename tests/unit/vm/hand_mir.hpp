#pragma once
// Hand-built MIR for VM tests that must not depend on the frontend: a tiny assembler for
// mir::Function and a way to run such functions as a program (function 0 is the script).
#include <memory>
#include <string>
#include <vector>

#include "frontend/ast.hpp"
#include "mir/mir.hpp"
#include "vm/bytecode.hpp"

namespace nyash::test {

class HandFunction {
public:
    HandFunction(int id, std::string name, int params);

    mir::BlockId block();                 // a new block (the first one is the entry)
    void at(mir::BlockId b) { current_ = b; }

    mir::ValueId param(int index);
    mir::ValueId integer(int64_t v);
    mir::ValueId string(std::string text);
    mir::ValueId null();
    mir::ValueId op(mir::Op op, mir::ValueId a, mir::ValueId b = mir::kNoValue, SourceLoc loc = {});
    mir::ValueId phi(std::vector<std::pair<mir::BlockId, mir::ValueId>> incoming);
    // Fills in a phi's inputs later (loops: the back-edge value exists only after the body).
    void add_phi_input(mir::ValueId phi, mir::BlockId pred, mir::ValueId value);
    mir::ValueId call(int callee, std::vector<mir::ValueId> args, SourceLoc loc = {});
    void print(mir::ValueId v);
    void jump(mir::BlockId target);
    void branch(mir::ValueId cond, mir::BlockId if_true, mir::BlockId if_false);
    void ret(mir::ValueId v = mir::kNoValue);

    mir::Function& function() { return fn_; }

private:
    mir::ValueId emit(mir::Instr instr, mir::Type type = mir::Type::Unknown);
    mir::Function fn_;
    mir::BlockId current_ = 0;
};

// A program whose callables are `functions` (by id; 0 is the script). Keeps the AST shell the
// compiled program points at alive.
struct HandProgram {
    std::unique_ptr<ast::Program> ast;
    vm::Program program;
};
HandProgram assemble(std::vector<HandFunction>& functions);

}  // namespace nyash::test
