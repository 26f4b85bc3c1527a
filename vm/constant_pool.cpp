#include "vm/constant_pool.hpp"

#include <bit>

#include "runtime/objects.hpp"

namespace nyash::vm {

Value constant_value(const mir::Constant& c) {
    switch (c.kind) {
    case mir::Constant::Kind::Null: return Value::null();
    case mir::Constant::Kind::Bool: return Value::boolean(c.int_value != 0);
    case mir::Constant::Kind::Int: return Value::integer(c.int_value);
    case mir::Constant::Kind::Float: return Value::real(c.float_value);
    case mir::Constant::Kind::String: return make_string(c.string_value);
    }
    return Value::null();
}

uint32_t ConstantPool::intern(const mir::Constant& c) {
    uint64_t bits = c.kind == mir::Constant::Kind::Float ? std::bit_cast<uint64_t>(c.float_value)
                                                         : static_cast<uint64_t>(c.int_value);
    Key key{c.kind, bits, c.kind == mir::Constant::Kind::String ? c.string_value : std::string()};
    auto [it, inserted] = index_.try_emplace(std::move(key), static_cast<uint32_t>(values_.size()));
    if (inserted) values_.push_back(constant_value(c));
    return it->second;
}

}  // namespace nyash::vm
