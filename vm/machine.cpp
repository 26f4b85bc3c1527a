#include "vm/machine.hpp"

#include <algorithm>
#include <utility>

#include "runtime/display.hpp"
#include "runtime/error.hpp"

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
    for (size_t i = 0; i < boxes; ++i) {
        const BoxClass& cls = classes_.at(static_cast<int>(i));
        if (cls.is_static()) singletons_[i] = make_instance(&cls);
    }
}

void Machine::run() {
    try {
        if (program_.script >= 0) run_entry(program_.functions[static_cast<size_t>(program_.script)], nullptr, 0);
        if (program_.entry_box >= 0) {
            if (program_.entry_main < 0)
                throw_no_member(ErrorKind::MethodError, classes_.at(program_.entry_box).name(), "method", intern("main"));
            // main() counts as a call (spec §13).
            run_entry(program_.functions[static_cast<size_t>(program_.entry_main)],
                      &singletons_[static_cast<size_t>(program_.entry_box)], 1);
        }
    } catch (NyashError& error) {
        error.locate(current_location());
        error.set_trace(call_trace(error.loc()));
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
    loop_(*this);
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
        if (method == nullptr) throw_no_member(ErrorKind::MethodError, cls.name(), "method", site.member);
        if (static_cast<uint32_t>(method->arity) != argc)
            throw_arity(cls.name() + "." + symbol_name(site.member), static_cast<size_t>(method->arity), argc);
        cache.cls = &cls;
        cache.callee = &program_.functions[static_cast<size_t>(method->callable_id)];
        enter(*cache.callee, window, true);
        return true;
    }
    BuiltinReceiver kind = builtin_receiver_of(receiver);
    const BuiltinMethod* method = find_builtin_method(kind, site.member);
    if (method == nullptr) throw_no_member(ErrorKind::MethodError, type_name(receiver), "method", site.member);
    cache.builtin_receiver = kind;
    cache.builtin = method;
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
        cache.callee = &program_.functions[static_cast<size_t>(method->callable_id)];
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
InstanceObj* Machine::instance_for_member(const Value& object, uint32_t site) const {
    if (!object.is_object_of(ObjectKind::Instance))
        throw_no_member(ErrorKind::FieldError, type_name(object), "field", program_.sites[site].member);
    return &as_instance(object);
}

// Only a field that exists is cached (a static box may gain a missing one later); its slot
// never changes within the run.
void Machine::remember_field(uint32_t site, const BoxClass& cls, int slot) {
    caches_[site].cls = &cls;
    caches_[site].slot = slot;
}

void Machine::get_field(Value& dst, const Value& object, uint32_t site) {
    InstanceObj* instance = instance_for_member(object, site);
    const Symbol member = program_.sites[site].member;
    int slot = classes_.field_slot(*instance->cls, member);
    if (slot < 0) throw_no_member(ErrorKind::FieldError, instance->cls->name(), "field", member);
    remember_field(site, *instance->cls, slot);
    Value value = instance->fields[static_cast<size_t>(slot)];  // dst may be the object's register
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
    std::exception_ptr error = std::exchange(pending_error_, nullptr);
    std::rethrow_exception(error);
}

RunReport run_program(const Program& program, Runtime& rt, EngineLoop loop, const RunOptions& options) {
    Machine machine(program, rt, loop);
    machine.options = options;
    machine.run();
    return {machine.executed, machine.engine_compile_ns};
}

}  // namespace nyash::vm
