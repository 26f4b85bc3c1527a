#include "dispatch_variants/jit/session.hpp"

#include <chrono>
#include <cstdint>
#include <string>

#include <spdlog/spdlog.h>
#include <xbyak/xbyak.h>

#include "runtime/elapsed.hpp"
#include "runtime/error.hpp"

namespace nyash::vm::jit {
namespace {

// Address space reserved for one run's code (MAP_NORESERVE: only pages written cost memory).
constexpr size_t kArenaBytes = size_t{256} << 20;

}  // namespace

Session::Session(Machine& vm)
    : vm_(vm), setup_start_(std::chrono::steady_clock::now()), arena_(kArenaBytes), layout_(MachineLayout::of(vm)),
      functions_(vm.program().functions.size()), entries_(vm.program().functions.size(), nullptr) {
    if (arena_.ok()) {
        const size_t size = emit_trampoline(arena_.open_for_writing());
        trampoline_ = reinterpret_cast<Trampoline>(reinterpret_cast<uintptr_t>(arena_.commit(size)));
        if (vm.options.jit_perf_map && !perf_map_.open()) spdlog::warn("--jit-perf-map: cannot write /tmp/perf-PID.map");
    }
    // Setting up the code memory is the JIT's cost, like compiling, not the program's.
    add_elapsed_ns(vm_.engine_compile_ns, setup_start_);
}

Session& Session::of(Machine& vm) {
    if (vm.engine_data == nullptr) vm.engine_data = std::make_unique<Session>(vm);
    return static_cast<Session&>(*vm.engine_data);
}

const void* Session::entry_for(const Function& fn) {
    CompiledFunction& compiled = functions_[static_cast<size_t>(fn.id)];
    if (compiled.code != nullptr) return compiled.code;
    const auto start = std::chrono::steady_clock::now();
    std::span<uint8_t> space = arena_.open_for_writing();
    try {
        compiled = compile_function(space, vm_, fn, layout_, entries_.data());
    } catch (const Xbyak::Error&) {
        arena_.abandon();
        throw_error(ErrorKind::MemoryError, "JIT code arena full (" + std::to_string(kArenaBytes >> 20) + " MiB)");
    } catch (...) {
        arena_.abandon();
        throw;
    }
    compiled.code = arena_.commit(compiled.size);
    entries_[static_cast<size_t>(fn.id)] = compiled.code;
    perf_map_.add(compiled.code, compiled.size, fn.name);
    add_elapsed_ns(vm_.engine_compile_ns, start);
    return compiled.code;
}

int Session::run(const void* code) { return trampoline_(&vm_, vm_.regs, code); }

const CompiledFunction* Session::compiled(const Function& fn) const {
    const CompiledFunction& compiled = functions_[static_cast<size_t>(fn.id)];
    return compiled.code != nullptr ? &compiled : nullptr;
}

}  // namespace nyash::vm::jit
