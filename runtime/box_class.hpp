#pragma once
#include <algorithm>
#include <cstdint>
#include <memory>
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
    // A static box's gained fields (slots past field_count(), spec §9.8) are never weak.
    bool field_is_weak(int slot) const {
        return static_cast<size_t>(slot) < weak_.size() && weak_[static_cast<size_t>(slot)] != 0;
    }
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

    // [T2] The class a finalized instance of this box switches to (spec §9.10): same name, no
    // fields and no methods, so every inline cache misses on it and the slow paths, which check
    // is_finalized(), raise FinalizedError. Tier 1 code pays nothing for the check.
    bool is_finalized() const { return finalized_of_ != nullptr; }
    const BoxClass* finalized_view() const { return finalized_view_.get(); }
    // The class this is the finalized view of (itself for a live class).
    const BoxClass& live_class() const { return finalized_of_ ? *finalized_of_ : *this; }
    void make_finalized_view() {
        finalized_view_ = std::make_unique<BoxClass>(name_, index_, is_static_, parent_);
        finalized_view_->finalized_of_ = this;
    }

    // [T2] The callable id of the static box's `static { }` block, or -1.
    int static_init_id() const { return static_init_id_; }
    void set_static_init(int callable_id) { static_init_id_ = callable_id; }

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
    std::unique_ptr<BoxClass> finalized_view_;
    const BoxClass* finalized_of_ = nullptr;
    int static_init_id_ = -1;
};

}  // namespace nyash
