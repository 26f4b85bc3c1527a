#include "hand_mir.hpp"

#include "mir/verifier.hpp"
#include "vm/encoder.hpp"

namespace nyash::test {

HandFunction::HandFunction(int id, std::string name, int params) {
    fn_.id = id;
    fn_.name = std::move(name);
    fn_.param_count = params;
}

mir::BlockId HandFunction::block() {
    auto id = static_cast<mir::BlockId>(fn_.blocks.size());
    fn_.blocks.push_back(mir::Block{.id = id});
    current_ = id;
    return id;
}

mir::ValueId HandFunction::emit(mir::Instr instr, mir::Type type) {
    if (mir::defines_value(instr.op)) instr.dst = fn_.new_value(type);
    fn_.blocks[current_].instrs.push_back(instr);
    return instr.dst;
}

mir::ValueId HandFunction::param(int index) { return emit(mir::Instr{.op = mir::Op::Param, .imm = index}); }

mir::ValueId HandFunction::integer(int64_t v) {
    mir::Constant c;
    c.kind = mir::Constant::Kind::Int;
    c.int_value = v;
    return emit(mir::Instr{.op = mir::Op::Const, .imm = mir::intern_constant(fn_, c)}, mir::Type::Int);
}

mir::ValueId HandFunction::string(std::string text) {
    mir::Constant c;
    c.kind = mir::Constant::Kind::String;
    c.string_value = std::move(text);
    return emit(mir::Instr{.op = mir::Op::Const, .imm = mir::intern_constant(fn_, c)}, mir::Type::String);
}

mir::ValueId HandFunction::null() {
    return emit(mir::Instr{.op = mir::Op::Const, .imm = mir::intern_constant(fn_, mir::Constant{})}, mir::Type::Null);
}

mir::ValueId HandFunction::op(mir::Op op, mir::ValueId a, mir::ValueId b, SourceLoc loc) {
    return emit(mir::Instr{.op = op, .a = a, .b = b, .loc = loc});
}

mir::ValueId HandFunction::phi(std::vector<std::pair<mir::BlockId, mir::ValueId>> incoming) {
    mir::Instr instr{.op = mir::Op::Phi};
    for (auto [pred, value] : incoming) {
        instr.phi_blocks.push_back(pred);
        instr.args.push_back(value);
    }
    instr.dst = fn_.new_value();
    auto& instrs = fn_.blocks[current_].instrs;
    instrs.insert(instrs.begin(), instr);
    return instr.dst;
}

void HandFunction::add_phi_input(mir::ValueId phi, mir::BlockId pred, mir::ValueId value) {
    for (mir::Block& b : fn_.blocks)
        for (mir::Instr& instr : b.instrs)
            if (instr.op == mir::Op::Phi && instr.dst == phi) {
                instr.phi_blocks.push_back(pred);
                instr.args.push_back(value);
            }
}

mir::ValueId HandFunction::call(int callee, std::vector<mir::ValueId> args, SourceLoc loc) {
    return emit(mir::Instr{.op = mir::Op::Call, .args = std::move(args), .imm = callee, .loc = loc});
}

void HandFunction::print(mir::ValueId v) { emit(mir::Instr{.op = mir::Op::Print, .a = v}); }

void HandFunction::jump(mir::BlockId target) {
    fn_.blocks[target].preds.push_back(current_);
    emit(mir::Instr{.op = mir::Op::Jump, .targets = {target, 0}});
}

void HandFunction::branch(mir::ValueId cond, mir::BlockId if_true, mir::BlockId if_false) {
    fn_.blocks[if_true].preds.push_back(current_);
    fn_.blocks[if_false].preds.push_back(current_);
    emit(mir::Instr{.op = mir::Op::Branch, .a = cond, .targets = {if_true, if_false}});
}

void HandFunction::ret(mir::ValueId v) { emit(mir::Instr{.op = mir::Op::Return, .a = v}); }

HandProgram assemble(std::vector<HandFunction>& functions) {
    HandProgram out;
    out.ast = std::make_unique<ast::Program>();
    out.ast->script = std::make_unique<ast::Callable>();
    out.ast->script->id = 0;
    mir::Module module;
    module.classes = std::make_shared<const ClassTable>(build_class_table(*out.ast));
    for (HandFunction& f : functions) {
        auto problems = mir::verify(f.function());
        if (!problems.empty()) throw std::logic_error("hand-built MIR is invalid: " + problems.front());
        module.functions.push_back(f.function());
    }
    out.program = vm::encode_module(module, *out.ast);
    return out;
}

}  // namespace nyash::test
