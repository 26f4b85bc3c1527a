#pragma once
#include <cstdint>

namespace nyash {

// A position in the source file: 1-based line and column (columns count code points).
// line == 0 means "unknown" (an error that has not been located yet).
struct SourceLoc {
    uint32_t line = 0;
    uint32_t col = 0;
    bool known() const { return line != 0; }
    friend bool operator==(const SourceLoc&, const SourceLoc&) = default;
};

}  // namespace nyash
