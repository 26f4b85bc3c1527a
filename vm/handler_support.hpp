#pragma once
// Helpers the handler bodies (vm/handlers.inc) share: Int fast paths that cannot fail and the
// slow paths into the runtime's operator table (runtime/operators.hpp), which alone defines
// what the operators mean.
#include <cstdint>
#include <limits>

#include "runtime/operators.hpp"
#include "runtime/value.hpp"

namespace nyash::vm::ops {

enum class Arith : uint8_t { Add, Sub, Mul, Div, Mod };
enum class Compare : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };

// Int op Int computed inline; false when the runtime must decide (division by zero and
// INT64_MIN / -1 raise or wrap there).
template <Arith op>
inline bool int_arith(int64_t a, int64_t b, int64_t& result) {
    if constexpr (op == Arith::Add) {
        result = wrap_add(a, b);
    } else if constexpr (op == Arith::Sub) {
        result = wrap_sub(a, b);
    } else if constexpr (op == Arith::Mul) {
        result = wrap_mul(a, b);
    } else if constexpr (op == Arith::Div) {
        if (b == 0 || (b == -1 && a == std::numeric_limits<int64_t>::min())) return false;
        result = a / b;
    } else {
        if (b == 0 || b == -1) return false;
        result = a % b;
    }
    return true;
}

// dst = a op b when both are Ints and the result needs no runtime check.
template <Arith op>
inline bool try_int_arith(Value& dst, const Value& a, const Value& b) {
    int64_t result;
    if (!a.is_int() || !b.is_int() || !int_arith<op>(a.as_int(), b.as_int(), result)) return false;
    dst = Value::integer(result);
    return true;
}

template <Arith op>
inline bool try_int_arith(Value& dst, const Value& a, int64_t b) {
    int64_t result;
    if (!a.is_int() || !int_arith<op>(a.as_int(), b, result)) return false;
    dst = Value::integer(result);
    return true;
}

template <Compare op>
constexpr bool int_compare(int64_t a, int64_t b) {
    if constexpr (op == Compare::Eq) return a == b;
    if constexpr (op == Compare::Ne) return a != b;
    if constexpr (op == Compare::Lt) return a < b;
    if constexpr (op == Compare::Le) return a <= b;
    if constexpr (op == Compare::Gt) return a > b;
    return a >= b;
}

// The runtime's operator table; `dst` may be an operand's register. For `x = x + y` (dst is
// the left operand) a uniquely owned string is appended in place.
void arith_slow(Arith op, Value& dst, const Value& a, const Value& b);
// The runtime's comparison (ordering comparisons may raise TypeError).
bool compare_slow(Compare op, const Value& a, const Value& b);

inline bool is_truthy(const Value& v) { return v.is_bool() ? v.as_bool() : truthy(v); }

}  // namespace nyash::vm::ops
