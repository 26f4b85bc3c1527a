#include "cli/benchmark.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "frontend/frontend.hpp"
#include "runtime/runtime.hpp"

namespace nyash::cli {

namespace {

struct Contender {
    std::string label;  // "interp", "vm/switch", ...
    const Backend* backend;
    BackendSettings settings;
    std::vector<double> compile_ms;
    std::vector<double> run_ms;  // without the JIT's compile time, which jit_ms holds
    std::vector<double> jit_ms;
};

double elapsed_ms(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since).count();
}

double minimum(const std::vector<double>& samples) { return *std::ranges::min_element(samples); }

double median(std::vector<double> samples) {
    std::ranges::sort(samples);
    const size_t mid = samples.size() / 2;
    return samples.size() % 2 ? samples[mid] : (samples[mid - 1] + samples[mid]) / 2;
}

std::vector<Contender> contenders_for(const Options& options) {
    std::vector<Contender> contenders;
    auto add = [&](const Backend& backend, std::string_view engine) {
        BackendSettings settings = options.settings;
        std::string label{backend.name};
        if (backend.name == "vm") {
            settings.dispatch = engine;
            label += "/" + std::string(engine);
        }
        contenders.push_back({label, &backend, settings, {}, {}, {}});
    };
    if (!options.all_backends) {
        add(*options.backend, options.settings.dispatch.empty() ? dispatch_engine_names().front()
                                                                : std::string_view(options.settings.dispatch));
        return contenders;
    }
    add(*find_backend("interp"), {});
    for (std::string_view engine : dispatch_engine_names()) add(*find_backend("vm"), engine);
    return contenders;
}

// One compile (frontend + backend) and one run, timed separately. Throws NyashError like a
// normal run would, so a failing program fails the benchmark the same way.
void measure_once(Contender& contender, std::string_view source, OutputMode output) {
    const auto compile_start = std::chrono::steady_clock::now();
    const CompileResult compiled = compile_source(source);
    if (!compiled.ok()) throw compiled.errors.front();
    const auto executable = contender.backend->compile(*compiled.program, contender.settings);
    contender.compile_ms.push_back(elapsed_ms(compile_start));

    Runtime rt(output);
    const auto run_start = std::chrono::steady_clock::now();
    const double jit_ms = static_cast<double>(executable->run(rt).jit_compile_ns) / 1e6;
    rt.flush();
    contender.run_ms.push_back(elapsed_ms(run_start) - jit_ms);
    contender.jit_ms.push_back(jit_ms);
}

std::string report(const Options& options, const std::vector<Contender>& contenders) {
    std::string text = fmt::format("benchmark {}: {} iteration(s), opt level {}; times in microseconds; compile = "
                                   "parse + resolve + backend compile; jit = the JIT compiling functions at their "
                                   "first call and setting up its code memory, which run excludes\n",
                                   options.file, options.iterations, options.settings.opt_level);
    text += fmt::format("{:<20} {:>12} {:>15} {:>11} {:>12} {:>12} {:>10}\n", "backend", "compile min", "compile median",
                        "jit median", "run min", "run median", "speedup");
    const Contender* baseline = nullptr;
    for (const Contender& c : contenders)
        if (c.label == "interp") baseline = &c;
    for (const Contender& c : contenders) {
        std::string ratio = "-";
        if (baseline) ratio = fmt::format("{:.2f}x", median(baseline->run_ms) / median(c.run_ms));
        text += fmt::format("{:<20} {:>12.2f} {:>15.2f} {:>11.2f} {:>12.2f} {:>12.2f} {:>10}\n", c.label,
                            1000 * minimum(c.compile_ms), 1000 * median(c.compile_ms), 1000 * median(c.jit_ms),
                            1000 * minimum(c.run_ms), 1000 * median(c.run_ms), ratio);
    }
    return text;
}

}  // namespace

int run_benchmark(const Options& options, std::string_view source) {
    std::vector<Contender> contenders = contenders_for(options);
    for (int iteration = 0; iteration < options.iterations; ++iteration) {
        for (Contender& contender : contenders) {
            const bool first = iteration == 0 && &contender == &contenders.front();
            measure_once(contender, source, first ? OutputMode::Stdout : OutputMode::Discard);
        }
    }
    std::fflush(stdout);
    const std::string text = report(options, contenders);
    std::fwrite(text.data(), 1, text.size(), stderr);
    return 0;
}

}  // namespace nyash::cli
