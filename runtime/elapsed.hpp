#pragma once
// Elapsed steady_clock time in nanoseconds: the one place that spells out the conversion, for
// the JIT's compile and setup time, an engine's teardown (vm::run_program) and the phase log.
#include <chrono>
#include <cstdint>

namespace nyash {

inline uint64_t elapsed_ns(std::chrono::steady_clock::time_point since) {
    return static_cast<uint64_t>(
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - since).count());
}

// Adds the time since `since` to `total_ns`.
inline void add_elapsed_ns(uint64_t& total_ns, std::chrono::steady_clock::time_point since) {
    total_ns += elapsed_ns(since);
}

}  // namespace nyash
