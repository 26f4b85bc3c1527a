#pragma once
// --jit-perf-map: Linux perf's convention for code it cannot find in any ELF file. Each line of
// /tmp/perf-PID.map is "START SIZE NAME" (hex start and size), so `perf report` names the
// compiled functions.
#include <cstddef>
#include <cstdio>
#include <string_view>

namespace nyash::vm::jit {

class PerfMap {
public:
    PerfMap() = default;
    ~PerfMap();
    PerfMap(const PerfMap&) = delete;
    PerfMap& operator=(const PerfMap&) = delete;

    // Opens (appends to) /tmp/perf-PID.map; false when it cannot be written.
    bool open();
    // Records one compiled function; nothing when not open.
    void add(const void* code, size_t size, std::string_view name);

private:
    std::FILE* file_ = nullptr;
};

}  // namespace nyash::vm::jit
