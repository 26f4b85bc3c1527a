#include "vm/handler_support.hpp"

namespace nyash::vm::ops {

void arith_slow(Arith op, Value& dst, const Value& a, const Value& b) {
    if (op == Arith::Add && &dst == &a) {
        op_add_assign(dst, b);
        return;
    }
    Value result;
    switch (op) {
    case Arith::Add: result = op_add(a, b); break;
    case Arith::Sub: result = op_sub(a, b); break;
    case Arith::Mul: result = op_mul(a, b); break;
    case Arith::Div: result = op_div(a, b); break;
    case Arith::Mod: result = op_mod(a, b); break;
    }
    dst = std::move(result);
}

bool compare_slow(Compare op, const Value& a, const Value& b) {
    switch (op) {
    case Compare::Eq: return values_equal(a, b);
    case Compare::Ne: return !values_equal(a, b);
    case Compare::Lt: return op_lt(a, b);
    case Compare::Le: return op_le(a, b);
    case Compare::Gt: return op_gt(a, b);
    case Compare::Ge: return op_ge(a, b);
    }
    return false;
}

}  // namespace nyash::vm::ops
