#pragma once
#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "runtime/symbol.hpp"

namespace nyash {

class BoxClass;

// A user-level callable as the runtime sees it: which program callable (the backend maps the id
// to its code: an AST body for the interpreter, a bytecode function for the VM) and its arity.
struct MethodInfo {
    int callable_id = -1;
    int arity = 0;
    const BoxClass* owner = nullptr;  // the box that declares it
};

// The run-time description of a user box or static box: field layout and method table.
// Built once per program from the AST (frontend/class_table.hpp); backends only read it (the
// fields a static box gains at run time are kept per run, by RunClasses).
class BoxClass {
public:
    BoxClass(std::string name, uint32_t index, bool is_static, const BoxClass* parent)
        : name_(std::move(name)), index_(index), is_static_(is_static), parent_(parent) {}

    const std::string& name() const { return name_; }
    uint32_t index() const { return index_; }
    bool is_static() const { return is_static_; }
    const BoxClass* parent() const { return parent_; }

    // Field slots: ancestors' fields first, in declaration order (spec §9.2).
    const std::vector<Symbol>& fields() const { return fields_; }
    size_t field_count() const { return fields_.size(); }
    // A scan: boxes have few fields, and backends cache the slot per access site anyway.
    int field_slot(Symbol name) const {
        auto it = std::ranges::find(fields_, name);
        return it == fields_.end() ? -1 : static_cast<int>(it - fields_.begin());
    }
    bool field_is_weak(int slot) const { return weak_[static_cast<size_t>(slot)] != 0; }
    // Appends a field (layout construction). Returns its slot.
    int add_field(Symbol name, bool weak = false) {
        if (int existing = field_slot(name); existing >= 0) return existing;
        fields_.push_back(name);
        weak_.push_back(weak ? 1 : 0);
        return static_cast<int>(fields_.size() - 1);
    }

    // Method table flattened over the delegation chain: own methods override inherited ones.
    const MethodInfo* find_method(Symbol name) const {
        auto it = methods_.find(name);
        return it == methods_.end() ? nullptr : &it->second;
    }
    void set_method(Symbol name, MethodInfo info) { methods_[name] = info; }
    const std::unordered_map<Symbol, MethodInfo>& methods() const { return methods_; }

    // The effective constructor (own, else inherited); nullptr when the chain has none.
    const MethodInfo* constructor() const { return has_constructor_ ? &constructor_ : nullptr; }
    void set_constructor(MethodInfo info) {
        constructor_ = info;
        has_constructor_ = true;
    }

private:
    std::string name_;
    uint32_t index_;
    bool is_static_;
    const BoxClass* parent_;
    std::vector<Symbol> fields_;
    std::vector<uint8_t> weak_;  // by slot
    std::unordered_map<Symbol, MethodInfo> methods_;
    MethodInfo constructor_;
    bool has_constructor_ = false;
};

}  // namespace nyash
