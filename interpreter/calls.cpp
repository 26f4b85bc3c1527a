// User-level calls: argument windows, arity checks, the call-depth limit (spec §9.5, §9.7, §10, §13).
#include <algorithm>

#include "interpreter/errors.hpp"
#include "interpreter/tree_walker.hpp"
#include "runtime/limits.hpp"
#include "runtime/run_profile.hpp"

namespace nyash::interp {

// Arguments are evaluated straight into the window that becomes the callee's first slots.
Value* TreeWalker::push_args(const std::vector<ast::ExprPtr>& args, Frame& frame) {
    Value* window = stack_.push(args.size());
    for (size_t i = 0; i < args.size(); ++i) window[i] = eval(*args[i], frame);
    return window;
}

// `args` is the most recent push (argc values, arity already checked); the caller's
// ValueStack::Scope releases the frame.
Value TreeWalker::invoke(const ast::Callable& callee, Value* args, size_t argc, const Value* me,
                         SourceLoc call_site) {
    count_step();
    profile::CallTimer timer(&callee, [&] { return ast::qualified_name(program_, callee); });
    if (static_cast<size_t>(depth_) + 1 >= calls_.size()) [[unlikely]] make_room_for_call(call_site);
    Frame frame{stack_.grow(args, argc, static_cast<size_t>(callee.frame_size)), me, {}};
    calls_[++depth_] = {&callee, call_site};
    exec_block(callee.body, frame);
    --depth_;  // not when an error unwinds: see calls_
    return std::move(frame.result);
}

// One check serves both the call-depth limit and the growth of calls_.
void TreeWalker::make_room_for_call(SourceLoc call_site) {
    if (depth_ >= kMaxCallDepth) throw_call_depth_exceeded(call_site);
    calls_.resize(std::min(calls_.size() * 2, static_cast<size_t>(kMaxCallDepth) + 1));
}

Value TreeWalker::invoke(const MethodInfo& method, Value* args, size_t argc, const Value* me,
                         SourceLoc call_site) {
    return invoke(*program_.callables[static_cast<size_t>(method.callable_id)], args, argc, me, call_site);
}

// The effective constructor of `cls` (own or inherited) on `me`; none accepts only no arguments.
void TreeWalker::run_constructor(const BoxClass& cls, const Value& me, Value* args, size_t argc,
                                 SourceLoc call_site) {
    const MethodInfo* constructor = cls.constructor();
    size_t expected = constructor ? static_cast<size_t>(constructor->arity) : 0;
    if (argc != expected) throw_arity_error(cls.name() + " constructor", expected, argc, call_site);
    if (constructor) invoke(*constructor, args, argc, &me, call_site);
}

Value TreeWalker::call_function(const ast::CallExpr& call, Frame& frame) {
    const ast::Callable& callee = *program_.functions[static_cast<size_t>(call.function_index)];
    ValueStack::Scope scope(stack_);
    Value* args = push_args(call.args, frame);
    if (call.args.size() != callee.params.size())
        throw_arity_error(callee.name, callee.params.size(), call.args.size(), call.loc);
    return invoke(callee, args, call.args.size(), nullptr, call.loc);
}

Value TreeWalker::construct(const ast::NewExpr& expr, Frame& frame) {
    ValueStack::Scope scope(stack_);
    Value* args = push_args(expr.args, frame);
    size_t argc = expr.args.size();
    if (expr.builtin_box)
        return located(expr.loc, [&] { return construct_builtin(rt_, *expr.builtin_box, args, argc); });
    const BoxClass& cls = classes_.at(expr.box_index);
    Value instance = make_instance(&cls);
    run_constructor(cls, instance, args, argc, expr.loc);
    return instance;
}

// `from P.m(args)`: P's version of m (found in P or its ancestors) with `me` unchanged (spec §9.7).
Value TreeWalker::call_from(const ast::FromCallExpr& call, Frame& frame) {
    const BoxClass& parent = classes_.at(call.parent_index);
    ValueStack::Scope scope(stack_);
    Value* args = push_args(call.args, frame);
    size_t argc = call.args.size();
    if (call.is_constructor) {
        run_constructor(parent, *frame.me, args, argc, call.loc);
        return Value();
    }
    const MethodInfo* method = parent.find_method(call.method_symbol);
    if (method == nullptr) throw_no_method(parent.name(), call.method, call.loc);
    if (static_cast<size_t>(method->arity) != argc)
        throw_arity_error(parent.name() + "." + call.method, static_cast<size_t>(method->arity), argc, call.loc);
    return invoke(*method, args, argc, frame.me, call.loc);
}

}  // namespace nyash::interp
