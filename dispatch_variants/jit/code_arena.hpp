#pragma once
// The JIT's one code arena: a single mapping that compiled functions are appended to, back to
// back (no page rounding per function). Pages are never writable and executable at once: the
// unused tail is read-write, code that may run is read-execute, and appending to a page that
// already holds code flips that page back to read-write only while the compiler writes (no
// machine code runs then: the JIT compiles from C++ on the thread that runs the program).
//
// A run's arena goes back to a small process-wide pool when the run ends, read-write again, and
// the next run of the same capacity takes it: a process that runs many programs (--benchmark,
// the REPL, tests) pays for the mapping, its page faults and its unmapping once, not per run.
#include <cstddef>
#include <cstdint>
#include <span>

namespace nyash::vm::jit {

class CodeArena {
public:
    // Reserves `capacity` bytes (from the pool when it holds a mapping of that size); ok() is
    // false when the system refuses memory that can be made executable (the engine then falls
    // back to an interpreter).
    explicit CodeArena(size_t capacity);
    // Returns the mapping to the pool, every page read-write (so nothing of this run stays
    // executable), or unmaps it when the pool is full.
    ~CodeArena();
    CodeArena(const CodeArena&) = delete;
    CodeArena& operator=(const CodeArena&) = delete;

    bool ok() const { return base_ != nullptr; }

    // The writable space after the last function: write code there, then commit() it. Throws
    // std::runtime_error when the page it starts on cannot be made writable.
    std::span<uint8_t> open_for_writing();
    // The first `bytes` of the open space become read-execute code; returns where they start.
    const uint8_t* commit(size_t bytes);
    // Nothing written since open_for_writing() is kept: code already committed on the page it
    // opened runs again.
    void abandon();

private:
    uint8_t* base_ = nullptr;
    size_t capacity_ = 0;
    size_t used_ = 0;
};

// For tests and the fallback warning: whether the NYASH_JIT_DENY_EXEC environment variable asks
// the JIT to behave as if the system refused executable memory.
bool executable_memory_denied_by_environment();

}  // namespace nyash::vm::jit
