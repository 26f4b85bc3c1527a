#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/value.hpp"

namespace nyash {

// Display form str(v) of spec §6.2 (cycles shown as [...] / {...}).
std::string display(const Value& v);
void append_display(std::string& out, const Value& v);

// Float display of spec §6.3: shortest round-trip digits, positional, always a fraction.
std::string format_float(double d);
void append_float(std::string& out, double d);
void append_integer(std::string& out, int64_t i);

// Type name used in messages: IntegerBox, StringBox, ..., or the user box name.
std::string_view type_name(const Value& v);

}  // namespace nyash
