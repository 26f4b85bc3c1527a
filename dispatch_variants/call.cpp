// The `call` engine (call threading): every handler is a function of its own that returns the
// next instruction, and one loop calls them through a table indexed by opcode. The handler
// bodies are vm/handlers.inc, made functions by handler_functions.hpp; this file owns only the
// loop that calls them.
#include <iterator>

#include "dispatch_variants/engine_loops.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm {
namespace {
#include "dispatch_variants/handler_functions.hpp"
}  // namespace

void run_call(Machine& vm) { call_handler_functions(vm); }

}  // namespace nyash::vm
