// The vm/handlers.inc interface macros that the engines spell alike, written once. An engine
// includes this file right before vm/handlers.inc, after defining what is its own:
//
//   VM_HANDLER(name)     how a handler starts: a case label, a goto label, a function head
//   INSN                 the current instruction word
//   DISPATCH()           continue with the instruction at `pc` (never returns to the body);
//                        not needed by an engine that defines CONTINUE_AT itself
//
// and names its state `vm` (the Machine), `pc` and `regs`. An engine may also define any of
// these, before including this file, where the default does not fit its dispatch:
//
//   CONTINUE_AT(target)  default: pc = target, then DISPATCH(); an engine whose handlers
//                        return the next pc returns target
//   KONST(i)             default: konst[i], a local or parameter holding the constant pool
//   SAVE_PC()            default: vm.pc = pc; an engine whose pc is no bytecode pc maps it back
//   RESUME_FRAME()       default: pc = vm.pc, regs = vm.regs, then DISPATCH()
//   EXIT_ENGINE()        default: return
#pragma once

#ifndef CONTINUE_AT
#define CONTINUE_AT(target) \
    do {                    \
        pc = (target);      \
        DISPATCH();         \
    } while (0)
#endif
#define NEXT() CONTINUE_AT(pc + 1)
#define JUMP(offset) CONTINUE_AT(pc + (offset))
#define REG(i) (regs[(i)])
#define VM vm

#ifndef KONST
#define KONST(i) (konst[(i)])
#endif
#ifndef SAVE_PC
#define SAVE_PC() (vm.pc = pc)
#endif
#ifndef RESUME_FRAME
#define RESUME_FRAME()  \
    do {                \
        pc = vm.pc;     \
        regs = vm.regs; \
        DISPATCH();     \
    } while (0)
#endif
#ifndef EXIT_ENGINE
#define EXIT_ENGINE() return
#endif
