#include "runtime/finalization.hpp"

#include <string>
#include <vector>

#include "runtime/error.hpp"

namespace nyash {
namespace {

[[noreturn]] void throw_fini_arity(const BoxClass& cls, size_t expected, size_t got) {
    throw_error(ErrorKind::TypeError, "wrong number of arguments for " + cls.name() + ".fini: expected " +
                                          std::to_string(expected) + ", got " + std::to_string(got));
}

// One instance whose cascade is in progress: its fields below `next` remain to be visited.
struct Pending {
    Value instance;  // held, so a user fini that clears fields cannot free what is being walked
    size_t next;
};

}  // namespace

Symbol fini_symbol() {
    static const Symbol name = intern("fini");
    return name;
}

void throw_finalized(const BoxClass& cls) {
    throw_error(ErrorKind::FinalizedError, "use of finalized instance of '" + cls.name() + "'");
}

// Depth first with an explicit stack: a chain of a million instances must not recurse natively.
// Each instance runs its own fini before its fields are visited, in reverse field order.
void finalize(const Value& receiver, size_t argc, const UserFiniCall& call_fini) {
    if (argc != 0) throw_fini_arity(as_instance(receiver).cls->live_class(), 0, argc);
    std::vector<Pending> pending;
    auto begin = [&](const Value& value) {
        InstanceObj& instance = as_instance(value);
        if (instance.fini_state != FiniState::Live) return;  // step 1: idempotent
        instance.fini_state = FiniState::Finalizing;
        if (const MethodInfo* method = instance.cls->find_method(fini_symbol())) {
            if (method->arity != 0) throw_fini_arity(*instance.cls, static_cast<size_t>(method->arity), 0);
            call_fini(value, *method);
        }
        pending.push_back({value, instance.fields.size()});
    };
    begin(receiver);
    while (!pending.empty()) {
        InstanceObj& instance = as_instance(pending.back().instance);
        if (pending.back().next == 0) {
            instance.fini_state = FiniState::Finalized;
            instance.cls = instance.cls->finalized_view();
            pending.pop_back();
            continue;
        }
        size_t slot = --pending.back().next;
        if (instance.cls->field_is_weak(static_cast<int>(slot))) continue;
        Value field = instance.fields[slot];
        if (runs_fini_protocol(field)) begin(field);
    }
}

}  // namespace nyash
