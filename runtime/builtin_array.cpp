// ArrayBox methods (spec §11.4).
#include <algorithm>
#include <cmath>
#include <string>

#include "runtime/builtin_method.hpp"
#include "runtime/display.hpp"
#include "runtime/error.hpp"
#include "runtime/objects.hpp"
#include "runtime/operators.hpp"

namespace nyash {
namespace {

using P = ParamType;

std::vector<Value>& items_of(const Value& self) { return as_array(self).items; }

// The element position for get/set/remove, or the spec's IndexError.
size_t checked_index(const Value& index, const std::vector<Value>& items) {
    int64_t i = index.as_int();
    if (i < 0 || static_cast<uint64_t>(i) >= items.size()) throw_index_error(i, "ArrayBox", items.size());
    return static_cast<size_t>(i);
}

size_t clamp_position(int64_t position, size_t size) {
    return static_cast<size_t>(std::clamp<int64_t>(position, 0, static_cast<int64_t>(size)));
}

Value size(Runtime&, const Value& self, const Value*, size_t) {
    return Value::integer(static_cast<int64_t>(items_of(self).size()));
}

Value is_empty(Runtime&, const Value& self, const Value*, size_t) {
    return Value::boolean(items_of(self).empty());
}

Value push(Runtime&, const Value& self, const Value* args, size_t) {
    items_of(self).push_back(args[0]);
    return Value::null();
}

Value pop(Runtime&, const Value& self, const Value*, size_t) {
    std::vector<Value>& items = items_of(self);
    if (items.empty()) throw_error(ErrorKind::IndexError, "pop from empty ArrayBox");
    Value last = std::move(items.back());
    items.pop_back();
    return last;
}

Value get(Runtime&, const Value& self, const Value* args, size_t) {
    std::vector<Value>& items = items_of(self);
    return items[checked_index(args[0], items)];
}

Value set(Runtime&, const Value& self, const Value* args, size_t) {
    std::vector<Value>& items = items_of(self);
    items[checked_index(args[0], items)] = args[1];
    return Value::null();
}

Value remove(Runtime&, const Value& self, const Value* args, size_t) {
    std::vector<Value>& items = items_of(self);
    size_t i = checked_index(args[0], items);
    Value removed = std::move(items[i]);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(i));
    return removed;
}

int64_t find(const std::vector<Value>& items, const Value& wanted) {
    for (size_t i = 0; i < items.size(); ++i)
        if (values_equal(items[i], wanted)) return static_cast<int64_t>(i);
    return -1;
}

Value index_of(Runtime&, const Value& self, const Value* args, size_t) {
    return Value::integer(find(items_of(self), args[0]));
}

Value contains(Runtime&, const Value& self, const Value* args, size_t) {
    return Value::boolean(find(items_of(self), args[0]) >= 0);
}

Value clear(Runtime&, const Value& self, const Value*, size_t) {
    std::vector<Value> dropped = std::move(items_of(self));  // released after the array is empty
    items_of(self).clear();
    return Value::null();
}

Value join(Runtime&, const Value& self, const Value* args, size_t) {
    const std::string& separator = as_string(args[0]).text;
    std::string text;
    bool first = true;
    for (const Value& item : items_of(self)) {
        if (!first) text += separator;
        first = false;
        append_display(text, item);
    }
    return make_string(std::move(text));
}

Value reverse(Runtime&, const Value& self, const Value*, size_t) {
    std::reverse(items_of(self).begin(), items_of(self).end());
    return Value::null();
}

Value slice(Runtime&, const Value& self, const Value* args, size_t) {
    const std::vector<Value>& items = items_of(self);
    size_t start = clamp_position(args[0].as_int(), items.size());
    size_t end = clamp_position(args[1].as_int(), items.size());
    if (start >= end) return make_array();
    return make_array(std::vector<Value>(items.begin() + static_cast<std::ptrdiff_t>(start),
                                         items.begin() + static_cast<std::ptrdiff_t>(end)));
}

enum class SortCategory { Number, String, None };

SortCategory sort_category(const Value& v) {
    if (v.is_number()) return SortCategory::Number;
    if (v.is_object_of(ObjectKind::String)) return SortCategory::String;
    return SortCategory::None;
}

// Integers compare exactly among themselves, everything else as binary64; NaN sorts last.
bool number_less(const Value& a, const Value& b) {
    if (a.is_int() && b.is_int()) return a.as_int() < b.as_int();
    double x = a.as_number();
    double y = b.as_number();
    if (std::isnan(x)) return false;
    if (std::isnan(y)) return true;
    return x < y;
}

bool string_less(const Value& a, const Value& b) { return as_string(a).text < as_string(b).text; }

Value sort(Runtime&, const Value& self, const Value*, size_t) {
    std::vector<Value>& items = items_of(self);
    if (items.empty()) return Value::null();
    SortCategory category = sort_category(items[0]);
    for (const Value& item : items) {
        if (category != SortCategory::None && sort_category(item) == category) continue;
        std::string message = "cannot compare ";
        message += type_name(items[0]);
        message += " and ";
        message += type_name(item);
        throw_error(ErrorKind::TypeError, std::move(message));
    }
    std::stable_sort(items.begin(), items.end(), category == SortCategory::Number ? number_less : string_less);
    return Value::null();
}

}  // namespace

std::span<const BuiltinMethod> array_methods() {
    static const BuiltinMethod table[] = {
        method("size", size),
        method("length", size),
        method("isEmpty", is_empty),
        method("push", push, {P::Any}),
        method("pop", pop),
        method("get", get, {P::Integer}),
        method("set", set, {P::Integer, P::Any}),
        method("remove", remove, {P::Integer}),
        method("indexOf", index_of, {P::Any}),
        method("contains", contains, {P::Any}),
        method("clear", clear),
        method("join", join, {P::String}),
        method("reverse", reverse),
        method("slice", slice, {P::Integer, P::Integer}),
        method("sort", sort),
        method("toString", display_method),
    };
    return table;
}

}  // namespace nyash
