#include "runtime/strings.hpp"

namespace nyash {

int64_t count_code_points(std::string_view text) {
    int64_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
}

int64_t StringObj::length() {
    if (code_points < 0) code_points = count_code_points(text);
    return code_points;
}

size_t code_point_offset(StringObj& s, int64_t index) {
    if (is_ascii(s)) return static_cast<size_t>(index);
    size_t offset = 0;
    for (int64_t i = 0; i < index; ++i)
        offset += utf8_sequence_length(static_cast<unsigned char>(s.text[offset]));
    return offset;
}

int64_t code_point_index(StringObj& s, size_t offset) {
    if (is_ascii(s)) return static_cast<int64_t>(offset);
    return count_code_points(std::string_view(s.text).substr(0, offset));
}

}  // namespace nyash
