// IntegerBox, FloatBox, BoolBox and NullBox methods (spec §11.3).
#include <cmath>

#include "runtime/builtin_method.hpp"
#include "runtime/conversions.hpp"
#include "runtime/operators.hpp"

namespace nyash {
namespace {

Value integer_abs(Runtime&, const Value& self, const Value*, size_t) {
    int64_t i = self.as_int();
    return Value::integer(i < 0 ? wrap_sub(0, i) : i);  // MIN.abs() wraps to MIN
}

Value integer_to_float(Runtime&, const Value& self, const Value*, size_t) {
    return Value::real(static_cast<double>(self.as_int()));
}

Value float_abs(Runtime&, const Value& self, const Value*, size_t) {
    return Value::real(std::fabs(self.as_float()));
}

template <Rounding Mode>
Value float_to_rounded_integer(Runtime&, const Value& self, const Value*, size_t) {
    return Value::integer(float_to_integer(self.as_float(), Mode));
}

Value float_is_nan(Runtime&, const Value& self, const Value*, size_t) {
    return Value::boolean(std::isnan(self.as_float()));
}

}  // namespace

std::span<const BuiltinMethod> integer_methods() {
    static const BuiltinMethod table[] = {
        method("abs", integer_abs),
        method("toFloat", integer_to_float),
        method("toString", display_method),
    };
    return table;
}

std::span<const BuiltinMethod> float_methods() {
    static const BuiltinMethod table[] = {
        method("abs", float_abs),
        method("floor", float_to_rounded_integer<Rounding::Floor>),
        method("ceil", float_to_rounded_integer<Rounding::Ceil>),
        method("round", float_to_rounded_integer<Rounding::HalfAwayFromZero>),
        method("toInteger", float_to_rounded_integer<Rounding::TowardZero>),
        method("isNaN", float_is_nan),
        method("toString", display_method),
    };
    return table;
}

std::span<const BuiltinMethod> bool_methods() {
    static const BuiltinMethod table[] = {method("toString", display_method)};
    return table;
}

std::span<const BuiltinMethod> null_methods() {
    static const BuiltinMethod table[] = {method("toString", display_method)};
    return table;
}

}  // namespace nyash
