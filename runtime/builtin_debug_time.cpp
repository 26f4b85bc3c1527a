// DebugBox (spec §11.8) and TimeBox (spec §11.9) methods.
#include <algorithm>
#include <chrono>
#include <initializer_list>
#include <iterator>
#include <string>
#include <thread>

#include "runtime/builtin_method.hpp"
#include "runtime/error.hpp"
#include "runtime/objects.hpp"
#include "runtime/runtime.hpp"

namespace nyash {
namespace {

using P = ParamType;

DebugObj& debug_of(const Value& self) { return *static_cast<DebugObj*>(self.as_object()); }
TimeObj& time_of(const Value& self) { return *static_cast<TimeObj*>(self.as_object()); }

template <bool On>
Value set_tracking(Runtime&, const Value& self, const Value*, size_t) {
    DebugObj& debug = debug_of(self);
    if (On && !debug.tracking) {
        const HeapStats& stats = heap_stats();
        std::copy(std::begin(stats.by_kind), std::end(stats.by_kind), std::begin(debug.kinds_at_start));
    }
    debug.tracking = On;
    return Value::null();
}

Value is_tracking(Runtime&, const Value& self, const Value*, size_t) {
    return Value::boolean(debug_of(self).tracking);
}

// Boxes (is_box) allocated since tracking started, with their record bytes, in all and by kind.
// Only figures that are the same on every backend: when a box is freed is not, since the VM
// reuses a variable's register after its last use while the interpreter keeps the value until
// the variable goes out of scope or is assigned (--profile-vm reports live and peak bytes per
// backend instead, docs/profiling.md).
Value memory_report(Runtime&, const Value& self, const Value*, size_t) {
    const DebugObj& debug = debug_of(self);
    if (!debug.tracking) return make_string("[memory] tracking=off");
    const HeapStats& stats = heap_stats();
    uint64_t allocations = 0;
    uint64_t bytes = 0;
    auto allocated = [&](std::initializer_list<ObjectKind> kinds) {
        uint64_t count = 0;
        for (ObjectKind kind : kinds) {
            const KindStats& now = stats.by_kind[static_cast<size_t>(kind)];
            const KindStats& then = debug.kinds_at_start[static_cast<size_t>(kind)];
            count += now.allocations - then.allocations;
            bytes += now.bytes_allocated - then.bytes_allocated;
        }
        allocations += count;
        return std::to_string(count);
    };
    const std::string instances = allocated({ObjectKind::Instance});
    const std::string arrays = allocated({ObjectKind::Array});
    const std::string maps = allocated({ObjectKind::Map});
    const std::string services = allocated({ObjectKind::Console, ObjectKind::Math, ObjectKind::Debug, ObjectKind::Time});
    return make_string("[memory] tracking=on boxes_allocated=" + std::to_string(allocations) +
                       " bytes_allocated=" + std::to_string(bytes) + " instances=" + instances + " arrays=" + arrays +
                       " maps=" + maps + " services=" + services);
}

template <typename Unit, typename Clock>
int64_t count_since(typename Clock::time_point start) {
    return std::chrono::duration_cast<Unit>(Clock::now() - start).count();
}

// Not in spec §11.8: the REPL's channel for top-level locals (docs/repl.md); null elsewhere.
Value repl_session(Runtime& rt, const Value&, const Value*, size_t) {
    return rt.repl_session() ? *rt.repl_session() : Value::null();
}

Value now(Runtime&, const Value&, const Value*, size_t) {
    using std::chrono::system_clock;
    return Value::integer(count_since<std::chrono::milliseconds, system_clock>(system_clock::time_point()));
}

Value elapsed(Runtime&, const Value& self, const Value*, size_t) {
    return Value::integer(count_since<std::chrono::milliseconds, std::chrono::steady_clock>(time_of(self).start));
}

Value elapsed_micros(Runtime&, const Value& self, const Value*, size_t) {
    return Value::integer(count_since<std::chrono::microseconds, std::chrono::steady_clock>(time_of(self).start));
}

Value reset(Runtime&, const Value& self, const Value*, size_t) {
    time_of(self).start = std::chrono::steady_clock::now();
    return Value::null();
}

Value sleep(Runtime&, const Value&, const Value* args, size_t) {
    int64_t milliseconds = args[0].as_int();
    if (milliseconds < 0)
        throw_error(ErrorKind::ValueError, "negative sleep duration " + std::to_string(milliseconds));
    std::this_thread::sleep_for(std::chrono::milliseconds(milliseconds));
    return Value::null();
}

}  // namespace

std::span<const BuiltinMethod> debug_methods() {
    static const BuiltinMethod table[] = {
        method("startMemoryTracking", set_tracking<true>),
        method("startTracking", set_tracking<true>),
        method("stopMemoryTracking", set_tracking<false>),
        method("stopTracking", set_tracking<false>),
        method("isTracking", is_tracking),
        method("memoryReport", memory_report),
        method("replSession", repl_session),
        method("toString", display_method),
    };
    return table;
}

std::span<const BuiltinMethod> time_methods() {
    static const BuiltinMethod table[] = {
        method("now", now),
        method("elapsed", elapsed),
        method("elapsedMicros", elapsed_micros),
        method("reset", reset),
        method("sleep", sleep, {P::Integer}),
        method("toString", display_method),
    };
    return table;
}

}  // namespace nyash
