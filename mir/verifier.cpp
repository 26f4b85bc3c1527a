#include "mir/verifier.hpp"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "mir/cfg.hpp"
#include "mir/printer.hpp"

namespace nyash::mir {
namespace {

std::string block_name(BlockId b) { return "bb" + std::to_string(b); }
std::string value_name(ValueId v) { return "%" + std::to_string(v); }

// Operands an op requires (beyond what the generic checks cover), or an empty string.
std::string shape_problem(const Function& fn, const Instr& instr) {
    auto need_a = [&] { return instr.a == kNoValue ? std::string("missing operand a") : std::string(); };
    auto need_ab = [&] {
        return instr.a == kNoValue || instr.b == kNoValue ? std::string("missing operand a or b") : std::string();
    };
    if (is_binary(instr.op)) return need_ab();
    switch (instr.op) {
    case Op::Const:
        if (instr.imm < 0 || static_cast<size_t>(instr.imm) >= fn.constants.size())
            return "constant index " + std::to_string(instr.imm) + " out of range";
        return {};
    case Op::Param:
        if (instr.imm < 0 || instr.imm >= fn.param_count)
            return "parameter index " + std::to_string(instr.imm) + " out of range";
        return {};
    case Op::Copy:
    case Op::Neg:
    case Op::Not:
    case Op::ToBool:
    case Op::GetField:
    case Op::Print:
    case Op::Throw:
    case Op::Branch:
        return need_a();
    case Op::SetField:
        return need_ab();
    case Op::Phi:
        if (instr.args.size() != instr.phi_blocks.size()) return "phi has mismatched values and blocks";
        return {};
    case Op::NewBuiltin:
        if (!instr.builtin) return "newbuiltin without a builtin box";
        return {};
    case Op::BoxCall:
    case Op::FromCall:
    case Op::FromCtor:
        if (instr.args.empty()) return "missing receiver args[0]";
        return {};
    default:
        return {};
    }
}

class Verifier {
public:
    explicit Verifier(const Function& fn)
        : fn_(fn), def_block_(fn.value_count(), kNoBlock), def_index_(fn.value_count(), 0) {}

    std::vector<std::string> run() {
        if (fn_.blocks.empty()) return {"function has no blocks"};
        for (BlockId b = 0; b < fn_.blocks.size(); ++b) check_block_structure(b);
        if (!errors_.empty()) return errors_;  // the CFG checks below need sound terminators
        check_predecessors();
        check_phis();
        DominatorTree dom(fn_);
        for (BlockId b = 0; b < fn_.blocks.size(); ++b)
            if (!dom.reachable(b)) error(b, "unreachable from the entry");
        check_critical_edges();
        for (BlockId b = 0; b < fn_.blocks.size(); ++b)
            if (dom.reachable(b)) check_dominance(b, dom);
        return errors_;
    }

private:

    void error(BlockId b, const std::string& message) { errors_.push_back(block_name(b) + ": " + message); }

    // The handler must see the block's values as they were when the exception was raised: only
    // the last instruction (a throw) or the one before the terminator may raise.
    void check_exception_edge(BlockId b) {
        const Block& block = fn_.blocks[b];
        if (block.unwind >= fn_.blocks.size()) {
            error(b, "exception edge to a missing block");
            return;
        }
        size_t last = block.instrs.back().op == Op::Throw ? block.instrs.size() - 1 : block.instrs.size() - 2;
        for (size_t k = 0; k + 1 < block.instrs.size(); ++k)
            if (k != last && can_throw(block.instrs[k].op))
                error(b, std::string(op_name(block.instrs[k].op)) + " #" + std::to_string(k) +
                             ": can raise before the end of a block with an exception edge");
        if (fn_.blocks[block.unwind].preds.size() != 1)
            error(b, "exception edge to a block with more than one predecessor");
    }

    void check_block_structure(BlockId b) {
        const Block& block = fn_.blocks[b];
        if (block.id != b) error(b, "has id " + std::to_string(block.id));
        if (block.instrs.empty()) {
            error(b, "empty block (missing terminator)");
            return;
        }
        if (!is_terminator(block.instrs.back().op)) error(b, "does not end in a terminator");
        if (block.unwind != kNoBlock) check_exception_edge(b);
        bool phis_allowed = true;
        for (size_t k = 0; k < block.instrs.size(); ++k) {
            const Instr& instr = block.instrs[k];
            std::string where = std::string(op_name(instr.op)) + " #" + std::to_string(k) + ": ";
            if (is_terminator(instr.op) && k + 1 != block.instrs.size())
                error(b, where + "terminator before the end of the block");
            if (instr.op == Op::Phi && !phis_allowed) error(b, where + "phi after a non-phi instruction");
            if (instr.op != Op::Phi) phis_allowed = false;
            if (instr.op == Op::Param && b != 0) error(b, where + "param outside the entry block");
            if (std::string problem = shape_problem(fn_, instr); !problem.empty()) error(b, where + problem);
            check_definition(b, k, instr, where);
            for_each_operand(instr, [&](ValueId v) {
                if (v >= fn_.value_count()) error(b, where + "operand " + value_name(v) + " out of range");
            });
            std::span<const BlockId> targets = successors(instr);
            for (BlockId target : targets)
                if (target >= fn_.blocks.size()) error(b, where + "target " + block_name(target) + " out of range");
            if (instr.op == Op::Branch && instr.targets[0] == instr.targets[1])
                error(b, where + "both branch targets are " + block_name(instr.targets[0]));
        }
    }

    void check_definition(BlockId b, size_t k, const Instr& instr, const std::string& where) {
        if (defines_value(instr.op) != (instr.dst != kNoValue)) {
            error(b, where + (instr.dst == kNoValue ? "missing result value" : "must not define a value"));
            return;
        }
        if (instr.dst == kNoValue) return;
        if (instr.dst >= fn_.value_count()) {
            error(b, where + "result " + value_name(instr.dst) + " out of range");
        } else if (def_block_[instr.dst] != kNoBlock) {
            error(b, where + value_name(instr.dst) + " is defined twice");
        } else {
            def_block_[instr.dst] = b;
            def_index_[instr.dst] = k;
        }
    }

    static std::string list_blocks(std::vector<BlockId> blocks) {
        std::string text = "[";
        for (size_t i = 0; i < blocks.size(); ++i) text += (i ? ", " : "") + block_name(blocks[i]);
        return text + "]";
    }

    void check_predecessors() {
        std::vector<std::vector<BlockId>> actual(fn_.blocks.size());
        for (BlockId b = 0; b < fn_.blocks.size(); ++b)
            for (BlockId succ : successors(fn_.blocks[b])) actual[succ].push_back(b);
        for (BlockId b = 0; b < fn_.blocks.size(); ++b) {
            std::vector<BlockId> listed = fn_.blocks[b].preds;
            std::ranges::sort(listed);
            if (std::ranges::adjacent_find(listed) != listed.end())
                error(b, "preds lists a block twice: " + list_blocks(fn_.blocks[b].preds));
            else if (listed != actual[b])
                error(b, "preds are " + list_blocks(fn_.blocks[b].preds) + " but the terminators give " +
                             list_blocks(actual[b]));
        }
        if (!actual[0].empty()) error(0, "the entry block has predecessors");
        pred_count_.clear();
        for (const auto& preds : actual) pred_count_.push_back(preds.size());
    }

    void check_phis() {
        for (BlockId b = 0; b < fn_.blocks.size(); ++b) {
            const Block& block = fn_.blocks[b];
            std::vector<BlockId> preds = block.preds;
            std::ranges::sort(preds);
            for (const Instr& instr : block.instrs) {
                if (instr.op != Op::Phi) break;
                std::vector<BlockId> incoming = instr.phi_blocks;
                std::ranges::sort(incoming);
                if (incoming != preds)
                    error(b, "phi " + value_name(instr.dst) + " has incoming blocks " +
                                 list_blocks(instr.phi_blocks) + " but preds " + list_blocks(block.preds));
            }
        }
    }

    void check_critical_edges() {
        for (BlockId b = 0; b < fn_.blocks.size(); ++b) {
            Successors succs = successors(fn_.blocks[b]);
            if (succs.size() < 2) continue;
            for (BlockId succ : succs)
                if (pred_count_[succ] > 1) error(b, "critical edge to " + block_name(succ));
        }
    }

    // A use needs its definition earlier in the same block or in a strictly dominating block;
    // a phi's incoming value must be available at the end of the predecessor it comes from.
    void check_dominance(BlockId b, const DominatorTree& dom) {
        const Block& block = fn_.blocks[b];
        for (size_t k = 0; k < block.instrs.size(); ++k) {
            const Instr& instr = block.instrs[k];
            if (instr.op == Op::Phi) {
                for (size_t i = 0; i < instr.args.size() && i < instr.phi_blocks.size(); ++i) {
                    ValueId v = instr.args[i];
                    BlockId from = instr.phi_blocks[i];
                    if (!defined(b, v) || from >= fn_.blocks.size() || !dom.reachable(from)) continue;
                    if (!dom.dominates(def_block_[v], from))
                        error(b, "phi " + value_name(instr.dst) + ": " + value_name(v) + " from " +
                                     block_name(from) + " is not dominated by its definition in " +
                                     block_name(def_block_[v]));
                }
                continue;
            }
            for_each_operand(instr, [&](ValueId v) {
                if (!defined(b, v)) return;
                BlockId d = def_block_[v];
                bool ok = d == b ? def_index_[v] < k : dom.reachable(d) && dom.dominates(d, b);
                if (!ok)
                    error(b, std::string(op_name(instr.op)) + " #" + std::to_string(k) + ": use of " +
                                 value_name(v) + " is not dominated by its definition in " + block_name(d));
            });
        }
    }

    bool defined(BlockId b, ValueId v) {
        if (v >= fn_.value_count()) return false;  // reported as out of range
        if (def_block_[v] != kNoBlock) return true;
        error(b, "use of undefined value " + value_name(v));
        return false;
    }

    const Function& fn_;
    std::vector<BlockId> def_block_;
    std::vector<size_t> def_index_;
    std::vector<size_t> pred_count_;
    std::vector<std::string> errors_;
};

}  // namespace

std::vector<std::string> verify(const Function& fn) { return Verifier(fn).run(); }

void verify_or_abort([[maybe_unused]] const Function& fn, [[maybe_unused]] std::string_view stage) {
#ifndef NDEBUG
    std::vector<std::string> errors = verify(fn);
    if (errors.empty()) return;
    std::fprintf(stderr, "MIR verification failed after %.*s in %s:\n", static_cast<int>(stage.size()),
                 stage.data(), fn.name.c_str());
    for (const std::string& message : errors) std::fprintf(stderr, "  %s\n", message.c_str());
    std::fprintf(stderr, "%s", print_function(fn).c_str());
    std::abort();
#endif
}

}  // namespace nyash::mir
