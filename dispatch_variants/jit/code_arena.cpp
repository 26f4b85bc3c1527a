#include "dispatch_variants/jit/code_arena.hpp"

#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace nyash::vm::jit {
namespace {

size_t page_size() {
    static const size_t size = static_cast<size_t>(sysconf(_SC_PAGESIZE));
    return size;
}
size_t page_floor(size_t offset) { return offset & ~(page_size() - 1); }
size_t page_ceil(size_t offset) { return page_floor(offset + page_size() - 1); }

// Mappings of finished runs, read-write, waiting for the next run. Two: a run and a nested one.
class ArenaPool {
public:
    uint8_t* take(size_t capacity) {
        const std::scoped_lock lock(mutex_);
        for (Spare& spare : spares_) {
            if (spare.base != nullptr && spare.capacity == capacity) return std::exchange(spare.base, nullptr);
        }
        return nullptr;
    }
    // False when the pool is full: the caller unmaps.
    bool give(uint8_t* base, size_t capacity) {
        const std::scoped_lock lock(mutex_);
        for (Spare& spare : spares_) {
            if (spare.base == nullptr) {
                spare = {base, capacity};
                return true;
            }
        }
        return false;
    }

private:
    struct Spare {
        uint8_t* base = nullptr;
        size_t capacity = 0;
    };
    std::mutex mutex_;
    std::array<Spare, 2> spares_;
};

ArenaPool& pool() {
    static ArenaPool instance;
    return instance;
}

}  // namespace

bool executable_memory_denied_by_environment() {
    const char* deny = std::getenv("NYASH_JIT_DENY_EXEC");
    return deny != nullptr && *deny != '\0' && *deny != '0';
}

CodeArena::CodeArena(size_t capacity) : capacity_(page_ceil(capacity)) {
    if (executable_memory_denied_by_environment()) return;
    base_ = pool().take(capacity_);
    if (base_ != nullptr) return;
    void* memory = mmap(nullptr, capacity_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (memory == MAP_FAILED) return;
    // Ask for execute permission once up front, so that a system that refuses it (SELinux
    // execmem, PaX) is found before any function is compiled.
    if (mprotect(memory, page_size(), PROT_READ | PROT_EXEC) != 0 ||
        mprotect(memory, page_size(), PROT_READ | PROT_WRITE) != 0) {
        munmap(memory, capacity_);
        return;
    }
    base_ = static_cast<uint8_t*>(memory);
}

CodeArena::~CodeArena() {
    if (base_ == nullptr) return;
    const bool reusable = used_ == 0 || mprotect(base_, page_ceil(used_), PROT_READ | PROT_WRITE) == 0;
    if (!reusable || !pool().give(base_, capacity_)) munmap(base_, capacity_);
}

std::span<uint8_t> CodeArena::open_for_writing() {
    const size_t first_page = page_floor(used_);
    if (first_page != used_ && mprotect(base_ + first_page, page_size(), PROT_READ | PROT_WRITE) != 0)
        throw std::runtime_error("cannot make JIT code writable");
    return {base_ + used_, capacity_ - used_};
}

const uint8_t* CodeArena::commit(size_t bytes) {
    const size_t start = used_;
    const size_t first_page = page_floor(start);
    const size_t end_page = page_ceil(start + bytes);
    if (mprotect(base_ + first_page, end_page - first_page, PROT_READ | PROT_EXEC) != 0)
        throw std::runtime_error("cannot make JIT code executable");
    used_ += bytes;
    return base_ + start;
}

void CodeArena::abandon() {
    const size_t first_page = page_floor(used_);
    if (first_page != used_) mprotect(base_ + first_page, page_size(), PROT_READ | PROT_EXEC);
}

}  // namespace nyash::vm::jit
