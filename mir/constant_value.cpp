#include "mir/constant_value.hpp"

#include "runtime/objects.hpp"

namespace nyash::mir {

Value to_value(const Constant& c) {
    switch (c.kind) {
    case Constant::Kind::Null: return Value::null();
    case Constant::Kind::Bool: return Value::boolean(c.int_value != 0);
    case Constant::Kind::Int: return Value::integer(c.int_value);
    case Constant::Kind::Float: return Value::real(c.float_value);
    case Constant::Kind::String: return make_string(c.string_value);
    }
    return Value::null();
}

std::optional<Constant> to_constant(const Value& v) {
    Constant c;
    switch (v.tag()) {
    case ValueTag::Null:
        c.kind = Constant::Kind::Null;
        return c;
    case ValueTag::Bool:
        c.kind = Constant::Kind::Bool;
        c.int_value = v.as_bool() ? 1 : 0;
        return c;
    case ValueTag::Int:
        c.kind = Constant::Kind::Int;
        c.int_value = v.as_int();
        return c;
    case ValueTag::Float:
        c.kind = Constant::Kind::Float;
        c.float_value = v.as_float();
        return c;
    case ValueTag::Object:
        if (!v.is_object_of(ObjectKind::String)) return std::nullopt;
        c.kind = Constant::Kind::String;
        c.string_value = as_string(v).text;
        return c;
    }
    return std::nullopt;
}

}  // namespace nyash::mir
