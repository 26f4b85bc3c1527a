#pragma once
// Bytes the whole process allocates through operator new while the meter runs: what --profile-vm
// reports for the AST, the MIR, the bytecode and the run. Counted with the allocator's usable
// size of each block, so the figures are what the allocator hands out. Off by default (one load
// and a not-taken branch per allocation); absent in sanitizer builds, whose runtimes replace
// operator new themselves (available() is false there).
#include <cstdint>

namespace nyash::memory_meter {

bool available();
// Starts counting from zero live bytes (blocks allocated before are not counted when freed).
void start();
void stop();
// Live bytes since start() (negative when more was freed than allocated since), and their peak.
int64_t live_bytes();
int64_t peak_bytes();
// Restarts the peak at the current live bytes.
void reset_peak();
uint64_t allocations();

}  // namespace nyash::memory_meter
