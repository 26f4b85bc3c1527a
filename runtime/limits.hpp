#pragma once
#include <cstddef>

namespace nyash {

// Spec §13: at most this many active user-level calls; the script is depth 0.
inline constexpr int kMaxCallDepth = 10000;

// Building a longer string raises `MemoryError: out of memory` (spec §13) instead of
// exhausting the host.
inline constexpr size_t kMaxStringBytes = size_t{1} << 32;

}  // namespace nyash
