#pragma once
// The dispatch loops compiled into this binary; engines.cpp lists them as vm::Engine values.
#include "vm/machine.hpp"

namespace nyash::vm {

// for(;;) switch (opcode): one indirect jump through the switch's table per instruction.
void run_switch(Machine& vm);

}  // namespace nyash::vm
