#pragma once
#include <cstdint>
#include <optional>
#include <string_view>

// Numeric conversions shared by StringBox, FloatBox, MathBox and the built-in constructors.
namespace nyash {

// `[+-]?[0-9]+` within the 64-bit range, else nullopt.
std::optional<int64_t> parse_integer(std::string_view text);

// `[+-]?[0-9]+(\.[0-9]+)?` to the nearest binary64 (overflow gives ±inf), else nullopt.
std::optional<double> parse_float(std::string_view text);

// Float -> Integer conversions (FloatBox.floor/ceil/round/toInteger, MathBox, `new IntegerBox`):
// round, then convert. NaN, infinities and values outside 64 bits raise
// `ValueError: cannot convert 'str(x)' to IntegerBox` (spec §11.3).
enum class Rounding { Floor, Ceil, HalfAwayFromZero, TowardZero };
int64_t float_to_integer(double x, Rounding rounding);

// `ValueError: cannot convert 'TEXT' to TYPE`.
[[noreturn]] void throw_cannot_convert(std::string_view text, std::string_view type);

}  // namespace nyash
