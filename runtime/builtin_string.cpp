// StringBox methods (spec §11.2). Indices count code points; pure-ASCII strings skip the scans.
#include <algorithm>
#include <string>
#include <vector>

#include "runtime/builtin_method.hpp"
#include "runtime/conversions.hpp"
#include "runtime/error.hpp"
#include "runtime/limits.hpp"
#include "runtime/objects.hpp"
#include "runtime/strings.hpp"

namespace nyash {
namespace {

using P = ParamType;

StringObj& text_arg(const Value* args, size_t i) { return as_string(args[i]); }

// A piece of `source` as a new string; pieces of ASCII text are ASCII, so their length is known.
Value make_piece(StringObj& source, std::string_view piece) {
    if (is_ascii(source)) return make_string(std::string(piece), static_cast<int64_t>(piece.size()));
    return make_string(std::string(piece));
}

int64_t clamp_index(int64_t index, int64_t length) { return std::clamp<int64_t>(index, 0, length); }

Value length(Runtime&, const Value& self, const Value*, size_t) {
    return Value::integer(as_string(self).length());
}

Value is_empty(Runtime&, const Value& self, const Value*, size_t) {
    return Value::boolean(as_string(self).text.empty());
}

Value char_at(Runtime&, const Value& self, const Value* args, size_t) {
    StringObj& s = as_string(self);
    int64_t index = args[0].as_int();
    if (index < 0 || index >= s.length()) throw_index_error(index, "StringBox", static_cast<size_t>(s.length()));
    size_t start = code_point_offset(s, index);
    size_t bytes = utf8_sequence_length(static_cast<unsigned char>(s.text[start]));
    return make_string(s.text.substr(start, bytes), 1);
}

Value substring(Runtime&, const Value& self, const Value* args, size_t) {
    StringObj& s = as_string(self);
    int64_t start = clamp_index(args[0].as_int(), s.length());
    int64_t end = clamp_index(args[1].as_int(), s.length());
    if (start >= end) return make_string(std::string(), 0);
    size_t first = code_point_offset(s, start);
    size_t last = code_point_offset(s, end);
    return make_string(s.text.substr(first, last - first), end - start);
}

Value index_of(Runtime&, const Value& self, const Value* args, size_t) {
    StringObj& s = as_string(self);
    size_t found = s.text.find(text_arg(args, 0).text);
    return Value::integer(found == std::string::npos ? -1 : code_point_index(s, found));
}

Value contains(Runtime&, const Value& self, const Value* args, size_t) {
    return Value::boolean(as_string(self).text.find(text_arg(args, 0).text) != std::string::npos);
}

Value starts_with(Runtime&, const Value& self, const Value* args, size_t) {
    return Value::boolean(as_string(self).text.starts_with(text_arg(args, 0).text));
}

Value ends_with(Runtime&, const Value& self, const Value* args, size_t) {
    return Value::boolean(as_string(self).text.ends_with(text_arg(args, 0).text));
}

Value replace(Runtime&, const Value& self, const Value* args, size_t) {
    const std::string& text = as_string(self).text;
    const std::string& old_text = text_arg(args, 0).text;
    const std::string& new_text = text_arg(args, 1).text;
    if (old_text.empty()) return self;
    std::string result;
    size_t from = 0;
    for (size_t found; (found = text.find(old_text, from)) != std::string::npos; from = found + old_text.size()) {
        result.append(text, from, found - from);
        result += new_text;
        if (result.size() > kMaxStringBytes) throw_error(ErrorKind::MemoryError, "out of memory");
    }
    result.append(text, from);
    return make_string(std::move(result));
}

Value split(Runtime&, const Value& self, const Value* args, size_t) {
    StringObj& s = as_string(self);
    std::string_view text = s.text;
    const std::string& separator = text_arg(args, 0).text;
    std::vector<Value> pieces;
    if (separator.empty()) {
        pieces.reserve(static_cast<size_t>(s.length()));
        for (size_t at = 0; at < text.size();) {
            size_t bytes = utf8_sequence_length(static_cast<unsigned char>(text[at]));
            pieces.push_back(make_string(std::string(text.substr(at, bytes)), 1));
            at += bytes;
        }
    } else {
        size_t from = 0;
        for (size_t found; (found = text.find(separator, from)) != std::string_view::npos;
             from = found + separator.size())
            pieces.push_back(make_piece(s, text.substr(from, found - from)));
        pieces.push_back(make_piece(s, text.substr(from)));
    }
    return make_array(std::move(pieces));
}

Value trim(Runtime&, const Value& self, const Value*, size_t) {
    StringObj& s = as_string(self);
    constexpr std::string_view kAsciiSpace = " \t\n\r\v\f";
    size_t first = s.text.find_first_not_of(kAsciiSpace);
    if (first == std::string::npos) return make_string(std::string(), 0);
    size_t last = s.text.find_last_not_of(kAsciiSpace);
    if (first == 0 && last + 1 == s.text.size()) return self;
    return make_piece(s, std::string_view(s.text).substr(first, last + 1 - first));
}

// ASCII case mapping only (spec §11.2); other bytes, including all of UTF-8, are unchanged.
template <char From, char To>
Value map_ascii_case(Runtime&, const Value& self, const Value*, size_t) {
    StringObj& s = as_string(self);
    std::string result = s.text;
    for (char& c : result)
        if (c >= From && c <= From + 25) c = static_cast<char>(c - From + To);
    return make_string(std::move(result), s.code_points);
}

Value to_integer(Runtime&, const Value& self, const Value*, size_t) {
    std::optional<int64_t> parsed = parse_integer(as_string(self).text);
    return parsed ? Value::integer(*parsed) : Value::null();
}

Value to_float(Runtime&, const Value& self, const Value*, size_t) {
    std::optional<double> parsed = parse_float(as_string(self).text);
    return parsed ? Value::real(*parsed) : Value::null();
}

}  // namespace

std::span<const BuiltinMethod> string_methods() {
    static const BuiltinMethod table[] = {
        method("length", length),
        method("isEmpty", is_empty),
        method("charAt", char_at, {P::Integer}),
        method("substring", substring, {P::Integer, P::Integer}),
        method("indexOf", index_of, {P::String}),
        method("contains", contains, {P::String}),
        method("startsWith", starts_with, {P::String}),
        method("endsWith", ends_with, {P::String}),
        method("replace", replace, {P::String, P::String}),
        method("split", split, {P::String}),
        method("trim", trim),
        method("toUpper", map_ascii_case<'a', 'A'>),
        method("toLower", map_ascii_case<'A', 'a'>),
        method("toInteger", to_integer),
        method("toFloat", to_float),
        method("toString", display_method),
    };
    return table;
}

}  // namespace nyash
