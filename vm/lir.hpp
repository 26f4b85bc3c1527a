#pragma once
// The encoder's working form of one function: MIR blocks after instruction selection, i.e. the
// final bytecode instructions with SSA values still in place of register numbers. Register
// allocation assigns the registers; emission lays the blocks out and resolves phis into copies.
#include <cstdint>
#include <limits>
#include <vector>

#include "mir/mir.hpp"
#include "runtime/source_loc.hpp"
#include "vm/bytecode.hpp"

namespace nyash::vm::lir {

using mir::BlockId;
using mir::kNoValue;
using mir::ValueId;

inline constexpr uint32_t kNoConstant = std::numeric_limits<uint32_t>::max();

// One operand field of a bytecode instruction.
struct Operand {
    enum class Kind : uint8_t { None, Use, Def, Raw };
    Kind kind = Kind::None;
    uint32_t bits = 0;  // the ValueId for Use/Def, the field contents for Raw

    static Operand use(ValueId v) { return {Kind::Use, v}; }
    static Operand def(ValueId v) { return {Kind::Def, v}; }
    static Operand raw(uint32_t bits) { return {Kind::Raw, bits}; }
};

enum class InstrKind : uint8_t {
    Plain,   // opcode with operands a, b, c
    Window,  // call-like: args copied into R[base + arg_offset ...], result (def) in R[base]
    Param,   // def arrives in register `param_index`; emits nothing
};

struct Instr {
    InstrKind kind = InstrKind::Plain;
    Opcode opcode = Opcode::MOVE;
    Operand a, b, c;               // Plain; Window uses b (count) and c (function/site/box)
    ValueId def = kNoValue;        // the value written (also named by a Def operand), if any
    std::vector<ValueId> args;     // Window
    uint32_t arg_offset = 0;       // Window: NEWBOX leaves R[base] and R[base+1] to the handler
    uint32_t param_index = 0;      // Param
    SourceLoc loc;                 // where its runtime errors are reported (unknown: cannot fail)
};

struct Terminator {
    enum class Kind : uint8_t { Jump, Branch, Return, Throw };
    Kind kind = Kind::Return;
    BlockId targets[2] = {0, 0};  // Jump: [0]; Branch: taken when the condition holds / not
    // Branch: the jump-if-true opcode (JMPIF, or a fused compare J*/J*K) and its operands.
    Opcode branch = Opcode::JMPIF;
    ValueId lhs = kNoValue;          // JMPIF: the tested value; compares: the left operand
    ValueId rhs = kNoValue;          // register compares: the right operand
    uint32_t konst = kNoConstant;    // K compares: the right operand's pool index
    ValueId value = kNoValue;        // Return: kNoValue returns null; Throw: what is raised
    bool rethrow = false;            // Throw: value is a caught exception, raised again
    SourceLoc loc;                   // fused compares can fail; Throw: the `throw` keyword
    BlockId unwind = mir::kNoBlock;  // [T2] the block's exception edge, if any
};

struct Phi {
    ValueId dst;
    std::vector<BlockId> preds;   // parallel to values
    std::vector<ValueId> values;
};

struct Block {
    std::vector<Phi> phis;
    std::vector<Instr> instrs;
    Terminator term;
};

struct Function {
    const mir::Function* source = nullptr;
    std::vector<Block> blocks;                    // indexed like the MIR blocks
    std::vector<const mir::Constant*> constants;  // per value: what a MIR Const defines, else null
    size_t value_count() const { return constants.size(); }

    // Constants are rematerialised where they are copied (phi inputs, call arguments): such
    // uses need no register.
    bool is_constant(ValueId v) const { return constants[v] != nullptr; }
};

// The blocks a terminator continues to, its block's exception edge last.
inline std::vector<BlockId> successors(const Terminator& t) {
    std::vector<BlockId> out;
    switch (t.kind) {
    case Terminator::Kind::Jump: out = {t.targets[0]}; break;
    case Terminator::Kind::Branch: out = {t.targets[0], t.targets[1]}; break;
    case Terminator::Kind::Return:
    case Terminator::Kind::Throw: break;
    }
    if (t.unwind != mir::kNoBlock) out.push_back(t.unwind);
    return out;
}

// Calls f(value) for every value instr reads from a register.
template <typename F>
void for_each_register_use(const Function& fn, const Instr& instr, F&& f) {
    for (const Operand* op : {&instr.a, &instr.b, &instr.c})
        if (op->kind == Operand::Kind::Use) f(static_cast<ValueId>(op->bits));
    for (ValueId arg : instr.args)
        if (!fn.is_constant(arg)) f(arg);
}

template <typename F>
void for_each_register_use(const Terminator& t, F&& f) {
    if (t.lhs != kNoValue) f(t.lhs);
    if (t.rhs != kNoValue) f(t.rhs);
    if (t.value != kNoValue) f(t.value);
}

// The jump-if-false counterpart of a jump-if-true branch opcode.
Opcode negated_branch(Opcode op);

}  // namespace nyash::vm::lir
