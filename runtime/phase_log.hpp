#pragma once
// --profile-vm's record of the compile pipeline: each phase's time and the bytes it left
// allocated and allocated at most above its start (runtime/memory_meter.hpp, when it runs).
// Phases that run once per function (the MIR passes) accumulate under one name.
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace nyash {

struct PhaseRecord {
    std::string name;
    uint64_t ns = 0;
    int64_t retained_bytes = 0;  // live bytes at the end minus at the start
    int64_t peak_bytes = 0;      // the largest live bytes above the start over its runs
};

class PhaseLog {
public:
    // Times one run of a phase; does nothing when `log` is null.
    class Scope {
    public:
        Scope(PhaseLog* log, std::string_view name);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        PhaseLog* log_;
        std::string_view name_;
        std::chrono::steady_clock::time_point start_;
        int64_t live_at_start_ = 0;
    };

    const std::vector<PhaseRecord>& records() const { return records_; }
    // Adds a phase measured elsewhere (the JIT's compile time, the run).
    void add(std::string_view name, uint64_t ns, int64_t retained_bytes = 0, int64_t peak_bytes = 0);

private:
    std::vector<PhaseRecord> records_;  // in the order phases first ran
};

}  // namespace nyash
