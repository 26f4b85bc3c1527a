#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "runtime/objects.hpp"

// Code point helpers for StringBox (spec §11.2: indices count code points). Every string is valid
// UTF-8: sources are validated by the lexer and string operations only cut at code point
// boundaries. When a string is pure ASCII (length() == byte count) indices are byte offsets.
namespace nyash {

int64_t count_code_points(std::string_view text);

inline bool is_ascii(StringObj& s) { return s.length() == static_cast<int64_t>(s.text.size()); }

// Byte offset at which code point `index` starts; `index` in [0, length()] (length() gives size).
size_t code_point_offset(StringObj& s, int64_t index);

// Code point index of the code point starting at byte `offset`.
int64_t code_point_index(StringObj& s, size_t offset);

// Length in bytes of the UTF-8 sequence starting with `lead`.
inline size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead < 0xE0) return 2;
    if (lead < 0xF0) return 3;
    return 4;
}

}  // namespace nyash
