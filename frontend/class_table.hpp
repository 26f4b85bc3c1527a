#pragma once
#include <memory>
#include <vector>

#include "frontend/ast.hpp"
#include "runtime/box_class.hpp"
#include "runtime/objects.hpp"

namespace nyash {

// The run-time classes of a resolved program, indexed like Program::boxes. Built once per
// compiled program; every run works on a RunClasses over it.
struct ClassTable {
    std::vector<std::unique_ptr<BoxClass>> classes;
    BoxClass& at(int box_index) { return *classes[static_cast<size_t>(box_index)]; }
    const BoxClass& at(int box_index) const { return *classes[static_cast<size_t>(box_index)]; }
};

ClassTable build_class_table(const ast::Program& program);

// The classes of one run: the program's, shared and read-only, except that a static box whose
// singleton gains a field (spec §9.8) gets a copy of its class for this run. Static boxes neither
// delegate nor are delegated to, so no other class points at them; the copy shares the method
// table, so it is cheap, and runs that add no fields copy nothing.
class RunClasses {
public:
    explicit RunClasses(const ClassTable& program_classes) : shared_(program_classes) {}
    const BoxClass& at(int box_index) const {
        const auto index = static_cast<size_t>(box_index);
        if (index < copies_.size() && copies_[index]) return *copies_[index];
        return shared_.at(box_index);
    }
    // The class `singleton` can gain fields in: this run's copy, made on first use (the
    // singleton is switched over to it).
    BoxClass& static_class(InstanceObj& singleton);

private:
    const ClassTable& shared_;
    std::vector<std::unique_ptr<BoxClass>> copies_;  // by box index; null until copied
};

}  // namespace nyash
