#pragma once
#include <cstddef>

namespace nyash {

// Spec §13: at most this many active user-level calls; the script is depth 0.
inline constexpr int kMaxCallDepth = 10000;

// Building a longer string raises `MemoryError: out of memory` (spec §13) instead of
// exhausting the host. Fuzzing builds (meson -Dfuzzers=true) set a lower cap, so that a
// doubling loop ends in this error before it reaches libFuzzer's memory limit.
#ifdef NYASH_MAX_STRING_BYTES
inline constexpr size_t kMaxStringBytes = NYASH_MAX_STRING_BYTES;
#else
inline constexpr size_t kMaxStringBytes = size_t{1} << 32;
#endif

}  // namespace nyash
