#pragma once

namespace nyash {

// Spec §13: at most this many active user-level calls; the script is depth 0.
inline constexpr int kMaxCallDepth = 10000;

}  // namespace nyash
