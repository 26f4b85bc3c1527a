#include "vm/register_allocation.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace nyash::vm {
namespace {

using lir::kNoValue;
using lir::ValueId;

bool reuses_left_operand(Opcode op) {
    switch (op) {
    case Opcode::ADD: case Opcode::SUB: case Opcode::MUL: case Opcode::DIV: case Opcode::MOD:
    case Opcode::ADDK: case Opcode::SUBK: case Opcode::MULK: case Opcode::DIVK: case Opcode::MODK:
    case Opcode::ADDI: case Opcode::SUBI: case Opcode::MULI: case Opcode::DIVI: case Opcode::MODI:
    case Opcode::MOVE:
        return true;
    default:
        return false;
    }
}

class Allocator {
public:
    Allocator(const lir::Function& fn, const Liveness& live, const Allocation* previous)
        : fn_(fn), live_(live), previous_(previous), dying_(fn.value_count(), false) {
        out_.reg.assign(fn.value_count(), -1);
        out_.window_base.resize(fn.blocks.size());
        phi_targets_.resize(fn.value_count());
        window_slot_.resize(fn.value_count());
        for (lir::BlockId b : live.order) {
            const lir::Block& block = fn.blocks[b];
            out_.window_base[b].assign(block.instrs.size(), 0);
            for (const lir::Phi& phi : block.phis)
                for (ValueId v : phi.values) phi_targets_[v].push_back(phi.dst);
            for (size_t i = 0; i < block.instrs.size(); ++i) {
                const lir::Instr& instr = block.instrs[i];
                for (size_t j = 0; j < instr.args.size(); ++j)
                    if (!window_slot_[instr.args[j]])
                        window_slot_[instr.args[j]] = WindowSlot{b, i, instr.arg_offset + static_cast<uint32_t>(j)};
            }
        }
    }

    Allocation run() {
        for (lir::BlockId b : live_.order) allocate_block(b);
        out_.frame_size = std::max<uint32_t>(registers_, static_cast<uint32_t>(fn_.source->param_count));
        for (lir::BlockId b : live_.order) {
            const lir::Block& block = fn_.blocks[b];
            for (size_t i = 0; i < block.instrs.size(); ++i) {
                const lir::Instr& instr = block.instrs[i];
                if (instr.kind != lir::InstrKind::Window) continue;
                uint32_t used = instr.arg_offset + std::max<uint32_t>(static_cast<uint32_t>(instr.args.size()), 1);
                out_.frame_size = std::max(out_.frame_size, out_.window_base[b][i] + used);
            }
        }
        if (out_.frame_size > kMaxA) throw std::length_error("encoder: function needs more than 65535 registers");
        return std::move(out_);
    }

private:
    struct WindowSlot {
        lir::BlockId block;
        size_t instr;
        uint32_t slot;  // offset from the window base
    };

    void allocate_block(lir::BlockId b) {
        const lir::Block& block = fn_.blocks[b];
        std::ranges::fill(owner_, kNoValue);
        live_.live_in[b].for_each([&](uint32_t v) {
            if (out_.reg[v] < 0) throw std::logic_error("encoder: live-in value without a register");
            occupy(static_cast<uint32_t>(out_.reg[v]), v);
        });

        // Last uses, walking backwards from the block's live-out set.
        size_t n = block.instrs.size();
        std::vector<std::vector<ValueId>> dies(n + 1);
        std::vector<bool> def_live(n, false);
        ValueSet live = live_.live_out[b];
        auto use = [&](size_t at) {
            return [&, at](ValueId v) {
                if (!live.contains(v)) {
                    dies[at].push_back(v);
                    live.insert(v);
                }
            };
        };
        lir::for_each_register_use(block.term, use(n));
        for (size_t i = n; i-- > 0;) {
            const lir::Instr& instr = block.instrs[i];
            if (instr.def != kNoValue) {
                def_live[i] = live.contains(instr.def);
                live.erase(instr.def);
            }
            lir::for_each_register_use(fn_, instr, use(i));
        }

        // Parameters arrive in R[0 ..]: they hold their registers from the start.
        for (size_t i = 0; i < n; ++i) {
            const lir::Instr& instr = block.instrs[i];
            if (instr.kind != lir::InstrKind::Param) continue;
            out_.reg[instr.def] = static_cast<int32_t>(instr.param_index);
            if (def_live[i]) occupy(instr.param_index, instr.def);
        }
        for (const lir::Phi& phi : block.phis) {
            std::vector<int32_t> hints;
            for (ValueId v : phi.values) hints.push_back(out_.reg[v]);
            add_value_hints(phi.dst, hints);
            if (live.contains(phi.dst)) {  // read in this block or later
                out_.reg[phi.dst] = static_cast<int32_t>(choose(hints));
                occupy(static_cast<uint32_t>(out_.reg[phi.dst]), phi.dst);
            }
        }

        for (size_t i = 0; i < n; ++i) {
            const lir::Instr& instr = block.instrs[i];
            if (instr.kind == lir::InstrKind::Window) out_.window_base[b][i] = window_base(dies[i]);
            for (ValueId v : dies[i]) release(v);
            if (instr.def == kNoValue || instr.kind == lir::InstrKind::Param) continue;
            if (instr.kind == lir::InstrKind::Window && !def_live[i]) continue;  // stays in the window
            std::vector<int32_t> hints;
            if (instr.kind == lir::InstrKind::Window) hints.push_back(static_cast<int32_t>(out_.window_base[b][i]));
            add_value_hints(instr.def, hints);
            if (instr.kind == lir::InstrKind::Plain && reuses_left_operand(instr.opcode) &&
                instr.b.kind == lir::Operand::Kind::Use)
                hints.push_back(out_.reg[instr.b.bits]);
            uint32_t r = choose(hints);
            out_.reg[instr.def] = static_cast<int32_t>(r);
            note_register(r);
            if (def_live[i]) occupy(r, instr.def);
        }
    }

    void add_value_hints(ValueId v, std::vector<int32_t>& hints) const {
        if (previous_ && window_slot_[v]) {
            const WindowSlot& slot = *window_slot_[v];
            hints.push_back(static_cast<int32_t>(previous_->window_base[slot.block][slot.instr] + slot.slot));
        }
        for (ValueId phi : phi_targets_[v]) hints.push_back(out_.reg[phi]);
    }

    // Lowest register above everything that stays live across the instruction.
    uint32_t window_base(const std::vector<ValueId>& dying) {
        for (ValueId v : dying) dying_[v] = true;
        uint32_t base = 0;
        for (uint32_t r = 0; r < owner_.size(); ++r)
            if (owner_[r] != kNoValue && !dying_[owner_[r]]) base = r + 1;
        for (ValueId v : dying) dying_[v] = false;
        return base;
    }

    uint32_t choose(const std::vector<int32_t>& hints) const {
        for (int32_t r : hints)
            if (r >= 0 && is_free(static_cast<uint32_t>(r))) return static_cast<uint32_t>(r);
        uint32_t r = 0;
        while (!is_free(r)) ++r;
        return r;
    }

    bool is_free(uint32_t r) const { return r >= owner_.size() || owner_[r] == kNoValue; }

    void occupy(uint32_t r, ValueId v) {
        if (r >= owner_.size()) owner_.resize(r + 1, kNoValue);
        owner_[r] = v;
        note_register(r);
    }

    void release(ValueId v) {
        int32_t r = out_.reg[v];
        if (r >= 0 && static_cast<size_t>(r) < owner_.size() && owner_[static_cast<size_t>(r)] == v)
            owner_[static_cast<size_t>(r)] = kNoValue;
    }

    void note_register(uint32_t r) { registers_ = std::max(registers_, r + 1); }

    const lir::Function& fn_;
    const Liveness& live_;
    const Allocation* previous_;
    Allocation out_;
    std::vector<ValueId> owner_;  // register -> value holding it in the current block walk
    std::vector<bool> dying_;
    std::vector<std::vector<ValueId>> phi_targets_;       // value -> phis it flows into
    std::vector<std::optional<WindowSlot>> window_slot_;  // value -> its first call-window slot
    uint32_t registers_ = 0;  // highest register used + 1
};

}  // namespace

Allocation allocate_registers(const lir::Function& fn, const Liveness& live, const Allocation* previous) {
    return Allocator(fn, live, previous).run();
}

}  // namespace nyash::vm
