// The run phase of spec §2.3 on a resolved program.
#include "interpreter/interpreter.hpp"

#include <algorithm>

#include "interpreter/errors.hpp"
#include "interpreter/tree_walker.hpp"
#include "runtime/finalization.hpp"
#include "runtime/run_profile.hpp"

namespace nyash {

void interpret(const ast::Program& program, Runtime& rt) { Interpreter(program).run(rt); }

Interpreter::Interpreter(const ast::Program& program) : program_(program), classes_(build_class_table(program)) {}

void Interpreter::run(Runtime& rt, uint64_t step_budget) const {
    // Destroyed after the walker and every Value it held: the run leaves no cycles behind.
    CollectCyclesOnExit collect_cycles_at_end;
    interp::TreeWalker(program_, classes_, rt, step_budget).run();
}

namespace interp {

TreeWalker::TreeWalker(const ast::Program& program, const ClassTable& classes, Runtime& rt, uint64_t step_budget)
    : program_(program),
      rt_(rt),
      steps_left_(step_budget),
      classes_(classes),
      singletons_(program.boxes.size()),
      static_init_pending_(program.boxes.size(), 0),
      fini_(fini_symbol()),
      sites_(static_cast<size_t>(program.site_count)) {
    for (size_t i = 0; i < program.boxes.size(); ++i) {
        if (!program.boxes[i]->is_static) continue;
        bool init_pending = false;
        singletons_[i] = classes_.open_singleton(classes_.at(static_cast<int>(i)), rt.carried_statics(), init_pending);
        static_init_pending_[i] = init_pending;
    }
}

TreeWalker::~TreeWalker() {
    if (CarriedStatics* carried = rt_.carried_statics()) classes_.carry_singletons(*carried, singletons_, static_init_pending_);
}

size_t TreeWalker::machinery_bytes() const {
    return sizeof(TreeWalker) + stack_.reserved_bytes() + calls_.capacity() * sizeof(ActiveCall) +
           sites_.capacity() * sizeof(SiteCache) + singletons_.capacity() * sizeof(Value) +
           static_init_pending_.capacity();
}

void TreeWalker::run() {
    // Reported also when the run fails: --profile-vm describes failing runs too.
    struct ReportMachinery {
        const TreeWalker& walker;
        ~ReportMachinery() {
            if (profile::RunProfile* run = profile::active())
                run->machinery_bytes = std::max<uint64_t>(run->machinery_bytes, walker.machinery_bytes());
        }
    } report_machinery{*this};
    try {
        if (program_.script) run_script(*program_.script);
        if (program_.entry_box >= 0) call_entry_main();
    } catch (NyashError& error) {
        if (error.trace().empty()) error.set_trace(call_trace(error.loc()));
        throw;
    }
}

void TreeWalker::run_script(const ast::Callable& script) {
    ValueStack::Scope scope(stack_);
    Frame frame{stack_.push(static_cast<size_t>(script.frame_size)), nullptr, {}};
    calls_[0] = {&script, {}};
    exec_block(script.body, frame);
    calls_[0] = {nullptr, {}};
}

// Each call below the innermost is executing the call of its successor.
std::vector<TraceFrame> TreeWalker::call_trace(SourceLoc innermost) const {
    std::vector<TraceFrame> trace;
    SourceLoc loc = innermost;
    for (int depth = depth_; depth >= 0; --depth) {
        const ActiveCall& call = calls_[static_cast<size_t>(depth)];
        if (call.callee == nullptr) break;
        trace.push_back({ast::qualified_name(program_, *call.callee), loc});
        loc = call.call_site;
    }
    return trace;
}

void TreeWalker::call_entry_main() {
    const BoxClass& entry = classes_.at(program_.entry_box);
    static const Symbol main_name = intern("main");
    const MethodInfo* main = entry.find_method(main_name);
    if (main == nullptr) throw_no_method(entry.name(), "main", {});
    const ast::Callable& body = *program_.callables[static_cast<size_t>(main->callable_id)];
    if (static_init_pending_[static_cast<size_t>(program_.entry_box)]) run_static_init(program_.entry_box, body.loc);
    ValueStack::Scope scope(stack_);
    invoke(body, stack_.push(0), 0, &singletons_[static_cast<size_t>(program_.entry_box)], body.loc);
}

// Spec §9.8 [T2]: marked as started before the body runs, so it runs at most once, even when
// it fails or refers to its own box.
void TreeWalker::run_static_init(int box_index, SourceLoc trigger) {
    static_init_pending_[static_cast<size_t>(box_index)] = 0;
    const ast::Callable& init = *program_.boxes[static_cast<size_t>(box_index)]->static_init;
    ValueStack::Scope scope(stack_);
    invoke(init, stack_.push(0), 0, &singletons_[static_cast<size_t>(box_index)], trigger);
}

}  // namespace interp
}  // namespace nyash
