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

// a op b on binary64, as the runtime computes it for Float operands (and an Int beside a
// Float); false when the runtime must decide: `%` (fmod, and its zero check) and a zero divisor.
template <Arith op>
inline bool float_arith(double a, double b, double& result) {
    if constexpr (op == Arith::Add) {
        result = a + b;
    } else if constexpr (op == Arith::Sub) {
        result = a - b;
    } else if constexpr (op == Arith::Mul) {
        result = a * b;
    } else if constexpr (op == Arith::Div) {
        if (b == 0.0) return false;
        result = a / b;
    } else {
        return false;
    }
    return true;
}

// dst = a op b when both are numbers and the result needs no runtime check: Int/Int first (the
// common case), then Float/Float (two tag compares), then Int/Float and Float/Int.
template <Arith op>
inline bool try_number_arith(Value& dst, const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) [[likely]] {
        int64_t result;
        if (!int_arith<op>(a.as_int(), b.as_int(), result)) return false;
        dst.set_int(result);
        return true;
    }
    double result;
    if (a.is_float() && b.is_float()) {
        if (!float_arith<op>(a.as_float(), b.as_float(), result)) return false;
    } else if (!a.is_number() || !b.is_number() || !float_arith<op>(a.as_number(), b.as_number(), result)) {
        return false;
    }
    dst.set_real(result);
    return true;
}

// The same with an Int immediate on the right, which the encoder never makes 0 or -1 for `/`
// and `%` (vm/opcodes.def): Int/Int needs no check.
template <Arith op>
inline bool try_number_arith(Value& dst, const Value& a, int64_t b) {
    if (a.is_int()) [[likely]] {
        if constexpr (op == Arith::Div) {
            dst.set_int(a.as_int() / b);
        } else if constexpr (op == Arith::Mod) {
            dst.set_int(a.as_int() % b);
        } else {
            int64_t result;
            int_arith<op>(a.as_int(), b, result);
            dst.set_int(result);
        }
        return true;
    }
    double result;
    if (!a.is_float() || !float_arith<op>(a.as_float(), static_cast<double>(b), result)) return false;
    dst.set_real(result);
    return true;
}

// Int/Int on int64, any other pair of numbers on binary64 (NaN compares unequal and unordered,
// as in the runtime).
template <Compare op, typename Number>
constexpr bool number_compare(Number a, Number b) {
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
