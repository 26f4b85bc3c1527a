#pragma once
// The state of one program run on the VM and the operations handlers need beyond plain
// arithmetic: frames on one contiguous value stack, calls, returns, fields, inline caches.
//
// Engines keep `pc` and `regs` wherever they like (locals, arguments) while running straight-line
// code and publish them here (SAVE_PC) before anything that can fail or switch frames; calls and
// returns leave the new frame's `pc` and `regs` here for the engine to pick up (RESUME_FRAME).
// Nyash calls never recurse natively: a call pushes a Frame and the engine loop carries on.
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "frontend/class_table.hpp"
#include "runtime/builtins.hpp"
#include "runtime/error.hpp"
#include "runtime/limits.hpp"
#include "runtime/objects.hpp"
#include "runtime/runtime.hpp"
#include "vm/bytecode.hpp"
#include "vm/opcode_profile.hpp"
#include "vm/quickening.hpp"
#include "vm/small_buffer.hpp"

namespace nyash::vm {

struct Frame {
    const Function* fn;
    const Instr* return_pc;  // the caller's next instruction; nullptr: the engine returns
    uint32_t base;           // stack index of this frame's R[0]
    bool keeps_result;       // RETURN stores into R[0] (the caller's window register); else drops it
};

// One member-access site's monomorphic inline cache (per run: so are a static box's gained fields).
// The pointers first and the narrow fields packed after them: 32 bytes, not the 48 that
// declaration order with padding took (docs/seeds.md, "Memory criterion").
struct SiteCache {
    const BoxClass* cls = nullptr;     // user-box receiver class the entries below belong to
    const Function* callee = nullptr;  // Method sites (arity checked for this site), From sites
    const BuiltinMethod* builtin = nullptr;
    int32_t slot = -1;                 // Field sites
    BuiltinReceiver builtin_receiver = BuiltinReceiver::None;
    QuickForm quick = QuickForm::None;  // the quickened form of `builtin` (vm/quickening.hpp)
};
static_assert(sizeof(SiteCache) == 32);

class Machine;
// An engine: runs from `pc` until the entry frame returns; errors propagate as NyashError.
using EngineLoop = void (*)(Machine&);

// What an engine keeps for the whole run (both entry frames: the script and main()), such as
// the JIT's compiled code. The Machine owns it and destroys it with the run.
struct EngineData {
    virtual ~EngineData() = default;
};

// Run settings an engine may read (the CLI sets them; engines that have no use ignore them).
struct RunOptions {
    bool jit_perf_map = false;  // the JIT appends each compiled function to /tmp/perf-PID.map
    // Ablation switches (vm/ablation_switches.def, docs/results.md): off, every member access
    // looks its target up again (no site cache is ever filled), no call site is quickened, or the
    // encoder selects no superinstruction or no typed call (vm::compile reads those two: see
    // encode_time). None changes any output.
    bool inline_caches = true;
    bool quickening = true;
    bool superinstructions = true;
    bool typed_calls = true;

    // The members vm::compile reads: bytecode compiled for one value runs only with that value.
    std::pair<bool, bool> encode_time() const { return {superinstructions, typed_calls}; }
};

// The ablation switches (vm/ablation_switches.def) as the CLI spells them, each turning one
// RunOptions member off.
struct AblationSwitch {
    std::string_view flag;
    bool RunOptions::*member;
    std::string_view help;
};
inline constexpr AblationSwitch kAblationSwitches[] = {
#define ABLATION_SWITCH(member, flag, help) {flag, &RunOptions::member, help},
#include "vm/ablation_switches.def"
#undef ABLATION_SWITCH
};

class Machine {
public:
    Machine(const Program& program, Runtime& rt, EngineLoop loop);
    // In a REPL session, leaves the static singletons to the next entry's run (Runtime::carried_statics).
    ~Machine();
    Machine(const Machine&) = delete;
    Machine& operator=(const Machine&) = delete;

    // Spec §2.3 run phase: the script, then the entry box's main(). An uncaught runtime error
    // propagates as a NyashError located at the failing instruction.
    void run();

    // ---- engine-visible state
    const Instr* pc = nullptr;
    Value* regs = nullptr;
    const Value* constants = nullptr;
    uint64_t executed = 0;  // bytecode instructions run (counting builds only)
    uint64_t engine_compile_ns = 0;  // time an engine spent on translating code during the run, its code
                                     // memory included (the JIT)
    RunOptions options;
    std::unique_ptr<EngineData> engine_data;

    // Code without C++ unwind tables (the JIT's) cannot let an exception pass: its slow paths
    // catch it, park it here and report failure, and the engine rethrows it from C++.
    void set_pending_error(std::exception_ptr error) noexcept { pending_error_ = std::move(error); }
    [[noreturn]] void raise_pending_error();

    // [T2] Unwinding for engines whose Nyash calls are native calls (the JIT): each compiled
    // function's error exit, with the error parked, asks what to do. Resume: a handler in the
    // current frame takes it (pc and regs are set: continue at pc). Return: leave with the error;
    // the frame was popped when a caller's handler will take it, and is kept when nothing in this
    // engine run catches it (the trace needs the frames). Engines that run frames in a loop need
    // none of this: the Machine's own loop unwinds for them (run_engine).
    enum class Unwind : uint8_t { Resume, Return };
    Unwind unwind_native_frame() noexcept;

    // ---- operations for handlers (pc must be saved first)
    const Value& singleton(uint32_t box) const { return singletons_[box]; }
    SiteCache& cache(uint32_t site) { return caches_[site]; }
    // The function the current frame runs (engines that keep per-function code look it up).
    const Function& current_function() const { return *frame_->fn; }
    const Program& program() const { return program_; }

    // Where the frame stack's state lives, for machine code that calls and returns inline (the
    // JIT); it must update all of it exactly as enter() and leave() do.
    struct FrameStackFields {
        Frame* const* frame;        // the current frame
        Frame* const* frame_limit;  // enter() must grow_frames() when frame == frame_limit
        Value* const* stack;        // the value stack's data
        const size_t* stack_size;   // its size in Values
    };
    FrameStackFields frame_stack_fields() const {
        return {&frame_, &frame_limit_, stack_.data_field(), stack_.size_field()};
    }

    // Pushes a frame for `callee` whose R[0] is the current frame's R[window].
    void enter(const Function& callee, uint32_t window, bool keeps_result) {
        if (frame_ == frame_limit_) [[unlikely]] grow_frames();
        uint32_t base = frame_->base + window;
        if (base + static_cast<uint32_t>(callee.frame_size) > stack_.size()) [[unlikely]]
            grow_stack(base + static_cast<size_t>(callee.frame_size));
        Frame* frame = ++frame_;
        frame->fn = &callee;
        frame->return_pc = pc + 1;
        frame->base = base;
        frame->keeps_result = keeps_result;
        pc = callee.code.data();
        regs = stack_.data() + base;
#ifdef NYASH_VM_PROFILE
        if (OpcodeProfile* profile = active_opcode_profile()) record_call(*profile, callee);
#endif
    }

    // The bytes the machine itself holds: frames, registers, caches, singletons (--profile-vm).
    size_t machinery_bytes() const;

    // Pops the current frame, handing `result` to the caller. True when that was the entry
    // frame (the engine must return).
    bool leave(Value& result) {
        Frame* frame = frame_--;
        if (frame->keeps_result) stack_[frame->base] = std::move(result);
        pc = frame->return_pc;
        regs = stack_.data() + frame_->base;
        return pc == nullptr;
    }

    void call_function(uint32_t window, uint32_t argc, uint32_t function) {
        const Function& callee = program_.functions[function];
        if (argc != static_cast<uint32_t>(callee.param_count)) [[unlikely]] throw_function_arity(callee, argc);
        enter(callee, window, true);
    }

    // A built-in method the site's cache found: R[window] = R[window].method(args). The argument
    // registers keep their values until reused, as after a quickened call or a user method's
    // return: no output depends on when a dead register lets go (DebugBox.memoryReport counts
    // allocations, not frees; docs/language.md).
    void call_builtin(uint32_t window, uint32_t argc, const BuiltinMethod& method) {
        Value result = call_builtin_method(rt_, method, regs[window], regs + window + 1, argc);
        regs[window] = std::move(result);
    }

    // A typed built-in call (vm/typed_calls.def) whose inline case did not apply: the generic
    // built-in call on its operands in place, which raises the errors CALLMETHOD would.
    void call_in_place(Opcode op, uint32_t a, uint32_t b, uint32_t c);

    // The quickened form the site's cache holds, when its guards hold (false: nothing done).
    bool run_quick(uint32_t window, const SiteCache& cache) {
        return run_quickened(cache.quick, rt_, *cache.builtin, regs + window);
    }

    // The slow paths. Calls return true when they pushed a frame (user code runs next) and
    // false when the result is already in R[window].
    bool call_method(uint32_t window, uint32_t argc, uint32_t site);
    void call_from(uint32_t window, uint32_t argc, uint32_t site);
    bool call_from_constructor(uint32_t window, uint32_t argc, uint32_t box);
    bool new_box(uint32_t window, uint32_t argc, uint32_t box);
    void new_builtin(uint32_t window, uint32_t argc, uint32_t builtin);
    void get_field(Value& dst, const Value& object, uint32_t site);
    void set_field(const Value& object, const Value& value, uint32_t site);
    void print(const Value& value);

    // [T2] `R[window].fini(args)`: the protocol on user instances (their fini methods run in
    // nested engine runs; pc then points after the instruction), else an ordinary method call.
    // True when the engine must resume from pc and regs.
    bool call_fini(uint32_t window, uint32_t argc, uint32_t site);
    bool static_init_pending(uint32_t box) const { return static_init_pending_[box] != 0; }
    // Marks static box `box` initialised and pushes its `static { }` frame, me = R[window].
    void start_static_init(uint32_t window, uint32_t box);
    // `throw`: raises R[A] as a thrown value, or rethrows the exception a CATCH took (rethrow).
    [[noreturn]] void throw_value(const Value& value, bool rethrow);
    // CATCH: the exception that reached this handler, as `catch (e)` binds it or (raw) itself.
    Value take_exception(bool raw);

private:
    void run_entry(const Function& fn, const Value* me, int depth);
    // Runs the engine from pc until the current entry frame returns, continuing at handlers.
    void run_engine();
    // Marks static box `box`'s initializer started (spec §9.8: it never runs twice) and returns it.
    const Function& take_static_init(uint32_t box);
    // Runs `fn` with me = `me` to completion above the current frame, as its own engine run.
    void run_nested(const Function& fn, const Value& me);
    // The innermost frame of this engine run (down to its entry frame) with a handler where it
    // is executing, and that handler; the error is located first, and its trace recorded when
    // caught. {nullptr, nullptr} when nothing catches it.
    std::pair<Frame*, const Handler*> find_handler(NyashError& error);
    // Continues at `handler` in `frame` with `error` parked for CATCH.
    void enter_handler(Frame* frame, const Handler& handler, std::exception_ptr error);
    // At the last allocated frame: more frames, or RecursionError at the call-depth limit.
    void grow_frames();
    [[noreturn]] void throw_function_arity(const Function& callee, uint32_t argc) const;
    void grow_stack(size_t needed);
    SourceLoc current_location() const;
    std::vector<TraceFrame> call_trace(SourceLoc innermost) const;
    InstanceObj* instance_for_member(const Value& object, uint32_t site) const;
    void remember_field(uint32_t site, const BoxClass& cls, int slot);

    const Program& program_;
    Runtime& rt_;
    EngineLoop loop_;
    // Destroyed in reverse order: every Value below is released, then cycles among what they
    // held are collected, then the classes instances pointed at go.
    RunClasses classes_;
    CollectCyclesOnExit collect_cycles_at_end_;
    SmallBuffer<Value, 4> singletons_;  // by Program::boxes index
    SmallBuffer<SiteCache, 8> caches_;
    // Small at first, so that short runs allocate neither; both grow by doubling. (All four
    // buffers live in the Machine, so a short run allocates nothing for the machine itself.)
    SmallBuffer<Value, 16> stack_;
    SmallBuffer<Frame, 8> frames_;  // [0] is a sentinel below the entry frame
    Frame* frame_ = nullptr;        // the current frame
    Frame* frame_limit_ = nullptr;  // the last frame usable without growing or erroring
    size_t max_frames_ = 0;         // frames_ size at the call-depth limit
    std::exception_ptr pending_error_;
    std::exception_ptr caught_;            // [T2] the exception a handler is being entered with
    SmallBuffer<uint8_t, 8> static_init_pending_;  // [T2] by Program::boxes index
    // [T2] unwind_native_frame's progress: the frame whose handler takes the pending error,
    // kPropagating when none does, nullptr when no error is being unwound.
    Frame* native_unwind_target_ = nullptr;
};

// What one run reports besides its output.
struct RunReport {
    uint64_t executed = 0;           // bytecode instructions (counting builds only)
    uint64_t engine_compile_ns = 0;  // see Machine::engine_compile_ns
};

// Runs a compiled program on the engine `loop` (the registry in dispatch_variants maps
// vm::Engine to loops).
RunReport run_program(const Program& program, Runtime& rt, EngineLoop loop, const RunOptions& options);

}  // namespace nyash::vm
