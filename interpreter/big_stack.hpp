#pragma once
#include <cstddef>
#include <functional>

namespace nyash {

// Native stack the AST interpreter needs for 10000 nested Nyash calls (spec §13), with room
// for sanitizer builds, whose frames are several times larger.
inline constexpr size_t kInterpreterStackBytes = size_t{1} << 30;

// Native stack the front end, the MIR pipeline and the bytecode compiler need at most: they
// recurse only as deep as a program nests, and the parser's nesting limit (1000) bounds that.
// Measured at the limit: about 1 MiB in a release build, 4 MiB in a debug AddressSanitizer
// build. 8 MiB is also the usual main-thread stack limit.
inline constexpr size_t kCompilerStackBytes = size_t{8} << 20;

// Runs `body` to completion on a fresh thread whose stack is `stack_bytes` large (std::thread
// cannot choose its stack size) and waits for it. An exception escaping `body` is rethrown in
// the calling thread; failing to start the thread throws std::system_error.
void run_with_large_stack(std::function<void()> body, size_t stack_bytes = kInterpreterStackBytes);

// Runs `body` right here when the stack limit of the process's main thread (RLIMIT_STACK), which
// must be the calling thread, allows `stack_bytes`; otherwise as run_with_large_stack does.
void run_with_stack(std::function<void()> body, size_t stack_bytes);

}  // namespace nyash
