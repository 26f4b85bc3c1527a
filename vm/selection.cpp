#include "vm/selection.hpp"

#include <array>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>

#include "runtime/finalization.hpp"
#include "runtime/operators.hpp"
#include "vm/typed_calls.hpp"

namespace nyash::vm {
namespace {

using lir::Operand;
using mir::Op;

// The jump-if-true opcode of a fused compare, register or constant right operand.
Opcode compare_branch(Op op, bool konst) {
    switch (op) {
    case Op::Eq: return konst ? Opcode::JEQK : Opcode::JEQ;
    case Op::Ne: return konst ? Opcode::JNEK : Opcode::JNE;
    case Op::Lt: return konst ? Opcode::JLTK : Opcode::JLT;
    case Op::Le: return konst ? Opcode::JLEK : Opcode::JLE;
    case Op::Gt: return konst ? Opcode::JGTK : Opcode::JGT;
    case Op::Ge: return konst ? Opcode::JGEK : Opcode::JGE;
    default: break;
    }
    throw std::logic_error("encoder: not a comparison");
}

Opcode compare_value(Op op) {
    switch (op) {
    case Op::Eq: return Opcode::EQ;
    case Op::Ne: return Opcode::NE;
    case Op::Lt: return Opcode::LT;
    case Op::Le: return Opcode::LE;
    case Op::Gt: return Opcode::GT;
    case Op::Ge: return Opcode::GE;
    default: break;
    }
    throw std::logic_error("encoder: not a comparison");
}

struct ArithmeticForms {
    Opcode reg, konst, imm;
};

ArithmeticForms arithmetic_forms(Op op) {
    switch (op) {
    case Op::Add: return {Opcode::ADD, Opcode::ADDK, Opcode::ADDI};
    case Op::Sub: return {Opcode::SUB, Opcode::SUBK, Opcode::SUBI};
    case Op::Mul: return {Opcode::MUL, Opcode::MULK, Opcode::MULI};
    case Op::Div: return {Opcode::DIV, Opcode::DIVK, Opcode::DIVI};
    case Op::Mod: return {Opcode::MOD, Opcode::MODK, Opcode::MODI};
    default: break;
    }
    throw std::logic_error("encoder: not an arithmetic operator");
}

uint32_t checked_count(size_t n) {
    if (n > kMaxB) throw std::length_error("encoder: more than 65535 arguments in one call");
    return static_cast<uint32_t>(n);
}

uint32_t checked_c(size_t n, const char* what) {
    if (n > kMaxC) throw std::length_error(std::string("encoder: too many ") + what);
    return static_cast<uint32_t>(n);
}

class Selector {
public:
    Selector(const mir::Function& fn, const ClassTable& classes, ConstantPool& pool, std::vector<Site>& sites,
             bool typed_calls)
        : fn_(fn), classes_(classes), pool_(pool), sites_(sites), typed_calls_(typed_calls) {
        out_.source = &fn;
        out_.blocks.resize(fn.blocks.size());
        out_.constants.assign(fn.value_count(), nullptr);
        use_count_.assign(fn.value_count(), 0);
        field_load_.assign(fn.value_count(), nullptr);
        new_builtin_.assign(fn.value_count(), std::nullopt);
        for (const mir::Block& block : fn.blocks)
            for (const mir::Instr& instr : block.instrs) {
                if (instr.op == Op::Const) out_.constants[instr.dst] = &fn.constants[static_cast<size_t>(instr.imm)];
                if (instr.op == Op::GetField) field_load_[instr.dst] = &instr;
                if (instr.op == Op::NewBuiltin) new_builtin_[instr.dst] = instr.builtin;
                mir::for_each_operand(instr, [&](ValueId v) { ++use_count_[v]; });
            }
    }

    lir::Function run() {
        for (const mir::Block& block : fn_.blocks) select_block(block);
        drop_unused_constant_loads();
        return std::move(out_);
    }

private:
    using ValueId = mir::ValueId;
    static constexpr ValueId kNoValue = mir::kNoValue;

    void select_block(const mir::Block& block) {
        lir::Block& out = out_.blocks[block.id];
        const mir::Instr& terminator = block.instrs.back();
        // Instructions folded into the branch, counted from the end of the block.
        size_t folded = terminator.op == Op::Branch ? select_branch(block, out.term) : 0;
        if (terminator.op == Op::Jump) {
            out.term.kind = lir::Terminator::Kind::Jump;
            out.term.targets[0] = terminator.targets[0];
        } else if (terminator.op == Op::Return) {
            out.term.kind = lir::Terminator::Kind::Return;
            out.term.value = is_null_constant(terminator.a) ? kNoValue : terminator.a;
        } else if (terminator.op == Op::Throw) {
            out.term.kind = lir::Terminator::Kind::Throw;
            out.term.value = terminator.a;
            out.term.rethrow = terminator.imm == mir::kCatchRaw;
            out.term.loc = terminator.loc;
        }
        out.term.unwind = block.unwind;
        size_t body_end = block.instrs.size() - 1 - folded;
        for (size_t i = 0; i < body_end; ++i) {
            const mir::Instr& instr = block.instrs[i];
            if (instr.op == Op::Phi)
                out.phis.push_back(lir::Phi{instr.dst, instr.phi_blocks, instr.args});
            else
                select(instr, out.instrs);
        }
    }

    // Peels `not`/`tobool` and fuses a final comparison into the branch when the value tested
    // is computed by the instruction right before the branch and used nowhere else (moving it
    // would change the order of effects otherwise). Returns how many instructions were folded.
    size_t select_branch(const mir::Block& block, lir::Terminator& term) {
        const mir::Instr& branch = block.instrs.back();
        ValueId cond = branch.a;
        bool negate = false;
        size_t folded = 0;
        term.kind = lir::Terminator::Kind::Branch;
        term.branch = Opcode::JMPIF;
        while (block.instrs.size() >= 2 + folded) {
            const mir::Instr& def = block.instrs[block.instrs.size() - 2 - folded];
            if (def.dst != cond || use_count_[cond] != 1) break;
            if (def.op == Op::Not || def.op == Op::ToBool) {
                negate ^= def.op == Op::Not;
                cond = def.a;
                ++folded;
                continue;
            }
            if (mir::is_comparison(def.op)) {
                ++folded;
                select_compare_branch(def, term);
                cond = kNoValue;
            }
            break;
        }
        if (cond != kNoValue && out_.constants[cond] != nullptr) {
            // A constant condition: an unconditional jump to the target it selects.
            bool taken = truthy(constant_value(*out_.constants[cond])) != negate;
            term.kind = lir::Terminator::Kind::Jump;
            term.targets[0] = branch.targets[taken ? 0 : 1];
            return folded;
        }
        if (cond != kNoValue) term.lhs = cond;
        term.targets[0] = branch.targets[negate ? 1 : 0];
        term.targets[1] = branch.targets[negate ? 0 : 1];
        return folded;
    }

    void select_compare_branch(const mir::Instr& compare, lir::Terminator& term) {
        ValueId lhs = compare.a, rhs = compare.b;
        // Equality never fails and is symmetric, so a constant may move to the right.
        if ((compare.op == Op::Eq || compare.op == Op::Ne) && out_.constants[lhs] && !out_.constants[rhs])
            std::swap(lhs, rhs);
        term.loc = compare.loc;
        term.lhs = lhs;
        uint32_t konst = out_.constants[rhs] ? pool_.intern(*out_.constants[rhs]) : lir::kNoConstant;
        if (konst <= kMaxB) {
            term.branch = compare_branch(compare.op, true);
            term.konst = konst;
        } else {
            term.branch = compare_branch(compare.op, false);
            term.rhs = rhs;
        }
    }

    bool is_null_constant(ValueId v) const {
        return v == kNoValue || (out_.constants[v] && out_.constants[v]->kind == mir::Constant::Kind::Null);
    }

    void select(const mir::Instr& instr, std::vector<lir::Instr>& out) {
        lir::Instr li;
        li.loc = instr.loc;
        li.def = instr.dst;
        switch (instr.op) {
        case Op::Const:
            out.push_back(load_constant(instr.dst, *out_.constants[instr.dst]));
            return;
        case Op::Param:
            li.kind = lir::InstrKind::Param;
            li.param_index = static_cast<uint32_t>(instr.imm);
            break;
        case Op::Copy:
            if (out_.constants[instr.a]) {
                out.push_back(load_constant(instr.dst, *out_.constants[instr.a]));
                return;
            }
            plain(li, Opcode::MOVE, Operand::def(instr.dst), Operand::use(instr.a), {});
            break;
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Mod:
            select_arithmetic(instr, li);
            break;
        case Op::Eq:
        case Op::Ne:
        case Op::Lt:
        case Op::Le:
        case Op::Gt:
        case Op::Ge:
            plain(li, compare_value(instr.op), Operand::def(instr.dst), Operand::use(instr.a), Operand::use(instr.b));
            break;
        case Op::Neg: plain(li, Opcode::NEG, Operand::def(instr.dst), Operand::use(instr.a), {}); break;
        case Op::Not: plain(li, Opcode::NOT, Operand::def(instr.dst), Operand::use(instr.a), {}); break;
        case Op::ToBool: plain(li, Opcode::TOBOOL, Operand::def(instr.dst), Operand::use(instr.a), {}); break;
        case Op::StaticBox:
            if (has_static_init(instr.imm)) {  // [T2] the first reference runs static { } first
                lir::Instr init;
                window(init, instr, Opcode::STATICINIT, 0, checked_c(static_cast<size_t>(instr.imm), "boxes"));
                init.def = kNoValue;
                init.args.clear();
                init.loc = instr.loc;
                out.push_back(std::move(init));
            }
            plain(li, Opcode::LOADSTATIC, Operand::def(instr.dst), {},
                  Operand::raw(checked_c(static_cast<size_t>(instr.imm), "boxes")));
            break;
        case Op::Catch:
            plain(li, Opcode::CATCH, Operand::def(instr.dst), Operand::raw(instr.imm == mir::kCatchRaw ? 1 : 0), {});
            break;
        case Op::GetField:
            field_access(li, instr, Opcode::GETSLOT, Opcode::GETFIELD, Operand::def(instr.dst), Operand::use(instr.a));
            break;
        case Op::SetField:
            field_access(li, instr, Opcode::SETSLOT, Opcode::SETFIELD, Operand::use(instr.a), Operand::use(instr.b));
            break;
        case Op::Print:
            if (out_.constants[instr.a])
                plain(li, Opcode::PRINTK, {}, {}, Operand::raw(checked_c(pool_.intern(*out_.constants[instr.a]), "constants")));
            else
                plain(li, Opcode::PRINT, Operand::use(instr.a), {}, {});
            break;
        case Op::Call:
            window(li, instr, Opcode::CALL, checked_count(instr.args.size()),
                   checked_c(static_cast<size_t>(instr.imm), "functions"));
            break;
        case Op::BoxCall:
            if (typed_calls_ && select_typed_call(instr, li)) break;
            window(li, instr, instr.symbol == fini_symbol() ? Opcode::FINI : Opcode::CALLMETHOD,
                   checked_count(instr.args.size() - 1),
                   site_for(SiteKind::Method, instr.symbol, instr.args[0], instr.args.size() - 1));
            break;
        case Op::FromCall:
            window(li, instr, Opcode::CALLFROM, checked_count(instr.args.size() - 1),
                   site_for(SiteKind::From, instr.symbol, kNoValue, instr.args.size() - 1, static_cast<int>(instr.imm)));
            break;
        case Op::FromCtor:
            window(li, instr, Opcode::CALLFROMCTOR, checked_count(instr.args.size() - 1),
                   checked_c(static_cast<size_t>(instr.imm), "boxes"));
            break;
        case Op::NewBox:
            window(li, instr, Opcode::NEWBOX, checked_count(instr.args.size()),
                   checked_c(static_cast<size_t>(instr.imm), "boxes"));
            li.arg_offset = 2;
            break;
        case Op::NewBuiltin:
            window(li, instr, Opcode::NEWBUILTIN, checked_count(instr.args.size()),
                   static_cast<uint32_t>(*instr.builtin));
            break;
        case Op::Phi:
        case Op::Jump:
        case Op::Branch:
        case Op::Return:
        case Op::Throw:
            throw std::logic_error("encoder: phi or terminator inside a block body");
        }
        out.push_back(std::move(li));
    }

    // The built-in box `v` is known to be: the value of `new B(...)`, or a value type inference
    // proved a String.
    std::optional<BuiltinBox> known_box(ValueId v) const {
        if (new_builtin_[v]) return new_builtin_[v];
        if (fn_.value_types[v] == mir::Type::String) return BuiltinBox::StringBox;
        return std::nullopt;
    }

    // A method call on a receiver of known built-in box as its typed call (vm/typed_calls.def),
    // when there is one whose result use matches: every operand is then a register.
    bool select_typed_call(const mir::Instr& instr, lir::Instr& li) {
        const std::optional<BuiltinBox> box = known_box(instr.args[0]);
        if (!box) return false;
        const auto argc = static_cast<uint32_t>(instr.args.size() - 1);
        const TypedCall* call = find_typed_call(*box, symbol_name(instr.symbol), argc);
        if (call == nullptr || call->result != (use_count_[instr.dst] > 0)) return false;
        std::array<Operand, 3> operands{};
        size_t next = 0;
        if (call->result) operands[next++] = Operand::def(instr.dst);
        for (ValueId v : instr.args) operands[next++] = Operand::use(v);
        plain(li, call->opcode, operands[0], operands[1], operands[2]);
        if (!call->result) li.def = kNoValue;
        return true;
    }

    // R[A] = R[B] op C: an Int immediate when it fits (and, for / and %, is neither 0 nor -1,
    // which the immediate handlers need not check), else the constant pool.
    void select_arithmetic(const mir::Instr& instr, lir::Instr& li) {
        ArithmeticForms forms = arithmetic_forms(instr.op);
        const mir::Constant* rhs = out_.constants[instr.b];
        const mir::Constant* lhs = out_.constants[instr.a];
        // A literal first operand of +, nearly always a string prefix: one instruction, no load.
        if (instr.op == Op::Add && lhs != nullptr && rhs == nullptr) {
            if (uint32_t k = pool_.intern(*lhs); k <= kMaxB) {
                plain(li, Opcode::KADD, Operand::def(instr.dst), Operand::raw(k), Operand::use(instr.b));
                return;
            }
        }
        if (rhs == nullptr) {
            plain(li, forms.reg, Operand::def(instr.dst), Operand::use(instr.a), Operand::use(instr.b));
            return;
        }
        bool divides = instr.op == Op::Div || instr.op == Op::Mod;
        if (rhs->kind == mir::Constant::Kind::Int && fits_signed_c(rhs->int_value) &&
            !(divides && (rhs->int_value == 0 || rhs->int_value == -1))) {
            plain(li, forms.imm, Operand::def(instr.dst), Operand::use(instr.a),
                  Operand::raw(static_cast<uint32_t>(rhs->int_value) & kMaxC));
            return;
        }
        plain(li, forms.konst, Operand::def(instr.dst), Operand::use(instr.a),
              Operand::raw(checked_c(pool_.intern(*rhs), "constants")));
    }

    lir::Instr load_constant(ValueId dst, const mir::Constant& c) {
        lir::Instr li;
        li.def = dst;
        switch (c.kind) {
        case mir::Constant::Kind::Null: plain(li, Opcode::LOADNULL, Operand::def(dst), {}, {}); break;
        case mir::Constant::Kind::Bool:
            plain(li, Opcode::LOADBOOL, Operand::def(dst), Operand::raw(c.int_value != 0 ? 1 : 0), {});
            break;
        case mir::Constant::Kind::Int:
            if (fits_signed_c(c.int_value)) {
                plain(li, Opcode::LOADI, Operand::def(dst), {}, Operand::raw(static_cast<uint32_t>(c.int_value) & kMaxC));
                break;
            }
            [[fallthrough]];
        default:
            plain(li, Opcode::LOADK, Operand::def(dst), {}, Operand::raw(checked_c(pool_.intern(c), "constants")));
            break;
        }
        return li;
    }

    bool has_static_init(int64_t box) const { return classes_.at(static_cast<int>(box)).static_init_id() >= 0; }

    static void plain(lir::Instr& li, Opcode op, Operand a, Operand b, Operand c) {
        li.kind = lir::InstrKind::Plain;
        li.opcode = op;
        li.a = a;
        li.b = b;
        li.c = c;
    }

    // By the slot devirtualization fixed, else through an inline-cache site.
    void field_access(lir::Instr& li, const mir::Instr& instr, Opcode by_slot, Opcode by_site, Operand a, Operand b) {
        const uint32_t c = instr.field_slot >= 0 ? static_cast<uint32_t>(instr.field_slot)
                                                 : site_for(SiteKind::Field, instr.symbol, instr.a, 0);
        plain(li, instr.field_slot >= 0 ? by_slot : by_site, a, b, Operand::raw(c));
    }

    void window(lir::Instr& li, const mir::Instr& instr, Opcode op, uint32_t count, uint32_t c) {
        li.kind = lir::InstrKind::Window;
        li.opcode = op;
        li.b = Operand::raw(count);
        li.c = Operand::raw(c);
        li.args = instr.args;
        if (use_count_[instr.dst] == 0) li.def = kNoValue;  // the result stays in the window
    }

    // Accesses to one member of one receiver share a site, so only the first of them misses
    // each run. Sharing cannot make a cache thrash: every access sharing it sees the same
    // receivers. The receiver is an SSA value, or a load of one field of an SSA value
    // (`me.console.log(...)` at several places; the loads could differ, which would only cost
    // a miss). `from` sites depend on the parent alone.
    struct SiteKey {
        SiteKind kind;
        Symbol member;
        size_t argc;      // methods: a cached callee is checked for one argument count
        ValueId receiver;  // kNoValue for `from`
        Symbol via_field;  // the field `receiver` was loaded from, or kNoField
        int box;           // `from`: the parent
        friend bool operator==(const SiteKey&, const SiteKey&) = default;
    };
    struct SiteKeyHash {
        size_t operator()(const SiteKey& k) const {
            size_t h = static_cast<size_t>(k.kind) ^ (size_t{k.member} << 8) ^ (k.argc << 40);
            h ^= (size_t{k.receiver} * 0x9E3779B97F4A7C15ull) ^ (size_t{k.via_field} << 20);
            return h ^ static_cast<size_t>(k.box);
        }
    };
    static constexpr Symbol kNoField = UINT32_MAX;

    uint32_t site_for(SiteKind kind, Symbol member, ValueId receiver, size_t argc, int box = -1) {
        SiteKey key{kind, member, argc, receiver, kNoField, box};
        if (receiver != kNoValue && field_load_[receiver] != nullptr) {
            key.receiver = field_load_[receiver]->a;
            key.via_field = field_load_[receiver]->symbol;
        }
        auto [it, added] = site_of_.try_emplace(key, static_cast<uint32_t>(sites_.size()));
        if (added) sites_.push_back(Site{kind, member, box});
        return checked_c(it->second, "member-access sites");
    }

    // A constant needs a register only where an instruction reads it from one; copies into phi
    // and call registers load it directly.
    void drop_unused_constant_loads() {
        std::vector<bool> read(out_.value_count(), false);
        for (const lir::Block& block : out_.blocks) {
            for (const lir::Instr& instr : block.instrs)
                for (const Operand* op : {&instr.a, &instr.b, &instr.c})
                    if (op->kind == Operand::Kind::Use) read[op->bits] = true;
            lir::for_each_register_use(block.term, [&](ValueId v) { read[v] = true; });
        }
        for (lir::Block& block : out_.blocks)
            std::erase_if(block.instrs, [&](const lir::Instr& instr) {
                return instr.def != kNoValue && out_.is_constant(instr.def) && !read[instr.def];
            });
    }

    const mir::Function& fn_;
    const ClassTable& classes_;
    ConstantPool& pool_;
    std::vector<Site>& sites_;
    std::unordered_map<SiteKey, uint32_t, SiteKeyHash> site_of_;  // this function's shared sites
    std::vector<const mir::Instr*> field_load_;                   // by value: its GetField, if any
    std::vector<std::optional<BuiltinBox>> new_builtin_;          // by value: the box its NewBuiltin makes
    bool typed_calls_;
    lir::Function out_;
    std::vector<uint32_t> use_count_;
};

}  // namespace

lir::Function select_instructions(const mir::Function& fn, const ClassTable& classes, ConstantPool& pool,
                                  std::vector<Site>& sites, bool typed_calls) {
    return Selector(fn, classes, pool, sites, typed_calls).run();
}

namespace lir {

Opcode negated_branch(Opcode op) {
    switch (op) {
    case Opcode::JMPIF: return Opcode::JMPIFNOT;
    case Opcode::JMPIFNOT: return Opcode::JMPIF;
    case Opcode::JEQ: return Opcode::JNE;
    case Opcode::JNE: return Opcode::JEQ;
    case Opcode::JLT: return Opcode::JNLT;
    case Opcode::JLE: return Opcode::JNLE;
    case Opcode::JGT: return Opcode::JNGT;
    case Opcode::JGE: return Opcode::JNGE;
    case Opcode::JNLT: return Opcode::JLT;
    case Opcode::JNLE: return Opcode::JLE;
    case Opcode::JNGT: return Opcode::JGT;
    case Opcode::JNGE: return Opcode::JGE;
    case Opcode::JEQK: return Opcode::JNEK;
    case Opcode::JNEK: return Opcode::JEQK;
    case Opcode::JLTK: return Opcode::JNLTK;
    case Opcode::JLEK: return Opcode::JNLEK;
    case Opcode::JGTK: return Opcode::JNGTK;
    case Opcode::JGEK: return Opcode::JNGEK;
    case Opcode::JNLTK: return Opcode::JLTK;
    case Opcode::JNLEK: return Opcode::JLEK;
    case Opcode::JNGTK: return Opcode::JGTK;
    case Opcode::JNGEK: return Opcode::JGEK;
    default: break;
    }
    throw std::logic_error("encoder: not a branch opcode");
}

}  // namespace lir
}  // namespace nyash::vm
