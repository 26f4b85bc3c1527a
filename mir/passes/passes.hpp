#pragma once
// MIR optimisation passes. Each takes a valid function (see verify()), keeps it valid and
// returns whether it changed anything. optimize() is the pass manager the VM pipeline calls.
#include "mir/mir.hpp"
#include "runtime/phase_log.hpp"

namespace nyash::mir {

// Replaces arithmetic, comparisons, neg/not/tobool on constant operands by their result,
// computed with the runtime's operator functions (bit-identical to execution). Operations
// that would raise an error are left for run time.
bool fold_constants(Function& fn);

// Constant branches become jumps; unreachable blocks are removed; a block that is its
// predecessor's only jump target is merged into it; trivial phis (one incoming value, or all
// incoming values equal) become copies for propagate_copies.
bool simplify_cfg(Function& fn);

// Replaces every use of a copy's result by its source and deletes the copy. Copies are Copy
// instructions and ToBool of a value already typed Bool.
bool propagate_copies(Function& fn);

// Deletes instructions whose values are unused and that cannot have an effect (pure ops, and
// arithmetic whose inferred operand types rule out an error), then unused constants.
bool eliminate_dead_code(Function& fn);

// Forward dataflow over Function::value_types to a fixpoint: constants, Int op Int -> Int,
// Float arithmetic, String concatenation, comparisons -> Bool, phis = join of their inputs.
// Values whose type depends on run time stay Type::Unknown.
bool infer_types(Function& fn);

// Uses classes known at compile time (Module::classes; classes never change at run time). A BoxCall whose
// receiver is made here by NewBox, or is a static box's singleton, becomes a direct Call of the
// method (receiver first) when that class has it with this arity. A GetField/SetField on such a
// value or on `me` in a user box's method gets the field's slot when the box declares the field
// (descendants keep the slot). Anything else (missing method or field, wrong arity, static box
// fields, which appear at run time) stays dynamic and raises its error at run time.
bool devirtualize(Function& fn, const Module& module);

// Level 0: nothing. 1: devirtualization, then one round of fold, simplify, copies, DCE. 2: rounds of all passes
// including type inference until nothing changes (at most kMaxOptimizeRounds). Values are
// renumbered densely at the end. In debug builds every pass is followed by verify_or_abort.
inline constexpr int kMaxOptimizeRounds = 8;
// `phases` (--profile-vm) gets each pass's time, summed over functions and rounds.
void optimize(Function& fn, int opt_level, PhaseLog* phases = nullptr);
void optimize(Module& module, int opt_level, PhaseLog* phases = nullptr);

}  // namespace nyash::mir
