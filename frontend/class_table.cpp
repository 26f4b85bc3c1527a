// Builds the run-time classes from a resolved program (one that resolve() accepted, so every
// delegation chain ends and every callable has its id).
#include "frontend/class_table.hpp"

namespace nyash {
namespace {

MethodInfo method_info(const ast::Callable& callable, const BoxClass& owner) {
    return MethodInfo{callable.id, static_cast<int>(callable.params.size()), &owner};
}

// A child starts from a copy of its parent's layout and method table (spec §9.2, §9.4, §9.5),
// then adds its own declarations on top.
std::unique_ptr<BoxClass> build_class(const ast::BoxDecl& decl, uint32_t index, const BoxClass* parent) {
    auto box_class = std::make_unique<BoxClass>(decl.name, index, decl.is_static, parent);
    if (parent) {
        for (size_t slot = 0; slot < parent->field_count(); ++slot)
            box_class->add_field(parent->fields()[slot], parent->field_is_weak(static_cast<int>(slot)));
        for (const auto& [name, info] : parent->methods()) box_class->set_method(name, info);
        if (const MethodInfo* constructor = parent->constructor()) box_class->set_constructor(*constructor);
    }
    // A field redeclared along the chain stays the ancestor's field (and keeps its weak flag).
    for (const ast::FieldDecl& field : decl.fields) box_class->add_field(intern(field.name), field.weak);
    for (const auto& method : decl.methods)
        box_class->set_method(intern(method->name), method_info(*method, *box_class));
    if (decl.constructor) box_class->set_constructor(method_info(*decl.constructor, *box_class));
    if (decl.static_init) box_class->set_static_init(decl.static_init->id);
    if (!decl.is_static) box_class->make_finalized_view();
    return box_class;
}

}  // namespace

ClassTable build_class_table(const ast::Program& program) {
    ClassTable table;
    table.classes.resize(program.boxes.size());
    for (size_t start = 0; start < program.boxes.size(); ++start) {
        // Build the not-yet-built part of this box's chain, root first (delegation order).
        std::vector<size_t> pending;
        for (int node = static_cast<int>(start); node >= 0 && !table.classes[static_cast<size_t>(node)];
             node = program.boxes[static_cast<size_t>(node)]->parent_index)
            pending.push_back(static_cast<size_t>(node));
        for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
            const ast::BoxDecl& decl = *program.boxes[*it];
            const BoxClass* parent = decl.parent_index >= 0 ? &table.at(decl.parent_index) : nullptr;
            table.classes[*it] = build_class(decl, static_cast<uint32_t>(*it), parent);
        }
    }
    return table;
}

int RunClasses::gained_slot(const BoxClass& cls, Symbol name) const {
    int slot = static_cast<int>(cls.field_count());
    for (const GainedField& field : gained_) {
        if (field.box != cls.index()) continue;
        if (field.name == name) return slot;
        ++slot;
    }
    return -1;
}

int RunClasses::add_static_field(InstanceObj& singleton, Symbol name) {
    gained_.push_back({singleton.cls->index(), name});
    add_gained_field(singleton);
    return static_cast<int>(singleton.fields.size() - 1);
}

Value RunClasses::open_singleton(const BoxClass& cls, CarriedStatics* carried, bool& init_pending) {
    if (carried != nullptr) {
        if (auto found = carried->find(cls.name()); found != carried->end()) {
            for (Symbol name : found->second.gained) gained_.push_back({cls.index(), name});
            init_pending = cls.static_init_id() >= 0 && !found->second.init_started;
            return found->second.singleton;
        }
    }
    init_pending = cls.static_init_id() >= 0;
    return make_instance(&cls);
}

void RunClasses::carry_singletons(CarriedStatics& carried, std::span<const Value> singletons,
                                  std::span<const uint8_t> init_pending) const {
    for (size_t box = 0; box < singletons.size(); ++box) {
        if (singletons[box].is_null()) continue;
        const BoxClass& cls = at(static_cast<int>(box));
        CarriedStatic& carry = carried[cls.name()];
        carry.singleton = singletons[box];
        carry.gained.clear();
        for (const GainedField& field : gained_)
            if (field.box == cls.index()) carry.gained.push_back(field.name);
        carry.init_started = cls.static_init_id() >= 0 && init_pending[box] == 0;
    }
}

}  // namespace nyash
