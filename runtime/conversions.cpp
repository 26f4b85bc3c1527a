#include "runtime/conversions.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <string>

#include "runtime/display.hpp"
#include "runtime/error.hpp"

namespace nyash {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Length of the run of digits starting at `from`.
size_t digits_at(std::string_view text, size_t from) {
    size_t end = from;
    while (end < text.size() && is_digit(text[end])) ++end;
    return end - from;
}

size_t sign_length(std::string_view text) {
    return !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
}

}  // namespace

std::optional<int64_t> parse_integer(std::string_view text) {
    size_t start = sign_length(text);
    if (start == text.size() || digits_at(text, start) != text.size() - start) return std::nullopt;
    bool negative = text[0] == '-';
    // The magnitude of INT64_MIN is one more than INT64_MAX.
    uint64_t limit = negative ? uint64_t{1} << 63 : (uint64_t{1} << 63) - 1;
    uint64_t magnitude = 0;
    for (size_t i = start; i < text.size(); ++i) {
        auto digit = static_cast<uint64_t>(text[i] - '0');
        if (magnitude > (limit - digit) / 10) return std::nullopt;
        magnitude = magnitude * 10 + digit;
    }
    return static_cast<int64_t>(negative ? 0 - magnitude : magnitude);
}

std::optional<double> parse_float(std::string_view text) {
    size_t start = sign_length(text);
    size_t integer_digits = digits_at(text, start);
    if (integer_digits == 0) return std::nullopt;
    size_t end = start + integer_digits;
    if (end < text.size()) {
        if (text[end] != '.') return std::nullopt;
        size_t fraction_digits = digits_at(text, end + 1);
        if (fraction_digits == 0 || end + 1 + fraction_digits != text.size()) return std::nullopt;
    }
    // from_chars rejects a leading '+'.
    std::string_view number = text.substr(text[0] == '+' ? 1 : 0);
    double value = 0;
    auto [ptr, error] = std::from_chars(number.data(), number.data() + number.size(), value);
    if (error == std::errc::result_out_of_range) {
        // Only magnitude can be out of range here (there is no exponent): a non-zero integer part
        // overflowed to infinity, otherwise the value underflowed to zero.
        bool overflow = text.substr(start, integer_digits).find_first_not_of('0') != std::string_view::npos;
        double magnitude = overflow ? std::numeric_limits<double>::infinity() : 0.0;
        return text[0] == '-' ? -magnitude : magnitude;
    }
    return value;
}

int64_t float_to_integer(double x, Rounding rounding) {
    double rounded = 0;
    switch (rounding) {
        case Rounding::Floor: rounded = std::floor(x); break;
        case Rounding::Ceil: rounded = std::ceil(x); break;
        case Rounding::HalfAwayFromZero: rounded = std::round(x); break;
        case Rounding::TowardZero: rounded = std::trunc(x); break;
    }
    // Written so that NaN fails the test; -2^63 and 2^63 are exactly representable.
    if (!(rounded >= -9223372036854775808.0 && rounded < 9223372036854775808.0))
        throw_cannot_convert(format_float(x), "IntegerBox");
    return static_cast<int64_t>(rounded);
}

void throw_cannot_convert(std::string_view text, std::string_view type) {
    std::string message = "cannot convert '";
    message += text;
    message += "' to ";
    message += type;
    throw_error(ErrorKind::ValueError, std::move(message));
}

}  // namespace nyash
