#pragma once
// [T2] Finalization (spec §9.10) and weak fields (§9.11), shared by every backend. Finalizing an
// instance switches it to its class's finalized view (BoxClass::finalized_view), so the fast
// paths that cache a class never see it again and only the slow paths check.
#include <cstddef>
#include <functional>

#include "runtime/box_class.hpp"
#include "runtime/objects.hpp"
#include "runtime/symbol.hpp"

namespace nyash {

// The method name that runs the protocol on instances of ordinary user boxes.
Symbol fini_symbol();

// Whether `receiver.fini(...)` runs the protocol: an instance of an ordinary user box, live or
// finalized. On a static singleton or a built-in, `fini` is an ordinary method name.
inline bool runs_fini_protocol(const Value& receiver) {
    return receiver.is_object_of(ObjectKind::Instance) && !as_instance(receiver).cls->is_static();
}

// Runs a user-defined `fini` method on an instance (normal dispatch, no arguments): the backend's part.
using UserFiniCall = std::function<void(const Value& instance, const MethodInfo& method)>;

// `receiver.fini()` with `argc` arguments: the protocol with its cascade. Errors (arity, or any
// raised by a user fini) propagate without a location.
void finalize(const Value& receiver, size_t argc, const UserFiniCall& call_fini);

// `FinalizedError: use of finalized instance of 'B'`.
[[noreturn]] void throw_finalized(const BoxClass& cls);

inline bool is_finalized_instance(const Value& v) {
    return v.is_object_of(ObjectKind::Instance) && as_instance(v).cls->is_finalized();
}

// What reading a field yields: a weak field that refers to a finalized instance reads as null.
inline Value read_field_value(const BoxClass& cls, const InstanceObj& instance, int slot) {
    const Value& value = instance.fields[static_cast<size_t>(slot)];
    if (cls.field_is_weak(slot) && is_finalized_instance(value)) return Value();
    return value;
}

}  // namespace nyash
