#pragma once
// Out-of-SSA copies: the phi inputs of an edge (and the arguments of a call window) are copied
// "all at once"; this orders them into a sequence of single copies that has the same effect.
#include <cstdint>
#include <vector>

namespace nyash::vm {

struct RegisterCopy {
    uint32_t dst;            // register written
    uint32_t src;            // register read; when `constant`, an id the caller resolves
    bool constant = false;
};

// Register-to-register copies first (a copy runs only once no pending copy still reads its
// destination; a cycle is broken by parking one value in `temp`, a register no copy touches),
// constant loads last. Copies onto themselves disappear. Sets `used_temp` when `temp` was needed.
std::vector<RegisterCopy> sequentialize(std::vector<RegisterCopy> copies, uint32_t temp, bool& used_temp);

}  // namespace nyash::vm
