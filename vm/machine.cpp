#include "vm/machine.hpp"

#include <algorithm>
#include <chrono>
#include <utility>

#include "runtime/display.hpp"
#include "runtime/elapsed.hpp"
#include "runtime/error.hpp"
#include "runtime/exception.hpp"
#include "runtime/finalization.hpp"
#include "runtime/run_profile.hpp"

namespace nyash::vm {
namespace {

[[noreturn]] void throw_arity(std::string_view callee, size_t expected, size_t got) {
    std::string message = "wrong number of arguments for ";
    message += callee;
    message += ": expected " + std::to_string(expected) + ", got " + std::to_string(got);
    throw_error(ErrorKind::TypeError, std::move(message));
}

[[noreturn]] void throw_no_member(ErrorKind kind, std::string_view type, const char* what, Symbol member) {
    std::string message{type};
    message += " has no ";
    message += what;
    message += " '";
    message += symbol_name(member);
    message += '\'';
    throw_error(kind, std::move(message));
}

}  // namespace

Machine::Machine(const Program& program, Runtime& rt, EngineLoop loop)
    : constants(program.constants.data()),
      program_(program),
      rt_(rt),
      loop_(loop),
      classes_(*program.classes) {
    const size_t boxes = program.classes->classes.size();
    singletons_.ensure(boxes);
    caches_.ensure(program.sites.size());
    static_init_pending_.ensure(boxes);
    for (size_t i = 0; i < boxes; ++i) {
        const BoxClass& cls = classes_.at(static_cast<int>(i));
        if (!cls.is_static()) continue;
        bool init_pending = false;
        singletons_[i] = classes_.open_singleton(cls, rt.carried_statics(), init_pending);
        static_init_pending_[i] = init_pending;
    }
}

Machine::~Machine() {
    if (CarriedStatics* carried = rt_.carried_statics())
        classes_.carry_singletons(*carried, {singletons_.data(), singletons_.size()},
                                  {static_init_pending_.data(), static_init_pending_.size()});
}

void Machine::run() {
    try {
        if (program_.script >= 0) run_entry(program_.functions[static_cast<size_t>(program_.script)], nullptr, 0);
        if (program_.entry_box >= 0) {
            if (program_.entry_main < 0)
                throw_no_member(ErrorKind::MethodError, classes_.at(program_.entry_box).name(), "method", intern("main"));
            const Value* me = &singletons_[static_cast<size_t>(program_.entry_box)];
            const auto box = static_cast<uint32_t>(program_.entry_box);
            if (static_init_pending(box)) run_entry(take_static_init(box), me, 1);  // spec §9.8 [T2]
            // main() counts as a call (spec §13).
            run_entry(program_.functions[static_cast<size_t>(program_.entry_main)], me, 1);
        }
    } catch (NyashError& error) {
        error.locate(current_location());
        if (error.trace().empty()) error.set_trace(call_trace(error.loc()));
        throw;
    }
}

// The entry frame has depth `depth` (spec §13: the script 0, main() 1).
void Machine::run_entry(const Function& fn, const Value* me, int depth) {
    max_frames_ = static_cast<size_t>(kMaxCallDepth - depth) + 2;
    frame_ = &frames_[0];
    *frame_ = Frame{nullptr, nullptr, 0, false};
    frame_limit_ = &frames_[std::min(frames_.size(), max_frames_) - 1];
    if (static_cast<size_t>(fn.frame_size) > stack_.size()) grow_stack(static_cast<size_t>(fn.frame_size));
    if (me) stack_[0] = *me;
    *++frame_ = Frame{&fn, nullptr, 0, false};
    pc = fn.code.data();
    regs = stack_.data();
    run_engine();
}

// ---------------------------------------------------------------- exceptions [T2]

// An exception costs nothing until raised: then the handler tables of the frames are searched,
// innermost first, and the engine continues at the handler found, in a new loop_ call.
void Machine::run_engine() {
    while (true) {
        try {
            loop_(*this);
            return;
        } catch (NyashError& error) {
            auto [frame, handler] = find_handler(error);
            if (handler == nullptr) throw;
            enter_handler(frame, *handler, std::current_exception());
        }
    }
}

std::pair<Frame*, const Handler*> Machine::find_handler(NyashError& error) {
    error.locate(current_location());
    if (!is_catchable(error)) return {nullptr, nullptr};
    const Instr* at = pc;
    for (Frame* frame = frame_; frame != &frames_[0]; --frame) {
        const Function& fn = *frame->fn;
        if (const Handler* handler = fn.handler_at(static_cast<size_t>(at - fn.code.data()))) {
            if (error.trace().empty()) error.set_trace(call_trace(error.loc()));
            return {frame, handler};
        }
        if (frame->return_pc == nullptr) break;  // the entry frame of this engine run
        at = frame->return_pc - 1;
    }
    return {nullptr, nullptr};
}

// The frames above `frame` are dropped like returns that never happened; their registers keep
// their values until reused, as after any return.
void Machine::enter_handler(Frame* frame, const Handler& handler, std::exception_ptr error) {
    frame_ = frame;
    pc = frame->fn->code.data() + handler.target;
    regs = stack_.data() + frame->base;
    caught_ = std::move(error);
}

Machine::Unwind Machine::unwind_native_frame() noexcept {
    Frame* const propagating = &frames_[0];
    if (native_unwind_target_ == nullptr) {  // just raised: find the frame that takes it, once
        native_unwind_target_ = propagating;
        try {
            std::rethrow_exception(pending_error_);
        } catch (NyashError& error) {
            if (Frame* frame = find_handler(error).first) native_unwind_target_ = frame;
        } catch (...) {
        }
    }
    if (native_unwind_target_ == propagating) return Unwind::Return;
    if (frame_ != native_unwind_target_) {
        pc = frame_->return_pc - 1;  // the caller's call instruction
        --frame_;
        regs = stack_.data() + frame_->base;
        return Unwind::Return;
    }
    native_unwind_target_ = nullptr;
    const Handler& handler = *frame_->fn->handler_at(static_cast<size_t>(pc - frame_->fn->code.data()));
    enter_handler(frame_, handler, std::exchange(pending_error_, nullptr));
    return Unwind::Resume;
}

void Machine::throw_value(const Value& value, bool rethrow) {
    if (rethrow) std::rethrow_exception(static_cast<const ExceptionObj*>(value.as_object())->error);
    throw ThrownValue(value, {});  // located at this THROW, the `throw` keyword
}

Value Machine::take_exception(bool raw) {
    std::exception_ptr error = std::exchange(caught_, nullptr);
    return raw ? make_exception(std::move(error)) : caught_value(error);
}

// ---------------------------------------------------------------- fini, static init [T2]

bool Machine::call_fini(uint32_t window, uint32_t argc, uint32_t site) {
    if (!runs_fini_protocol(regs[window])) return call_method(window, argc, site);
    const Value receiver = regs[window];
    const Instr* const resume = pc + 1;
    finalize(receiver, argc, [this](const Value& instance, const MethodInfo& method) {
        run_nested(program_.functions[static_cast<size_t>(method.callable_id)], instance);
    });
    pc = resume;
    regs = stack_.data() + frame_->base;
    regs[window] = Value();
    return true;
}

// The callee's frame starts above every register of the current frame, which is left as it
// was. An error that nothing in the nested run catches leaves with the whole trace.
void Machine::run_nested(const Function& fn, const Value& me) {
    Frame* const caller = frame_;
    const Instr* const caller_pc = pc;
    enter(fn, static_cast<uint32_t>(caller->fn->frame_size), false);
    frame_->return_pc = nullptr;  // an entry frame: the engine returns when it returns
    regs[0] = me;
    try {
        run_engine();
    } catch (NyashError& error) {
        if (error.trace().empty()) error.set_trace(call_trace(error.loc()));
        frame_ = caller;
        pc = caller_pc;
        regs = stack_.data() + frame_->base;
        std::vector<TraceFrame> trace = error.trace();
        for (TraceFrame& outer : call_trace(current_location())) trace.push_back(std::move(outer));
        error.set_trace(std::move(trace));
        throw;
    }
    pc = caller_pc;
    regs = stack_.data() + frame_->base;
}

const Function& Machine::take_static_init(uint32_t box) {
    static_init_pending_[box] = 0;
    return program_.functions[static_cast<size_t>(classes_.at(static_cast<int>(box)).static_init_id())];
}

void Machine::start_static_init(uint32_t window, uint32_t box) {
    regs[window] = singletons_[box];
    enter(take_static_init(box), window, false);
}

void Machine::grow_frames() {
    if (frames_.size() >= max_frames_)
        throw_error(ErrorKind::RecursionError, "maximum call depth " + std::to_string(kMaxCallDepth) + " exceeded");
    size_t current = static_cast<size_t>(frame_ - frames_.data());
    frames_.grow_to(std::min(frames_.size() * 2, max_frames_));
    frame_ = frames_.data() + current;
    frame_limit_ = frames_.data() + frames_.size() - 1;
}

void Machine::throw_function_arity(const Function& callee, uint32_t argc) const {
    throw_arity(callee.name, static_cast<size_t>(callee.param_count), argc);
}

// Frames record stack indices, so moving the values only invalidates `regs`, which is
// recomputed here and by every frame switch.
void Machine::grow_stack(size_t needed) {
    stack_.grow_to(std::max(needed, stack_.size() * 2));
    regs = stack_.data() + frame_->base;
}

SourceLoc Machine::current_location() const {
    if (frame_ == nullptr || frame_ == &frames_[0] || pc == nullptr) return {};
    const Function& fn = *frame_->fn;
    if (pc < fn.code.data() || pc >= fn.code.data() + fn.code.size()) return {};
    return fn.loc_at(static_cast<size_t>(pc - fn.code.data()));
}

// The frames are still intact when an error reaches run(): each one below the innermost is
// executing the call that its successor returns to.
std::vector<TraceFrame> Machine::call_trace(SourceLoc innermost) const {
    std::vector<TraceFrame> trace;
    if (frame_ == nullptr) return trace;
    SourceLoc loc = innermost;
    for (const Frame* frame = frame_; frame != &frames_[0]; --frame) {
        trace.push_back({frame->fn->name, loc});
        if (frame->return_pc == nullptr) break;
        const Function& caller = *(frame - 1)->fn;
        loc = caller.loc_at(static_cast<size_t>(frame->return_pc - 1 - caller.code.data()));
    }
    return trace;
}

// The site's cache missed (CALLMETHOD checks the hits): look the method up, fill the cache,
// call. Spec §9.4: user instances dispatch on their class, everything else on the built-in tables.
bool Machine::call_method(uint32_t window, uint32_t argc, uint32_t site_index) {
    const Value& receiver = regs[window];
    const Site& site = program_.sites[site_index];
    SiteCache& cache = caches_[site_index];
    if (receiver.is_object_of(ObjectKind::Instance)) {
        const BoxClass& cls = *as_instance(receiver).cls;
        const MethodInfo* method = cls.find_method(site.member);
        if (method == nullptr) {
            if (cls.is_finalized()) throw_finalized(cls);
            throw_no_member(ErrorKind::MethodError, cls.name(), "method", site.member);
        }
        if (static_cast<uint32_t>(method->arity) != argc)
            throw_arity(cls.name() + "." + symbol_name(site.member), static_cast<size_t>(method->arity), argc);
        const Function& callee = program_.functions[static_cast<size_t>(method->callable_id)];
        if (options.inline_caches) {
            cache.cls = &cls;
            cache.callee = &callee;
        }
        enter(callee, window, true);
        return true;
    }
    BuiltinReceiver kind = builtin_receiver_of(receiver);
    const BuiltinMethod* method = find_builtin_method(kind, site.member);
    if (method == nullptr) throw_no_member(ErrorKind::MethodError, type_name(receiver), "method", site.member);
    if (options.inline_caches) {
        cache.builtin_receiver = kind;
        cache.builtin = method;
        cache.quick = options.quickening ? quick_form_for(kind, site.member, argc) : QuickForm::None;
    }
    call_builtin(window, argc, *method);
    return false;
}

// `from P.m(args)` (spec §9.7): P is fixed per site, so the lookup is done once per run.
void Machine::call_from(uint32_t window, uint32_t argc, uint32_t site_index) {
    SiteCache& cache = caches_[site_index];
    if (cache.callee == nullptr) {
        const Site& site = program_.sites[site_index];
        const BoxClass& parent = classes_.at(site.box);
        const MethodInfo* method = parent.find_method(site.member);
        if (method == nullptr) throw_no_member(ErrorKind::MethodError, parent.name(), "method", site.member);
        if (static_cast<uint32_t>(method->arity) != argc)
            throw_arity(parent.name() + "." + symbol_name(site.member), static_cast<size_t>(method->arity), argc);
        const Function& callee = program_.functions[static_cast<size_t>(method->callable_id)];
        if (!options.inline_caches) {
            enter(callee, window, true);
            return;
        }
        cache.callee = &callee;
    }
    enter(*cache.callee, window, true);
}

// The effective constructor of `box` on me = R[window]; without one only no arguments are
// accepted. Its value is null either way.
bool Machine::call_from_constructor(uint32_t window, uint32_t argc, uint32_t box) {
    const BoxClass& cls = classes_.at(static_cast<int>(box));
    const MethodInfo* constructor = cls.constructor();
    size_t expected = constructor ? static_cast<size_t>(constructor->arity) : 0;
    if (argc != expected) throw_arity(cls.name() + " constructor", expected, argc);
    if (constructor == nullptr) {
        regs[window] = Value();
        return false;
    }
    enter(program_.functions[static_cast<size_t>(constructor->callable_id)], window, true);
    return true;
}

// `new B(args)` for a user box (spec §9.5): R[window] keeps the instance, R[window+1] is the
// constructor's `me` and the arguments follow.
bool Machine::new_box(uint32_t window, uint32_t argc, uint32_t box) {
    const BoxClass& cls = classes_.at(static_cast<int>(box));
    const MethodInfo* constructor = cls.constructor();
    size_t expected = constructor ? static_cast<size_t>(constructor->arity) : 0;
    if (argc != expected) throw_arity(cls.name() + " constructor", expected, argc);
    regs[window] = make_instance(&cls);
    if (constructor == nullptr) return false;
    regs[window + 1] = regs[window];
    enter(program_.functions[static_cast<size_t>(constructor->callable_id)], window + 1, false);
    return true;
}

void Machine::new_builtin(uint32_t window, uint32_t argc, uint32_t builtin) {
    Value result = construct_builtin(rt_, static_cast<BuiltinBox>(builtin), regs + window, argc);
    regs[window] = std::move(result);
}

// Spec §9.3 step 1: only user instances and static singletons have fields.
// A finalized instance has no fields (spec §9.10).
InstanceObj* Machine::instance_for_member(const Value& object, uint32_t site) const {
    if (!object.is_object_of(ObjectKind::Instance))
        throw_no_member(ErrorKind::FieldError, type_name(object), "field", program_.sites[site].member);
    if (as_instance(object).cls->is_finalized()) throw_finalized(*as_instance(object).cls);
    return &as_instance(object);
}

// Only a field that exists is cached (a static box may gain a missing one later); its slot
// never changes within the run. A weak field is never cached: its reads check the referent.
void Machine::remember_field(uint32_t site, const BoxClass& cls, int slot) {
    if (cls.field_is_weak(slot) || !options.inline_caches) return;
    caches_[site].cls = &cls;
    caches_[site].slot = slot;
}

void Machine::get_field(Value& dst, const Value& object, uint32_t site) {
    InstanceObj* instance = instance_for_member(object, site);
    const Symbol member = program_.sites[site].member;
    int slot = classes_.field_slot(*instance->cls, member);
    if (slot < 0) throw_no_member(ErrorKind::FieldError, instance->cls->name(), "field", member);
    remember_field(site, *instance->cls, slot);
    Value value = read_field_value(*instance->cls, *instance, slot);  // dst may be the object's register
    dst = std::move(value);
}

void Machine::set_field(const Value& object, const Value& value, uint32_t site) {
    InstanceObj* instance = instance_for_member(object, site);
    const Symbol member = program_.sites[site].member;
    int slot = classes_.field_slot(*instance->cls, member);
    if (slot < 0) {
        // Ordinary boxes have a fixed field set; static singletons gain fields (spec §9.8).
        if (!instance->cls->is_static()) throw_no_member(ErrorKind::FieldError, instance->cls->name(), "field", member);
        slot = classes_.add_static_field(*instance, member);
    }
    remember_field(site, *instance->cls, slot);
    instance->fields[static_cast<size_t>(slot)] = value;
}

void Machine::print(const Value& value) { rt_.write_stdout_line(&value, 1); }

void Machine::raise_pending_error() {
    native_unwind_target_ = nullptr;
    std::exception_ptr error = std::exchange(pending_error_, nullptr);
    std::rethrow_exception(error);
}

#ifdef NYASH_VM_PROFILE
namespace {

// Moves the run's per-function figures to the run profile's calls, by function name.
void publish_function_profile(const Program& program) {
    OpcodeProfile* opcodes = active_opcode_profile();
    profile::RunProfile* run = profile::active();
    if (!opcodes || !run) return;
    for (size_t id = 0; id < opcodes->functions.size(); ++id) {
        const profile::TimedCount& figures = opcodes->functions[id];
        if (figures.count == 0 && figures.ticks == 0) continue;
        profile::TimedCount& entry = run->calls[program.functions[id].name];
        entry.count += figures.count;
        // Without the profiling hook's own cost, as per opcode.
        const uint64_t overhead = opcodes->overhead_ticks * opcodes->function_instructions[id];
        entry.ticks += figures.ticks > overhead ? figures.ticks - overhead : 0;
    }
    opcodes->functions.clear();
    opcodes->function_instructions.clear();
}

}  // namespace
#endif

size_t Machine::machinery_bytes() const {
    return sizeof(Machine) + singletons_.heap_bytes() + caches_.heap_bytes() + stack_.heap_bytes() +
           frames_.heap_bytes() + static_init_pending_.heap_bytes();
}

RunReport run_program(const Program& program, Runtime& rt, EngineLoop loop, const RunOptions& options) {
    Machine machine(program, rt, loop);
    machine.options = options;
#ifdef NYASH_VM_PROFILE
    start_profiled_run();
#endif
    // Reported also when the run fails: --profile-vm describes failing runs too.
    struct ReportMachinery {
        const Machine& machine;
        ~ReportMachinery() {
            if (profile::RunProfile* run = profile::active())
                run->machinery_bytes = std::max<uint64_t>(run->machinery_bytes, machine.machinery_bytes());
#ifdef NYASH_VM_PROFILE
            finish_profiled_run();
            publish_function_profile(machine.program());
#endif
        }
    } report_machinery{machine};
    machine.run();
    if (machine.engine_data != nullptr) {
        // An engine's teardown (the JIT returning its code memory) is its cost, like its compiling.
        const auto teardown_start = std::chrono::steady_clock::now();
        machine.engine_data.reset();
        add_elapsed_ns(machine.engine_compile_ns, teardown_start);
    }
    return {machine.executed, machine.engine_compile_ns};
}

}  // namespace nyash::vm
