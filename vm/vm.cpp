#include "vm/vm.hpp"

#include "mir/builder.hpp"
#include "mir/passes/passes.hpp"
#include "vm/encoder.hpp"

namespace nyash::vm {

Program compile(const ast::Program& program, int opt_level) {
    mir::Module module = mir::build_module(program);
    mir::optimize(module, opt_level);
    return encode_module(module, program);
}

}  // namespace nyash::vm
