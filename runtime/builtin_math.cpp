// MathBox methods (spec §11.7). Every argument is a number; Integers are converted to binary64
// except where the spec keeps them (abs, min/max of two Integers, floor/ceil/round).
#include <cmath>
#include <numbers>

#include "runtime/builtin_method.hpp"
#include "runtime/conversions.hpp"
#include "runtime/operators.hpp"

namespace nyash {
namespace {

using P = ParamType;

Value abs(Runtime&, const Value&, const Value* args, size_t) {
    const Value& x = args[0];
    if (x.is_int()) return Value::integer(x.as_int() < 0 ? wrap_sub(0, x.as_int()) : x.as_int());
    return Value::real(std::fabs(x.as_float()));
}

// min/max of spec §11.7: a NaN loses to the other argument; otherwise `a` wins ties.
template <bool Max>
Value min_max(Runtime&, const Value&, const Value* args, size_t) {
    const Value& a = args[0];
    const Value& b = args[1];
    if (a.is_int() && b.is_int()) {
        bool pick_a = Max ? a.as_int() >= b.as_int() : a.as_int() <= b.as_int();
        return pick_a ? a : b;
    }
    double x = a.as_number();
    double y = b.as_number();
    if (std::isnan(x)) return Value::real(y);
    if (std::isnan(y)) return Value::real(x);
    bool pick_x = Max ? x >= y : x <= y;
    return Value::real(pick_x ? x : y);
}

template <double (*Function)(double)>
Value unary(Runtime&, const Value&, const Value* args, size_t) {
    return Value::real(Function(args[0].as_number()));
}

double sqrt_of(double x) { return std::sqrt(x); }
double sin_of(double x) { return std::sin(x); }
double cos_of(double x) { return std::cos(x); }
double tan_of(double x) { return std::tan(x); }
double exp_of(double x) { return std::exp(x); }
double log_of(double x) { return std::log(x); }

Value pow(Runtime&, const Value&, const Value* args, size_t) {
    return Value::real(std::pow(args[0].as_number(), args[1].as_number()));
}

template <Rounding Mode>
Value round_to_integer(Runtime&, const Value&, const Value* args, size_t) {
    if (args[0].is_int()) return args[0];
    return Value::integer(float_to_integer(args[0].as_float(), Mode));
}

Value pi(Runtime&, const Value&, const Value*, size_t) { return Value::real(std::numbers::pi); }
Value e(Runtime&, const Value&, const Value*, size_t) { return Value::real(std::numbers::e); }

}  // namespace

std::span<const BuiltinMethod> math_methods() {
    static const BuiltinMethod table[] = {
        method("abs", abs, {P::Number}),
        method("min", min_max<false>, {P::Number, P::Number}),
        method("max", min_max<true>, {P::Number, P::Number}),
        method("pow", pow, {P::Number, P::Number}),
        method("sqrt", unary<sqrt_of>, {P::Number}),
        method("sin", unary<sin_of>, {P::Number}),
        method("cos", unary<cos_of>, {P::Number}),
        method("tan", unary<tan_of>, {P::Number}),
        method("exp", unary<exp_of>, {P::Number}),
        method("log", unary<log_of>, {P::Number}),
        method("floor", round_to_integer<Rounding::Floor>, {P::Number}),
        method("ceil", round_to_integer<Rounding::Ceil>, {P::Number}),
        method("round", round_to_integer<Rounding::HalfAwayFromZero>, {P::Number}),
        method("getPi", pi),
        method("getE", e),
        method("toString", display_method),
    };
    return table;
}

}  // namespace nyash
