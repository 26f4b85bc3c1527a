#include "cli/allocator.hpp"

#include <fmt/format.h>
#if NYASH_MIMALLOC
#include <mimalloc.h>
#endif

namespace nyash::cli {

// Calling into mimalloc also keeps the linker from dropping the library that replaces malloc.
std::string allocator_name() {
#if NYASH_MIMALLOC
    const int version = mi_version();
    return fmt::format("mimalloc {}.{}.{}", version / 100, version / 10 % 10, version % 10);
#else
    return "system malloc";
#endif
}

}  // namespace nyash::cli
