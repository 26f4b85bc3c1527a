// `new B(args)` for the built-in boxes (spec §11.1).
#include <string>

#include "runtime/builtin_method.hpp"
#include "runtime/conversions.hpp"
#include "runtime/display.hpp"
#include "runtime/objects.hpp"

namespace nyash {
namespace {

std::string constructor_callee(BuiltinBox box) {
    std::string callee{builtin_box_name(box)};
    callee += " constructor";
    return callee;
}

void check_arity(BuiltinBox box, size_t expected, size_t argc) {
    if (argc != expected) throw_wrong_arity(constructor_callee(box), expected, argc);
}

void check_argument(BuiltinBox box, ParamType type, const Value& arg) {
    if (!param_accepts(type, arg)) throw_bad_argument(1, constructor_callee(box), type, arg);
}

Value to_integer(const Value& x) {
    if (x.is_int()) return x;
    if (x.is_float()) return Value::integer(float_to_integer(x.as_float(), Rounding::TowardZero));
    const std::string& text = as_string(x).text;
    std::optional<int64_t> parsed = parse_integer(text);
    if (!parsed) throw_cannot_convert(text, "IntegerBox");
    return Value::integer(*parsed);
}

Value to_float(const Value& x) {
    if (x.is_number()) return Value::real(x.as_number());
    const std::string& text = as_string(x).text;
    std::optional<double> parsed = parse_float(text);
    if (!parsed) throw_cannot_convert(text, "FloatBox");
    return Value::real(*parsed);
}

}  // namespace

Value construct_builtin(Runtime&, BuiltinBox box, const Value* args, size_t argc) {
    switch (box) {
        case BuiltinBox::IntegerBox:
            check_arity(box, 1, argc);
            check_argument(box, ParamType::NumberOrString, args[0]);
            return to_integer(args[0]);
        case BuiltinBox::FloatBox:
            check_arity(box, 1, argc);
            check_argument(box, ParamType::NumberOrString, args[0]);
            return to_float(args[0]);
        case BuiltinBox::StringBox:
            check_arity(box, 1, argc);
            if (args[0].is_object_of(ObjectKind::String)) return args[0];
            return make_string(display(args[0]));
        case BuiltinBox::BoolBox:
            check_arity(box, 1, argc);
            check_argument(box, ParamType::Bool, args[0]);
            return args[0];
        case BuiltinBox::NullBox: check_arity(box, 0, argc); return Value::null();
        case BuiltinBox::ArrayBox: check_arity(box, 0, argc); return make_array();
        case BuiltinBox::MapBox: check_arity(box, 0, argc); return make_map();
        case BuiltinBox::ConsoleBox: check_arity(box, 0, argc); return make_service(ObjectKind::Console);
        case BuiltinBox::MathBox: check_arity(box, 0, argc); return make_service(ObjectKind::Math);
        case BuiltinBox::DebugBox: check_arity(box, 0, argc); return make_service(ObjectKind::Debug);
        case BuiltinBox::TimeBox: check_arity(box, 0, argc); return make_service(ObjectKind::Time);
    }
    return Value::null();
}

}  // namespace nyash
