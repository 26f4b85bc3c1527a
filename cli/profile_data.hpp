#pragma once
// What --profile-vm measures, gathered over all iterations (cli/profile.cpp measures, and
// cli/profile_report.cpp formats it as text and JSON).
#include <cstdint>
#include <string>
#include <vector>

namespace nyash::cli {

struct PhaseFigures {
    std::string name;
    std::vector<double> us;      // per iteration
    int64_t retained_bytes = 0;  // first iteration
    int64_t peak_bytes = 0;      // first iteration
};

struct NamedFigures {
    std::string name;
    uint64_t count = 0;
    double us = 0;  // over all iterations
};

struct KindFigures {
    std::string kind;
    uint64_t allocations = 0;  // over all iterations
    uint64_t frees = 0;
    uint64_t bytes_allocated = 0;  // record bytes (runtime/objects.hpp)
};

struct OpcodeFigures {
    std::string name;
    uint64_t count = 0;
    double ticks_per_instruction = 0;  // the hook's own cost subtracted
};

struct PairFigures {
    std::string first, second;
    uint64_t count = 0;
};

struct ProfileData {
    std::string file;
    std::string backend;  // "interp", "vm/goto"
    int opt_level = 0;
    int iterations = 0;
    double ticks_per_us = 0;  // the time-stamp counter's rate, measured over the whole profile
    std::vector<PhaseFigures> phases;  // pipeline order, "run" last
    // The run phase (all iterations): its time, then categories that partition it.
    double run_us = 0;
    std::vector<NamedFigures> categories;  // "execution" (the rest) first
    std::vector<NamedFigures> calls;       // user methods and functions, self time, by time
    bool calls_measured = false;           // false: a VM build without -Dvm_profile
    std::vector<NamedFigures> builtins;    // built-in methods by time
    // Per opcode (profiling builds, not the JIT).
    bool opcodes_measured = false;
    uint64_t instructions = 0;
    uint64_t hook_overhead_ticks = 0;
    std::vector<OpcodeFigures> opcodes;  // by count
    std::vector<PairFigures> pairs;      // by count
    // Memory.
    std::vector<KindFigures> kinds;
    std::vector<NamedFigures> instances;  // per box class (count only)
    uint64_t peak_object_bytes = 0;       // record bytes, first iteration's run
    bool meter_available = false;
    int64_t ast_bytes = 0;          // retained by parse + resolve
    int64_t compiled_bytes = 0;     // retained by the backend's compile: bytecode, or the class table
    int64_t mir_peak_bytes = 0;     // the largest peak of a MIR phase above its start (0 on the interpreter)
    uint64_t machinery_bytes = 0;   // the backend's run-time state at its largest
    int64_t own_bytes = 0;          // what the backend keeps to run the program (docs/profiling.md)
    int64_t run_peak_bytes = 0;     // everything allocated during the first run, at its peak
    uint64_t peak_rss_kib = 0;
};

std::string profile_text(const ProfileData& data);
std::string profile_json(const ProfileData& data);

}  // namespace nyash::cli
