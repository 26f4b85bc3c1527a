#include "vm/encoder.hpp"

#include <optional>
#include <stdexcept>

#include "vm/block_layout.hpp"
#include "vm/lir.hpp"
#include "vm/liveness.hpp"
#include "vm/parallel_copy.hpp"
#include "vm/register_allocation.hpp"
#include "vm/selection.hpp"

namespace nyash::vm {
namespace {

using lir::BlockId;
using lir::kNoValue;
using lir::ValueId;

class Emitter {
public:
    Emitter(const lir::Function& fn, const Allocation& alloc, ConstantPool& pool)
        : fn_(fn), alloc_(alloc), pool_(pool), temp_(alloc.frame_size) {
        out_.id = fn.source->id;
        out_.name = fn.source->name;
        out_.param_count = fn.source->param_count;
        out_.ssa_values = fn.value_count();
        label_pc_.assign(fn.blocks.size(), -1);
    }

    Function run(const std::vector<BlockId>& layout) {
        // The block whose code follows each block's: the next in the layout, skipping blocks
        // that emit nothing (no instructions, and a jump without copies to what follows them),
        // so that no block jumps to the instruction after its own.
        std::vector<std::optional<BlockId>> next(layout.size());
        for (size_t i = layout.size(); i-- > 1;)
            next[i - 1] = emits_nothing(layout[i], next[i]) ? next[i] : std::optional<BlockId>(layout[i]);
        for (size_t i = 0; i < layout.size(); ++i) emit_block(layout[i], next[i]);
        for (const Fixup& fixup : fixups_) {
            int64_t offset = label_pc_[fixup.label] - static_cast<int64_t>(fixup.pc);
            if (!fits_signed_c(offset)) throw std::length_error("encoder: jump out of range");
            Instr& instr = out_.code[fixup.pc];
            instr = (instr & ((Instr{1} << 40) - 1)) | (static_cast<Instr>(static_cast<uint32_t>(offset) & kMaxC) << 40);
        }
        for (const PendingHandler& handler : handlers_)
            if (handler.start < handler.end)
                out_.handlers.push_back({handler.start, handler.end, static_cast<uint32_t>(label_pc_[handler.target])});
        out_.frame_size = static_cast<int>(alloc_.frame_size + (used_temp_ ? 1 : 0));
        if (out_.frame_size > static_cast<int>(kMaxA) + 1) throw std::length_error("encoder: frame too large");
        return std::move(out_);
    }

private:
    struct Fixup {
        size_t pc;
        size_t label;
    };
    struct PendingHandler {
        uint32_t start, end;  // the pc range of the block with the exception edge
        BlockId target;       // its landing block, whose pc is known once every block is placed
    };

    bool emits_nothing(BlockId b, std::optional<BlockId> next) const {
        const lir::Block& block = fn_.blocks[b];
        return block.instrs.empty() && block.term.kind == lir::Terminator::Kind::Jump &&
               next == block.term.targets[0] && edge_copies(b, block.term.targets[0]).empty();
    }

    void emit_block(BlockId b, std::optional<BlockId> next) {
        const lir::Block& block = fn_.blocks[b];
        bind(b);
        const auto start = static_cast<uint32_t>(out_.code.size());
        for (size_t i = 0; i < block.instrs.size(); ++i) {
            const lir::Instr& instr = block.instrs[i];
            switch (instr.kind) {
            case lir::InstrKind::Param: break;
            case lir::InstrKind::Plain:
                emit(encode(instr.opcode, field(instr.a), field(instr.b), field(instr.c)), instr.loc);
                break;
            case lir::InstrKind::Window: emit_window(instr, alloc_.window_base[b][i]); break;
            }
        }
        emit_terminator(b, block.term, next);
        // [T2] The block's exception edge becomes a handler table entry over all of its code.
        if (block.term.unwind != mir::kNoBlock)
            handlers_.push_back({start, static_cast<uint32_t>(out_.code.size()), block.term.unwind});
    }

    void emit_window(const lir::Instr& instr, uint32_t base) {
        std::vector<RegisterCopy> copies;
        for (size_t j = 0; j < instr.args.size(); ++j)
            copies.push_back(source_of(instr.args[j], base + instr.arg_offset + static_cast<uint32_t>(j)));
        emit_copies(copies);
        emit(encode(instr.opcode, base, instr.b.bits, instr.c.bits), instr.loc);
        if (instr.def != kNoValue && alloc_.reg[instr.def] >= 0 && static_cast<uint32_t>(alloc_.reg[instr.def]) != base)
            emit(encode(Opcode::MOVE, reg(instr.def), base), {});
    }

    void emit_terminator(BlockId b, const lir::Terminator& term, std::optional<BlockId> next) {
        switch (term.kind) {
        case lir::Terminator::Kind::Return:
            if (term.value == kNoValue)
                emit(encode(Opcode::RETURNNULL), {});
            else
                emit(encode(Opcode::RETURN, reg(term.value)), {});
            return;
        case lir::Terminator::Kind::Jump:
            emit_copies(edge_copies(b, term.targets[0]));
            if (next != term.targets[0]) emit_jump(Opcode::JMP, {}, term.targets[0]);
            return;
        case lir::Terminator::Kind::Branch:
            emit_branch(b, term, next);
            return;
        case lir::Terminator::Kind::Throw:
            emit(encode(Opcode::THROW, reg(term.value), term.rethrow ? 1 : 0), term.loc);
            return;
        }
    }

    // The branch jumps when its condition holds; copies for an edge run only on that edge.
    void emit_branch(BlockId b, const lir::Terminator& term, std::optional<BlockId> next) {
        BlockId if_true = term.targets[0], if_false = term.targets[1];
        std::vector<RegisterCopy> true_copies = edge_copies(b, if_true), false_copies = edge_copies(b, if_false);
        if (true_copies.empty() && false_copies.empty() && next == if_true) {
            emit_jump(lir::negated_branch(term.branch), term, if_false);
        } else if (true_copies.empty()) {
            emit_jump(term.branch, term, if_true);
            emit_copies(false_copies);
            if (next != if_false) emit_jump(Opcode::JMP, {}, if_false);
        } else if (false_copies.empty()) {
            emit_jump(lir::negated_branch(term.branch), term, if_false);
            emit_copies(true_copies);
            if (next != if_true) emit_jump(Opcode::JMP, {}, if_true);
        } else {
            size_t true_edge = new_label();
            emit_jump(term.branch, term, true_edge);
            emit_copies(false_copies);
            emit_jump(Opcode::JMP, {}, if_false);
            bind(true_edge);
            emit_copies(true_copies);
            if (next != if_true) emit_jump(Opcode::JMP, {}, if_true);
        }
    }

    // A jump (or conditional branch testing `term`'s operands) to a label fixed up later.
    void emit_jump(Opcode op, const lir::Terminator& term, size_t label) {
        uint32_t a = 0, b = 0;
        SourceLoc loc;
        if (op != Opcode::JMP) {
            a = reg(term.lhs);
            if (term.rhs != kNoValue) b = reg(term.rhs);
            if (term.konst != lir::kNoConstant) b = term.konst;
            loc = term.loc;
        }
        fixups_.push_back(Fixup{out_.code.size(), label});
        emit(encode(op, a, b, 0), loc);
    }

    std::vector<RegisterCopy> edge_copies(BlockId from, BlockId to) const {
        std::vector<RegisterCopy> copies;
        for (const lir::Phi& phi : fn_.blocks[to].phis)
            if (alloc_.reg[phi.dst] >= 0)
                copies.push_back(source_of(phi_input(phi, from), static_cast<uint32_t>(alloc_.reg[phi.dst])));
        return copies;
    }

    RegisterCopy source_of(ValueId v, uint32_t dst) const {
        if (fn_.is_constant(v)) return RegisterCopy{dst, v, true};
        return RegisterCopy{dst, reg(v), false};
    }

    void emit_copies(const std::vector<RegisterCopy>& copies) {
        for (const RegisterCopy& c : sequentialize(copies, temp_, used_temp_)) {
            if (!c.constant) {
                emit(encode(Opcode::MOVE, c.dst, c.src), {});
                continue;
            }
            const mir::Constant& k = *fn_.constants[c.src];
            using Kind = mir::Constant::Kind;
            if (k.kind == Kind::Null)
                emit(encode(Opcode::LOADNULL, c.dst), {});
            else if (k.kind == Kind::Bool)
                emit(encode(Opcode::LOADBOOL, c.dst, k.int_value != 0 ? 1 : 0), {});
            else if (k.kind == Kind::Int && fits_signed_c(k.int_value))
                emit(encode_signed_c(Opcode::LOADI, c.dst, 0, static_cast<int32_t>(k.int_value)), {});
            else
                emit(encode(Opcode::LOADK, c.dst, 0, pool_.intern(k)), {});
        }
    }

    uint32_t field(const lir::Operand& op) const {
        switch (op.kind) {
        case lir::Operand::Kind::None: return 0;
        case lir::Operand::Kind::Use:
        case lir::Operand::Kind::Def: return reg(op.bits);
        case lir::Operand::Kind::Raw: return op.bits;
        }
        return 0;
    }

    uint32_t reg(ValueId v) const {
        if (alloc_.reg[v] < 0) throw std::logic_error("encoder: value without a register");
        return static_cast<uint32_t>(alloc_.reg[v]);
    }

    void emit(Instr instr, SourceLoc loc) {
        if (loc.known()) out_.locs.push_back(PcLoc{static_cast<uint32_t>(out_.code.size()), loc});
        out_.code.push_back(instr);
    }

    void bind(size_t label) { label_pc_[label] = static_cast<int64_t>(out_.code.size()); }
    size_t new_label() {
        label_pc_.push_back(-1);
        return label_pc_.size() - 1;
    }

    const lir::Function& fn_;
    const Allocation& alloc_;
    ConstantPool& pool_;
    Function out_;
    std::vector<int64_t> label_pc_;  // blocks first (by id), then edge labels
    std::vector<Fixup> fixups_;
    std::vector<PendingHandler> handlers_;
    uint32_t temp_;                  // scratch register for copy cycles, past every other
    bool used_temp_ = false;
};

}  // namespace

Function encode_function(const mir::Function& fn, const ClassTable& classes, ConstantPool& pool,
                         std::vector<Site>& sites, bool typed_calls) {
    lir::Function selected = select_instructions(fn, classes, pool, sites, typed_calls);
    Liveness live = compute_liveness(selected);
    // Twice: the first pass tells where each call's window lands, the second steers the
    // arguments' registers there so that fewer copies are needed.
    Allocation first = allocate_registers(selected, live, nullptr);
    Allocation alloc = allocate_registers(selected, live, &first);
    return Emitter(selected, alloc, pool).run(lay_out_blocks(selected, live));
}

void select_superinstructions(Function& fn) {
    // Every pair is fused, overlapping ones too: a fused second word runs as its plain opcode
    // when reached by falling into it, and as the superinstruction when a jump lands on it.
    for (size_t pc = 0; pc + 1 < fn.code.size(); ++pc) {
        const Opcode first = opcode_of(fn.code[pc]), second = opcode_of(fn.code[pc + 1]);
        for (const Superinstruction& s : kSuperinstructions)
            if (s.first == first && s.second == second) {
                fn.code[pc] = with_opcode(fn.code[pc], s.fused);
                break;
            }
    }
}

Program encode_module(const mir::Module& module, const ast::Program& source, bool typed_calls) {
    Program program;
    program.script = source.script ? source.script->id : -1;
    program.entry_box = source.entry_box;
    program.classes = module.classes;
    if (program.entry_box >= 0)
        if (const MethodInfo* main = program.classes->at(program.entry_box).find_method(intern("main")))
            program.entry_main = main->callable_id;
    ConstantPool pool(program.constants);
    program.functions.reserve(module.functions.size());
    for (const mir::Function& fn : module.functions) program.functions.push_back(encode_function(fn, *module.classes, pool, program.sites, typed_calls));
    return program;
}

}  // namespace nyash::vm
