#pragma once
#include <memory>
#include <vector>

#include "frontend/ast.hpp"
#include "runtime/box_class.hpp"

namespace nyash {

// The run-time classes of a resolved program, indexed like Program::boxes. Static boxes gain
// fields at run time, so each program run builds its own table.
struct ClassTable {
    std::vector<std::unique_ptr<BoxClass>> classes;
    BoxClass& at(int box_index) { return *classes[static_cast<size_t>(box_index)]; }
    const BoxClass& at(int box_index) const { return *classes[static_cast<size_t>(box_index)]; }
};

ClassTable build_class_table(const ast::Program& program);

}  // namespace nyash
