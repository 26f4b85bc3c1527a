#pragma once
#include <chrono>
#include <exception>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/box_class.hpp"
#include "runtime/object.hpp"
#include "runtime/value.hpp"

namespace nyash {

// Live heap statistics (DebugBox.memoryReport, --profile-vm, leak tests). Process-wide: like the
// reference counts, the heap is single-threaded (one thread runs programs at a time).
inline constexpr size_t kObjectKindCount = static_cast<size_t>(ObjectKind::Exception) + 1;

// Boxes are every object but strings and exceptions in flight. Only explicit `new` and built-in
// methods create them, and only the program's references keep them, so their figures are the
// same on every backend; strings are temporaries whose number depends on the backend.
constexpr bool is_box(ObjectKind kind) { return kind != ObjectKind::String && kind != ObjectKind::Exception; }

// An object's record bytes: its C++ object plus, for an instance, its field slots. Fixed for the
// object's life (string text, array elements and map entries, which grow, are not included), so
// the same on every backend and every allocator. Read from the object alone, never its class:
// an instance may outlive its program's classes (an uncaught thrown instance) and a finalized
// one has its class's finalized view. A static singleton's gained field is counted when gained.
size_t record_bytes(const Object& object);

struct KindStats {
    uint64_t allocations = 0;
    uint64_t frees = 0;
    uint64_t bytes_allocated = 0;  // record bytes
    uint64_t bytes_freed = 0;
    uint64_t live_objects() const { return allocations - frees; }
    uint64_t live_bytes() const { return bytes_allocated - bytes_freed; }
};

struct HeapStats {
    uint64_t allocations = 0;   // objects allocated so far
    uint64_t frees = 0;         // objects freed so far
    uint64_t box_allocations = 0;  // see is_box
    KindStats by_kind[kObjectKindCount];
    uint64_t live_bytes = 0;       // record bytes of every live object
    uint64_t peak_live_bytes = 0;  // since the process started or reset_peak_live_bytes
    uint64_t live_objects() const { return allocations - frees; }
};

// Immutable UTF-8 string. `s = s + x` may append in place when the object is uniquely owned
// (refcount 1); otherwise it is never mutated after creation.
struct StringObj : Object {
    std::string text;
    int64_t code_points = -1;  // cached length in code points; -1 = not computed
    StringObj() : Object(ObjectKind::String) {}
    explicit StringObj(std::string t) : Object(ObjectKind::String), text(std::move(t)) {}
    int64_t length();
};

// Arrays, maps and instances hold references, so they can form cycles. The heap keeps a registry
// of them (heap_slot is the position in it) so collect_cycles() can find unreachable cycles.
struct ContainerObject : Object {
    uint32_t heap_slot = 0;
    using Object::Object;
};

struct ArrayObj : ContainerObject {
    std::vector<Value> items;
    ArrayObj() : ContainerObject(ObjectKind::Array) {}
};

// String-keyed, insertion-ordered map (spec §11.5).
class MapObj : public ContainerObject {
public:
    struct Entry {
        std::string key;
        Value value;
        bool live = true;
    };

    MapObj() : ContainerObject(ObjectKind::Map) {}
    void set(const std::string& key, Value value);
    const Value* get(const std::string& key) const;  // nullptr when absent
    bool remove(const std::string& key);
    void clear();
    size_t size() const { return index_.size(); }
    // Visits live entries in insertion order.
    template <typename F>
    void for_each(F&& visit) const {
        for (const auto& entry : entries_)
            if (entry.live) visit(entry.key, entry.value);
    }
    // All entries in insertion order, including deleted ones (live == false), for walks that
    // must pause and resume (the iterative display).
    const std::vector<Entry>& slots() const { return entries_; }

private:
    void compact();
    std::vector<Entry> entries_;  // deleted entries are tombstones until compaction
    std::unordered_map<std::string, size_t> index_;
};

enum class FiniState : uint8_t { Live, Finalizing, Finalized };

// An instance of a user box, or a static box's singleton.
struct InstanceObj : ContainerObject {
    const BoxClass* cls;
    std::vector<Value> fields;  // indexed by BoxClass field slot
    FiniState fini_state = FiniState::Live;
    explicit InstanceObj(const BoxClass* c)
        : ContainerObject(ObjectKind::Instance), cls(c), fields(c->field_count()) {}
};

struct ConsoleObj : Object {
    ConsoleObj() : Object(ObjectKind::Console) {}
};
struct MathObj : Object {
    MathObj() : Object(ObjectKind::Math) {}
};
struct DebugObj : Object {
    bool tracking = false;
    // The heap's figures when tracking last started; memoryReport counts from there.
    KindStats kinds_at_start[kObjectKindCount];
    DebugObj() : Object(ObjectKind::Debug) {}
};
struct TimeObj : Object {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    TimeObj() : Object(ObjectKind::Time) {}
};

// An error caught by a `finally` handler and held in a register until the handler rethrows it,
// unchanged (kind, message, location, trace). Only the VM creates these (docs/bytecode.md).
struct ExceptionObj : Object {
    std::exception_ptr error;
    explicit ExceptionObj(std::exception_ptr e) : Object(ObjectKind::Exception), error(std::move(e)) {}
};

// Allocation is the runtime's job alone (heap.cpp counts every allocation for DebugBox and
// --profile-vm). These return a Value owning the single reference.
Value make_string(std::string text);
// When the caller already knows the length in code points (saves the first length() scan).
Value make_string(std::string text, int64_t code_points);
Value make_array(std::vector<Value> items = {});
Value make_map();
Value make_instance(const BoxClass* cls);
Value make_service(ObjectKind kind);  // Console, Math, Debug or Time
Value make_exception(std::exception_ptr error);

// Typed views; callers check the kind first.
inline StringObj& as_string(const Value& v) { return *static_cast<StringObj*>(v.as_object()); }
inline ArrayObj& as_array(const Value& v) { return *static_cast<ArrayObj*>(v.as_object()); }
inline MapObj& as_map(const Value& v) { return *static_cast<MapObj*>(v.as_object()); }
inline InstanceObj& as_instance(const Value& v) { return *static_cast<InstanceObj*>(v.as_object()); }

const HeapStats& heap_stats();
// Gives a static singleton one more field slot (null), counted in its record bytes.
void add_gained_field(InstanceObj& singleton);
// Restarts the peak at the current live bytes (--profile-vm, per run).
void reset_peak_live_bytes();

// Frees every array, map and instance that is unreachable except through reference cycles
// (plus whatever only they hold), without running any user code. Objects referenced from outside
// the heap (a Value anywhere in native code) and everything they reach stay untouched, so it is
// safe at any point; backends call it when a run ends so that a run leaves nothing behind.
// Returns the number of containers freed.
size_t collect_cycles();

// Runs collect_cycles() when destroyed, also when an error unwinds. A backend declares one
// before the members that hold Values, so the collection sees them released.
struct CollectCyclesOnExit {
    CollectCyclesOnExit() = default;
    CollectCyclesOnExit(const CollectCyclesOnExit&) = delete;
    CollectCyclesOnExit& operator=(const CollectCyclesOnExit&) = delete;
    ~CollectCyclesOnExit() { collect_cycles(); }
};

}  // namespace nyash
