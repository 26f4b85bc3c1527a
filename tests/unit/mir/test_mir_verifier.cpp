#include <catch2/catch.hpp>

#include <set>
#include <string_view>

#include "mir/verifier.hpp"
#include "mir_test_support.hpp"

using namespace nyash;
using namespace nyash::mir;

namespace {

Constant int_constant(int64_t v) {
    Constant c;
    c.kind = Constant::Kind::Int;
    c.int_value = v;
    return c;
}

// fn(p) { bb0: br p, bb1, bb2 / bb1: %1 = 1 / bb2: %2 = 2 / bb3: %3 = phi; ret %3 }
Function diamond() {
    Function fn;
    fn.name = "diamond";
    fn.param_count = 1;
    fn.constants = {int_constant(1), int_constant(2)};
    for (int i = 0; i < 4; ++i) fn.new_value();
    fn.blocks.resize(4);
    for (BlockId b = 0; b < 4; ++b) fn.blocks[b].id = b;
    fn.blocks[0].instrs = {Instr{.op = Op::Param, .dst = 0, .imm = 0},
                           Instr{.op = Op::Branch, .a = 0, .targets = {1, 2}}};
    fn.blocks[1].instrs = {Instr{.op = Op::Const, .dst = 1, .imm = 0}, Instr{.op = Op::Jump, .targets = {3, 0}}};
    fn.blocks[1].preds = {0};
    fn.blocks[2].instrs = {Instr{.op = Op::Const, .dst = 2, .imm = 1}, Instr{.op = Op::Jump, .targets = {3, 0}}};
    fn.blocks[2].preds = {0};
    fn.blocks[3].instrs = {Instr{.op = Op::Phi, .dst = 3, .args = {1, 2}, .phi_blocks = {1, 2}},
                           Instr{.op = Op::Return, .a = 3}};
    fn.blocks[3].preds = {1, 2};
    return fn;
}

// The verifier reports a message containing `text` for fn.
void require_error(const Function& fn, std::string_view text) {
    std::vector<std::string> errors = verify(fn);
    std::string all;
    bool found = false;
    for (const std::string& e : errors) {
        all += e + "\n";
        found |= e.find(text) != std::string::npos;
    }
    INFO("expected: " << text << "\nreported:\n" << all);
    REQUIRE(found);
}

}  // namespace

TEST_CASE("verifier accepts a well-formed diamond", "[mir][verifier]") {
    REQUIRE(verify(diamond()).empty());
}

TEST_CASE("verifier: missing and misplaced terminators", "[mir][verifier]") {
    Function missing = diamond();
    missing.blocks[1].instrs.pop_back();
    missing.blocks[3].preds = {2};
    missing.blocks[3].instrs[0] = Instr{.op = Op::Phi, .dst = 3, .args = {2}, .phi_blocks = {2}};
    require_error(missing, "bb1: does not end in a terminator");

    Function empty = diamond();
    empty.blocks[2].instrs.clear();
    require_error(empty, "bb2: empty block");

    Function early = diamond();
    early.blocks[1].instrs.insert(early.blocks[1].instrs.begin(), Instr{.op = Op::Return});
    require_error(early, "terminator before the end of the block");
}

TEST_CASE("verifier: phis must match the predecessors", "[mir][verifier]") {
    Function wrong_block = diamond();
    wrong_block.blocks[3].instrs[0].phi_blocks = {1, 0};
    require_error(wrong_block, "phi %3 has incoming blocks [bb1, bb0] but preds [bb1, bb2]");

    Function missing_incoming = diamond();
    missing_incoming.blocks[3].instrs[0].args = {1};
    missing_incoming.blocks[3].instrs[0].phi_blocks = {1};
    require_error(missing_incoming, "phi %3 has incoming blocks [bb1] but preds [bb1, bb2]");

    Function mismatched = diamond();
    mismatched.blocks[3].instrs[0].args = {1};
    require_error(mismatched, "phi has mismatched values and blocks");

    Function late_phi = diamond();
    std::swap(late_phi.blocks[3].instrs[0], late_phi.blocks[3].instrs[1]);
    require_error(late_phi, "phi after a non-phi instruction");
}

TEST_CASE("verifier: uses must be dominated by their definitions", "[mir][verifier]") {
    Function other_branch = diamond();
    other_branch.blocks[3].instrs[1].a = 1;  // ret %1: bb1 does not dominate bb3
    require_error(other_branch, "bb3: ret #1: use of %1 is not dominated by its definition in bb1");

    Function before_def = diamond();
    before_def.blocks[0].instrs = {Instr{.op = Op::Branch, .a = 0, .targets = {1, 2}}};
    before_def.blocks[0].instrs.insert(before_def.blocks[0].instrs.begin(),
                                       Instr{.op = Op::Copy, .dst = 0, .a = 0});
    require_error(before_def, "use of %0 is not dominated");

    Function phi_from_wrong_side = diamond();
    phi_from_wrong_side.blocks[3].instrs[0].args = {2, 1};  // %2 arrives from bb1, %1 from bb2
    require_error(phi_from_wrong_side, "phi %3: %2 from bb1 is not dominated by its definition in bb2");
}

TEST_CASE("verifier: values are defined once and in range", "[mir][verifier]") {
    Function twice = diamond();
    twice.blocks[2].instrs[0].dst = 1;
    require_error(twice, "%1 is defined twice");

    Function out_of_range = diamond();
    out_of_range.blocks[3].instrs[1].a = 17;
    require_error(out_of_range, "operand %17 out of range");

    Function undefined = diamond();
    undefined.new_value();
    undefined.blocks[3].instrs[1].a = 4;
    require_error(undefined, "use of undefined value %4");

    Function no_result = diamond();
    no_result.blocks[1].instrs[0].dst = kNoValue;
    require_error(no_result, "missing result value");

    Function bad_constant = diamond();
    bad_constant.blocks[1].instrs[0].imm = 9;
    require_error(bad_constant, "constant index 9 out of range");

    Function late_param = diamond();
    late_param.blocks[1].instrs[0] = Instr{.op = Op::Param, .dst = 1, .imm = 0};
    require_error(late_param, "param outside the entry block");
}

TEST_CASE("verifier: CFG shape", "[mir][verifier]") {
    Function stale_preds = diamond();
    stale_preds.blocks[3].preds = {1};
    require_error(stale_preds, "bb3: preds are [bb1] but the terminators give [bb1, bb2]");

    Function unreachable = diamond();
    unreachable.blocks.push_back(Block{.id = 4, .instrs = {Instr{.op = Op::Return}}});
    require_error(unreachable, "bb4: unreachable from the entry");

    Function same_targets = diamond();
    same_targets.blocks[0].instrs[1].targets[1] = 1;
    require_error(same_targets, "both branch targets are bb1");

    Function bad_target = diamond();
    bad_target.blocks[1].instrs[1].targets[0] = 8;
    require_error(bad_target, "target bb8 out of range");

    // bb0 -> bb2 leaves a two-successor block for a two-predecessor block.
    Function critical = diamond();
    critical.blocks[1].instrs[1].targets[0] = 2;
    critical.blocks[2].preds = {0, 1};
    critical.blocks[2].instrs = {Instr{.op = Op::Return}};
    critical.blocks.pop_back();
    require_error(critical, "bb0: critical edge to bb2");

    Function loop_to_entry = diamond();
    loop_to_entry.blocks[3].instrs[1] = Instr{.op = Op::Jump, .targets = {0, 0}};
    loop_to_entry.blocks[0].preds = {3};
    require_error(loop_to_entry, "the entry block has predecessors");
}

TEST_CASE("verifier accepts builder output with loops, phis and boxes", "[mir][verifier]") {
    Module module = test::build_mir(R"(
box Counter {
    init { count }
    birth() { me.count = 0 }
    next() {
        me.count = me.count + 1
        return me.count
    }
}
local c = new Counter()
local i = 0
loop (i < 10 and c.next() < 100) {
    if i % 2 == 0 { i = i + 1; continue }
    i = i + 2
}
print(i)
)");
    for (const Function& fn : module.functions) {
        INFO(fn.name);
        REQUIRE(verify(fn).empty());
    }
}

TEST_CASE("the binary ops are exactly the arithmetic and comparison groups", "[mir][verifier]") {
    const std::set<std::string_view> arithmetic = {"add", "sub", "mul", "div", "mod"};
    const std::set<std::string_view> comparisons = {"eq", "ne", "lt", "le", "gt", "ge"};
    for (int i = 0; i <= static_cast<int>(Op::Return); ++i) {
        Op op = static_cast<Op>(i);
        INFO(op_name(op));
        CHECK(is_arithmetic(op) == arithmetic.contains(op_name(op)));
        CHECK(is_comparison(op) == comparisons.contains(op_name(op)));
        CHECK(is_binary(op) == (is_arithmetic(op) || is_comparison(op)));
    }
}

TEST_CASE("verifier: a binary op needs both operands", "[mir][verifier]") {
    for (Op op : {Op::Add, Op::Mod, Op::Eq, Op::Ge}) {
        INFO(op_name(op));
        Function fn = diamond();
        ValueId result = fn.new_value();
        auto& instrs = fn.blocks[1].instrs;
        instrs.insert(instrs.end() - 1, Instr{.op = op, .dst = result, .a = 1});
        require_error(fn, "missing operand a or b");
    }
}

// [T2] fn(p) { bb0: %1 = neg p; %2 = neg %1; jump bb1 (unwind bb2) / bb1: ret %2 / bb2: ret }
TEST_CASE("verifier: a block with an exception edge raises only at its end", "[mir][verifier][tier2]") {
    Function fn;
    fn.name = "edge";
    fn.param_count = 1;
    for (int i = 0; i < 3; ++i) fn.new_value();
    fn.blocks.resize(3);
    for (BlockId b = 0; b < 3; ++b) fn.blocks[b].id = b;
    fn.blocks[0].instrs = {Instr{.op = Op::Param, .dst = 0, .imm = 0}, Instr{.op = Op::Neg, .dst = 1, .a = 0},
                           Instr{.op = Op::Neg, .dst = 2, .a = 1}, Instr{.op = Op::Jump, .targets = {1, 0}}};
    fn.blocks[0].unwind = 2;
    fn.blocks[1].instrs = {Instr{.op = Op::Return, .a = 2}};
    fn.blocks[1].preds = {0};
    fn.blocks[2].instrs = {Instr{.op = Op::Return}};
    fn.blocks[2].preds = {0};
    require_error(fn, "neg #1: can raise before the end of a block with an exception edge");

    fn.blocks[0].instrs.erase(fn.blocks[0].instrs.begin() + 2);  // only the last one raises now
    fn.blocks[1].instrs = {Instr{.op = Op::Return, .a = 1}};
    REQUIRE(verify(fn).empty());

    fn.blocks[1].instrs = {Instr{.op = Op::Jump, .targets = {2, 0}}};  // the landing block gets a second way in
    fn.blocks[2].preds = {0, 1};
    require_error(fn, "exception edge to a block with more than one predecessor");
}
