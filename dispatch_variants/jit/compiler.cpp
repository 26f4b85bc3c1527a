// The JIT's templates: one per bytecode instruction, written with xbyak.
//
// Register map (docs/engines.md, "jit"): rbx = the Machine, r12 = the current frame's R[0].
// Both are callee-saved in the System V ABI, so they survive the C++ slow paths; rbx never
// changes inside compiled code, r12 is reloaded from the Machine after every call that may have
// switched frames. Everything else is scratch. Constants are known when compiling, so they are
// immediates (objects: their address), not loads from the pool.
//
// Every compiled function keeps the frame-pointer chain (push rbp; mov rbp, rsp) and returns
// eax = 0 when it returned normally, 1 when an error is pending on the Machine. Its error exit
// first asks the Machine whether a handler of its own frame takes the error [T2].
#include "dispatch_variants/jit/compiler.hpp"

#include <cstddef>
#include <cstring>
#include <deque>
#include <functional>
#include <limits>

#include <xbyak/xbyak.h>

#include "dispatch_variants/jit/slow_paths.hpp"
#include "runtime/objects.hpp"
#include "vm/handler_support.hpp"

namespace nyash::vm::jit {

// Layout facts the templates rely on; tests/unit/vm/test_jit.cpp checks the ones the
// compiler cannot (the tag and payload positions inside a Value, vector's data pointer first).
namespace layout {
constexpr int32_t kValueBytes = sizeof(Value);
constexpr int32_t kPayload = 8;
constexpr uint8_t tag(ValueTag t) { return static_cast<uint8_t>(t); }
constexpr int32_t kRefcount = offsetof(Object, refcount);
constexpr int32_t kKind = offsetof(Object, kind);
// InstanceObj derives from Object, which makes offsetof conditionally supported; GCC and Clang
// give the plain member offset for non-virtual single inheritance.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Winvalid-offsetof"
constexpr int32_t kInstanceClass = offsetof(InstanceObj, cls);
constexpr int32_t kInstanceFields = offsetof(InstanceObj, fields);  // a vector: its data pointer first
constexpr int32_t kFunctionId = offsetof(Function, id);
constexpr int32_t kFunctionFrameSize = offsetof(Function, frame_size);
#pragma GCC diagnostic pop
constexpr int32_t kCacheClass = offsetof(SiteCache, cls);
constexpr int32_t kCacheSlot = offsetof(SiteCache, slot);
constexpr int32_t kCacheCallee = offsetof(SiteCache, callee);
constexpr int32_t kFrameBytes = sizeof(Frame);
constexpr int32_t kFrameFunction = offsetof(Frame, fn);
constexpr int32_t kFrameReturnPc = offsetof(Frame, return_pc);
constexpr int32_t kFrameBase = offsetof(Frame, base);
constexpr int32_t kFrameKeepsResult = offsetof(Frame, keeps_result);
static_assert(kRefcount == 0, "templates update the refcount at the object's address");
}  // namespace layout

MachineLayout MachineLayout::of(const Machine& vm) {
    auto offset = [&](const void* field) {
        return static_cast<int32_t>(static_cast<const char*>(field) - reinterpret_cast<const char*>(&vm));
    };
    const Machine::FrameStackFields frames = vm.frame_stack_fields();
    return {offset(&vm.regs),         offset(&vm.executed), offset(frames.frame),
            offset(frames.frame_limit), offset(frames.stack), offset(frames.stack_size)};
}

namespace {

using Xbyak::Label;
using Xbyak::RegExp;
using ops::Arith;
using ops::Compare;

// An instruction operand as the templates see it: a register of the frame, or a value known
// when compiling (a constant of the pool or an immediate), which needs no tag guard.
struct Operand {
    bool in_register = false;
    uint32_t reg = 0;
    ValueTag tag = ValueTag::Null;  // known values only
    uint64_t bits = 0;              // known values: the payload

    bool may_be_int() const { return in_register || tag == ValueTag::Int; }
    bool may_be_number() const { return in_register || tag == ValueTag::Int || tag == ValueTag::Float; }
    int64_t known_int() const { return static_cast<int64_t>(bits); }
};

bool fits_int32(int64_t v) { return v >= std::numeric_limits<int32_t>::min() && v <= std::numeric_limits<int32_t>::max(); }

uint64_t payload_bits(const Value& v) {
    uint64_t bits;
    std::memcpy(&bits, reinterpret_cast<const char*>(&v) + layout::kPayload, sizeof bits);
    return bits;
}

// Signed division by a constant as a multiplication (Hacker's Delight, 10-1): for 2 <= |d| <=
// 2^62, n / d = high64(n * multiplier) (+ n when d > 0 > multiplier, - n when d < 0 <
// multiplier), shifted right arithmetically by `shift`, plus one when that is negative.
struct DivisionMagic {
    int64_t multiplier;
    int shift;
};

bool has_division_magic(int64_t d) {
    constexpr int64_t kLimit = int64_t{1} << 62;
    return (d >= 2 && d <= kLimit) || (d <= -2 && d >= -kLimit);
}

DivisionMagic division_magic(int64_t d) {
    constexpr uint64_t kTwo63 = uint64_t{1} << 63;
    const uint64_t ad = d < 0 ? 0 - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
    const uint64_t t = kTwo63 + (static_cast<uint64_t>(d) >> 63);
    const uint64_t anc = t - 1 - t % ad;
    int p = 63;
    uint64_t q1 = kTwo63 / anc, r1 = kTwo63 - q1 * anc;
    uint64_t q2 = kTwo63 / ad, r2 = kTwo63 - q2 * ad;
    uint64_t delta = 0;
    do {
        ++p;
        q1 *= 2;
        r1 *= 2;
        if (r1 >= anc) {
            ++q1;
            r1 -= anc;
        }
        q2 *= 2;
        r2 *= 2;
        if (r2 >= ad) {
            ++q2;
            r2 -= ad;
        }
        delta = ad - r2;
    } while (q1 < delta || (q1 == delta && r1 == 0));
    const auto multiplier = static_cast<int64_t>(q2 + 1);
    return {d < 0 ? -multiplier : multiplier, p - 64};
}

template <typename F>
uint64_t address_of(F* function) {
    return reinterpret_cast<uint64_t>(function);
}

class FunctionCompiler : public Xbyak::CodeGenerator {
public:
    FunctionCompiler(std::span<uint8_t> space, Machine& vm, const Function& fn, const MachineLayout& machine,
                     const void* const* entries)
        : CodeGenerator(space.size(), space.data()),
          vm_(vm),
          program_(vm.program()),
          fn_(fn),
          machine_(machine),
          entries_(entries),
          instruction_labels_(fn.code.size()) {
        setDefaultJmpNEAR(true);
    }

    CompiledFunction compile() {
        CompiledFunction result;
        L(function_start_);
        push(rbp);
        mov(rbp, rsp);
        for (size_t pc = 0; pc < fn_.code.size(); ++pc) {
            result.instruction_offsets.push_back(static_cast<uint32_t>(getSize()));
            L(instruction_labels_[pc]);
#ifdef NYASH_VM_COUNT_INSTRUCTIONS
            add(qword[rbx + machine_.executed], 1);
#endif
            inline_template_ = true;
            instruction(pc);
            result.inline_template.push_back(inline_template_);
        }
        ud2();  // the encoder ends every function with a return or a jump
        result.instruction_offsets.push_back(static_cast<uint32_t>(getSize()));
        // Cold paths may defer more cold paths (a store's release inside a slow path).
        for (size_t i = 0; i < cold_paths_.size(); ++i) cold_paths_[i]();
        // [T2] A handler in this frame takes the error: continue there (a direct jump per handler
        // of the table). Else leave with it (the Machine popped this frame if a caller's handler
        // takes it).
        L(error_exit_);
        Label& leave = new_label();
        mov(rdi, rbx);
        mov(rax, address_of(&handler_after_error));
        call(rax);
        if (!fn_.handlers.empty()) mov(r12, qword[rbx + machine_.regs]);
        for (const Handler& handler : fn_.handlers) {
            cmp(rax, handler.target);
            je(instruction_labels_[handler.target]);
        }
        L(leave);
        mov(eax, 1);
        pop(rbp);
        ret();
        result.code = getCode();
        result.size = getSize();
        return result;
    }

private:
    // ------------------------------------------------------------------ building blocks

    Label& new_label() { return labels_.emplace_back(); }
    void cold(std::function<void()> emit) { cold_paths_.push_back(std::move(emit)); }

    static RegExp value_at(uint32_t reg) { return r12_exp() + static_cast<int32_t>(reg) * layout::kValueBytes; }
    static RegExp r12_exp() { return RegExp(Xbyak::util::r12); }

    Operand register_operand(uint32_t reg) const { return {true, reg, ValueTag::Null, 0}; }
    Operand constant_operand(uint32_t index) const {
        const Value& k = program_.constants[index];
        return {false, 0, k.tag(), payload_bits(k)};
    }
    Operand immediate_operand(int64_t v) const { return {false, 0, ValueTag::Int, static_cast<uint64_t>(v)}; }

    const Instr* instruction_address(size_t pc) const { return fn_.code.data() + pc; }

    // Jumps to `miss` unless the operand holds an Int.
    void guard_int(const Operand& o, Label& miss) {
        if (!o.in_register) return;
        cmp(byte[value_at(o.reg)], layout::tag(ValueTag::Int));
        jne(miss);
    }

    void load_int(const Xbyak::Reg64& dst, const Operand& o) {
        if (o.in_register)
            mov(dst, qword[value_at(o.reg) + layout::kPayload]);
        else
            mov(dst, o.bits);
    }

    // acc = acc OP o, for an Int operand o (add, sub, cmp).
    template <typename Emit>
    void int_operation(const Xbyak::Reg64& acc, const Operand& o, Emit emit) {
        if (o.in_register) {
            emit(acc, qword[value_at(o.reg) + layout::kPayload]);
        } else if (fits_int32(o.known_int())) {
            emit(acc, static_cast<uint32_t>(static_cast<int32_t>(o.known_int())));
        } else {
            mov(rcx, o.bits);
            emit(acc, rcx);
        }
    }

    // x = the operand as a double (Int converted as the runtime converts it); jumps to
    // `not_number` for anything but an Int or a Float.
    void load_number(const Xbyak::Xmm& x, const Operand& o, Label& not_number) {
        if (!o.in_register) {
            mov(rcx, o.bits);
            if (o.tag == ValueTag::Float)
                movq(x, rcx);
            else
                cvtsi2sd(x, rcx);
            return;
        }
        Label& not_float = new_label();
        Label& loaded = new_label();
        cmp(byte[value_at(o.reg)], layout::tag(ValueTag::Float));
        jne(not_float, T_SHORT);
        movsd(x, qword[value_at(o.reg) + layout::kPayload]);
        jmp(loaded, T_SHORT);
        L(not_float);
        cmp(byte[value_at(o.reg)], layout::tag(ValueTag::Int));
        jne(not_number);
        mov(rcx, qword[value_at(o.reg) + layout::kPayload]);
        cvtsi2sd(x, rcx);
        L(loaded);
    }

    // Before a Value at `dst` is overwritten: release the object it holds, as Value's
    // assignment does. The cold path preserves rax, rcx and rdx (the new value, the base).
    void release_old(const RegExp& dst) {
        Label& release = new_label();
        Label& back = new_label();
        cmp(byte[dst], layout::tag(ValueTag::Object));
        je(release);
        L(back);
        cold([this, dst, &release, &back] {
            L(release);
            mov(rdi, qword[dst + layout::kPayload]);
            sub(dword[rdi + layout::kRefcount], 1);
            jnz(back);
            push(rax);
            push(rcx);
            push(rdx);
            push(rsi);
            mov(rsi, address_of(&destroy_object));
            call(rsi);
            pop(rsi);
            pop(rdx);
            pop(rcx);
            pop(rax);
            jmp(back);
        });
    }

    // *dst = (tag, rax).
    void store_rax(const RegExp& dst, ValueTag tag, bool may_hold_object = true) {
        if (may_hold_object) release_old(dst);
        mov(byte[dst], layout::tag(tag));
        mov(qword[dst + layout::kPayload], rax);
    }

    void store_known(const RegExp& dst, ValueTag tag, uint64_t bits) {
        release_old(dst);
        mov(byte[dst], layout::tag(tag));
        if (fits_int32(static_cast<int64_t>(bits))) {
            mov(qword[dst + layout::kPayload], bits);  // sign-extended imm32
        } else {
            mov(rax, bits);
            mov(qword[dst + layout::kPayload], rax);
        }
    }

    // *dst = *src with the reference counts of Value's copy: the source is retained before the
    // destination is released, so copying a value over itself, or a field over the register
    // holding its object, never frees it early.
    void copy_value(const RegExp& dst, const RegExp& src) {
        Label& retained = new_label();
        movzx(ecx, byte[src]);
        mov(rax, qword[src + layout::kPayload]);
        cmp(cl, layout::tag(ValueTag::Object));
        jne(retained, T_SHORT);
        add(dword[rax + layout::kRefcount], 1);
        L(retained);
        release_old(dst);
        mov(byte[dst], cl);
        mov(qword[dst + layout::kPayload], rax);
    }

    // ------------------------------------------------------------------ the generic fallback

    // Calls the opcode's handler for the instruction at pc; on error leaves through the exit.
    // rax is then the next instruction.
    void call_handler(size_t pc) {
        inline_template_ = false;
        mov(rdi, rbx);
        mov(rsi, reinterpret_cast<uint64_t>(instruction_address(pc)));
        mov(rdx, r12);
        mov(rax, address_of(step_function(unfused(opcode_of(fn_.code[pc])))));
        call(rax);
        test(rax, rax);
        jz(error_exit_);
    }

    // After call_handler for a branch: follow the handler's choice.
    void follow_handler_branch(size_t target) {
        mov(rcx, reinterpret_cast<uint64_t>(instruction_address(target)));
        cmp(rax, rcx);
        je(instruction_labels_[target]);
    }

    // ------------------------------------------------------------------ arithmetic

    void int_arith(Arith op, const Operand& lhs, const Operand& rhs, Label& slow) {
        switch (op) {
        case Arith::Add:
            load_int(rax, lhs);
            int_operation(rax, rhs, [this](auto& a, const auto& b) { add(a, b); });
            jo(slow);
            return;
        case Arith::Sub:
            load_int(rax, lhs);
            int_operation(rax, rhs, [this](auto& a, const auto& b) { sub(a, b); });
            jo(slow);
            return;
        case Arith::Mul:
            load_int(rax, lhs);
            if (rhs.in_register) {
                imul(rax, qword[value_at(rhs.reg) + layout::kPayload]);
            } else if (fits_int32(rhs.known_int())) {
                imul(rax, rax, static_cast<int>(rhs.known_int()));
            } else {
                mov(rcx, rhs.bits);
                imul(rax, rcx);
            }
            jo(slow);
            return;
        case Arith::Div:
        case Arith::Mod:
            if (!rhs.in_register && has_division_magic(rhs.known_int())) {
                divide_by_constant(op, lhs, rhs.known_int());
                return;
            }
            // 0 and -1 are the runtime's (ZeroDivisionError, the wrapping INT64_MIN / -1).
            load_int(rcx, rhs);
            if (rhs.in_register) {
                lea(rdx, ptr[rcx + 1]);
                cmp(rdx, 1);
                jbe(slow);
            }
            load_int(rax, lhs);
            cqo();
            idiv(rcx);
            if (op == Arith::Mod) mov(rax, rdx);
            return;
        }
    }

    // rax = lhs / d or lhs % d (truncating, as C++), without idiv.
    void divide_by_constant(Arith op, const Operand& lhs, int64_t d) {
        const DivisionMagic magic = division_magic(d);
        load_int(rcx, lhs);
        mov(rax, static_cast<uint64_t>(magic.multiplier));
        imul(rcx);  // rdx = high 64 bits of n * multiplier
        if (d > 0 && magic.multiplier < 0) add(rdx, rcx);
        if (d < 0 && magic.multiplier > 0) sub(rdx, rcx);
        if (magic.shift > 0) sar(rdx, magic.shift);
        mov(rax, rdx);
        shr(rax, 63);
        add(rdx, rax);  // rdx = the quotient
        if (op == Arith::Div) {
            mov(rax, rdx);
            return;
        }
        if (fits_int32(d)) {
            imul(rdx, rdx, static_cast<int>(d));
        } else {
            mov(rax, static_cast<uint64_t>(d));
            imul(rdx, rax);
        }
        mov(rax, rcx);
        sub(rax, rdx);
    }

    void float_arith(Arith op, const Operand& lhs, const Operand& rhs, uint32_t dst, Label& generic) {
        load_number(xmm0, lhs, generic);
        load_number(xmm1, rhs, generic);
        switch (op) {
        case Arith::Add: addsd(xmm0, xmm1); break;
        case Arith::Sub: subsd(xmm0, xmm1); break;
        case Arith::Mul: mulsd(xmm0, xmm1); break;
        case Arith::Div:
            xorps(xmm2, xmm2);
            ucomisd(xmm1, xmm2);
            je(generic);  // a zero divisor raises; a NaN divisor (unordered) goes there too
            divsd(xmm0, xmm1);
            break;
        case Arith::Mod: break;  // fmod: never reaches here
        }
        movq(rax, xmm0);
        store_rax(value_at(dst), ValueTag::Float);
    }

    // R[dst] = lhs op rhs: Int inline (tag guards, overflow to the cold path), Float and mixed
    // Int/Float in the cold path, everything else through the handler.
    void arith(size_t pc, Arith op, uint32_t dst, const Operand& lhs, const Operand& rhs) {
        const bool divisor_special =
            (op == Arith::Div || op == Arith::Mod) && !rhs.in_register && (rhs.known_int() == 0 || rhs.known_int() == -1);
        const bool int_path = lhs.may_be_int() && rhs.may_be_int() && !divisor_special;
        const bool float_path = op != Arith::Mod && lhs.may_be_number() && rhs.may_be_number();
        if (!int_path && !float_path) {
            call_handler(pc);
            return;
        }
        Label& done = new_label();
        Label& slow = new_label();
        Label& generic = new_label();
        if (int_path) {
            guard_int(lhs, slow);
            guard_int(rhs, slow);
            int_arith(op, lhs, rhs, slow);
            // dst is an Int when it is one of the operands just checked.
            const bool dst_checked = (lhs.in_register && lhs.reg == dst) || (rhs.in_register && rhs.reg == dst);
            store_rax(value_at(dst), ValueTag::Int, !dst_checked);
        } else {
            jmp(slow);
        }
        L(done);
        cold([=, this, &done, &slow, &generic] {
            L(slow);
            if (float_path) {
                if (lhs.may_be_int() && rhs.may_be_int()) {
                    // Both Ints here: overflow or a special divisor, the runtime's to decide
                    // (Int / Int is never computed as Floats).
                    Label& not_both_int = new_label();
                    for (const Operand* o : {&lhs, &rhs}) {
                        if (!o->in_register) continue;
                        cmp(byte[value_at(o->reg)], layout::tag(ValueTag::Int));
                        jne(not_both_int);
                    }
                    jmp(generic);
                    L(not_both_int);
                }
                float_arith(op, lhs, rhs, dst, generic);
                jmp(done);
            }
            L(generic);
            call_handler(pc);
            jmp(done);
        });
        inline_template_ = true;
    }

    void negate(size_t pc, uint32_t dst, uint32_t src) {
        Label& done = new_label();
        Label& slow = new_label();
        guard_int(register_operand(src), slow);
        mov(rax, qword[value_at(src) + layout::kPayload]);
        neg(rax);  // wraps at INT64_MIN, as wrap_sub(0, x) does
        store_rax(value_at(dst), ValueTag::Int, dst != src);
        L(done);
        cold([=, this, &done, &slow] {
            Label& generic = new_label();
            L(slow);
            cmp(byte[value_at(src)], layout::tag(ValueTag::Float));
            jne(generic);
            mov(rax, qword[value_at(src) + layout::kPayload]);
            btc(rax, 63);
            store_rax(value_at(dst), ValueTag::Float);
            jmp(done);
            L(generic);
            call_handler(pc);
            jmp(done);
        });
        inline_template_ = true;
    }

    // ------------------------------------------------------------------ comparisons

    // Jumps to `target` when (int compare of the flags) == when.
    void int_branch(Compare op, bool when, Label& target) {
        switch (op) {
        case Compare::Eq: when ? je(target) : jne(target); break;
        case Compare::Ne: when ? jne(target) : je(target); break;
        case Compare::Lt: when ? jl(target) : jge(target); break;
        case Compare::Le: when ? jle(target) : jg(target); break;
        case Compare::Gt: when ? jg(target) : jle(target); break;
        case Compare::Ge: when ? jge(target) : jl(target); break;
        }
    }

    void int_set(Compare op) {
        switch (op) {
        case Compare::Eq: sete(al); break;
        case Compare::Ne: setne(al); break;
        case Compare::Lt: setl(al); break;
        case Compare::Le: setle(al); break;
        case Compare::Gt: setg(al); break;
        case Compare::Ge: setge(al); break;
        }
    }

    // al = xmm0 op xmm1 as the runtime computes it on doubles: every ordering comparison and
    // == are false when either side is NaN, != is true.
    void float_set(Compare op) {
        switch (op) {
        case Compare::Lt: ucomisd(xmm1, xmm0); seta(al); break;
        case Compare::Le: ucomisd(xmm1, xmm0); setae(al); break;
        case Compare::Gt: ucomisd(xmm0, xmm1); seta(al); break;
        case Compare::Ge: ucomisd(xmm0, xmm1); setae(al); break;
        case Compare::Eq:
            ucomisd(xmm0, xmm1);
            sete(al);
            setnp(cl);
            and_(al, cl);
            break;
        case Compare::Ne:
            ucomisd(xmm0, xmm1);
            setne(al);
            setp(cl);
            or_(al, cl);
            break;
        }
    }

    // Shared shape of compare-and-branch and compare-to-Bool: Int inline, numbers in the cold
    // path, the rest through the handler. `on_int` consumes the flags of `cmp lhs, rhs`,
    // `on_float` the Bool in al; `after_handler` follows the handler's result.
    template <typename OnInt, typename OnFloat, typename AfterHandler>
    void compare(size_t pc, Compare op, const Operand& lhs, const Operand& rhs, OnInt on_int, OnFloat on_float,
                 AfterHandler after_handler) {
        const bool int_path = lhs.may_be_int() && rhs.may_be_int();
        const bool float_path = lhs.may_be_number() && rhs.may_be_number();
        if (!float_path) {
            call_handler(pc);
            after_handler();
            return;
        }
        Label& done = new_label();
        Label& slow = new_label();
        if (int_path) {
            guard_int(lhs, slow);
            guard_int(rhs, slow);
            load_int(rax, lhs);
            int_operation(rax, rhs, [this](auto& a, const auto& b) { this->cmp(a, b); });
            on_int();
        } else {
            jmp(slow);
        }
        L(done);
        cold([=, this, &done, &slow] {
            Label& generic = new_label();
            L(slow);
            load_number(xmm0, lhs, generic);
            load_number(xmm1, rhs, generic);
            float_set(op);
            on_float();
            jmp(done);
            L(generic);
            call_handler(pc);
            after_handler();
            jmp(done);
        });
        inline_template_ = true;
    }

    void compare_branch(size_t pc, Compare op, const Operand& lhs, const Operand& rhs, bool when) {
        const size_t target = pc + static_cast<size_t>(operand_sc(fn_.code[pc]));
        Label& to = instruction_labels_[target];
        compare(
            pc, op, lhs, rhs, [&, this] { int_branch(op, when, to); },
            [=, this, &to] {
                test(al, al);
                when ? jnz(to) : jz(to);
            },
            [=, this] { follow_handler_branch(target); });
    }

    void compare_value(size_t pc, Compare op, uint32_t dst, const Operand& lhs, const Operand& rhs) {
        auto store_al = [=, this] {
            movzx(eax, al);
            store_rax(value_at(dst), ValueTag::Bool);
        };
        compare(
            pc, op, lhs, rhs,
            [&, this] {
                int_set(op);
                store_al();
            },
            store_al, [] {});
    }

    // ------------------------------------------------------------------ truthiness

    // Bool inline, Int in the cold path, the rest (strings, objects, null) through the handler.
    // `on_flags` consumes ZF set by a test of the value against zero (ZF = 0: truthy).
    template <typename OnFlags, typename AfterHandler>
    void truth(size_t pc, uint32_t src, OnFlags on_flags, AfterHandler after_handler) {
        Label& done = new_label();
        Label& slow = new_label();
        cmp(byte[value_at(src)], layout::tag(ValueTag::Bool));
        jne(slow);
        cmp(byte[value_at(src) + layout::kPayload], 0);
        on_flags();
        L(done);
        cold([=, this, &done, &slow] {
            Label& generic = new_label();
            L(slow);
            cmp(byte[value_at(src)], layout::tag(ValueTag::Int));
            jne(generic);
            cmp(qword[value_at(src) + layout::kPayload], 0);
            on_flags();
            jmp(done);
            L(generic);
            call_handler(pc);
            after_handler();
            jmp(done);
        });
        inline_template_ = true;
    }

    void truth_branch(size_t pc, uint32_t src, bool when) {
        const size_t target = pc + static_cast<size_t>(operand_sc(fn_.code[pc]));
        Label& to = instruction_labels_[target];
        truth(
            pc, src, [=, this, &to] { when ? jnz(to) : jz(to); }, [=, this] { follow_handler_branch(target); });
    }

    void truth_value(size_t pc, uint32_t dst, uint32_t src, bool negate) {
        truth(
            pc, src,
            [=, this] {
                negate ? setz(al) : setnz(al);
                movzx(eax, al);
                store_rax(value_at(dst), ValueTag::Bool);
            },
            [] {});
    }

    // ------------------------------------------------------------------ fields

    // rdx = the address of R[object]'s field cached at `site`; jumps to `miss` unless R[object]
    // is an instance of the class the site's cache holds (the handlers' inline cache).
    void cached_field_address(uint32_t object, uint32_t site, Label& miss) {
        cmp(byte[value_at(object)], layout::tag(ValueTag::Object));
        jne(miss);
        mov(rcx, qword[value_at(object) + layout::kPayload]);
        cmp(byte[rcx + layout::kKind], static_cast<uint8_t>(ObjectKind::Instance));
        jne(miss);
        mov(rdx, reinterpret_cast<uint64_t>(&vm_.cache(site)));
        mov(rax, qword[rcx + layout::kInstanceClass]);
        cmp(rax, qword[rdx + layout::kCacheClass]);
        jne(miss);
        movsxd(rax, dword[rdx + layout::kCacheSlot]);
        shl(rax, 4);
        static_assert(layout::kValueBytes == 16);
        mov(rdx, qword[rcx + layout::kInstanceFields]);
        add(rdx, rax);
    }

    // A field access through the site's cache; the handler on a miss (it fills the cache).
    template <typename Access>
    void cached_field(size_t pc, uint32_t object, uint32_t site, Access access) {
        Label& done = new_label();
        Label& miss = new_label();
        cached_field_address(object, site, miss);
        access();
        L(done);
        cold([=, this, &done, &miss] {
            L(miss);
            call_handler(pc);
            jmp(done);
        });
        inline_template_ = true;
    }

    // rdx = the fields of the instance in R[object] (GETSLOT/SETSLOT: known to be one).
    void slot_base(uint32_t object) {
        mov(rdx, qword[value_at(object) + layout::kPayload]);
        mov(rdx, qword[rdx + layout::kInstanceFields]);
    }

    // ------------------------------------------------------------------ calls and returns

    // The handler pushes the callee's frame (or finishes a built-in call) and hands back the
    // callee's compiled code, which runs here as a native call in the frame the Machine pushed.
    void call_instruction(size_t pc) {
        Label& after = new_label();
        inline_template_ = false;
        mov(rdi, rbx);
        mov(rsi, reinterpret_cast<uint64_t>(instruction_address(pc)));
        mov(rdx, r12);
        mov(rax, address_of(call_step_function(unfused(opcode_of(fn_.code[pc])))));
        CodeGenerator::call(rax);
        test(rax, rax);
        jz(error_exit_);
        cmp(rax, reinterpret_cast<uint64_t>(kNoFrame));
        je(after);
        mov(r12, qword[rbx + machine_.regs]);
        CodeGenerator::call(rax);
        test(eax, eax);
        jnz(error_exit_);
        L(after);
        mov(r12, qword[rbx + machine_.regs]);
    }

    // Machine::enter(callee, window, true) inline. In: rsi = the callee (const Function*);
    // its frame size is `frame_size` (an immediate) or, when that is negative, in edi. Jumps to
    // `slow` when the frame stack or the value stack would have to grow (the handler grows
    // them, or raises RecursionError at the call-depth limit). Leaves r12 = the callee's R[0].
    void push_frame(size_t pc, uint32_t window, int32_t frame_size, Label& slow) {
        mov(rax, qword[rbx + machine_.frame]);
        cmp(rax, qword[rbx + machine_.frame_limit]);
        je(slow);
        mov(ecx, dword[rax + layout::kFrameBase]);
        add(ecx, window);
        if (frame_size >= 0)
            lea(edx, ptr[rcx + frame_size]);
        else
            lea(edx, ptr[rcx + rdi]);
        cmp(rdx, qword[rbx + machine_.stack_size]);
        ja(slow);
        add(rax, layout::kFrameBytes);
        mov(qword[rbx + machine_.frame], rax);
        mov(qword[rax + layout::kFrameFunction], rsi);
        mov(rdx, reinterpret_cast<uint64_t>(instruction_address(pc + 1)));
        mov(qword[rax + layout::kFrameReturnPc], rdx);
        mov(dword[rax + layout::kFrameBase], ecx);
        mov(byte[rax + layout::kFrameKeepsResult], 1);
        shl(rcx, 4);
        static_assert(layout::kValueBytes == 16);
        add(rcx, qword[rbx + machine_.stack]);
        mov(qword[rbx + machine_.regs], rcx);
        mov(r12, rcx);
    }

    // After the callee returned: leave on its error, else continue with the caller's registers
    // (the callee's RETURN left them in the Machine).
    void after_call() {
        test(eax, eax);
        jnz(error_exit_);
        mov(r12, qword[rbx + machine_.regs]);
    }

    // Calls the code of the function whose id is in r8 (callee in rsi), compiling it first when
    // this is its first call.
    void call_by_id() {
        Label& compiled = new_label();
        Label& compile_first = new_label();
        mov(rdx, reinterpret_cast<uint64_t>(entries_));
        mov(rax, qword[rdx + r8 * 8]);
        test(rax, rax);
        jz(compile_first);
        L(compiled);
        CodeGenerator::call(rax);
        cold([this, &compiled, &compile_first] {
            L(compile_first);
            mov(rdi, rbx);
            mov(rax, address_of(&compile_callee));
            CodeGenerator::call(rax);  // rsi is still the callee
            test(rax, rax);
            jz(error_exit_);
            mov(r12, qword[rbx + machine_.regs]);
            jmp(compiled);
        });
        after_call();
    }

    // CALL with the arity right (the handler raises the error otherwise). A call of the
    // function being compiled, or of one compiled before it, is a direct call.
    void call_function(size_t pc, uint32_t window, uint32_t argc, uint32_t function) {
        const Function& callee = program_.functions[function];
        if (argc != static_cast<uint32_t>(callee.param_count)) {
            call_instruction(pc);
            return;
        }
        Label& done = new_label();
        Label& slow = new_label();
        mov(rsi, reinterpret_cast<uint64_t>(&callee));
        push_frame(pc, window, callee.frame_size, slow);
        if (&callee == &fn_) {
            CodeGenerator::call(function_start_);
            after_call();
        } else if (const void* code = entries_[static_cast<size_t>(callee.id)]; code != nullptr) {
            CodeGenerator::call(code);  // rel32: the arena is one mapping
            after_call();
        } else {
            mov(r8d, static_cast<uint32_t>(callee.id));
            call_by_id();
        }
        L(done);
        cold([=, this, &done, &slow] {
            L(slow);
            call_instruction(pc);
            jmp(done);
        });
        inline_template_ = true;
    }

    // CALLMETHOD on the user-box class the site's cache holds: its cached method, whose arity
    // the cache has checked for this site. Built-in receivers and misses: the handler.
    void call_method(size_t pc, uint32_t window, uint32_t site) {
        Label& done = new_label();
        Label& slow = new_label();
        cmp(byte[value_at(window)], layout::tag(ValueTag::Object));
        jne(slow);
        mov(rcx, qword[value_at(window) + layout::kPayload]);
        cmp(byte[rcx + layout::kKind], static_cast<uint8_t>(ObjectKind::Instance));
        jne(slow);
        mov(rdx, reinterpret_cast<uint64_t>(&vm_.cache(site)));
        mov(rax, qword[rcx + layout::kInstanceClass]);
        cmp(rax, qword[rdx + layout::kCacheClass]);
        jne(slow);
        mov(rsi, qword[rdx + layout::kCacheCallee]);
        mov(edi, dword[rsi + layout::kFunctionFrameSize]);
        movsxd(r8, dword[rsi + layout::kFunctionId]);
        push_frame(pc, window, -1, slow);
        call_by_id();
        L(done);
        cold([=, this, &done, &slow] {
            L(slow);
            call_instruction(pc);
            jmp(done);
        });
        inline_template_ = true;
    }

    // Machine::leave inline: R[0] (the caller's window register) takes the result when the
    // frame keeps it (a moved Value: `result` becomes null), then the frame is popped and the
    // Machine's regs are the caller's again. (vm.pc is left alone: compiled code publishes it
    // only where something reads it, before a handler runs.) `result` < 0: RETURNNULL.
    void return_from_function(int64_t result) {
        Label& dropped = new_label();
        mov(rax, qword[rbx + machine_.frame]);
        if (result != 0) {
            cmp(byte[rax + layout::kFrameKeepsResult], 0);
            je(dropped);
            release_old(value_at(0));
            if (result > 0) {
                const uint32_t from = static_cast<uint32_t>(result);
                movzx(ecx, byte[value_at(from)]);
                mov(rdx, qword[value_at(from) + layout::kPayload]);
                mov(byte[value_at(0)], cl);
                mov(qword[value_at(0) + layout::kPayload], rdx);
                mov(byte[value_at(from)], layout::tag(ValueTag::Null));
            } else {
                mov(byte[value_at(0)], layout::tag(ValueTag::Null));
            }
            L(dropped);
        }
        lea(rcx, ptr[rax - layout::kFrameBytes]);
        mov(qword[rbx + machine_.frame], rcx);
        mov(edx, dword[rcx + layout::kFrameBase]);
        shl(rdx, 4);
        add(rdx, qword[rbx + machine_.stack]);
        mov(qword[rbx + machine_.regs], rdx);
        xor_(eax, eax);
        pop(rbp);
        ret();
    }

    // ------------------------------------------------------------------ one instruction

    void instruction(size_t pc) {
        const Instr insn = fn_.code[pc];
        const uint32_t a = operand_a(insn), b = operand_b(insn), c = operand_c(insn);
        const int32_t sc = operand_sc(insn);
        const Operand ra = register_operand(a), rb = register_operand(b), rc = register_operand(c);
        // A superinstruction compiles as its first opcode: its second is the next word, which
        // gets its own template, so the fused pair needs no template of its own.
        switch (unfused(opcode_of(insn))) {
        case Opcode::MOVE:
            if (a != b) copy_value(value_at(a), value_at(b));
            return;
        case Opcode::LOADK: {
            const Value& k = program_.constants[c];
            if (!k.is_object()) {
                store_known(value_at(a), k.tag(), payload_bits(k));
                return;
            }
            mov(rax, reinterpret_cast<uint64_t>(k.as_object()));
            add(dword[rax + layout::kRefcount], 1);
            store_rax(value_at(a), ValueTag::Object);
            return;
        }
        case Opcode::LOADI: store_known(value_at(a), ValueTag::Int, static_cast<uint64_t>(static_cast<int64_t>(sc))); return;
        case Opcode::LOADNULL: store_known(value_at(a), ValueTag::Null, 0); return;
        case Opcode::LOADBOOL: store_known(value_at(a), ValueTag::Bool, b != 0); return;
        case Opcode::LOADSTATIC:
            mov(rdx, reinterpret_cast<uint64_t>(&vm_.singleton(c)));
            copy_value(value_at(a), RegExp(rdx));
            return;

        case Opcode::ADD: arith(pc, Arith::Add, a, rb, rc); return;
        case Opcode::SUB: arith(pc, Arith::Sub, a, rb, rc); return;
        case Opcode::MUL: arith(pc, Arith::Mul, a, rb, rc); return;
        case Opcode::DIV: arith(pc, Arith::Div, a, rb, rc); return;
        case Opcode::MOD: arith(pc, Arith::Mod, a, rb, rc); return;
        case Opcode::ADDK: arith(pc, Arith::Add, a, rb, constant_operand(c)); return;
        case Opcode::SUBK: arith(pc, Arith::Sub, a, rb, constant_operand(c)); return;
        case Opcode::MULK: arith(pc, Arith::Mul, a, rb, constant_operand(c)); return;
        case Opcode::DIVK: arith(pc, Arith::Div, a, rb, constant_operand(c)); return;
        case Opcode::MODK: arith(pc, Arith::Mod, a, rb, constant_operand(c)); return;
        case Opcode::KADD: arith(pc, Arith::Add, a, constant_operand(b), rc); return;
        case Opcode::ADDI: arith(pc, Arith::Add, a, rb, immediate_operand(sc)); return;
        case Opcode::SUBI: arith(pc, Arith::Sub, a, rb, immediate_operand(sc)); return;
        case Opcode::MULI: arith(pc, Arith::Mul, a, rb, immediate_operand(sc)); return;
        case Opcode::DIVI: arith(pc, Arith::Div, a, rb, immediate_operand(sc)); return;
        case Opcode::MODI: arith(pc, Arith::Mod, a, rb, immediate_operand(sc)); return;
        case Opcode::NEG: negate(pc, a, b); return;
        case Opcode::NOT: truth_value(pc, a, b, true); return;
        case Opcode::TOBOOL: truth_value(pc, a, b, false); return;

        case Opcode::EQ: compare_value(pc, Compare::Eq, a, rb, rc); return;
        case Opcode::NE: compare_value(pc, Compare::Ne, a, rb, rc); return;
        case Opcode::LT: compare_value(pc, Compare::Lt, a, rb, rc); return;
        case Opcode::LE: compare_value(pc, Compare::Le, a, rb, rc); return;
        case Opcode::GT: compare_value(pc, Compare::Gt, a, rb, rc); return;
        case Opcode::GE: compare_value(pc, Compare::Ge, a, rb, rc); return;

        case Opcode::JMP: jmp(instruction_labels_[pc + static_cast<size_t>(sc)]); return;
        case Opcode::JMPIF: truth_branch(pc, a, true); return;
        case Opcode::JMPIFNOT: truth_branch(pc, a, false); return;
        case Opcode::JEQ: compare_branch(pc, Compare::Eq, ra, rb, true); return;
        case Opcode::JNE: compare_branch(pc, Compare::Ne, ra, rb, true); return;
        case Opcode::JLT: compare_branch(pc, Compare::Lt, ra, rb, true); return;
        case Opcode::JLE: compare_branch(pc, Compare::Le, ra, rb, true); return;
        case Opcode::JGT: compare_branch(pc, Compare::Gt, ra, rb, true); return;
        case Opcode::JGE: compare_branch(pc, Compare::Ge, ra, rb, true); return;
        case Opcode::JNLT: compare_branch(pc, Compare::Lt, ra, rb, false); return;
        case Opcode::JNLE: compare_branch(pc, Compare::Le, ra, rb, false); return;
        case Opcode::JNGT: compare_branch(pc, Compare::Gt, ra, rb, false); return;
        case Opcode::JNGE: compare_branch(pc, Compare::Ge, ra, rb, false); return;
        case Opcode::JEQK: compare_branch(pc, Compare::Eq, ra, constant_operand(b), true); return;
        case Opcode::JNEK: compare_branch(pc, Compare::Ne, ra, constant_operand(b), true); return;
        case Opcode::JLTK: compare_branch(pc, Compare::Lt, ra, constant_operand(b), true); return;
        case Opcode::JLEK: compare_branch(pc, Compare::Le, ra, constant_operand(b), true); return;
        case Opcode::JGTK: compare_branch(pc, Compare::Gt, ra, constant_operand(b), true); return;
        case Opcode::JGEK: compare_branch(pc, Compare::Ge, ra, constant_operand(b), true); return;
        case Opcode::JNLTK: compare_branch(pc, Compare::Lt, ra, constant_operand(b), false); return;
        case Opcode::JNLEK: compare_branch(pc, Compare::Le, ra, constant_operand(b), false); return;
        case Opcode::JNGTK: compare_branch(pc, Compare::Gt, ra, constant_operand(b), false); return;
        case Opcode::JNGEK: compare_branch(pc, Compare::Ge, ra, constant_operand(b), false); return;

        case Opcode::CALL: call_function(pc, a, b, c); return;
        case Opcode::CALLMETHOD: call_method(pc, a, c); return;
        case Opcode::CALLFROM:
        case Opcode::CALLFROMCTOR:
        case Opcode::NEWBOX:
        case Opcode::FINI:  // user fini methods run in nested engine runs: the stack may move
        case Opcode::STATICINIT: call_instruction(pc); return;
        case Opcode::RETURN: return_from_function(a); return;
        case Opcode::RETURNNULL: return_from_function(-1); return;

        case Opcode::GETFIELD:
            cached_field(pc, b, c, [=, this] { copy_value(value_at(a), RegExp(rdx)); });
            return;
        case Opcode::SETFIELD:
            cached_field(pc, a, c, [=, this] { copy_value(RegExp(rdx), value_at(b)); });
            return;
        case Opcode::GETSLOT:
            slot_base(b);
            copy_value(value_at(a), RegExp(rdx) + static_cast<int32_t>(c) * layout::kValueBytes);
            return;
        case Opcode::SETSLOT:
            slot_base(a);
            copy_value(RegExp(rdx) + static_cast<int32_t>(c) * layout::kValueBytes, value_at(b));
            return;

        case Opcode::NEWBUILTIN:
        case Opcode::PRINT:
        case Opcode::PRINTK:
        case Opcode::THROW:  // raises: the handler's error goes to the error exit
        case Opcode::CATCH: call_handler(pc); return;
#define TYPED_CALL(opcode, box, method, alias, argc, result) case Opcode::opcode:
#include "vm/typed_calls.def"
            call_handler(pc);  // the handler's inline case, then its generic call (vm/handlers.inc)
            return;
#define SUPERINSTRUCTION(fused, first, second) case Opcode::fused:
#include "vm/superinstructions.def"
            break;  // unfused() left none
        }
    }

    Machine& vm_;
    const Program& program_;
    const Function& fn_;
    const MachineLayout& machine_;
    const void* const* entries_;
    std::vector<Label> instruction_labels_;
    std::deque<Label> labels_;  // stable addresses: cold paths refer to them later
    std::deque<std::function<void()>> cold_paths_;  // appended to while emitted
    Label function_start_;
    Label error_exit_;
    bool inline_template_ = true;
};

class TrampolineEmitter : public Xbyak::CodeGenerator {
public:
    explicit TrampolineEmitter(std::span<uint8_t> space) : CodeGenerator(space.size(), space.data()) {
        push(rbp);
        mov(rbp, rsp);
        push(rbx);
        push(r12);
        mov(rbx, rdi);
        mov(r12, rsi);
        call(rdx);  // three pushes: the callee starts with the stack as a C function would
        pop(r12);
        pop(rbx);
        pop(rbp);
        ret();
    }
};

}  // namespace

CompiledFunction compile_function(std::span<uint8_t> space, Machine& vm, const Function& fn,
                                  const MachineLayout& layout, const void* const* entries) {
    return FunctionCompiler(space, vm, fn, layout, entries).compile();
}

size_t emit_trampoline(std::span<uint8_t> space) { return TrampolineEmitter(space).getSize(); }

}  // namespace nyash::vm::jit
