// The only place that allocates and frees heap objects: counts both for HeapStats, keeps the
// registry of containers for collect_cycles(), and frees without deep native recursion.
#include <algorithm>
#include <utility>
#include <vector>

#include "runtime/error.hpp"
#include "runtime/objects.hpp"
#include "runtime/run_profile.hpp"

namespace nyash {
namespace {

struct Heap {
    HeapStats stats;
    std::vector<ContainerObject*> containers;  // every live array, map and instance
    std::vector<Object*> doomed;  // counts that reached zero while another object was being freed
    bool freeing = false;
};

// Constant-initialized (no static-init order problem) and never destroyed, so Values released
// during static destruction elsewhere still find a working heap.
union ImmortalHeap {
    Heap heap;
    constexpr ImmortalHeap() : heap() {}
    ~ImmortalHeap() {}
};
constinit ImmortalHeap g_heap;

Heap& heap() { return g_heap.heap; }

bool is_container(ObjectKind kind) {
    return kind == ObjectKind::Array || kind == ObjectKind::Map || kind == ObjectKind::Instance;
}

void count_allocation(const Object& object) {
    HeapStats& stats = heap().stats;
    const size_t bytes = record_bytes(object);
    KindStats& kind = stats.by_kind[static_cast<size_t>(object.kind)];
    ++stats.allocations;
    ++kind.allocations;
    kind.bytes_allocated += bytes;
    stats.live_bytes += bytes;
    stats.peak_live_bytes = std::max(stats.peak_live_bytes, stats.live_bytes);
    if (is_box(object.kind)) ++stats.box_allocations;
}

void count_free(const Object& object) {
    HeapStats& stats = heap().stats;
    const size_t bytes = record_bytes(object);
    KindStats& kind = stats.by_kind[static_cast<size_t>(object.kind)];
    ++stats.frees;
    ++kind.frees;
    kind.bytes_freed += bytes;
    stats.live_bytes -= bytes;
}

template <typename T, typename... Args>
Value allocate(Args&&... args) {
    profile::CategoryTimer timer(profile::Category::Allocation);
    auto* object = new T(std::forward<Args>(args)...);
    count_allocation(*object);
    return Value::adopt(object);
}

template <typename T, typename... Args>
Value allocate_container(Args&&... args) {
    std::vector<ContainerObject*>& registry = heap().containers;
    // Grow before allocating the object, so push_back below cannot throw and leak it.
    if (registry.size() == registry.capacity()) registry.reserve(std::max<size_t>(64, registry.size() * 2));
    Value result = allocate<T>(std::forward<Args>(args)...);
    auto* container = static_cast<ContainerObject*>(result.as_object());
    container->heap_slot = static_cast<uint32_t>(registry.size());
    registry.push_back(container);
    return result;
}

void unregister(ContainerObject* container) {
    std::vector<ContainerObject*>& registry = heap().containers;
    ContainerObject* last = registry.back();
    registry[container->heap_slot] = last;
    last->heap_slot = container->heap_slot;
    registry.pop_back();
}

// Deleting a container releases its elements; any that die are queued in `doomed` by
// destroy_object instead of being freed recursively.
void free_object(Object* object) noexcept {
    count_free(*object);
    switch (object->kind) {
        case ObjectKind::String: delete static_cast<StringObj*>(object); break;
        case ObjectKind::Array:
            unregister(static_cast<ContainerObject*>(object));
            delete static_cast<ArrayObj*>(object);
            break;
        case ObjectKind::Map:
            unregister(static_cast<ContainerObject*>(object));
            delete static_cast<MapObj*>(object);
            break;
        case ObjectKind::Instance:
            unregister(static_cast<ContainerObject*>(object));
            delete static_cast<InstanceObj*>(object);
            break;
        case ObjectKind::Console: delete static_cast<ConsoleObj*>(object); break;
        case ObjectKind::Math: delete static_cast<MathObj*>(object); break;
        case ObjectKind::Debug: delete static_cast<DebugObj*>(object); break;
        case ObjectKind::Time: delete static_cast<TimeObj*>(object); break;
        case ObjectKind::Exception: delete static_cast<ExceptionObj*>(object); break;
    }
}

template <typename F>
void for_each_reference(ContainerObject* container, F&& visit) {
    switch (container->kind) {
        case ObjectKind::Array:
            for (const Value& item : static_cast<ArrayObj*>(container)->items) visit(item);
            break;
        case ObjectKind::Map:
            static_cast<MapObj*>(container)->for_each([&](const std::string&, const Value& v) { visit(v); });
            break;
        case ObjectKind::Instance:
            for (const Value& field : static_cast<InstanceObj*>(container)->fields) visit(field);
            break;
        default: break;
    }
}

void drop_references(ContainerObject* container) {
    switch (container->kind) {
        case ObjectKind::Array: static_cast<ArrayObj*>(container)->items.clear(); break;
        case ObjectKind::Map: static_cast<MapObj*>(container)->clear(); break;
        case ObjectKind::Instance: static_cast<InstanceObj*>(container)->fields.clear(); break;
        default: break;
    }
}

ContainerObject* as_container(const Value& v) {
    if (!v.is_object() || !is_container(v.as_object()->kind)) return nullptr;
    return static_cast<ContainerObject*>(v.as_object());
}

}  // namespace

size_t record_bytes(const Object& object) {
    switch (object.kind) {
        case ObjectKind::String: return sizeof(StringObj);
        case ObjectKind::Array: return sizeof(ArrayObj);
        case ObjectKind::Map: return sizeof(MapObj);
        case ObjectKind::Instance:
            return sizeof(InstanceObj) + static_cast<const InstanceObj&>(object).fields.size() * sizeof(Value);
        case ObjectKind::Console: return sizeof(ConsoleObj);
        case ObjectKind::Math: return sizeof(MathObj);
        case ObjectKind::Debug: return sizeof(DebugObj);
        case ObjectKind::Time: return sizeof(TimeObj);
        case ObjectKind::Exception: return sizeof(ExceptionObj);
    }
    return 0;
}

void destroy_object(Object* object) noexcept {
    Heap& h = heap();
    // Nested frees (a container's elements) are timed with the outermost one.
    profile::CategoryTimer timer(profile::Category::Freeing);
    if (!is_container(object->kind)) {
        free_object(object);
        return;
    }
    if (h.freeing) {
        h.doomed.push_back(object);
        return;
    }
    h.freeing = true;
    free_object(object);
    while (!h.doomed.empty()) {
        Object* next = h.doomed.back();
        h.doomed.pop_back();
        free_object(next);
    }
    h.freeing = false;
}

Value make_string(std::string text) { return allocate<StringObj>(std::move(text)); }

Value make_string(std::string text, int64_t code_points) {
    Value result = allocate<StringObj>(std::move(text));
    as_string(result).code_points = code_points;
    return result;
}

Value make_array(std::vector<Value> items) {
    Value result = allocate_container<ArrayObj>();
    as_array(result).items = std::move(items);
    return result;
}

Value make_map() { return allocate_container<MapObj>(); }

Value make_exception(std::exception_ptr error) { return allocate<ExceptionObj>(std::move(error)); }

Value make_instance(const BoxClass* cls) {
    if (profile::RunProfile* profile = profile::active()) [[unlikely]] ++profile->instances[cls->name()];
    return allocate_container<InstanceObj>(cls);
}

Value make_service(ObjectKind kind) {
    switch (kind) {
        case ObjectKind::Console: return allocate<ConsoleObj>();
        case ObjectKind::Math: return allocate<MathObj>();
        case ObjectKind::Debug: return allocate<DebugObj>();
        case ObjectKind::Time: return allocate<TimeObj>();
        default: break;
    }
    throw_error(ErrorKind::TypeError, "not a service box kind");
}

const HeapStats& heap_stats() { return heap().stats; }

void add_gained_field(InstanceObj& singleton) {
    singleton.fields.emplace_back();
    HeapStats& stats = heap().stats;
    stats.by_kind[static_cast<size_t>(ObjectKind::Instance)].bytes_allocated += sizeof(Value);
    stats.live_bytes += sizeof(Value);
    stats.peak_live_bytes = std::max(stats.peak_live_bytes, stats.live_bytes);
}

void reset_peak_live_bytes() {
    HeapStats& stats = heap().stats;
    stats.peak_live_bytes = stats.live_bytes;
}

// Trial deletion: a container whose count exceeds the references other containers hold to it
// is referenced from outside the heap; it and everything it reaches are alive, the rest is garbage.
size_t collect_cycles() {
    const std::vector<ContainerObject*>& registry = heap().containers;
    if (registry.empty()) return 0;  // the usual end of a run: nothing to trace, nothing to allocate
    std::vector<int64_t> outside_refs(registry.size());
    for (size_t i = 0; i < registry.size(); ++i) outside_refs[i] = registry[i]->refcount;
    for (ContainerObject* container : registry)
        for_each_reference(container, [&](const Value& v) {
            if (ContainerObject* target = as_container(v)) --outside_refs[target->heap_slot];
        });

    std::vector<bool> alive(registry.size());
    std::vector<ContainerObject*> worklist;
    for (size_t i = 0; i < registry.size(); ++i)
        if (outside_refs[i] > 0) {
            alive[i] = true;
            worklist.push_back(registry[i]);
        }
    while (!worklist.empty()) {
        ContainerObject* container = worklist.back();
        worklist.pop_back();
        for_each_reference(container, [&](const Value& v) {
            ContainerObject* target = as_container(v);
            if (target && !alive[target->heap_slot]) {
                alive[target->heap_slot] = true;
                worklist.push_back(target);
            }
        });
    }

    std::vector<ContainerObject*> garbage;
    for (size_t i = 0; i < registry.size(); ++i)
        if (!alive[i]) garbage.push_back(registry[i]);
    // Pin the garbage so that dropping references between garbage objects frees none of them
    // while `garbage` still points at them; only leaves (strings, services) die here.
    for (ContainerObject* container : garbage) ++container->refcount;
    for (ContainerObject* container : garbage) drop_references(container);
    for (ContainerObject* container : garbage)
        if (--container->refcount == 0) destroy_object(container);
    return garbage.size();
}

}  // namespace nyash
