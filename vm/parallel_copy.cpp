#include "vm/parallel_copy.hpp"

#include <algorithm>

namespace nyash::vm {

std::vector<RegisterCopy> sequentialize(std::vector<RegisterCopy> copies, uint32_t temp, bool& used_temp) {
    std::vector<RegisterCopy> moves, loads, out;
    for (const RegisterCopy& c : copies) {
        if (c.constant)
            loads.push_back(c);
        else if (c.dst != c.src)
            moves.push_back(c);
    }
    auto is_read = [&](uint32_t reg) {
        return std::ranges::any_of(moves, [&](const RegisterCopy& m) { return m.src == reg; });
    };
    while (!moves.empty()) {
        auto ready = std::ranges::find_if(moves, [&](const RegisterCopy& m) { return !is_read(m.dst); });
        if (ready != moves.end()) {
            out.push_back(*ready);
            moves.erase(ready);
            continue;
        }
        // Only cycles remain: save one destination's old value, then that copy is free to run.
        uint32_t parked = moves.front().dst;
        out.push_back(RegisterCopy{temp, parked});
        used_temp = true;
        for (RegisterCopy& m : moves)
            if (m.src == parked) m.src = temp;
    }
    out.insert(out.end(), loads.begin(), loads.end());
    return out;
}

}  // namespace nyash::vm
