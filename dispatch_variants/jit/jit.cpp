// The `jit` engine: each bytecode function compiled to x86-64 at its first call (compiler.cpp),
// run from here through the session's trampoline. Calls between compiled functions are native
// calls; this function is entered once per entry frame (the script, main()).
#include <spdlog/spdlog.h>

#include "dispatch_variants/engine_loops.hpp"
#include "dispatch_variants/jit/session.hpp"

namespace nyash::vm {

void run_jit(Machine& vm) {
    jit::Session& session = jit::Session::of(vm);
    if (!session.usable()) {
        static bool warned = false;
        if (!warned) spdlog::warn("jit: executable memory is not available; running on the interpreter engine instead");
        warned = true;
        interpreter_fallback()(vm);
        return;
    }
    const void* code = session.entry_for(vm.current_function());
    if (session.run(code) != 0) vm.raise_pending_error();
}

}  // namespace nyash::vm
