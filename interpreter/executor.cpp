// Statements (spec §8, §12.4).
#include <utility>

#include "interpreter/errors.hpp"
#include "interpreter/tree_walker.hpp"
#include "runtime/display.hpp"
#include "runtime/error.hpp"
#include "runtime/exception.hpp"
#include "runtime/operators.hpp"

namespace nyash::interp {
namespace {

// The `x + e` of an assignment `x = x + e` to a local, else null.
const ast::BinaryExpr* self_increment(const ast::AssignStmt& stmt) {
    if (stmt.value->kind != ast::ExprKind::Binary) return nullptr;
    const auto& sum = static_cast<const ast::BinaryExpr&>(*stmt.value);
    if (sum.op != ast::BinaryOp::Add || sum.lhs->kind != ast::ExprKind::Name) return nullptr;
    const auto& lhs = static_cast<const ast::NameExpr&>(*sum.lhs);
    const auto& target = static_cast<const ast::NameExpr&>(*stmt.target);
    return lhs.binding == ast::NameBinding::Local && lhs.slot == target.slot ? &sum : nullptr;
}

}  // namespace

Flow TreeWalker::exec_block(const ast::Block& block, Frame& frame) {
    for (const ast::StmtPtr& stmt : block) {
        Flow flow = exec(*stmt, frame);
        if (flow != Flow::Normal) return flow;
    }
    return Flow::Normal;
}

Flow TreeWalker::exec(const ast::Stmt& stmt, Frame& frame) {
    switch (stmt.kind) {
        case ast::StmtKind::Local:
            exec_local(static_cast<const ast::LocalStmt&>(stmt), frame);
            return Flow::Normal;
        case ast::StmtKind::Assign:
            exec_assign(static_cast<const ast::AssignStmt&>(stmt), frame);
            return Flow::Normal;
        case ast::StmtKind::Expr:
            eval(*static_cast<const ast::ExprStmt&>(stmt).expr, frame);
            return Flow::Normal;
        case ast::StmtKind::Print:
            exec_print(static_cast<const ast::PrintStmt&>(stmt), frame);
            return Flow::Normal;
        case ast::StmtKind::If: {
            const auto& branch = static_cast<const ast::IfStmt&>(stmt);
            return exec_block(eval_condition(*branch.cond, frame) ? branch.then_body : branch.else_body, frame);
        }
        case ast::StmtKind::Loop:
            return exec_loop(static_cast<const ast::LoopStmt&>(stmt), frame);
        case ast::StmtKind::Break:
            return Flow::Break;
        case ast::StmtKind::Continue:
            return Flow::Continue;
        case ast::StmtKind::Return: {
            const auto& ret = static_cast<const ast::ReturnStmt&>(stmt);
            if (ret.value) frame.result = eval(*ret.value, frame);
            return Flow::Return;
        }
        case ast::StmtKind::Try:
            return exec_try(static_cast<const ast::TryStmt&>(stmt), frame);
        case ast::StmtKind::Throw:
            exec_throw(static_cast<const ast::ThrowStmt&>(stmt), frame);
    }
    __builtin_unreachable();
}

void TreeWalker::exec_local(const ast::LocalStmt& stmt, Frame& frame) {
    for (const ast::Declarator& declarator : stmt.declarators)
        frame.slots[declarator.slot] = declarator.init ? eval(*declarator.init, frame) : Value();
}

void TreeWalker::exec_assign(const ast::AssignStmt& stmt, Frame& frame) {
    if (stmt.target->kind == ast::ExprKind::Name) {
        Value& target = frame.slots[static_cast<const ast::NameExpr&>(*stmt.target).slot];
        if (const ast::BinaryExpr* sum = self_increment(stmt)) {
            add_assign(target, *sum, frame);
            return;
        }
        target = eval(*stmt.value, frame);
        return;
    }
    // `o.f = e`: the object first, then the value, then the store (spec §7.1).
    const auto& field = static_cast<const ast::FieldExpr&>(*stmt.target);
    Value object_scratch;
    const Value& object = eval_ref(*field.object, frame, object_scratch);
    write_field(object, field, eval(*stmt.value, frame));
}

// `x = x + e`: the left operand is the target itself, so a uniquely owned string can grow in
// place (linear string building). Reading a local has no side effects, so evaluating `e` first
// is indistinguishable from the left-to-right order.
void TreeWalker::add_assign(Value& target, const ast::BinaryExpr& sum, Frame& frame) {
    Value rhs_scratch;
    const Value* operand = &eval_ref(*sum.rhs, frame, rhs_scratch);
    if (operand == &target) {  // `s = s + s`: the operand must not alias what is appended to
        rhs_scratch = target;
        operand = &rhs_scratch;
    }
    const Value& rhs = *operand;
    if (target.is_int() && rhs.is_int()) {
        target = Value::integer(wrap_add(target.as_int(), rhs.as_int()));
        return;
    }
    located(sum.loc, [&] { op_add_assign(target, rhs); });
}

void TreeWalker::exec_print(const ast::PrintStmt& stmt, Frame& frame) {
    Value scratch;
    const Value& value = eval_ref(*stmt.value, frame, scratch);
    rt_.write_stdout_line(&value, 1);
}

Flow TreeWalker::exec_loop(const ast::LoopStmt& stmt, Frame& frame) {
    while (eval_condition(*stmt.cond, frame)) {
        count_step();
        Flow flow = exec_block(stmt.body, frame);
        if (flow == Flow::Break) break;
        if (flow == Flow::Return) return flow;
    }
    return Flow::Normal;
}

void TreeWalker::exec_throw(const ast::ThrowStmt& stmt, Frame& frame) {
    throw ThrownValue(eval(*stmt.value, frame), stmt.loc);
}

// Spec §12.4. The body's exception, if any, goes to the catch block; `finally` runs after
// whatever happened, and only its own break/continue/return/throw replaces the pending outcome.
Flow TreeWalker::exec_try(const ast::TryStmt& stmt, Frame& frame) {
    std::exception_ptr pending;
    Flow flow = run_protected(stmt.body, frame, pending);
    if (pending && stmt.has_catch) {
        frame.slots[stmt.catch_slot] = caught_value(std::exchange(pending, nullptr));
        if (!stmt.has_finally) return exec_block(stmt.catch_body, frame);
        flow = run_protected(stmt.catch_body, frame, pending);
    }
    if (stmt.has_finally) {
        Flow finally_flow = exec_block(stmt.finally_body, frame);
        if (finally_flow != Flow::Normal) return finally_flow;
    }
    if (pending) std::rethrow_exception(pending);
    return flow;
}

// Runs `block`; a catchable exception is stored in `pending` instead of propagating. The calls it
// unwound are recorded first (the trace, should it end the run after all), then forgotten.
Flow TreeWalker::run_protected(const ast::Block& block, Frame& frame, std::exception_ptr& pending) {
    const int depth = depth_;
    try {
        return exec_block(block, frame);
    } catch (NyashError& error) {
        if (!is_catchable(error)) throw;
        if (error.trace().empty()) error.set_trace(call_trace(error.loc()));
        depth_ = depth;
        pending = std::current_exception();
        return Flow::Normal;
    }
}

}  // namespace nyash::interp
