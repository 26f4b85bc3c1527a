#pragma once
// The program-wide constant pool K: MIR constants become Values, deduplicated.
#include <cstdint>
#include <map>
#include <string>
#include <tuple>
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
    using Key = std::tuple<mir::Constant::Kind, uint64_t, std::string>;
    std::vector<Value>& values_;
    std::map<Key, uint32_t> index_;
};

// The run-time value of a MIR constant (strings are allocated).
Value constant_value(const mir::Constant& c);

}  // namespace nyash::vm
