#pragma once
// The program-wide constant pool K: MIR constants become Values, deduplicated.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "mir/mir.hpp"
#include "runtime/value.hpp"

namespace nyash::vm {

class ConstantPool {
public:
    explicit ConstantPool(std::vector<Value>& values) : values_(values) {}

    // Index of `c` in the pool, adding it if absent. Floats are keyed by their bits, so 0.0 and
    // -0.0 stay distinct.
    uint32_t intern(const mir::Constant& c);
    const std::vector<Value>& values() const { return values_; }

private:
    // A hash map rather than std::map: the red-black tree code would be the only libstdc++ code
    // a VM run touches beyond what the interpreter touches (64 KiB more resident code pages).
    struct Key {
        mir::Constant::Kind kind;
        uint64_t bits;  // integer value or float bits
        std::string text;
        friend bool operator==(const Key&, const Key&) = default;
    };
    struct KeyHash {
        size_t operator()(const Key& key) const {
            return std::hash<std::string>{}(key.text) ^ (key.bits * 0x9E3779B97F4A7C15ull) ^ static_cast<size_t>(key.kind);
        }
    };
    std::vector<Value>& values_;
    std::unordered_map<Key, uint32_t, KeyHash> index_;
};

// The run-time value of a MIR constant (strings are allocated).
Value constant_value(const mir::Constant& c);

}  // namespace nyash::vm
