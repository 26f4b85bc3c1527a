#include "runtime/memory_meter.hpp"

#include <algorithm>
#include <atomic>

#if NYASH_MEMORY_METER
#include <malloc.h>

#include <cstdlib>
#include <new>
#endif

namespace nyash::memory_meter {
namespace {

// Atomic because the interpreter runs on a thread of its own (relaxed: only totals matter).
std::atomic<bool> g_counting{false};
std::atomic<int64_t> g_live{0};
std::atomic<int64_t> g_peak{0};
std::atomic<uint64_t> g_allocations{0};

}  // namespace

#if NYASH_MEMORY_METER
bool available() { return true; }

// Called by the allocation functions at the end of this file for every block.
void count_block(void* block, bool allocated) {
    if (!g_counting.load(std::memory_order_relaxed) || block == nullptr) [[likely]] return;
    const auto bytes = static_cast<int64_t>(malloc_usable_size(block));
    if (!allocated) {
        g_live.fetch_sub(bytes, std::memory_order_relaxed);
        return;
    }
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    const int64_t live = g_live.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    int64_t peak = g_peak.load(std::memory_order_relaxed);
    while (live > peak && !g_peak.compare_exchange_weak(peak, live, std::memory_order_relaxed)) {
    }
}
#else
bool available() { return false; }
#endif

void start() {
    g_live = 0;
    g_peak = 0;
    g_allocations = 0;
    g_counting = true;
}

void stop() { g_counting = false; }
int64_t live_bytes() { return g_live; }
int64_t peak_bytes() { return g_peak; }
void reset_peak() { g_peak = g_live.load(); }
uint64_t allocations() { return g_allocations; }

}  // namespace nyash::memory_meter

#if NYASH_MEMORY_METER
// The replaceable global allocation functions (the aligned forms keep their defaults, which the
// meter does not see). malloc is mimalloc in release builds.
namespace {

void* allocate_or_throw(std::size_t size) {
    void* block = std::malloc(size == 0 ? 1 : size);
    if (block == nullptr) throw std::bad_alloc();
    nyash::memory_meter::count_block(block, true);
    return block;
}

void* allocate_or_null(std::size_t size) noexcept {
    void* block = std::malloc(size == 0 ? 1 : size);
    nyash::memory_meter::count_block(block, true);
    return block;
}

void release(void* block) noexcept {
    nyash::memory_meter::count_block(block, false);
    std::free(block);
}

}  // namespace

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return allocate_or_null(size); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return allocate_or_null(size); }
void operator delete(void* block) noexcept { release(block); }
void operator delete[](void* block) noexcept { release(block); }
void operator delete(void* block, std::size_t) noexcept { release(block); }
void operator delete[](void* block, std::size_t) noexcept { release(block); }
void operator delete(void* block, const std::nothrow_t&) noexcept { release(block); }
void operator delete[](void* block, const std::nothrow_t&) noexcept { release(block); }
#endif
