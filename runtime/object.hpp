#pragma once
#include <cstdint>

namespace nyash {

// Every heap-allocated box starts with this header. Reference counts are intrusive;
// immediates (ints, floats, bools, null) never touch the heap (see value.hpp).
enum class ObjectKind : uint8_t {
    String,
    Array,
    Map,
    Instance,  // user box instance or static-box singleton
    Console,
    Math,
    Debug,
    Time,
    Exception,  // an error in flight between a handler and its rethrow (VM only, never user-visible)
};

struct Object {
    uint32_t refcount = 1;
    ObjectKind kind;
    // Set while display() is inside this container, to print a cycle as [...] / {...} in O(1).
    bool on_display_path = false;
    explicit Object(ObjectKind k) : kind(k) {}
};

// Frees an object whose count dropped to zero, releasing what it holds without deep native
// recursion (a 100,000-node linked list must not overflow the stack). Defined in heap.cpp.
void destroy_object(Object* object) noexcept;

}  // namespace nyash
