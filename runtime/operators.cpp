#include "runtime/operators.hpp"

#include <charconv>
#include <cmath>
#include <functional>
#include <string>

#include "runtime/display.hpp"
#include "runtime/error.hpp"
#include "runtime/limits.hpp"
#include "runtime/objects.hpp"
#include "runtime/strings.hpp"

namespace nyash {
namespace {

bool is_string(const Value& v) { return v.is_object_of(ObjectKind::String); }

[[noreturn]] void throw_unsupported(std::string_view op, const Value& a, const Value& b) {
    std::string message = "unsupported operand types for ";
    message += op;
    message += ": ";
    message += type_name(a);
    message += " and ";
    message += type_name(b);
    throw_error(ErrorKind::TypeError, std::move(message));
}

[[noreturn]] void throw_out_of_memory() { throw_error(ErrorKind::MemoryError, "out of memory"); }

void check_string_size(size_t bytes) {
    if (bytes > kMaxStringBytes) throw_out_of_memory();
}

// Code points of `v` if known without a scan (strings cache it), else -1.
int64_t known_code_points(const Value& v) { return is_string(v) ? as_string(v).code_points : -1; }

// A string's text, or an integer's digits written into `digits`: the pieces of nearly every
// concatenation (`"n = " + n`), which are then copied once into a string of the exact size.
// Its length in code points goes to `code_points` (-1 when not known yet). False for other values.
bool plain_piece(const Value& v, char (&digits)[24], std::string_view& text, int64_t& code_points) {
    if (is_string(v)) {
        text = as_string(v).text;
        code_points = as_string(v).code_points;
        return true;
    }
    if (!v.is_int()) return false;
    const char* end = std::to_chars(digits, digits + sizeof digits, v.as_int()).ptr;
    text = std::string_view(digits, static_cast<size_t>(end - digits));
    code_points = static_cast<int64_t>(text.size());
    return true;
}

Value concatenate(const Value& a, const Value& b) {
    char left_digits[24], right_digits[24];
    std::string_view left, right;
    int64_t left_length, right_length;
    std::string text;
    if (plain_piece(a, left_digits, left, left_length) && plain_piece(b, right_digits, right, right_length)) {
        check_string_size(left.size() + right.size());
        text.reserve(left.size() + right.size());
        text += left;
        text += right;
    } else {
        append_display(text, a);
        append_display(text, b);
        check_string_size(text.size());
        left_length = known_code_points(a);
        right_length = known_code_points(b);
    }
    if (left_length >= 0 && right_length >= 0) return make_string(std::move(text), left_length + right_length);
    return make_string(std::move(text));
}

Value repeat(const Value& string, int64_t count) {
    if (count < 0) throw_error(ErrorKind::ValueError, "negative repeat count " + std::to_string(count));
    StringObj& piece = as_string(string);
    auto times = static_cast<size_t>(count);
    if (times == 0 || piece.text.empty()) return make_string(std::string(), 0);
    if (piece.text.size() > kMaxStringBytes / times) throw_out_of_memory();
    std::string text;
    text.reserve(piece.text.size() * times);
    for (size_t i = 0; i < times; ++i) text += piece.text;
    return make_string(std::move(text), piece.length() * count);
}

template <typename Compare>
bool compare(const Value& a, const Value& b, std::string_view op, Compare holds) {
    if (a.is_int() && b.is_int()) return holds(a.as_int(), b.as_int());
    if (a.is_number() && b.is_number()) return holds(a.as_number(), b.as_number());
    if (is_string(a) && is_string(b)) return holds(as_string(a).text.compare(as_string(b).text), 0);
    throw_unsupported(op, a, b);
}

}  // namespace

Value op_add(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) return Value::integer(wrap_add(a.as_int(), b.as_int()));
    if (a.is_number() && b.is_number()) return Value::real(a.as_number() + b.as_number());
    if (is_string(a) || is_string(b)) return concatenate(a, b);
    throw_unsupported("+", a, b);
}

void op_add_assign(Value& target, const Value& rhs) {
    if (!is_string(target) || target.as_object()->refcount != 1 || &target == &rhs) {
        target = op_add(target, rhs);
        return;
    }
    StringObj& string = as_string(target);
    size_t old_size = string.text.size();
    if (is_string(rhs)) {
        check_string_size(old_size + as_string(rhs).text.size());
        string.text += as_string(rhs).text;
    } else {
        append_display(string.text, rhs);
        if (string.text.size() > kMaxStringBytes) {
            string.text.resize(old_size);
            throw_out_of_memory();
        }
    }
    if (string.code_points >= 0) {
        int64_t added = known_code_points(rhs);
        if (added < 0) added = count_code_points(std::string_view(string.text).substr(old_size));
        string.code_points += added;
    }
}

Value op_sub(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) return Value::integer(wrap_sub(a.as_int(), b.as_int()));
    if (a.is_number() && b.is_number()) return Value::real(a.as_number() - b.as_number());
    throw_unsupported("-", a, b);
}

Value op_mul(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) return Value::integer(wrap_mul(a.as_int(), b.as_int()));
    if (a.is_number() && b.is_number()) return Value::real(a.as_number() * b.as_number());
    if (is_string(a) && b.is_int()) return repeat(a, b.as_int());
    if (a.is_int() && is_string(b)) return repeat(b, a.as_int());
    throw_unsupported("*", a, b);
}

Value op_div(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) {
        int64_t divisor = b.as_int();
        if (divisor == 0) throw_error(ErrorKind::ZeroDivisionError, "division by zero");
        // MIN / -1 overflows (and traps on x86); negation wraps instead.
        if (divisor == -1) return Value::integer(wrap_sub(0, a.as_int()));
        return Value::integer(a.as_int() / divisor);
    }
    if (a.is_number() && b.is_number()) {
        double divisor = b.as_number();
        if (divisor == 0.0) throw_error(ErrorKind::ZeroDivisionError, "division by zero");
        return Value::real(a.as_number() / divisor);
    }
    throw_unsupported("/", a, b);
}

Value op_mod(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) {
        int64_t divisor = b.as_int();
        if (divisor == 0) throw_error(ErrorKind::ZeroDivisionError, "modulo by zero");
        if (divisor == -1) return Value::integer(0);  // MIN % -1 would trap
        return Value::integer(a.as_int() % divisor);
    }
    if (a.is_number() && b.is_number()) {
        double divisor = b.as_number();
        if (divisor == 0.0) throw_error(ErrorKind::ZeroDivisionError, "modulo by zero");
        return Value::real(std::fmod(a.as_number(), divisor));
    }
    throw_unsupported("%", a, b);
}

Value op_neg(const Value& a) {
    if (a.is_int()) return Value::integer(wrap_sub(0, a.as_int()));
    if (a.is_float()) return Value::real(-a.as_float());
    std::string message = "unsupported operand type for unary -: ";
    message += type_name(a);
    throw_error(ErrorKind::TypeError, std::move(message));
}

bool op_lt(const Value& a, const Value& b) { return compare(a, b, "<", std::less<>()); }
bool op_le(const Value& a, const Value& b) { return compare(a, b, "<=", std::less_equal<>()); }
bool op_gt(const Value& a, const Value& b) { return compare(a, b, ">", std::greater<>()); }
bool op_ge(const Value& a, const Value& b) { return compare(a, b, ">=", std::greater_equal<>()); }

bool values_equal(const Value& a, const Value& b) {
    switch (a.tag()) {
        case ValueTag::Null: return b.is_null();
        case ValueTag::Bool: return b.is_bool() && a.as_bool() == b.as_bool();
        case ValueTag::Int:
            if (b.is_int()) return a.as_int() == b.as_int();
            return b.is_float() && a.as_number() == b.as_float();
        case ValueTag::Float: return b.is_number() && a.as_float() == b.as_number();
        case ValueTag::Object:
            if (!b.is_object()) return false;
            if (a.as_object() == b.as_object()) return true;
            return is_string(a) && is_string(b) && as_string(a).text == as_string(b).text;
    }
    return false;
}

bool truthy(const Value& v) {
    switch (v.tag()) {
        case ValueTag::Null: return false;
        case ValueTag::Bool: return v.as_bool();
        case ValueTag::Int: return v.as_int() != 0;
        case ValueTag::Float: return v.as_float() != 0.0;
        case ValueTag::Object: return !is_string(v) || !as_string(v).text.empty();
    }
    return false;
}

}  // namespace nyash
