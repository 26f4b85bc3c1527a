#pragma once
#include "runtime/box_class.hpp"
#include "runtime/builtins.hpp"

namespace nyash::interp {

// Monomorphic inline cache of one member-access site (FieldExpr / MethodCallExpr::site):
// the receiver class last seen and what the lookup found for it, so a warm site costs one
// pointer compare instead of a hash lookup.
struct SiteCache {
    const BoxClass* cls = nullptr;       // user-box receiver class the entries below belong to
    int field_slot = -1;                 // field sites
    const MethodInfo* method = nullptr;  // method-call sites
    BuiltinReceiver builtin_receiver = BuiltinReceiver::None;  // built-in receiver last seen
    const BuiltinMethod* builtin = nullptr;                    // its method, when found
};

}  // namespace nyash::interp
