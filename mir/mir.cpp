#include "mir/mir.hpp"

#include <bit>

namespace nyash::mir {

const char* op_name(Op op) {
    switch (op) {
    case Op::Const: return "const";
    case Op::Param: return "param";
    case Op::Copy: return "copy";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Div: return "div";
    case Op::Mod: return "mod";
    case Op::Eq: return "eq";
    case Op::Ne: return "ne";
    case Op::Lt: return "lt";
    case Op::Le: return "le";
    case Op::Gt: return "gt";
    case Op::Ge: return "ge";
    case Op::Neg: return "neg";
    case Op::Not: return "not";
    case Op::ToBool: return "tobool";
    case Op::Phi: return "phi";
    case Op::StaticBox: return "staticbox";
    case Op::NewBox: return "newbox";
    case Op::NewBuiltin: return "newbuiltin";
    case Op::GetField: return "getfield";
    case Op::Call: return "call";
    case Op::BoxCall: return "boxcall";
    case Op::FromCall: return "fromcall";
    case Op::FromCtor: return "fromctor";
    case Op::SetField: return "setfield";
    case Op::Print: return "print";
    case Op::Catch: return "catch";
    case Op::Jump: return "jump";
    case Op::Branch: return "br";
    case Op::Return: return "ret";
    case Op::Throw: return "throw";
    }
    return "?";
}

bool is_arithmetic(Op op) { return op >= Op::Add && op <= Op::Mod; }
bool is_comparison(Op op) { return op >= Op::Eq && op <= Op::Ge; }
bool is_binary(Op op) { return is_arithmetic(op) || is_comparison(op); }

bool is_terminator(Op op) { return op == Op::Jump || op == Op::Branch || op == Op::Return || op == Op::Throw; }

namespace {

// Values computed from values alone: they never raise, write state or run user code.
bool is_pure(Op op) {
    switch (op) {
    case Op::Const:
    case Op::Param:
    case Op::Copy:
    case Op::Eq:
    case Op::Ne:
    case Op::Not:
    case Op::ToBool:
    case Op::Phi:
        return true;
    default:
        return false;
    }
}

}  // namespace

// Everything that may raise a runtime error, run user code or write state. Arithmetic and
// ordering comparisons raise TypeError on unsupported operands; StaticBox may run a static
// initializer [T2]. DCE may still drop arithmetic whose operand types rule the error out.
bool has_side_effects(Op op) { return !is_pure(op); }

bool defines_value(Op op) { return !is_terminator(op) && op != Op::SetField && op != Op::Print; }

std::span<const BlockId> successors(const Instr& terminator) {
    switch (terminator.op) {
    case Op::Jump: return {terminator.targets, 1};
    case Op::Branch: return {terminator.targets, 2};
    default: return {};
    }
}

Successors successors(const Block& block) {
    Successors out{};
    if (!block.instrs.empty() && is_terminator(block.instrs.back().op))
        for (BlockId target : successors(block.instrs.back())) out.ids[out.count++] = target;
    if (block.unwind != kNoBlock) out.ids[out.count++] = block.unwind;
    return out;
}

// Beyond the pure ops, output, catching and jumps cannot fail either.
bool can_throw(Op op) {
    if (is_pure(op)) return false;
    switch (op) {
    case Op::Print:
    case Op::Catch:
    case Op::Jump:
    case Op::Branch:
    case Op::Return:
        return false;
    default:
        return true;
    }
}

namespace {

bool same_constant(const Constant& x, const Constant& y) {
    if (x.kind != y.kind) return false;
    switch (x.kind) {
    case Constant::Kind::Null: return true;
    case Constant::Kind::Bool:
    case Constant::Kind::Int: return x.int_value == y.int_value;
    case Constant::Kind::Float:
        return std::bit_cast<uint64_t>(x.float_value) == std::bit_cast<uint64_t>(y.float_value);
    case Constant::Kind::String: return x.string_value == y.string_value;
    }
    return false;
}

// Equal keys for exactly the constants same_constant() calls equal (floats bit for bit).
std::string constant_key(const Constant& c) {
    std::string key(1, static_cast<char>(c.kind));
    uint64_t bits = 0;
    switch (c.kind) {
    case Constant::Kind::Null: break;
    case Constant::Kind::Bool:
    case Constant::Kind::Int: bits = static_cast<uint64_t>(c.int_value); break;
    case Constant::Kind::Float: bits = std::bit_cast<uint64_t>(c.float_value); break;
    case Constant::Kind::String: return key + c.string_value;
    }
    key.append(reinterpret_cast<const char*>(&bits), sizeof bits);
    return key;
}

}  // namespace

int64_t intern_constant(Function& fn, const Constant& c) {
    Function::ConstantIndex& index = fn.constant_index;
    if (index.covered != fn.constants.size()) {
        index.by_key.clear();
        for (size_t i = 0; i < fn.constants.size(); ++i)
            index.by_key.try_emplace(constant_key(fn.constants[i]), static_cast<int64_t>(i));
        index.covered = fn.constants.size();
    }
    const auto [found, added] = index.by_key.try_emplace(constant_key(c), static_cast<int64_t>(fn.constants.size()));
    // A hit is checked: `constants` may have been rewritten in place since the index was built.
    if (!added && same_constant(fn.constants[static_cast<size_t>(found->second)], c)) return found->second;
    found->second = static_cast<int64_t>(fn.constants.size());
    fn.constants.push_back(c);
    index.covered = fn.constants.size();
    return found->second;
}

Type constant_type(const Constant& c) {
    switch (c.kind) {
    case Constant::Kind::Null: return Type::Null;
    case Constant::Kind::Bool: return Type::Bool;
    case Constant::Kind::Int: return Type::Int;
    case Constant::Kind::Float: return Type::Float;
    case Constant::Kind::String: return Type::String;
    }
    return Type::Unknown;
}

const char* type_name(Type t) {
    switch (t) {
    case Type::Unknown: return "?";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::Bool: return "bool";
    case Type::Null: return "null";
    case Type::String: return "str";
    }
    return "?";
}

}  // namespace nyash::mir
