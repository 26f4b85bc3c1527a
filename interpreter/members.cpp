// Field access (spec §9.3) and method dispatch (spec §9.4, §11) through the per-site caches.
#include "interpreter/errors.hpp"
#include "interpreter/tree_walker.hpp"
#include "runtime/display.hpp"

namespace nyash::interp {

int TreeWalker::cached_field_slot(const BoxClass& cls, const ast::FieldExpr& field) {
    SiteCache& cache = sites_[static_cast<size_t>(field.site)];
    if (cache.cls == &cls) return cache.field_slot;
    int slot = classes_.field_slot(cls, field.field_symbol);
    // Misses are not cached: a static box may gain the field later.
    if (slot >= 0) {
        cache.cls = &cls;
        cache.field_slot = slot;
    }
    return slot;
}

Value TreeWalker::read_field(const Value& object, const ast::FieldExpr& field) {
    if (!object.is_object_of(ObjectKind::Instance)) throw_no_field(type_name(object), field.field, field.loc);
    const InstanceObj& instance = as_instance(object);
    int slot = cached_field_slot(*instance.cls, field);
    if (slot < 0) throw_no_field(instance.cls->name(), field.field, field.loc);
    return instance.fields[static_cast<size_t>(slot)];
}

void TreeWalker::write_field(const Value& object, const ast::FieldExpr& field, Value value) {
    if (!object.is_object_of(ObjectKind::Instance)) throw_no_field(type_name(object), field.field, field.loc);
    InstanceObj& instance = as_instance(object);
    int slot = cached_field_slot(*instance.cls, field);
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
    if (method == nullptr) throw_no_method(cls.name(), call.method, call.loc);
    cache.cls = &cls;
    cache.method = method;
    return *method;
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
