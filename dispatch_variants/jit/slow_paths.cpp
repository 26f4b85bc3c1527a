#include "dispatch_variants/jit/slow_paths.hpp"

#include <exception>
#include <iterator>

#include "dispatch_variants/engine_loops.hpp"
#include "dispatch_variants/jit/session.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm::jit {
namespace {
#include "dispatch_variants/handler_functions.hpp"

template <HandlerFunction handler>
const Instr* guarded_step(Machine* vm, const Instr* pc, Value* regs) noexcept {
    try {
        return handler(*vm, pc, regs);
    } catch (...) {
        vm->set_pending_error(std::current_exception());
        return nullptr;
    }
}

template <HandlerFunction handler>
const void* guarded_call_step(Machine* vm, const Instr* pc, Value* regs) noexcept {
    try {
        if (handler(*vm, pc, regs) == pc + 1) return kNoFrame;
        return Session::of(*vm).entry_for(vm->current_function());
    } catch (...) {
        vm->set_pending_error(std::current_exception());
        return nullptr;
    }
}

constexpr StepFunction kSteps[] = {
#define OPCODE(name, a, b, c, doc) guarded_step<handler_function_##name>,
#include "vm/opcodes.def"
};

constexpr CallStepFunction kCallSteps[] = {
#define OPCODE(name, a, b, c, doc) guarded_call_step<handler_function_##name>,
#include "vm/opcodes.def"
};

}  // namespace

StepFunction step_function(Opcode op) { return kSteps[static_cast<size_t>(op)]; }
CallStepFunction call_step_function(Opcode op) { return kCallSteps[static_cast<size_t>(op)]; }

void run_handler_functions(Machine& vm) { call_handler_functions(vm); }

const void* compile_callee(Machine* vm, const Function* fn) noexcept {
    try {
        return Session::of(*vm).entry_for(*fn);
    } catch (...) {
        vm->set_pending_error(std::current_exception());
        return nullptr;
    }
}

int64_t handler_after_error(Machine* vm) noexcept {
    if (vm->unwind_native_frame() == Machine::Unwind::Return) return -1;
    return vm->pc - vm->current_function().code.data();
}

}  // namespace nyash::vm::jit
