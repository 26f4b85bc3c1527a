#pragma once
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/box_class.hpp"
#include "runtime/object.hpp"
#include "runtime/value.hpp"

namespace nyash {

// Immutable UTF-8 string. `s = s + x` may append in place when the object is uniquely owned
// (refcount 1); otherwise it is never mutated after creation.
struct StringObj : Object {
    std::string text;
    int64_t code_points = -1;  // cached length in code points; -1 = not computed
    StringObj() : Object(ObjectKind::String) {}
    int64_t length();
};

struct ArrayObj : Object {
    std::vector<Value> items;
    ArrayObj() : Object(ObjectKind::Array) {}
};

// String-keyed, insertion-ordered map (spec §11.5).
class MapObj : public Object {
public:
    MapObj() : Object(ObjectKind::Map) {}
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

private:
    struct Entry {
        std::string key;
        Value value;
        bool live = true;
    };
    void compact();
    std::vector<Entry> entries_;  // deleted entries are tombstones until compaction
    std::unordered_map<std::string, size_t> index_;
};

enum class FiniState : uint8_t { Live, Finalizing, Finalized };

// An instance of a user box, or a static box's singleton.
struct InstanceObj : Object {
    const BoxClass* cls;
    std::vector<Value> fields;  // indexed by BoxClass field slot
    FiniState fini_state = FiniState::Live;
    explicit InstanceObj(const BoxClass* c) : Object(ObjectKind::Instance), cls(c), fields(c->field_count()) {}
};

struct ConsoleObj : Object {
    ConsoleObj() : Object(ObjectKind::Console) {}
};
struct MathObj : Object {
    MathObj() : Object(ObjectKind::Math) {}
};
struct DebugObj : Object {
    bool tracking = false;
    DebugObj() : Object(ObjectKind::Debug) {}
};
struct TimeObj : Object {
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
    TimeObj() : Object(ObjectKind::Time) {}
};

// Allocation is the runtime's job alone (heap.cpp counts every allocation for DebugBox and
// --profile-vm). These return a Value owning the single reference.
Value make_string(std::string text);
Value make_array(std::vector<Value> items = {});
Value make_map();
Value make_instance(const BoxClass* cls);
Value make_service(ObjectKind kind);  // Console, Math, Debug or Time

// Typed views; callers check the kind first.
inline StringObj& as_string(const Value& v) { return *static_cast<StringObj*>(v.as_object()); }
inline ArrayObj& as_array(const Value& v) { return *static_cast<ArrayObj*>(v.as_object()); }
inline MapObj& as_map(const Value& v) { return *static_cast<MapObj*>(v.as_object()); }
inline InstanceObj& as_instance(const Value& v) { return *static_cast<InstanceObj*>(v.as_object()); }

// Live heap statistics (DebugBox.memoryReport, --profile-vm, leak tests).
struct HeapStats {
    uint64_t allocations = 0;   // objects allocated so far
    uint64_t frees = 0;         // objects freed so far
    uint64_t live_objects() const { return allocations - frees; }
};
const HeapStats& heap_stats();

}  // namespace nyash
