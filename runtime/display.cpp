#include "runtime/display.hpp"

#include <charconv>
#include <cmath>
#include <vector>

#include "runtime/objects.hpp"

namespace nyash {
namespace {

bool is_nested(const Value& v) {
    return v.is_object_of(ObjectKind::Array) || v.is_object_of(ObjectKind::Map);
}

// Every value except arrays and maps: nothing inside to walk.
void append_flat(std::string& out, const Value& v) {
    switch (v.tag()) {
        case ValueTag::Null: out += "null"; return;
        case ValueTag::Bool: out += v.as_bool() ? "true" : "false"; return;
        case ValueTag::Int: append_integer(out, v.as_int()); return;
        case ValueTag::Float: append_float(out, v.as_float()); return;
        case ValueTag::Object: break;
    }
    switch (v.as_object()->kind) {
        case ObjectKind::String: out += as_string(v).text; return;
        case ObjectKind::Instance:
            out += '<';
            out += as_instance(v).cls->name();
            out += " instance>";
            return;
        default:
            out += '<';
            out += type_name(v);
            out += '>';
            return;
    }
}

// Display walks nested containers with an explicit stack, so a million-deep nesting cannot
// overflow the native stack. Each frame is a container on the current nesting path.
struct Frame {
    Object* container;
    size_t next = 0;   // next element (array) or slot (map) to show
    size_t shown = 0;  // elements shown so far, for the ", " separators
};

class DisplayWalk {
public:
    explicit DisplayWalk(std::string& out) : out_(out) {}
    DisplayWalk(const DisplayWalk&) = delete;
    DisplayWalk& operator=(const DisplayWalk&) = delete;
    // Clears the path marks even when appending throws (out of memory).
    ~DisplayWalk() {
        for (Frame& frame : path_) frame.container->on_display_path = false;
    }

    void run(Object* root) {
        enter(root);
        while (!path_.empty()) {
            const Value* element = next_element(path_.back());
            if (element == nullptr) {
                leave();
            } else if (is_nested(*element)) {
                enter(element->as_object());
            } else {
                append_flat(out_, *element);
            }
        }
    }

private:
    void enter(Object* container) {
        bool is_array = container->kind == ObjectKind::Array;
        if (container->on_display_path) {
            out_ += is_array ? "[...]" : "{...}";
            return;
        }
        path_.push_back(Frame{container});
        container->on_display_path = true;
        out_ += is_array ? '[' : '{';
    }

    void leave() {
        Object* container = path_.back().container;
        out_ += container->kind == ObjectKind::Array ? ']' : '}';
        container->on_display_path = false;
        path_.pop_back();
    }

    // Writes the separator (and a map key) and returns the next element, or nullptr when done.
    const Value* next_element(Frame& frame) {
        if (frame.container->kind == ObjectKind::Array) {
            const std::vector<Value>& items = static_cast<ArrayObj*>(frame.container)->items;
            if (frame.next == items.size()) return nullptr;
            if (frame.shown++ > 0) out_ += ", ";
            return &items[frame.next++];
        }
        const std::vector<MapObj::Entry>& slots = static_cast<MapObj*>(frame.container)->slots();
        while (frame.next < slots.size() && !slots[frame.next].live) ++frame.next;
        if (frame.next == slots.size()) return nullptr;
        if (frame.shown++ > 0) out_ += ", ";
        const MapObj::Entry& entry = slots[frame.next++];
        out_ += entry.key;
        out_ += ": ";
        return &entry.value;
    }

    std::string& out_;
    std::vector<Frame> path_;
};

}  // namespace

void append_integer(std::string& out, int64_t i) {
    char buffer[24];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, i);
    out.append(buffer, result.ptr);
}

// §6.3: the shortest round-trip digits come from to_chars' scientific form ("d.ddde±XX"),
// which is then laid out positionally.
void append_float(std::string& out, double d) {
    if (std::isnan(d)) {
        out += "NaN";
        return;
    }
    if (std::isinf(d)) {
        out += d < 0 ? "-inf" : "inf";
        return;
    }
    char buffer[32];
    const char* end = std::to_chars(buffer, buffer + sizeof buffer, d, std::chars_format::scientific).ptr;
    const char* p = buffer;
    if (*p == '-') {
        out += '-';
        ++p;
    }
    char digits[20];
    size_t digit_count = 0;
    for (; *p != 'e'; ++p)
        if (*p != '.') digits[digit_count++] = *p;
    int exponent = 0;
    std::from_chars(p + 1 + (p[1] == '+'), end, exponent);

    if (exponent < 0) {
        out += "0.";
        out.append(static_cast<size_t>(-exponent - 1), '0');
        out.append(digits, digit_count);
        return;
    }
    auto integer_digits = static_cast<size_t>(exponent) + 1;
    if (digit_count <= integer_digits) {
        out.append(digits, digit_count);
        out.append(integer_digits - digit_count, '0');
        out += ".0";
    } else {
        out.append(digits, integer_digits);
        out += '.';
        out.append(digits + integer_digits, digit_count - integer_digits);
    }
}

std::string format_float(double d) {
    std::string out;
    append_float(out, d);
    return out;
}

void append_display(std::string& out, const Value& v) {
    if (!is_nested(v)) {
        append_flat(out, v);
        return;
    }
    DisplayWalk(out).run(v.as_object());
}

std::string display(const Value& v) {
    if (v.is_object_of(ObjectKind::String)) return as_string(v).text;
    std::string out;
    append_display(out, v);
    return out;
}

std::string_view type_name(const Value& v) {
    switch (v.tag()) {
        case ValueTag::Null: return "NullBox";
        case ValueTag::Bool: return "BoolBox";
        case ValueTag::Int: return "IntegerBox";
        case ValueTag::Float: return "FloatBox";
        case ValueTag::Object: break;
    }
    switch (v.as_object()->kind) {
        case ObjectKind::String: return "StringBox";
        case ObjectKind::Array: return "ArrayBox";
        case ObjectKind::Map: return "MapBox";
        case ObjectKind::Instance: return as_instance(v).cls->name();
        case ObjectKind::Console: return "ConsoleBox";
        case ObjectKind::Math: return "MathBox";
        case ObjectKind::Debug: return "DebugBox";
        case ObjectKind::Time: return "TimeBox";
        case ObjectKind::Exception: return "Exception";
    }
    return "Box";
}

}  // namespace nyash
