#include "mir_eval.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "frontend/class_table.hpp"
#include "mir/constant_value.hpp"
#include "runtime/builtins.hpp"
#include "runtime/display.hpp"
#include "runtime/error.hpp"
#include "runtime/exception.hpp"
#include "runtime/finalization.hpp"
#include "runtime/limits.hpp"
#include "runtime/objects.hpp"
#include "runtime/operators.hpp"

namespace nyash::test {
namespace {

using mir::BlockId;
using mir::Instr;
using mir::Op;
using mir::ValueId;

std::string arity_message(const std::string& callee, int expected, size_t got) {
    return "wrong number of arguments for " + callee + ": expected " + std::to_string(expected) + ", got " +
           std::to_string(got);
}

bool is_instance(const Value& v) { return v.is_object_of(ObjectKind::Instance); }

class Evaluator {
public:
    Evaluator(const ast::Program& program, const mir::Module& module, Runtime& rt)
        : program_(program), module_(module), rt_(rt), classes_(build_class_table(program)) {
        for (size_t i = 0; i < program.boxes.size(); ++i) {
            singletons_.push_back(program.boxes[i]->is_static ? make_instance(&classes_.at(static_cast<int>(i)))
                                                              : Value::null());
            static_init_pending_.push_back(program.boxes[i]->static_init != nullptr);
        }
    }

    void run() {
        run_function(module_.functions[static_cast<size_t>(program_.script->id)], {});
        if (program_.entry_box < 0) return;
        const MethodInfo* main = classes_.at(program_.entry_box).find_method(intern("main"));
        static_box(program_.entry_box, {});
        call(main->callable_id, {singletons_[static_cast<size_t>(program_.entry_box)]}, {});
    }

private:
    // A user-level call: counts toward the depth limit (spec §13).
    Value call(int callable_id, std::vector<Value> args, SourceLoc site) {
        if (depth_ == kMaxCallDepth)
            throw NyashError(ErrorKind::RecursionError,
                             "maximum call depth " + std::to_string(kMaxCallDepth) + " exceeded", site);
        ++depth_;
        struct Leave {
            int& depth;
            ~Leave() { --depth; }
        } leave{depth_};
        return run_function(module_.functions[static_cast<size_t>(callable_id)], std::move(args));
    }

    Value run_function(const mir::Function& fn, std::vector<Value> args) {
        std::vector<Value> regs(fn.value_count());
        BlockId block = 0;
        BlockId from = 0;
        std::vector<std::pair<ValueId, Value>> incoming;
        while (true) {
            const std::vector<Instr>& instrs = fn.blocks[block].instrs;
            // Phis read their inputs simultaneously, on entry from `from`.
            incoming.clear();
            size_t i = 0;
            for (; instrs[i].op == Op::Phi; ++i) {
                const Instr& phi = instrs[i];
                for (size_t k = 0; k < phi.phi_blocks.size(); ++k)
                    if (phi.phi_blocks[k] == from) incoming.emplace_back(phi.dst, regs[phi.args[k]]);
            }
            for (auto& [dst, value] : incoming) regs[dst] = std::move(value);
            for (;; ++i) {
                const Instr& instr = instrs[i];
                if (instr.op == Op::Jump || instr.op == Op::Branch) {
                    from = block;
                    block = instr.op == Op::Jump || truthy(regs[instr.a]) ? instr.targets[0] : instr.targets[1];
                    break;
                }
                if (instr.op == Op::Return) return instr.a == mir::kNoValue ? Value::null() : regs[instr.a];
                try {
                    if (instr.op == Op::Throw) raise(instr, regs[instr.a]);
                    Value result = execute(fn, instr, regs, args);
                    if (instr.dst != mir::kNoValue) regs[instr.dst] = std::move(result);
                } catch (NyashError& error) {
                    error.locate(instr.loc);
                    // The block's exception edge, if it has one, takes what is catchable.
                    const BlockId unwind = fn.blocks[block].unwind;
                    if (unwind == mir::kNoBlock || !is_catchable(error)) throw;
                    caught_ = std::current_exception();
                    from = block;
                    block = unwind;
                    break;
                }
            }
        }
    }

    [[noreturn]] static void raise(const Instr& instr, const Value& value) {
        if (instr.imm == mir::kCatchRaw)
            std::rethrow_exception(static_cast<const ExceptionObj*>(value.as_object())->error);
        throw ThrownValue(value, instr.loc);
    }

    Value catch_value(bool raw) {
        std::exception_ptr error = std::exchange(caught_, nullptr);
        return raw ? make_exception(std::move(error)) : caught_value(error);
    }

    // Spec §9.8: the first reference runs the static initializer.
    const Value& static_box(int box, SourceLoc loc) {
        if (static_init_pending_[static_cast<size_t>(box)]) {
            static_init_pending_[static_cast<size_t>(box)] = false;
            call(classes_.at(box).static_init_id(), {singletons_[static_cast<size_t>(box)]}, loc);
        }
        return singletons_[static_cast<size_t>(box)];
    }

    Value execute(const mir::Function& fn, const Instr& instr, const std::vector<Value>& regs,
                  const std::vector<Value>& params) {
        auto reg = [&](ValueId v) -> const Value& { return regs[v]; };
        std::vector<Value> args;  // empty except for calls and constructions
        for (ValueId v : instr.args) args.push_back(regs[v]);
        switch (instr.op) {
        case Op::Const: return mir::to_value(fn.constants[static_cast<size_t>(instr.imm)]);
        case Op::Param: return params[static_cast<size_t>(instr.imm)];
        case Op::Copy: return reg(instr.a);
        case Op::Add: return op_add(reg(instr.a), reg(instr.b));
        case Op::Sub: return op_sub(reg(instr.a), reg(instr.b));
        case Op::Mul: return op_mul(reg(instr.a), reg(instr.b));
        case Op::Div: return op_div(reg(instr.a), reg(instr.b));
        case Op::Mod: return op_mod(reg(instr.a), reg(instr.b));
        case Op::Eq: return Value::boolean(values_equal(reg(instr.a), reg(instr.b)));
        case Op::Ne: return Value::boolean(!values_equal(reg(instr.a), reg(instr.b)));
        case Op::Lt: return Value::boolean(op_lt(reg(instr.a), reg(instr.b)));
        case Op::Le: return Value::boolean(op_le(reg(instr.a), reg(instr.b)));
        case Op::Gt: return Value::boolean(op_gt(reg(instr.a), reg(instr.b)));
        case Op::Ge: return Value::boolean(op_ge(reg(instr.a), reg(instr.b)));
        case Op::Neg: return op_neg(reg(instr.a));
        case Op::Not: return Value::boolean(!truthy(reg(instr.a)));
        case Op::ToBool: return Value::boolean(truthy(reg(instr.a)));
        case Op::StaticBox: return static_box(static_cast<int>(instr.imm), instr.loc);
        case Op::Catch: return catch_value(instr.imm == mir::kCatchRaw);
        case Op::NewBox: return new_box(static_cast<int>(instr.imm), std::move(args), instr.loc);
        case Op::NewBuiltin: return construct_builtin(rt_, *instr.builtin, args.data(), args.size());
        case Op::GetField: return get_field(reg(instr.a), instr.symbol);
        case Op::SetField:
            set_field(reg(instr.a), instr.symbol, reg(instr.b));
            return Value::null();
        case Op::Call: {
            const mir::Function& callee = module_.functions[static_cast<size_t>(instr.imm)];
            if (static_cast<size_t>(callee.param_count) != args.size())
                throw NyashError(ErrorKind::TypeError,
                                 arity_message(callee.name, callee.param_count, args.size()));
            return call(static_cast<int>(instr.imm), std::move(args), instr.loc);
        }
        case Op::BoxCall: return box_call(instr.symbol, std::move(args), instr.loc);
        case Op::FromCall: {
            const BoxClass& parent = classes_.at(static_cast<int>(instr.imm));
            const MethodInfo* method = parent.find_method(instr.symbol);
            if (!method) throw no_method(parent.name(), instr.symbol);
            check_arity(parent.name() + "." + symbol_name(instr.symbol), method->arity, args.size() - 1);
            return call(method->callable_id, std::move(args), instr.loc);
        }
        case Op::FromCtor:
            run_constructor(classes_.at(static_cast<int>(instr.imm)), std::move(args), instr.loc);
            return Value::null();
        case Op::Print:
            rt_.write_stdout_line(&reg(instr.a), 1);
            return Value::null();
        default:
            throw std::logic_error("MIR evaluator: unexpected op");
        }
    }

    static void check_arity(const std::string& callee, int expected, size_t got) {
        if (static_cast<size_t>(expected) != got)
            throw NyashError(ErrorKind::TypeError, arity_message(callee, expected, got));
    }

    Value new_box(int box_index, std::vector<Value> args, SourceLoc loc) {
        const BoxClass& cls = classes_.at(box_index);
        Value instance = make_instance(&cls);
        args.insert(args.begin(), instance);
        run_constructor(cls, std::move(args), loc);
        return instance;
    }

    // args[0] is `me`; without an effective constructor only zero arguments are accepted.
    void run_constructor(const BoxClass& cls, std::vector<Value> args, SourceLoc loc) {
        const MethodInfo* ctor = cls.constructor();
        check_arity(cls.name() + " constructor", ctor ? ctor->arity : 0, args.size() - 1);
        if (ctor) call(ctor->callable_id, std::move(args), loc);
    }

    Value box_call(Symbol name, std::vector<Value> args, SourceLoc loc) {
        const Value& receiver = args[0];
        if (name == fini_symbol() && runs_fini_protocol(receiver)) {
            finalize(receiver, args.size() - 1, [&](const Value& instance, const MethodInfo& method) {
                call(method.callable_id, {instance}, loc);
            });
            return Value::null();
        }
        if (!is_instance(receiver)) return call_builtin(rt_, receiver, name, args.data() + 1, args.size() - 1);
        const BoxClass& cls = *as_instance(receiver).cls;
        const MethodInfo* method = cls.find_method(name);
        if (!method && cls.is_finalized()) throw_finalized(cls);
        if (!method) throw no_method(cls.name(), name);
        check_arity(cls.name() + "." + symbol_name(name), method->arity, args.size() - 1);
        return call(method->callable_id, std::move(args), loc);
    }

    static NyashError no_field(std::string_view type, Symbol field) {
        return NyashError(ErrorKind::FieldError, std::string(type) + " has no field '" + symbol_name(field) + "'");
    }
    static NyashError no_method(const std::string& type, Symbol method) {
        return NyashError(ErrorKind::MethodError, type + " has no method '" + symbol_name(method) + "'");
    }

    Value get_field(const Value& object, Symbol field) {
        if (!is_instance(object)) throw no_field(type_name(object), field);
        InstanceObj& instance = as_instance(object);
        if (instance.cls->is_finalized()) throw_finalized(*instance.cls);
        int slot = instance.cls->field_slot(field);
        if (slot < 0) throw no_field(instance.cls->name(), field);
        return read_field_value(*instance.cls, instance, slot);
    }

    void set_field(const Value& object, Symbol field, const Value& value) {
        if (!is_instance(object)) throw no_field(type_name(object), field);
        InstanceObj& instance = as_instance(object);
        if (instance.cls->is_finalized()) throw_finalized(*instance.cls);
        int slot = instance.cls->field_slot(field);
        if (slot < 0) {
            if (!instance.cls->is_static()) throw no_field(instance.cls->name(), field);
            // A static singleton gains the field (spec §9.8).
            slot = classes_.at(static_cast<int>(instance.cls->index())).add_field(field);
            instance.fields.resize(instance.cls->field_count());
        }
        instance.fields[static_cast<size_t>(slot)] = value;
    }

    const ast::Program& program_;
    const mir::Module& module_;
    Runtime& rt_;
    ClassTable classes_;
    std::vector<Value> singletons_;  // by box index; null for ordinary boxes
    std::vector<bool> static_init_pending_;  // by box index
    std::exception_ptr caught_;              // the exception a handler block is entered with
    int depth_ = 0;
};

}  // namespace

void run_mir(const ast::Program& program, const mir::Module& module, Runtime& rt) {
    // A run leaves nothing behind, even when it fails (reference cycles included).
    try {
        Evaluator(program, module, rt).run();
    } catch (...) {
        collect_cycles();
        throw;
    }
    collect_cycles();
}

}  // namespace nyash::test
