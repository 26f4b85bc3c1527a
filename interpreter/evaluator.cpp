// Expressions (spec §7): strictly left to right, each operand once.
#include "interpreter/errors.hpp"
#include "interpreter/tree_walker.hpp"
#include "runtime/operators.hpp"

namespace nyash::interp {
namespace {

// Int-Int cases of the common operators, inline; the operator table of runtime/operators.hpp
// remains the single definition of every other combination.
bool try_int_fast_path(ast::BinaryOp op, int64_t a, int64_t b, Value& result) {
    switch (op) {
        case ast::BinaryOp::Add: result = Value::integer(wrap_add(a, b)); return true;
        case ast::BinaryOp::Sub: result = Value::integer(wrap_sub(a, b)); return true;
        case ast::BinaryOp::Mul: result = Value::integer(wrap_mul(a, b)); return true;
        case ast::BinaryOp::Eq: result = Value::boolean(a == b); return true;
        case ast::BinaryOp::Ne: result = Value::boolean(a != b); return true;
        case ast::BinaryOp::Lt: result = Value::boolean(a < b); return true;
        case ast::BinaryOp::Le: result = Value::boolean(a <= b); return true;
        case ast::BinaryOp::Gt: result = Value::boolean(a > b); return true;
        case ast::BinaryOp::Ge: result = Value::boolean(a >= b); return true;
        case ast::BinaryOp::Div:
        case ast::BinaryOp::Mod: return false;  // zero and MIN/-1 checks live in the runtime
    }
    return false;
}

Value apply_binary(ast::BinaryOp op, const Value& a, const Value& b) {
    switch (op) {
        case ast::BinaryOp::Add: return op_add(a, b);
        case ast::BinaryOp::Sub: return op_sub(a, b);
        case ast::BinaryOp::Mul: return op_mul(a, b);
        case ast::BinaryOp::Div: return op_div(a, b);
        case ast::BinaryOp::Mod: return op_mod(a, b);
        case ast::BinaryOp::Eq: return Value::boolean(values_equal(a, b));
        case ast::BinaryOp::Ne: return Value::boolean(!values_equal(a, b));
        case ast::BinaryOp::Lt: return Value::boolean(op_lt(a, b));
        case ast::BinaryOp::Le: return Value::boolean(op_le(a, b));
        case ast::BinaryOp::Gt: return Value::boolean(op_gt(a, b));
        case ast::BinaryOp::Ge: return Value::boolean(op_ge(a, b));
    }
    __builtin_unreachable();
}

}  // namespace

Value TreeWalker::eval(const ast::Expr& expr, Frame& frame) {
    switch (expr.kind) {
        case ast::ExprKind::IntLit: return Value::integer(static_cast<const ast::IntLit&>(expr).value);
        case ast::ExprKind::FloatLit: return Value::real(static_cast<const ast::FloatLit&>(expr).value);
        case ast::ExprKind::StringLit: return string_constant(static_cast<const ast::StringLit&>(expr));
        case ast::ExprKind::BoolLit: return Value::boolean(static_cast<const ast::BoolLit&>(expr).value);
        case ast::ExprKind::NullLit: return Value();
        case ast::ExprKind::Me:
        case ast::ExprKind::Name: {
            Value unused;
            return eval_ref(expr, frame, unused);
        }
        case ast::ExprKind::Unary: return eval_unary(static_cast<const ast::UnaryExpr&>(expr), frame);
        case ast::ExprKind::Binary: return eval_binary(static_cast<const ast::BinaryExpr&>(expr), frame);
        case ast::ExprKind::Logical: return eval_logical(static_cast<const ast::LogicalExpr&>(expr), frame);
        case ast::ExprKind::Call: return call_function(static_cast<const ast::CallExpr&>(expr), frame);
        case ast::ExprKind::MethodCall: return call_method(static_cast<const ast::MethodCallExpr&>(expr), frame);
        case ast::ExprKind::Field: return eval_field(static_cast<const ast::FieldExpr&>(expr), frame);
        case ast::ExprKind::New: return construct(static_cast<const ast::NewExpr&>(expr), frame);
        case ast::ExprKind::FromCall: return call_from(static_cast<const ast::FromCallExpr&>(expr), frame);
    }
    __builtin_unreachable();
}

const Value& TreeWalker::eval_ref(const ast::Expr& expr, Frame& frame, Value& scratch) {
    switch (expr.kind) {
        case ast::ExprKind::Name: {
            const auto& name = static_cast<const ast::NameExpr&>(expr);
            if (name.binding == ast::NameBinding::Local) return frame.slots[name.slot];
            return static_box(name);
        }
        case ast::ExprKind::Me:
            return *frame.me;
        case ast::ExprKind::StringLit:
            return string_constant(static_cast<const ast::StringLit&>(expr));
        default:
            scratch = eval(expr, frame);
            return scratch;
    }
}

// Out of line: a call that may run user code would make every path of eval_ref save registers.
const Value& TreeWalker::static_box(const ast::NameExpr& name) {
    if (static_init_pending_[static_cast<size_t>(name.box_index)]) [[unlikely]]
        run_static_init(name.box_index, name.loc);
    return singletons_[static_cast<size_t>(name.box_index)];
}

bool TreeWalker::eval_condition(const ast::Expr& expr, Frame& frame) {
    Value scratch;
    const Value& value = eval_ref(expr, frame, scratch);
    return value.is_bool() ? value.as_bool() : truthy(value);
}

const Value& TreeWalker::string_constant(const ast::StringLit& literal) {
    // One shared immutable string per literal, created on first use.
    auto [entry, created] = string_constants_.try_emplace(&literal);
    if (created) entry->second = make_string(literal.value);
    return entry->second;
}

Value TreeWalker::eval_unary(const ast::UnaryExpr& expr, Frame& frame) {
    if (expr.op == ast::UnaryOp::Not) return Value::boolean(!eval_condition(*expr.operand, frame));
    Value scratch;
    const Value& operand = eval_ref(*expr.operand, frame, scratch);
    if (operand.is_int()) return Value::integer(wrap_sub(0, operand.as_int()));
    return located(expr.loc, [&] { return op_neg(operand); });
}

Value TreeWalker::eval_binary(const ast::BinaryExpr& expr, Frame& frame) {
    Value lhs_scratch;
    Value rhs_scratch;
    const Value& lhs = eval_ref(*expr.lhs, frame, lhs_scratch);
    const Value& rhs = eval_ref(*expr.rhs, frame, rhs_scratch);
    if (Value result; lhs.is_int() && rhs.is_int() && try_int_fast_path(expr.op, lhs.as_int(), rhs.as_int(), result))
        return result;
    return located(expr.loc, [&] { return apply_binary(expr.op, lhs, rhs); });
}

Value TreeWalker::eval_logical(const ast::LogicalExpr& expr, Frame& frame) {
    bool lhs = eval_condition(*expr.lhs, frame);
    if (expr.op == ast::LogicalOp::And ? !lhs : lhs) return Value::boolean(lhs);
    return Value::boolean(eval_condition(*expr.rhs, frame));
}

Value TreeWalker::eval_field(const ast::FieldExpr& expr, Frame& frame) {
    Value scratch;
    const Value& object = eval_ref(*expr.object, frame, scratch);
    return read_field(object, expr);
}

}  // namespace nyash::interp
