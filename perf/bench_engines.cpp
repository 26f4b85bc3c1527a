// Google Benchmark suite: every benchmark program on the interpreter and on every dispatch engine
// compiled into this binary. Each program is compiled once, outside the timed loop; an iteration
// is one run on a fresh Runtime whose output is discarded.
//
//   bench_engines [--benchmark_filter=... --benchmark_out=FILE --benchmark_out_format=json] PROGRAM.nyash|DIR...
//
// A directory stands for its *.nyash files. Benchmarks are named PROGRAM/interp and PROGRAM/vm:ENGINE.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/backends.hpp"
#include "frontend/frontend.hpp"
#include "runtime/error.hpp"
#include "runtime/runtime.hpp"

namespace {

namespace fs = std::filesystem;
using nyash::cli::BackendSettings;
using nyash::cli::Executable;

// A program's source and AST, which every Executable compiled from it refers to.
struct LoadedProgram {
    std::string name;
    std::string source;
    nyash::CompileResult compiled;
};

std::vector<fs::path> program_files(int argc, char** argv) {
    std::vector<fs::path> files;
    for (int i = 1; i < argc; ++i) {
        const fs::path argument = argv[i];
        if (!fs::is_directory(argument)) {
            files.push_back(argument);
            continue;
        }
        std::vector<fs::path> in_directory;
        for (const auto& entry : fs::directory_iterator(argument))
            if (entry.path().extension() == ".nyash") in_directory.push_back(entry.path());
        std::ranges::sort(in_directory);
        files.insert(files.end(), in_directory.begin(), in_directory.end());
    }
    return files;
}

std::string read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void run_benchmark(benchmark::State& state, const Executable& executable) {
    for (auto _ : state) {
        nyash::Runtime rt(nyash::OutputMode::Discard);
        try {
            executable.run(rt);
        } catch (const nyash::NyashError& error) {
            state.SkipWithError(error.what());
            break;
        }
    }
}

// Registers PROGRAM/interp and PROGRAM/vm:ENGINE for each engine; the executables live as long as
// `keep` does.
void register_program(const LoadedProgram& program, std::vector<std::unique_ptr<Executable>>& keep) {
    auto add = [&](std::string_view backend_name, const BackendSettings& settings, const std::string& label) {
        const nyash::cli::Backend* backend = nyash::cli::find_backend(backend_name);
        keep.push_back(backend->compile(*program.compiled.program, settings));
        const Executable& executable = *keep.back();
        benchmark::RegisterBenchmark((program.name + "/" + label).c_str(),
                                     [&executable](benchmark::State& state) { run_benchmark(state, executable); })
            ->Unit(benchmark::kMillisecond)
            ->UseRealTime();
    };
    add("interp", {}, "interp");
    for (std::string_view engine : nyash::cli::dispatch_engine_names())
        add("vm", BackendSettings{.dispatch = std::string(engine), .run_options = {}}, "vm:" + std::string(engine));
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);  // removes the --benchmark_* flags it knows
    const std::vector<fs::path> files = program_files(argc, argv);
    if (files.empty()) {
        std::fprintf(stderr, "usage: %s [benchmark flags] PROGRAM.nyash|DIR...\n", argv[0]);
        return 2;
    }
    std::vector<std::unique_ptr<LoadedProgram>> programs;
    std::vector<std::unique_ptr<Executable>> executables;
    try {
        for (const fs::path& file : files) {
            auto& program = *programs.emplace_back(std::make_unique<LoadedProgram>());
            program.name = file.stem().string();
            program.source = read_file(file);
            program.compiled = nyash::compile_source(program.source);
            if (!program.compiled.ok()) {
                const std::string diagnostic =
                    nyash::format_diagnostic(program.compiled.errors.front(), file.string(), program.source);
                std::fprintf(stderr, "%s\n", diagnostic.c_str());
                return 2;
            }
            register_program(program, executables);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 2;
    }
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
