// MapBox methods (spec §11.5). Keys are display forms; a String key is used without copying.
#include <string>

#include "runtime/builtin_method.hpp"
#include "runtime/display.hpp"
#include "runtime/objects.hpp"

namespace nyash {
namespace {

using P = ParamType;

class MapKey {
public:
    explicit MapKey(const Value& key) {
        if (key.is_object_of(ObjectKind::String)) {
            text_ = &as_string(key).text;
        } else {
            storage_ = display(key);
            text_ = &storage_;
        }
    }
    MapKey(const MapKey&) = delete;
    MapKey& operator=(const MapKey&) = delete;
    const std::string& text() const { return *text_; }

private:
    std::string storage_;
    const std::string* text_;
};

Value set(Runtime&, const Value& self, const Value* args, size_t) {
    as_map(self).set(MapKey(args[0]).text(), args[1]);
    return Value::null();
}

Value get(Runtime&, const Value& self, const Value* args, size_t) {
    const Value* found = as_map(self).get(MapKey(args[0]).text());
    return found ? *found : Value::null();
}

Value has(Runtime&, const Value& self, const Value* args, size_t) {
    return Value::boolean(as_map(self).get(MapKey(args[0]).text()) != nullptr);
}

Value remove(Runtime&, const Value& self, const Value* args, size_t) {
    return Value::boolean(as_map(self).remove(MapKey(args[0]).text()));
}

Value size(Runtime&, const Value& self, const Value*, size_t) {
    return Value::integer(static_cast<int64_t>(as_map(self).size()));
}

Value keys(Runtime&, const Value& self, const Value*, size_t) {
    std::vector<Value> keys;
    keys.reserve(as_map(self).size());
    as_map(self).for_each([&](const std::string& key, const Value&) { keys.push_back(make_string(key)); });
    return make_array(std::move(keys));
}

Value values(Runtime&, const Value& self, const Value*, size_t) {
    std::vector<Value> values;
    values.reserve(as_map(self).size());
    as_map(self).for_each([&](const std::string&, const Value& value) { values.push_back(value); });
    return make_array(std::move(values));
}

Value clear(Runtime&, const Value& self, const Value*, size_t) {
    as_map(self).clear();
    return Value::null();
}

}  // namespace

std::span<const BuiltinMethod> map_methods() {
    static const BuiltinMethod table[] = {
        method("set", set, {P::Any, P::Any}),
        method("get", get, {P::Any}),
        method("has", has, {P::Any}),
        method("delete", remove, {P::Any}),
        method("size", size),
        method("length", size),
        method("keys", keys),
        method("values", values),
        method("clear", clear),
        method("toString", display_method),
    };
    return table;
}

}  // namespace nyash
