#pragma once
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/ast.hpp"
#include "frontend/class_table.hpp"
#include "interpreter/interpreter.hpp"
#include "interpreter/site_cache.hpp"
#include "interpreter/value_stack.hpp"
#include "runtime/objects.hpp"
#include "runtime/runtime.hpp"
#include "runtime/value.hpp"

namespace nyash::interp {

// How a statement finished. break/continue/return travel up as this status, never as exceptions;
// runtime errors and thrown values are NyashError exceptions, which `try` intercepts.
enum class Flow : uint8_t { Normal, Break, Continue, Return };

// One activation of a callable.
struct Frame {
    Value* slots;      // locals by resolver slot, parameters first (a window of the ValueStack)
    const Value* me;   // the receiver; null in the script and in functions
    Value result;      // set by `return e`
};

// A call in progress: what runs and the call site in its caller (none for the script and main).
// A null callee marks no call (the script's slot once the script has finished).
struct ActiveCall {
    const ast::Callable* callee = nullptr;
    SourceLoc call_site;
};

// The AST-walking interpreter for one run of one resolved program. Construction performs run
// phase step (a) of spec §2.3 (static singletons with declared fields null); run() does (b)-(c).
// The implementation is split by job: interpreter.cpp (run phase), executor.cpp (statements),
// evaluator.cpp (expressions), members.cpp (fields and method dispatch), calls.cpp (frames,
// arity, call depth).
class TreeWalker {
public:
    TreeWalker(const ast::Program& program, const ClassTable& classes, Runtime& rt, uint64_t step_budget);
    // In a REPL session, leaves the static singletons to the next entry's run (Runtime::carried_statics).
    ~TreeWalker();
    void run();
    // The bytes the walker itself holds: locals, call records, caches, singletons (--profile-vm).
    size_t machinery_bytes() const;

private:
    // interpreter.cpp
    void run_script(const ast::Callable& script);
    void call_entry_main();
    void run_static_init(int box_index, SourceLoc trigger);
    std::vector<TraceFrame> call_trace(SourceLoc innermost) const;

    // executor.cpp
    Flow exec_block(const ast::Block& block, Frame& frame);
    Flow exec(const ast::Stmt& stmt, Frame& frame);
    void exec_local(const ast::LocalStmt& stmt, Frame& frame);
    void exec_assign(const ast::AssignStmt& stmt, Frame& frame);
    void add_assign(Value& target, const ast::BinaryExpr& sum, Frame& frame);
    void exec_print(const ast::PrintStmt& stmt, Frame& frame);
    Flow exec_loop(const ast::LoopStmt& stmt, Frame& frame);
    // [T2] Out of line: exec() is the hot path of every statement and must not carry their
    // exception handling.
    [[gnu::noinline]] Flow exec_try(const ast::TryStmt& stmt, Frame& frame);
    [[noreturn, gnu::noinline]] void exec_throw(const ast::ThrowStmt& stmt, Frame& frame);
    Flow run_protected(const ast::Block& block, Frame& frame, std::exception_ptr& pending);

    // evaluator.cpp
    Value eval(const ast::Expr& expr, Frame& frame);
    // Locals, `me`, static-box names and string literals are returned by reference, anything
    // else is evaluated into `scratch`. A reference stays valid for the rest of the enclosing
    // expression: assignment is a statement, so no expression can overwrite a local.
    const Value& eval_ref(const ast::Expr& expr, Frame& frame, Value& scratch);
    bool eval_condition(const ast::Expr& expr, Frame& frame);
    [[gnu::noinline]] const Value& static_box(const ast::NameExpr& name);
    Value eval_unary(const ast::UnaryExpr& expr, Frame& frame);
    Value eval_binary(const ast::BinaryExpr& expr, Frame& frame);
    Value eval_logical(const ast::LogicalExpr& expr, Frame& frame);
    Value eval_field(const ast::FieldExpr& expr, Frame& frame);
    const Value& string_constant(const ast::StringLit& literal);

    // members.cpp
    Value read_field(const Value& object, const ast::FieldExpr& field);
    void write_field(const Value& object, const ast::FieldExpr& field, Value value);
    int cached_field_slot(const InstanceObj& instance, const ast::FieldExpr& field);
    void finalize_at(const Value& receiver, size_t argc, SourceLoc loc);
    Value call_method(const ast::MethodCallExpr& call, Frame& frame);
    const MethodInfo& cached_user_method(const BoxClass& cls, const ast::MethodCallExpr& call);
    Value call_builtin_at(const Value& receiver, const ast::MethodCallExpr& call, const Value* args,
                          size_t argc);

    // One loop iteration or call (Interpreter::run); throws StepBudgetExhausted past the budget.
    void count_step() {
        if (--steps_left_ == 0) [[unlikely]] throw StepBudgetExhausted();
    }

    // calls.cpp
    Value* push_args(const std::vector<ast::ExprPtr>& args, Frame& frame);
    void make_room_for_call(SourceLoc call_site);
    Value invoke(const ast::Callable& callee, Value* args, size_t argc, const Value* me, SourceLoc call_site);
    Value invoke(const MethodInfo& method, Value* args, size_t argc, const Value* me, SourceLoc call_site);
    void run_constructor(const BoxClass& cls, const Value& me, Value* args, size_t argc, SourceLoc call_site);
    Value call_function(const ast::CallExpr& call, Frame& frame);
    Value construct(const ast::NewExpr& expr, Frame& frame);
    Value call_from(const ast::FromCallExpr& call, Frame& frame);

    const ast::Program& program_;
    Runtime& rt_;
    uint64_t steps_left_;  // Interpreter::run's step budget
    RunClasses classes_;
    std::vector<Value> singletons_;  // by Program::boxes index; null for ordinary boxes
    std::vector<uint8_t> static_init_pending_;  // by Program::boxes index: a `static { }` not yet started
    const Symbol fini_;
    std::vector<SiteCache> sites_;   // by member-access site index
    std::unordered_map<const ast::StringLit*, Value> string_constants_;
    ValueStack stack_;
    int depth_ = 0;  // active user-level calls (spec §13); the script is depth 0
    // calls_[d] is the call at depth d (the script at 0). Only a normal return lowers depth_, so
    // when an error reaches run() or a `try`, calls_[0..depth_] is still the stack it escaped
    // from (the try restores depth_ to its own). Grows by doubling up to the depth limit.
    std::vector<ActiveCall> calls_ = std::vector<ActiveCall>(64);
};

}  // namespace nyash::interp
