#include "vm/bytecode.hpp"

#include <algorithm>

namespace nyash::vm {

SourceLoc Function::loc_at(size_t pc) const {
    auto it = std::ranges::lower_bound(locs, pc, {}, &PcLoc::pc);
    if (it == locs.end() || it->pc != pc) return {};
    return it->loc;
}

size_t Program::instruction_count() const {
    size_t count = 0;
    for (const Function& fn : functions) count += fn.code.size();
    return count;
}

}  // namespace nyash::vm
