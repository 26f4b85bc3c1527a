#pragma once
// The malloc the binary runs on (meson option `allocator`, docs/architecture.md "Memory").
#include <string>

namespace nyash::cli {

// "mimalloc 2.0.9" or "system malloc", for --version.
std::string allocator_name();

}  // namespace nyash::cli
