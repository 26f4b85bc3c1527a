// Field access (spec §9.3) and method dispatch (spec §9.4, §11) through the per-site caches.
#include "interpreter/errors.hpp"
#include "interpreter/tree_walker.hpp"
#include "runtime/display.hpp"
#include "runtime/finalization.hpp"

namespace nyash::interp {

// The slot of `field` in `instance`, through the site's cache. Misses are not cached (a static box
// may gain the field later), nor are weak fields (a read must check the referent, §9.11); a
// finalized instance has no fields, so it always misses and is reported here (§9.10).
int TreeWalker::cached_field_slot(const InstanceObj& instance, const ast::FieldExpr& field) {
    SiteCache& cache = sites_[static_cast<size_t>(field.site)];
    if (cache.cls == instance.cls) return cache.field_slot;
    const BoxClass& cls = *instance.cls;
    if (cls.is_finalized()) located(field.loc, [&] { throw_finalized(cls); });
    int slot = classes_.field_slot(cls, field.field_symbol);
    if (slot >= 0 && !cls.field_is_weak(slot)) {
        cache.cls = &cls;
        cache.field_slot = slot;
    }
    return slot;
}

Value TreeWalker::read_field(const Value& object, const ast::FieldExpr& field) {
    if (!object.is_object_of(ObjectKind::Instance)) throw_no_field(type_name(object), field.field, field.loc);
    const InstanceObj& instance = as_instance(object);
    const SiteCache& cache = sites_[static_cast<size_t>(field.site)];
    if (cache.cls == instance.cls) return instance.fields[static_cast<size_t>(cache.field_slot)];  // never weak
    int slot = cached_field_slot(instance, field);
    if (slot < 0) throw_no_field(instance.cls->name(), field.field, field.loc);
    return read_field_value(*instance.cls, instance, slot);
}

void TreeWalker::write_field(const Value& object, const ast::FieldExpr& field, Value value) {
    if (!object.is_object_of(ObjectKind::Instance)) throw_no_field(type_name(object), field.field, field.loc);
    InstanceObj& instance = as_instance(object);
    int slot = cached_field_slot(instance, field);
    if (slot < 0) {
        // Ordinary boxes have a fixed field set; static singletons gain fields (spec §9.8).
        if (!instance.cls->is_static()) throw_no_field(instance.cls->name(), field.field, field.loc);
        slot = classes_.add_static_field(instance, field.field_symbol);
    }
    instance.fields[static_cast<size_t>(slot)] = std::move(value);
}

Value TreeWalker::call_method(const ast::MethodCallExpr& call, Frame& frame) {
    Value receiver_scratch;
    const Value& receiver = eval_ref(*call.receiver, frame, receiver_scratch);
    ValueStack::Scope scope(stack_);
    Value* args = push_args(call.args, frame);
    size_t argc = call.args.size();
    if (call.method_symbol == fini_ && runs_fini_protocol(receiver)) {
        finalize_at(receiver, argc, call.loc);
        return Value();
    }
    if (!receiver.is_object_of(ObjectKind::Instance)) return call_builtin_at(receiver, call, args, argc);

    const BoxClass& cls = *as_instance(receiver).cls;
    const MethodInfo& method = cached_user_method(cls, call);
    if (static_cast<size_t>(method.arity) != argc)
        throw_arity_error(cls.name() + "." + call.method, static_cast<size_t>(method.arity), argc, call.loc);
    return invoke(method, args, argc, &receiver, call.loc);
}

const MethodInfo& TreeWalker::cached_user_method(const BoxClass& cls, const ast::MethodCallExpr& call) {
    SiteCache& cache = sites_[static_cast<size_t>(call.site)];
    if (cache.cls == &cls) return *cache.method;
    const MethodInfo* method = cls.find_method(call.method_symbol);
    if (method == nullptr) {
        if (cls.is_finalized()) located(call.loc, [&] { throw_finalized(cls); });
        throw_no_method(cls.name(), call.method, call.loc);
    }
    cache.cls = &cls;
    cache.method = method;
    return *method;
}

// `o.fini()` (spec §9.10): the protocol, each user-defined fini called like a method at `loc`.
void TreeWalker::finalize_at(const Value& receiver, size_t argc, SourceLoc loc) {
    located(loc, [&] {
        finalize(receiver, argc, [&](const Value& instance, const MethodInfo& method) {
            ValueStack::Scope scope(stack_);
            invoke(method, stack_.push(0), 0, &instance, loc);
        });
    });
}

Value TreeWalker::call_builtin_at(const Value& receiver, const ast::MethodCallExpr& call, const Value* args,
                                  size_t argc) {
    SiteCache& cache = sites_[static_cast<size_t>(call.site)];
    BuiltinReceiver kind = builtin_receiver_of(receiver);
    if (cache.builtin == nullptr || cache.builtin_receiver != kind) {
        const BuiltinMethod* method = find_builtin_method(kind, call.method_symbol);
        if (method == nullptr) throw_no_method(type_name(receiver), call.method, call.loc);
        cache.builtin_receiver = kind;
        cache.builtin = method;
    }
    return located(call.loc, [&] { return call_builtin_method(rt_, *cache.builtin, receiver, args, argc); });
}

}  // namespace nyash::interp
