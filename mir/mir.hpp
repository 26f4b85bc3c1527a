#pragma once
// MIR: the SSA intermediate representation between the AST and the bytecode.
// One mir::Function per ast::Callable (same id). Values are numbered per function; each value is
// defined exactly once, by one instruction (or a phi) that dominates its uses. Blocks end in exactly
// one terminator (Jump, Branch, Return). The text form is documented in docs/mir.md and printed by
// print_module (--dump-mir).
//
// Guarantees of build_module and optimize (checked by verify(), see docs/mir.md):
//   * every block is reachable from blocks[0], and blocks[0] has no predecessors;
//   * a Branch has two different targets, so preds never lists a block twice;
//   * there are no critical edges (no edge from a block with two successors to a block with
//     two or more predecessors): phi copies can go at the end of each predecessor.
#include <cstdint>
#include <optional>
#include <span>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "frontend/class_table.hpp"
#include "runtime/builtins.hpp"
#include "runtime/source_loc.hpp"
#include "runtime/symbol.hpp"

namespace nyash::mir {

using ValueId = uint32_t;
using BlockId = uint32_t;
inline constexpr ValueId kNoValue = UINT32_MAX;
inline constexpr BlockId kNoBlock = UINT32_MAX;

// What type inference proved about a value. Unknown means "any value": the encoder must emit
// the generic (guarded) path.
enum class Type : uint8_t { Unknown, Int, Float, Bool, Null, String };

// Compile-time constants. Strings are kept as text; the VM interns them into its constant pool.
struct Constant {
    enum class Kind : uint8_t { Null, Bool, Int, Float, String } kind = Kind::Null;
    int64_t int_value = 0;  // Int, Bool (0/1)
    double float_value = 0;
    std::string string_value;
    friend bool operator==(const Constant&, const Constant&) = default;
};

enum class Op : uint8_t {
    // value producers
    Const,       // dst = constants[imm]
    Param,       // dst = parameter imm (entry block only; for members param 0 is `me`)
    Copy,        // dst = a
    // is_arithmetic() and is_comparison() rely on each of these two groups staying contiguous.
    Add, Sub, Mul, Div, Mod,   // dst = a OP b   (runtime operator table semantics)
    Eq, Ne, Lt, Le, Gt, Ge,    // dst = a OP b   (Bool)
    Neg,         // dst = -a
    Not,         // dst = not truthy(a)
    ToBool,      // dst = truthy(a) as Bool (result of and/or)
    Phi,         // dst = incoming value for the predecessor we came from
    StaticBox,   // dst = singleton of static box imm (Program::boxes index)
    NewBox,      // dst = new user box imm (Program::boxes index) with args
    NewBuiltin,  // dst = new builtin box `builtin` with args
    GetField,    // dst = a.symbol            (site = inline-cache index)
    Call,        // dst = callable imm (a top-level function) with args
    BoxCall,     // dst = args[0].symbol(args[1..])  dynamic method call (site = cache index)
    FromCall,    // dst = method `symbol` looked up from box imm (a proper ancestor), me = args[0]
    FromCtor,    // dst(null) = effective constructor of box imm run on me = args[0] with args[1..]
    // effects
    SetField,    // a.symbol = b              (site = inline-cache index)
    Print,       // print(str(a))
    // [T2] exceptions: first in a handler block (after its phis), the exception that reached it
    Catch,       // dst = what `catch (e)` binds (imm 0), or the exception itself to rethrow (imm 1)
    // terminators
    Jump,        // goto targets[0]
    Branch,      // if truthy(a) goto targets[0] else targets[1]
    Return,      // return a (a = kNoValue: return null)
    Throw,       // [T2] raise a: `throw a` (imm 0), or rethrow the exception a caught (imm 1)
};

// Catch::imm and Throw::imm.
inline constexpr int64_t kCatchValue = 0, kCatchRaw = 1;

const char* op_name(Op op);
bool is_arithmetic(Op op);  // Add, Sub, Mul, Div, Mod
bool is_comparison(Op op);  // Eq, Ne, Lt, Le, Gt, Ge
bool is_binary(Op op);      // dst = a OP b: arithmetic or comparison
bool is_terminator(Op op);
bool has_side_effects(Op op);  // may not be removed by DCE even if dst is unused
bool can_throw(Op op);         // may raise an exception (a try body ends its block after it)
bool defines_value(Op op);     // the op has a dst (everything but SetField, Print, terminators)

struct Instr {
    Op op;
    ValueId dst = kNoValue;          // kNoValue for effects and terminators
    ValueId a = kNoValue, b = kNoValue;
    std::vector<ValueId> args{};     // call/new arguments; phi incoming values (parallel to phi_blocks)
    std::vector<BlockId> phi_blocks{};  // Phi only: predecessor of each incoming value
    BlockId targets[2] = {0, 0};     // Jump / Branch
    int64_t imm = 0;                 // constant index, param index, box index, callable id
    Symbol symbol = 0;               // field / method name
    std::optional<BuiltinBox> builtin{};
    int site = -1;                   // FieldExpr/MethodCallExpr site, for inline caches
    int field_slot = -1;             // GetField/SetField: the slot, when devirtualize() knows the class
    SourceLoc loc{};                 // where a runtime error of this instruction is reported
};

// Calls f on every operand (a, b, args) of instr; f may rewrite them through a ValueId&.
template <typename InstrT, typename F>
void for_each_operand(InstrT& instr, F&& f) {
    if (instr.a != kNoValue) f(instr.a);
    if (instr.b != kNoValue) f(instr.b);
    for (auto& arg : instr.args) f(arg);
}

// The blocks a terminator may jump to (empty for Return and Throw).
std::span<const BlockId> successors(const Instr& terminator);

struct Block {
    BlockId id = 0;
    std::vector<Instr> instrs{};     // phis first, exactly one terminator last
    std::vector<BlockId> preds{};    // kept up to date by the builder and passes
    // [T2] The exception edge: where control goes if an instruction of this block raises. Only
    // blocks inside a `try` have one, and then the block's last instruction before the
    // terminator is its only one that can raise, so the values the handler sees are the
    // block's values at its end (docs/mir.md, "Exceptions").
    BlockId unwind = kNoBlock;
};

// A block's successors: its terminator's targets, then its exception edge.
struct Successors {
    BlockId ids[3];
    uint32_t count = 0;
    const BlockId* begin() const { return ids; }
    const BlockId* end() const { return ids + count; }
    size_t size() const { return count; }
    bool empty() const { return count == 0; }
    BlockId operator[](size_t i) const { return ids[i]; }
};

struct Function {
    int id = -1;                     // ast::Callable::id
    std::string name;                // "f", "Box.m", "Box.birth", "<script>"
    int param_count = 0;             // including `me` for members
    int owner_box = -1;              // a user box's method or constructor: that box (`me` is one of
                                     // its instances); -1 otherwise, also for static boxes
    std::vector<Block> blocks;       // blocks[0] is the entry; ids index this vector
    std::vector<Constant> constants;
    // intern_constant's lookup table, so that a function with N constants is built in O(N), not
    // O(N^2) (a 50 MB script of `x = x + 1` folds to 700,000 of them, docs/language.md "Limits").
    // A cache over `constants`: it knows how many it covers and is rebuilt when that changes
    // behind its back (dead-code elimination drops constants, keeping the order of the rest).
    struct ConstantIndex {
        std::unordered_map<std::string, int64_t> by_key;
        size_t covered = 0;
    } constant_index;
    std::vector<Type> value_types;   // indexed by ValueId; size = number of values
    ValueId new_value(Type t = Type::Unknown) {
        value_types.push_back(t);
        return static_cast<ValueId>(value_types.size() - 1);
    }
    size_t value_count() const { return value_types.size(); }
};

// Successors of a block (its terminator's, none while the block is still open; its exception edge).
Successors successors(const Block& block);

// Index of `c` in fn.constants, appending it if absent. Floats are compared bit for bit, so
// 0.0 and -0.0 (and NaNs with different payloads) stay distinct.
int64_t intern_constant(Function& fn, const Constant& c);
Type constant_type(const Constant& c);
const char* type_name(Type t);  // "int", "float", "bool", "null", "str"; "?" for Unknown

struct Module {
    std::vector<Function> functions;  // indexed by ast::Callable::id
    std::vector<std::string> box_names;  // Program::boxes names (for printing box indices)
    // Field layouts and method tables, built once by build_module: devirtualize() reads them,
    // and the VM program shares them to run on.
    std::shared_ptr<const ClassTable> classes;
    // [T2] Some code calls `.fini()`: then an instance of an ordinary box may become finalized
    // under any reference, and devirtualize() must leave its fields and methods to the run.
    bool finalizes = false;
};

}  // namespace nyash::mir
