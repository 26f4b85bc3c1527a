#include "cli/profile.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/backends.hpp"
#include "cli/profile_data.hpp"
#include "frontend/frontend.hpp"
#include "runtime/builtins.hpp"
#include "runtime/memory_meter.hpp"
#include "runtime/objects.hpp"
#include "runtime/phase_log.hpp"
#include "runtime/run_profile.hpp"
#include "vm/opcode_profile.hpp"

namespace nyash::cli {

namespace {

constexpr size_t kTopPairs = 20;

constexpr const char* kKindNames[kObjectKindCount] = {"string", "array", "map", "instance", "console",
                                                      "math", "debug", "time", "exception"};
constexpr const char* kCategoryNames[profile::kCategoryCount] = {"allocation", "freeing", "built-in methods",
                                                                 "output"};

// Installs the profiles for one run and removes them however the run ends.
class ActiveProfiles {
public:
    ActiveProfiles(profile::RunProfile& run, vm::OpcodeProfile& opcodes) {
        profile::activate(&run);
        vm::activate_opcode_profile(&opcodes);
    }
    ~ActiveProfiles() {
        profile::activate(nullptr);
        vm::activate_opcode_profile(nullptr);
    }
    ActiveProfiles(const ActiveProfiles&) = delete;
    ActiveProfiles& operator=(const ActiveProfiles&) = delete;
};

// Stops the meter however the iteration ends.
struct MeterRun {
    MeterRun() { memory_meter::start(); }
    ~MeterRun() { memory_meter::stop(); }
    MeterRun(const MeterRun&) = delete;
    MeterRun& operator=(const MeterRun&) = delete;
};

double elapsed_us(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - since).count();
}

uint64_t peak_rss_kib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<uint64_t>(usage.ru_maxrss);
}

template <typename Figures>
void sort_by_time(std::vector<Figures>& figures) {
    std::ranges::sort(figures, [](const Figures& a, const Figures& b) { return a.us > b.us; });
}

// Phase names in pipeline order (the first iteration's), each with its time per iteration.
std::vector<PhaseFigures> phase_figures(const std::vector<PhaseLog>& logs) {
    std::vector<PhaseFigures> phases;
    for (const PhaseRecord& record : logs.front().records())
        phases.push_back({record.name, {}, record.retained_bytes, record.peak_bytes});
    for (const PhaseLog& log : logs) {
        for (PhaseFigures& phase : phases) {
            auto found = std::ranges::find(log.records(), phase.name, &PhaseRecord::name);
            phase.us.push_back(found == log.records().end() ? 0.0 : static_cast<double>(found->ns) / 1000);
        }
    }
    return phases;
}

void add_opcode_figures(ProfileData& data, const vm::OpcodeProfile& opcodes) {
    for (size_t op = 0; op < vm::kOpcodeCount; ++op) {
        data.instructions += opcodes.counts[op];
        if (opcodes.counts[op] == 0) continue;
        const uint64_t overhead = opcodes.overhead_ticks * opcodes.counts[op];
        const uint64_t ticks = opcodes.ticks[op] > overhead ? opcodes.ticks[op] - overhead : 0;
        data.opcodes.push_back({std::string(vm::kOpcodeInfo[op].name), opcodes.counts[op],
                                static_cast<double>(ticks) / static_cast<double>(opcodes.counts[op])});
        for (size_t next = 0; next < vm::kOpcodeCount; ++next) {
            if (opcodes.pairs[op][next] == 0) continue;
            data.pairs.push_back({std::string(vm::kOpcodeInfo[op].name), std::string(vm::kOpcodeInfo[next].name),
                                  opcodes.pairs[op][next]});
        }
    }
    data.opcodes_measured = data.instructions > 0;
    data.hook_overhead_ticks = opcodes.overhead_ticks;
    std::ranges::sort(data.opcodes, [](const OpcodeFigures& a, const OpcodeFigures& b) { return a.count > b.count; });
    std::ranges::sort(data.pairs, [](const PairFigures& a, const PairFigures& b) { return a.count > b.count; });
    if (data.pairs.size() > kTopPairs) data.pairs.resize(kTopPairs);
}

void add_run_figures(ProfileData& data, const profile::RunProfile& run, double ticks_per_us, bool calls_measured) {
    double categorised_us = 0;
    std::vector<NamedFigures> categories;
    for (int i = 0; i < profile::kCategoryCount; ++i) {
        const profile::TimedCount& category = run.categories[i];
        const double us = static_cast<double>(category.ticks) / ticks_per_us;
        categories.push_back({kCategoryNames[i], category.count, us});
        categorised_us += us;
    }
    data.categories.push_back({"execution", 0, data.run_us - categorised_us});
    data.categories.insert(data.categories.end(), categories.begin(), categories.end());

    data.calls_measured = calls_measured;
    for (const auto& [name, figures] : run.calls)
        data.calls.push_back({name, figures.count, static_cast<double>(figures.ticks) / ticks_per_us});
    sort_by_time(data.calls);
    for (const auto& [method, figures] : run.builtins)
        data.builtins.push_back({builtin_method_name(*method), figures.count,
                                 static_cast<double>(figures.ticks) / ticks_per_us});
    sort_by_time(data.builtins);
    for (const auto& [name, count] : run.instances) data.instances.push_back({name, count, 0});
    std::ranges::sort(data.instances, [](const NamedFigures& a, const NamedFigures& b) { return a.count > b.count; });
    data.machinery_bytes = run.machinery_bytes;
}

void add_heap_figures(ProfileData& data, const HeapStats& before, const HeapStats& after) {
    for (size_t kind = 0; kind < kObjectKindCount; ++kind) {
        const KindStats& a = after.by_kind[kind];
        const KindStats& b = before.by_kind[kind];
        data.kinds.push_back({kKindNames[kind], a.allocations - b.allocations, a.frees - b.frees,
                              a.bytes_allocated - b.bytes_allocated});
    }
}

}  // namespace

int run_profile(const Options& options, std::string_view source) {
    const Backend& backend = *options.backend;
    BackendSettings settings = options.settings;
    ProfileData data;
    data.file = options.file;
    data.backend = std::string(backend.name);
    const bool on_vm = backend.name == "vm";
    if (on_vm) {
        if (settings.dispatch.empty()) settings.dispatch = dispatch_engine_names().front();
        data.backend += "/" + settings.dispatch;
    }
    data.opt_level = settings.opt_level;
    data.iterations = options.benchmark ? options.iterations : 1;
    data.meter_available = memory_meter::available();

    profile::RunProfile run;
    auto opcodes = std::make_unique<vm::OpcodeProfile>();
    opcodes->calibrate();
    const HeapStats heap_before = heap_stats();
    std::vector<PhaseLog> logs;
    const uint64_t ticks_start = profile::ticks();
    const auto time_start = std::chrono::steady_clock::now();

    for (int iteration = 0; iteration < data.iterations; ++iteration) {
        const bool first = iteration == 0;
        PhaseLog& log = logs.emplace_back();
        settings.phases = &log;
        MeterRun meter;
        CompileResult compiled = compile_source(source, &log);
        if (!compiled.ok()) throw compiled.errors.front();
        const int64_t after_frontend = memory_meter::live_bytes();
        const auto executable = backend.compile(*compiled.program, settings);
        const int64_t compiled_bytes = memory_meter::live_bytes() - after_frontend;
        // As in a normal run: the VM runs without the AST.
        if (backend.self_contained) compiled.program.reset();

        Runtime rt(first ? OutputMode::Stdout : OutputMode::Discard);
        reset_peak_live_bytes();
        const uint64_t objects_before = heap_stats().live_bytes;
        const int64_t live_before_run = memory_meter::live_bytes();
        memory_meter::reset_peak();
        const auto run_start = std::chrono::steady_clock::now();
        vm::RunStats stats;
        {
            ActiveProfiles active(run, *opcodes);
            stats = executable->run(rt);
            rt.flush();
        }
        const double run_us = elapsed_us(run_start) - static_cast<double>(stats.jit_compile_ns) / 1000;
        if (on_vm && settings.dispatch == "jit") log.add("JIT compile", stats.jit_compile_ns);
        log.add("run", static_cast<uint64_t>(run_us * 1000), memory_meter::live_bytes() - live_before_run,
                memory_meter::peak_bytes() - live_before_run);
        data.run_us += run_us;
        if (first) {
            data.ast_bytes = after_frontend;
            data.compiled_bytes = compiled_bytes;
            data.run_peak_bytes = memory_meter::peak_bytes() - live_before_run;
            data.peak_object_bytes = heap_stats().peak_live_bytes - objects_before;
        }
    }

    data.ticks_per_us = static_cast<double>(profile::ticks() - ticks_start) / elapsed_us(time_start);
    data.phases = phase_figures(logs);
    // The MIR pipeline's phases: from building the MIR to encoding it (none on the interpreter).
    const auto mir_first = std::ranges::find(data.phases, "MIR build", &PhaseFigures::name);
    const auto mir_last = std::ranges::find(data.phases, "encode", &PhaseFigures::name);
    if (mir_last != data.phases.end())
        for (auto phase = mir_first; phase <= mir_last; ++phase)
            data.mir_peak_bytes = std::max(data.mir_peak_bytes, phase->peak_bytes);
#ifdef NYASH_VM_PROFILE
    const bool vm_calls_measured = settings.dispatch != "jit";
#else
    const bool vm_calls_measured = false;
#endif
    add_run_figures(data, run, data.ticks_per_us, !on_vm || vm_calls_measured);
    add_opcode_figures(data, *opcodes);
    add_heap_figures(data, heap_before, heap_stats());
    data.own_bytes = data.compiled_bytes + static_cast<int64_t>(data.machinery_bytes) +
                     (backend.self_contained ? 0 : data.ast_bytes);
    data.peak_rss_kib = peak_rss_kib();

    std::fflush(stdout);
    const std::string text = profile_text(data);
    std::fwrite(text.data(), 1, text.size(), stderr);
    if (!options.profile_json.empty()) {
        std::unique_ptr<std::FILE, int (*)(std::FILE*)> out(std::fopen(options.profile_json.c_str(), "w"), std::fclose);
        const std::string json = profile_json(data);
        if (!out || std::fwrite(json.data(), 1, json.size(), out.get()) != json.size()) {
            std::fputs(("error: cannot write " + options.profile_json + "\n").c_str(), stderr);
            return 2;
        }
    }
    return 0;
}

}  // namespace nyash::cli
