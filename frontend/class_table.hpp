#pragma once
#include <memory>
#include <span>
#include <vector>

#include "frontend/ast.hpp"
#include "runtime/box_class.hpp"
#include "runtime/carried_statics.hpp"
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

// The classes of one run: the program's, shared and read-only. A static box's singleton gains
// fields on assignment (spec §9.8); a run records those here, in the slots after its class's own
// fields, so the program's classes stay untouched and a run that gains none pays nothing.
class RunClasses {
public:
    explicit RunClasses(const ClassTable& program_classes) : shared_(program_classes) {}
    const BoxClass& at(int box_index) const { return shared_.at(box_index); }

    // The slot of field `name` in an instance of `cls`, counting the fields a static box gained
    // in this run; -1 if it has none.
    int field_slot(const BoxClass& cls, Symbol name) const {
        int slot = cls.field_slot(name);
        if (slot < 0 && !gained_.empty() && cls.is_static()) return gained_slot(cls, name);
        return slot;
    }
    // Gives static `singleton` a new field `name` (null) and returns its slot.
    int add_static_field(InstanceObj& singleton, Symbol name);

    // The singleton of static box `cls` for this run, and whether its `static { }` is still to
    // run: a new instance, or the one `carried` holds from a REPL session's earlier run (with the
    // fields it gained). `carried` is null outside the REPL.
    Value open_singleton(const BoxClass& cls, CarriedStatics* carried, bool& init_pending);
    // Leaves this run's singletons (by box index; null for ordinary boxes), their gained fields and
    // their initializers' state in `carried` for the session's next run.
    void carry_singletons(CarriedStatics& carried, std::span<const Value> singletons,
                          std::span<const uint8_t> init_pending) const;

private:
    int gained_slot(const BoxClass& cls, Symbol name) const;

    struct GainedField {
        uint32_t box;  // class index
        Symbol name;
    };
    const ClassTable& shared_;
    std::vector<GainedField> gained_;  // in the order gained: a box's n-th takes slot field_count() + n
};

}  // namespace nyash
