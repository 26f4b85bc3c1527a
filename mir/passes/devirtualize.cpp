#include <vector>

#include "mir/passes/passes.hpp"

namespace nyash::mir {
namespace {

// The box whose instance each value certainly is (-1: unknown), and whether that is exact
// (made by NewBox here) or only "this box or a descendant" (`me` in a method).
struct KnownClass {
    int64_t box = -1;
    bool exact = false;
};

std::vector<KnownClass> known_classes(const Function& fn) {
    std::vector<KnownClass> known(fn.value_count());
    for (const Block& block : fn.blocks) {
        for (const Instr& instr : block.instrs) {
            if (instr.op == Op::NewBox || instr.op == Op::StaticBox) known[instr.dst] = {instr.imm, true};
            if (instr.op == Op::Param && instr.imm == 0 && fn.owner_box >= 0) known[instr.dst] = {fn.owner_box, false};
        }
    }
    return known;
}

// A method call is bound only on an exact class: a descendant may override the method.
void bind_call(Instr& call, const KnownClass& receiver, const ClassTable& classes, bool& changed) {
    if (receiver.box < 0 || !receiver.exact) return;
    const MethodInfo* method = classes.at(static_cast<int>(receiver.box)).find_method(call.symbol);
    if (method == nullptr || static_cast<size_t>(method->arity) + 1 != call.args.size()) return;
    call.op = Op::Call;
    call.imm = method->callable_id;
    call.site = -1;
    changed = true;
}

// A declared field has the same slot in the box and all its descendants. A static box's fields
// appear at run time, so its slots are left to the run.
void bind_field(Instr& access, const KnownClass& object, const ClassTable& classes, bool& changed) {
    if (object.box < 0 || access.field_slot >= 0) return;
    const BoxClass& cls = classes.at(static_cast<int>(object.box));
    const int slot = cls.field_slot(access.symbol);
    // A weak field's read checks its referent (spec §9.11): it keeps its cache site.
    if (cls.is_static() || slot < 0 || cls.field_is_weak(slot)) return;
    access.field_slot = slot;
    changed = true;
}

}  // namespace

bool devirtualize(Function& fn, const Module& module) {
    std::vector<KnownClass> known = known_classes(fn);
    // A finalized instance must fail every field access and method call (spec §9.10): with
    // `fini()` in the program only static singletons, which are never finalized, are bound.
    if (module.finalizes)
        for (KnownClass& k : known)
            if (k.box >= 0 && !module.classes->at(static_cast<int>(k.box)).is_static()) k = KnownClass{};
    bool changed = false;
    for (Block& block : fn.blocks) {
        for (Instr& instr : block.instrs) {
            if (instr.op == Op::BoxCall) bind_call(instr, known[instr.args[0]], *module.classes, changed);
            if (instr.op == Op::GetField || instr.op == Op::SetField)
                bind_field(instr, known[instr.a], *module.classes, changed);
        }
    }
    return changed;
}

}  // namespace nyash::mir
