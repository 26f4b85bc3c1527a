// --profile-vm's report: the text a person reads on stderr, and the JSON of docs/profiling.md.
#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/profile_data.hpp"

namespace nyash::cli {

namespace {

constexpr size_t kTopCalls = 10;
constexpr size_t kTopOpcodes = 20;

double minimum(const std::vector<double>& samples) { return *std::ranges::min_element(samples); }

double median(std::vector<double> samples) {
    std::ranges::sort(samples);
    const size_t mid = samples.size() / 2;
    return samples.size() % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
}

double share(double part, double whole) { return whole > 0 ? 100 * part / whole : 0; }

double kib(int64_t bytes) { return static_cast<double>(bytes) / 1024; }

double median_total(const ProfileData& data) {
    double total = 0;
    for (const PhaseFigures& phase : data.phases) total += median(phase.us);
    return total;
}

void add_phases(std::string& text, const ProfileData& data) {
    const double total = median_total(data);
    text += fmt::format("\nphases, per iteration (steady_clock){}\n", data.meter_available
                        ? "; bytes: allocated and still live at the phase's end, and at most during it" : "");
    text += fmt::format("  {:<24} {:>11} {:>11} {:>7} {:>13} {:>10}\n", "phase", "min us", "median us", "share",
                        "retained KiB", "peak KiB");
    for (const PhaseFigures& phase : data.phases) {
        text += fmt::format("  {:<24} {:>11.2f} {:>11.2f} {:>6.1f}% {:>13.1f} {:>10.1f}\n", phase.name,
                            minimum(phase.us), median(phase.us), share(median(phase.us), total),
                            kib(phase.retained_bytes), kib(phase.peak_bytes));
    }
    text += fmt::format("  {:<24} {:>11} {:>11.2f} {:>6.1f}%   (shares: of the sum of the medians)\n", "total", "",
                        total, 100.0);
}

void add_named(std::string& text, const std::vector<NamedFigures>& figures, double whole, size_t top,
               std::string_view count_label) {
    for (size_t i = 0; i < std::min(top, figures.size()); ++i) {
        const NamedFigures& f = figures[i];
        text += fmt::format("  {:<32} {:>10} {:<6} {:>12.1f} us {:>6.1f}%\n", f.name, f.count, count_label, f.us,
                            share(f.us, whole));
    }
    if (figures.size() > top) text += fmt::format("  ... {} more\n", figures.size() - top);
}

void add_run(std::string& text, const ProfileData& data) {
    text += fmt::format("\nrun phase by category, all iterations: {:.1f} us (time-stamp counter, {:.3f} ticks/ns "
                        "measured against steady_clock; categories are exclusive: allocation inside a built-in "
                        "method counts as allocation; execution is the rest of the run)\n",
                        data.run_us, data.ticks_per_us / 1000);
    for (const NamedFigures& category : data.categories) {
        const std::string count = category.name == "execution" ? "" : fmt::format("{}", category.count);
        text += fmt::format("  {:<32} {:>10} {:<6} {:>12.1f} us {:>6.1f}%\n", category.name, count,
                            count.empty() ? "" : "times", category.us, share(category.us, data.run_us));
    }
    text += fmt::format("\nuser methods and functions, top {} by self time (callees excluded; share of the run)\n",
                        kTopCalls);
    if (data.calls_measured) {
        if (data.opcodes_measured)
            text += "  (the run includes the per-instruction hook's own bookkeeping, which no function is charged: "
                    "these shares add up to less than the run)\n";
        add_named(text, data.calls, data.run_us, kTopCalls, "calls");
    } else {
        text += "  not measured: the VM counts calls in profiling builds (-Dvm_profile=true), on engines other "
                "than the JIT\n";
    }
    text += fmt::format("\nbuilt-in methods, top {} by time (exclusive)\n", kTopCalls);
    add_named(text, data.builtins, data.run_us, kTopCalls, "calls");
}

void add_opcodes(std::string& text, const ProfileData& data) {
    if (!data.opcodes_measured) {
        text += "\nper opcode: not measured (builds with -Dvm_profile=true, on VM engines other than the JIT)\n";
        return;
    }
    text += fmt::format("\nper opcode, top {} by count: {} instructions; ticks = time-stamp counter from the "
                        "instruction's dispatch to the next one's (built-in methods and allocation it calls "
                        "included), the profiling hook's own {} ticks per instruction subtracted\n",
                        kTopOpcodes, data.instructions, data.hook_overhead_ticks);
    double all_ticks = 0;
    for (const OpcodeFigures& op : data.opcodes) all_ticks += op.ticks_per_instruction * static_cast<double>(op.count);
    text += fmt::format("  {:<16} {:>12} {:>7} {:>12} {:>12}\n", "opcode", "count", "share", "ticks/instr",
                        "ticks share");
    for (size_t i = 0; i < std::min(kTopOpcodes, data.opcodes.size()); ++i) {
        const OpcodeFigures& op = data.opcodes[i];
        text += fmt::format("  {:<16} {:>12} {:>6.1f}% {:>12.1f} {:>11.1f}%\n", op.name, op.count,
                            share(static_cast<double>(op.count), static_cast<double>(data.instructions)),
                            op.ticks_per_instruction,
                            share(op.ticks_per_instruction * static_cast<double>(op.count), all_ticks));
    }
    text += fmt::format("opcode pairs executed in sequence, top {} (superinstruction candidates)\n", data.pairs.size());
    for (const PairFigures& pair : data.pairs) {
        text += fmt::format("  {:<16} -> {:<16} {:>12} {:>6.1f}%\n", pair.first, pair.second, pair.count,
                            share(static_cast<double>(pair.count), static_cast<double>(data.instructions)));
    }
}

void add_memory(std::string& text, const ProfileData& data) {
    text += "\nheap objects, all iterations (record bytes: the object and an instance's field slots)\n";
    text += fmt::format("  {:<12} {:>12} {:>12} {:>14}\n", "kind", "allocations", "frees", "bytes");
    for (const KindFigures& kind : data.kinds) {
        if (kind.allocations == 0 && kind.frees == 0) continue;
        text += fmt::format("  {:<12} {:>12} {:>12} {:>14}\n", kind.kind, kind.allocations, kind.frees,
                            kind.bytes_allocated);
    }
    for (size_t i = 0; i < std::min(kTopCalls, data.instances.size()); ++i)
        text += fmt::format("  instances of {:<20} {:>12}\n", data.instances[i].name, data.instances[i].count);
    text += fmt::format("  peak live record bytes during the first run: {:.1f} KiB\n",
                        static_cast<double>(data.peak_object_bytes) / 1024);
    if (!data.meter_available) {
        text += "backend memory: not measured (the allocation meter is absent from sanitizer builds)\n";
    } else {
        text += "backend memory, first iteration (bytes the allocator handed out, runtime/memory_meter.hpp)\n";
        text += fmt::format("  AST (parse + resolve, retained)           {:>10.1f} KiB{}\n", kib(data.ast_bytes),
                            data.backend == "interp" ? "" : " (freed before the VM runs)");
        text += fmt::format("  {:<41} {:>10.1f} KiB\n",
                            data.backend == "interp" ? "class table (retained)" : "bytecode program (retained)",
                            kib(data.compiled_bytes));
        if (data.backend != "interp")
            text += fmt::format("  MIR pipeline, largest phase peak          {:>10.1f} KiB (freed after encoding)\n",
                                kib(data.mir_peak_bytes));
        text += fmt::format("  run-time machinery at its largest         {:>10.1f} KiB ({})\n",
                            kib(static_cast<int64_t>(data.machinery_bytes)),
                            data.backend == "interp" ? "locals, call records, caches" : "frames, registers, caches");
        text += fmt::format("  own bytes (kept to run the program)       {:>10.1f} KiB\n", kib(data.own_bytes));
        text += fmt::format("  everything allocated during the run, peak {:>10.1f} KiB\n", kib(data.run_peak_bytes));
    }
    text += fmt::format("  peak RSS of the process                   {:>10} KiB\n", data.peak_rss_kib);
}

std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    out += fmt::format("\\u{:04x}", static_cast<int>(c));
                } else {
                    out += c;
                }
        }
    }
    return out + "\"";
}

template <typename T, typename F>
std::string json_array(const std::vector<T>& items, F&& item) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += ", ";
        out += item(items[i]);
    }
    return out + "]";
}

std::string json_named(const NamedFigures& f) {
    return fmt::format("{{\"name\": {}, \"count\": {}, \"us\": {:.3f}}}", json_string(f.name), f.count, f.us);
}

}  // namespace

std::string profile_text(const ProfileData& data) {
    std::string text = fmt::format("profile of {} on {}, opt level {}: {} iteration(s) (docs/profiling.md)\n",
                                   data.file, data.backend, data.opt_level, data.iterations);
    add_phases(text, data);
    add_run(text, data);
    add_opcodes(text, data);
    add_memory(text, data);
    return text;
}

std::string profile_json(const ProfileData& data) {
    std::string json = "{\n";
    json += fmt::format("  \"schema\": \"nyash-profile/1\",\n  \"file\": {},\n  \"backend\": {},\n", json_string(data.file),
                        json_string(data.backend));
    json += fmt::format("  \"opt_level\": {},\n  \"iterations\": {},\n  \"ticks_per_us\": {:.3f},\n", data.opt_level,
                        data.iterations, data.ticks_per_us);
    json += "  \"phases\": " + json_array(data.phases, [](const PhaseFigures& p) {
                return fmt::format("{{\"name\": {}, \"min_us\": {:.3f}, \"median_us\": {:.3f}, \"retained_bytes\": {}, "
                                   "\"peak_bytes\": {}}}",
                                   json_string(p.name), minimum(p.us), median(p.us), p.retained_bytes, p.peak_bytes);
            }) + ",\n";
    json += fmt::format("  \"run\": {{\"us\": {:.3f}, \"categories\": {}, \"calls_measured\": {}, \"calls\": {}, "
                        "\"builtins\": {}}},\n",
                        data.run_us, json_array(data.categories, json_named), data.calls_measured,
                        json_array(data.calls, json_named), json_array(data.builtins, json_named));
    json += fmt::format("  \"opcodes\": {{\"measured\": {}, \"instructions\": {}, \"hook_overhead_ticks\": {}, "
                        "\"by_opcode\": {}, \"pairs\": {}}},\n",
                        data.opcodes_measured, data.instructions, data.hook_overhead_ticks,
                        json_array(data.opcodes, [](const OpcodeFigures& op) {
                            return fmt::format("{{\"name\": {}, \"count\": {}, \"ticks_per_instruction\": {:.3f}}}",
                                               json_string(op.name), op.count, op.ticks_per_instruction);
                        }),
                        json_array(data.pairs, [](const PairFigures& pair) {
                            return fmt::format("{{\"first\": {}, \"second\": {}, \"count\": {}}}",
                                               json_string(pair.first), json_string(pair.second), pair.count);
                        }));
    json += fmt::format("  \"memory\": {{\"kinds\": {}, \"instances\": {}, \"peak_object_bytes\": {}, "
                        "\"meter_available\": {}, \"ast_bytes\": {}, \"compiled_bytes\": {}, \"mir_peak_bytes\": {}, "
                        "\"machinery_bytes\": {}, \"own_bytes\": {}, \"run_peak_bytes\": {}, \"peak_rss_kib\": {}}}\n",
                        json_array(data.kinds, [](const KindFigures& k) {
                            return fmt::format("{{\"kind\": {}, \"allocations\": {}, \"frees\": {}, "
                                               "\"bytes_allocated\": {}}}",
                                               json_string(k.kind), k.allocations, k.frees, k.bytes_allocated);
                        }),
                        json_array(data.instances, [](const NamedFigures& f) {
                            return fmt::format("{{\"class\": {}, \"count\": {}}}", json_string(f.name), f.count);
                        }),
                        data.peak_object_bytes, data.meter_available, data.ast_bytes, data.compiled_bytes,
                        data.mir_peak_bytes, data.machinery_bytes, data.own_bytes, data.run_peak_bytes,
                        data.peak_rss_kib);
    return json + "}\n";
}

}  // namespace nyash::cli
