#pragma once
// The register bytecode: instruction encoding, opcode metadata and the compiled program.
// Format and rationale: docs/bytecode.md.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/ast.hpp"
#include "frontend/class_table.hpp"
#include "runtime/source_loc.hpp"
#include "runtime/symbol.hpp"
#include "runtime/value.hpp"

namespace nyash::vm {

enum class Opcode : uint8_t {
#define OPCODE(name, a, b, c, doc) name,
#include "vm/opcodes.def"
};

inline constexpr size_t kOpcodeCount = 0
#define OPCODE(name, a, b, c, doc) +1
#include "vm/opcodes.def"
    ;
static_assert(kOpcodeCount <= 256, "the opcode field is 8 bits");

// What an operand field holds (see vm/opcodes.def).
enum class OperandKind : uint8_t { NONE, REG, CONST, IMM, JUMP, COUNT, FUNC, SITE, BOX, BUILTIN, FLAG, SLOT };

struct OpcodeInfo {
    std::string_view name;
    OperandKind a, b, c;
    std::string_view doc;
};

inline constexpr OpcodeInfo kOpcodeInfo[] = {
#define OPCODE(name, a, b, c, doc) {#name, OperandKind::a, OperandKind::b, OperandKind::c, doc},
#include "vm/opcodes.def"
};

constexpr const OpcodeInfo& opcode_info(Opcode op) { return kOpcodeInfo[static_cast<size_t>(op)]; }

// A superinstruction (vm/superinstructions.def): `fused` runs `first`, then the `second` that
// follows it in the next word.
struct Superinstruction {
    Opcode fused, first, second;
};
inline constexpr Superinstruction kSuperinstructions[] = {
#define SUPERINSTRUCTION(fused, first, second) {Opcode::fused, Opcode::first, Opcode::second},
#include "vm/superinstructions.def"
};

// The opcode whose work `op` does on its own operands: `first` for a superinstruction, else op.
constexpr Opcode unfused(Opcode op) {
    for (const Superinstruction& s : kSuperinstructions)
        if (s.fused == op) return s.first;
    return op;
}

// A superinstruction carries its first opcode's operands, so it must declare the same kinds.
constexpr bool superinstructions_match_their_first() {
    for (const Superinstruction& s : kSuperinstructions) {
        const OpcodeInfo& fused = opcode_info(s.fused);
        const OpcodeInfo& first = opcode_info(s.first);
        if (fused.a != first.a || fused.b != first.b || fused.c != first.c || unfused(s.first) != s.first) return false;
    }
    return true;
}
static_assert(superinstructions_match_their_first(), "vm/opcodes.def: a superinstruction's operands are its first opcode's");

// One instruction is one 64-bit word:
//   bits  0..7   opcode
//   bits  8..23  A  (16 bits: a register, or unused)
//   bits 24..39  B  (16 bits: register, constant index, count, flag; signed when an IMM)
//   bits 40..63  C  (24 bits: register, constant, function, site, box; signed for IMM and JUMP)
using Instr = uint64_t;

inline constexpr uint32_t kMaxA = 0xFFFF;
inline constexpr uint32_t kMaxB = 0xFFFF;
inline constexpr uint32_t kMaxC = 0xFFFFFF;
inline constexpr int32_t kMinSC = -(1 << 23);
inline constexpr int32_t kMaxSC = (1 << 23) - 1;

constexpr Instr encode(Opcode op, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0) {
    return static_cast<Instr>(op) | (static_cast<Instr>(a & kMaxA) << 8) |
           (static_cast<Instr>(b & kMaxB) << 24) | (static_cast<Instr>(c & kMaxC) << 40);
}
// C as a signed field (IMM, JUMP): two's complement in 24 bits.
constexpr Instr encode_signed_c(Opcode op, uint32_t a, uint32_t b, int32_t c) {
    return encode(op, a, b, static_cast<uint32_t>(c) & kMaxC);
}

inline constexpr Instr kOpcodeMask = 0xFF;
constexpr Opcode opcode_of(Instr i) { return static_cast<Opcode>(i & kOpcodeMask); }
// `i` with its opcode replaced and its operands kept (superinstruction selection).
constexpr Instr with_opcode(Instr i, Opcode op) { return (i & ~kOpcodeMask) | static_cast<Instr>(op); }
constexpr uint32_t operand_a(Instr i) { return static_cast<uint32_t>(i >> 8) & kMaxA; }
constexpr uint32_t operand_b(Instr i) { return static_cast<uint32_t>(i >> 24) & kMaxB; }
constexpr uint32_t operand_c(Instr i) { return static_cast<uint32_t>(i >> 40); }
// The arithmetic shift sign-extends bit 63, the top bit of C.
constexpr int32_t operand_sc(Instr i) { return static_cast<int32_t>(static_cast<int64_t>(i) >> 40); }

constexpr bool fits_signed_c(int64_t v) { return v >= kMinSC && v <= kMaxSC; }

// Where runtime errors of the instruction at `pc` are reported.
struct PcLoc {
    uint32_t pc;
    SourceLoc loc;
};

// [T2] One entry of a function's exception handler table: an exception raised by an instruction
// in [start, end) continues at `target` (CATCH there picks it up). Nothing consults the table
// until something raises, so code that raises nothing pays nothing for it.
struct Handler {
    uint32_t start, end, target;
};

// One compiled callable (same index as ast::Callable::id and mir::Function::id).
struct Function {
    int id = -1;
    std::string name;       // "f", "Box.m", "<script>"
    int param_count = 0;    // including `me` for members
    int frame_size = 0;     // registers, including call windows: R[0] .. R[frame_size-1]
    std::vector<Instr> code;
    std::vector<PcLoc> locs;  // sorted by pc; only instructions that can fail
    std::vector<Handler> handlers;  // [T2] the exception handler table; ranges do not overlap
    size_t ssa_values = 0;    // number of MIR values it was compiled from (statistics)

    // Unknown location when `pc` has no entry.
    SourceLoc loc_at(size_t pc) const;
    // The handler for an exception raised at `pc`, or nullptr.
    const Handler* handler_at(size_t pc) const;
};

// What an inline-cache site looks up.
enum class SiteKind : uint8_t { Field, Method, From };
struct Site {
    SiteKind kind;
    Symbol member;  // field or method name
    int box = -1;   // From: the ancestor box P of `from P.m(...)`
};

// A compiled program, self-contained: it needs no AST to run. Runs many times: per-run state
// (singletons, static boxes' gained fields, cache contents) lives in the VM, not here.
struct Program {
    std::vector<Function> functions;  // indexed by callable id
    std::vector<Value> constants;     // the constant pool K, shared by all functions
    std::vector<Site> sites;          // inline-cache sites, indexed by SITE operands
    int script = -1;                  // callable id of the top-level script
    int entry_box = -1;               // Program::boxes index of the entry box, or -1
    int entry_main = -1;              // callable id of the entry box's main(), or -1
    std::shared_ptr<const ClassTable> classes;  // the module's: field layouts, method tables, box names

    size_t instruction_count() const;
};

}  // namespace nyash::vm
