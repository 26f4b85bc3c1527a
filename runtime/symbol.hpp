#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace nyash {

// Interned identifier (field, method, box names). Equal names have equal symbols for the
// lifetime of the process, so member lookups compare integers instead of strings.
using Symbol = uint32_t;

Symbol intern(std::string_view name);
const std::string& symbol_name(Symbol symbol);

}  // namespace nyash
