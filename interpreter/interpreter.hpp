#pragma once
#include "frontend/ast.hpp"
#include "frontend/class_table.hpp"
#include "runtime/runtime.hpp"

namespace nyash {

// The AST-walking baseline backend. Runs the run phase of spec §2.3 on a resolved program:
// creates the static singletons, runs the script, then the entry main(). An uncaught runtime
// error propagates as a located NyashError; output produced before it stays in `rt`.
// Needs a large native stack for 10000 nested calls (the CLI runs it on a big-stack thread).
void interpret(const ast::Program& program, Runtime& rt);

// The same for any number of runs: the class table is built once, here, instead of per run.
class Interpreter {
public:
    explicit Interpreter(const ast::Program& program);  // `program` must outlive this
    void run(Runtime& rt) const;

private:
    const ast::Program& program_;
    ClassTable classes_;
};

}  // namespace nyash
