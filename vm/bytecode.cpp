#include "vm/bytecode.hpp"

#include <algorithm>

namespace nyash::vm {

SourceLoc Function::loc_at(size_t pc) const {
    auto it = std::ranges::lower_bound(locs, pc, {}, &PcLoc::pc);
    if (it == locs.end() || it->pc != pc) return {};
    return it->loc;
}

const Handler* Function::handler_at(size_t pc) const {
    for (const Handler& handler : handlers)
        if (pc >= handler.start && pc < handler.end) return &handler;
    return nullptr;
}

size_t Program::instruction_count() const {
    size_t count = 0;
    for (const Function& fn : functions) count += fn.code.size();
    return count;
}

}  // namespace nyash::vm
