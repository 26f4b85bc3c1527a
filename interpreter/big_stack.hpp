#pragma once
#include <cstddef>
#include <functional>

namespace nyash {

// Native stack the AST interpreter needs for 10000 nested Nyash calls (spec §13), with room
// for sanitizer builds, whose frames are several times larger.
inline constexpr size_t kInterpreterStackBytes = size_t{1} << 30;

// Runs `body` to completion on a fresh thread whose stack is `stack_bytes` large (std::thread
// cannot choose its stack size) and waits for it. An exception escaping `body` is rethrown in
// the calling thread; failing to start the thread throws std::system_error.
void run_with_large_stack(std::function<void()> body, size_t stack_bytes = kInterpreterStackBytes);

}  // namespace nyash
