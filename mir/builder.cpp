#include "mir/builder.hpp"

#include <functional>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "mir/cfg.hpp"
#include "mir/verifier.hpp"
#include "runtime/error.hpp"
#include "runtime/finalization.hpp"

namespace nyash::mir {
namespace {

Op binary_op(ast::BinaryOp op) {
    switch (op) {
    case ast::BinaryOp::Add: return Op::Add;
    case ast::BinaryOp::Sub: return Op::Sub;
    case ast::BinaryOp::Mul: return Op::Mul;
    case ast::BinaryOp::Div: return Op::Div;
    case ast::BinaryOp::Mod: return Op::Mod;
    case ast::BinaryOp::Eq: return Op::Eq;
    case ast::BinaryOp::Ne: return Op::Ne;
    case ast::BinaryOp::Lt: return Op::Lt;
    case ast::BinaryOp::Le: return Op::Le;
    case ast::BinaryOp::Gt: return Op::Gt;
    case ast::BinaryOp::Ge: return Op::Ge;
    }
    throw std::logic_error("MIR builder: unknown binary operator");
}

bool is_member(const ast::Callable& callable) {
    return callable.kind == ast::CallableKind::Method || callable.kind == ast::CallableKind::Constructor ||
           callable.kind == ast::CallableKind::StaticInit;
}

Constant make_constant(Constant::Kind kind) {
    Constant c;
    c.kind = kind;
    return c;
}

// Builds one function. Control flow is emitted into current_; after return/break/continue
// there is no current block and the rest of the statement list is unreachable and skipped.
class FunctionBuilder {
public:
    FunctionBuilder(const ast::Program& program, const ast::Callable& callable)
        : program_(program), callable_(callable) {}

    Function build() {
        hidden_slots_ = callable_.frame_size;
        fn_.id = callable_.id;
        if (callable_.owner_box >= 0 && !program_.boxes[static_cast<size_t>(callable_.owner_box)]->is_static)
            fn_.owner_box = callable_.owner_box;
        fn_.name = ast::qualified_name(program_, callable_);
        int offset = is_member(callable_) ? 1 : 0;
        fn_.param_count = static_cast<int>(callable_.params.size()) + offset;

        BlockId entry = new_block();
        seal(entry);
        current_ = entry;
        for (int i = 0; i < fn_.param_count; ++i) {
            Instr param{.op = Op::Param, .imm = i};
            ValueId v = emit(param);
            if (i < offset)
                me_ = v;
            else
                write_variable(i - offset, entry, v);  // parameters own slots 0..n-1
        }
        statements(callable_.body);
        if (current_) emit(Instr{.op = Op::Return});
        finish();
        return std::move(fn_);
    }

private:
    struct BlockState {
        std::vector<ValueId> defs{};  // current SSA value of each slot in this block
        bool sealed = false;          // all predecessors are known
        std::vector<std::pair<int, ValueId>> incomplete_phis{};  // (slot, phi) awaiting sealing
    };
    struct LoopTargets {
        BlockId header;                         // `continue` jumps here
        std::optional<BlockId> break_target{};  // created by the first `break`
    };
    struct Handler {
        std::optional<BlockId> block{};  // created by the first instruction it protects
    };
    // A way out of a try statement with a finally block, other than completing or raising.
    struct Exit {
        enum class Kind : uint8_t { Break, Continue, Return } kind;
        size_t loop = 0;  // Break, Continue: the loops_ index of the loop
    };
    // A try statement with a finally block, while its body and catch block are lowered. Every
    // way out jumps to the one copy of the finally block with two hidden variables set: which
    // way (kKindNormal, kKindException, or kKindFirstExit + its index in `exits`) and what it
    // carries (the return value, the exception); the finally block then continues that way.
    struct FinallyScope {
        size_t loops;                 // loops_.size() outside its try statement
        int kind_slot, payload_slot;  // the hidden variables
        std::optional<BlockId> entry{};  // the finally block, created by the first way in
        std::vector<Exit> exits{};
        bool raises = false;          // the exception way is taken
        bool completes = false;       // the normal way is taken
    };
    static constexpr int64_t kKindNormal = 0, kKindException = 1, kKindFirstExit = 2;

    // ------------------------------------------------------------ blocks and instructions

    BlockId new_block() {
        auto id = static_cast<BlockId>(fn_.blocks.size());
        fn_.blocks.push_back(Block{.id = id});
        auto slots = static_cast<size_t>(callable_.frame_size);
        state_.push_back(BlockState{.defs = std::vector<ValueId>(slots, kNoValue)});
        return id;
    }

    // Appends to the current block; returns the new value (kNoValue for effects/terminators).
    // Inside a try, an instruction that can raise ends its block with an exception edge.
    ValueId emit(Instr instr, Type type = Type::Unknown) {
        if (defines_value(instr.op)) instr.dst = fn_.new_value(type);
        const ValueId dst = instr.dst;
        const Op op = instr.op;
        const BlockId block = *current_;
        fn_.blocks[block].instrs.push_back(std::move(instr));
        if (is_terminator(op)) current_.reset();
        if (!handlers_.empty() && can_throw(op)) add_exception_edge(block);
        return dst;
    }

    // ------------------------------------------------------------ exceptions [T2] (docs/mir.md)

    // `from` just got an instruction that can raise: its exception edge goes to a landing block
    // of its own (one predecessor, so no critical edge and no phi), which jumps to the innermost
    // handler; code after the instruction continues in a new block.
    void add_exception_edge(BlockId from) {
        Handler& handler = handlers_.back();
        if (!handler.block) handler.block = new_block();  // sealed when its try region ends
        const BlockId handler_block = *handler.block;
        const BlockId landing = new_block();
        fn_.blocks[from].unwind = landing;
        fn_.blocks[landing].preds.push_back(from);
        seal(landing);
        const std::optional<BlockId> resume = current_;  // none after a throw
        current_ = landing;
        jump(handler_block);
        current_.reset();
        if (!resume) return;
        const BlockId next = new_block();
        current_ = resume;
        jump(next);
        seal(next);
        current_ = next;
    }

    // try B catch (e) C finally F (spec §12.4). The handler of the catch clause protects B; the
    // finally handler protects B and C. F is lowered once (FinallyScope): B and C completing,
    // each break, continue and return leaving them, and the finally handler all go to it.
    void try_statement(const ast::TryStmt& stmt) {
        // The body starts a block of its own: what came before is not protected.
        const BlockId body = new_block();
        jump(body);
        seal(body);
        current_ = body;
        if (stmt.has_finally) {
            finallies_.push_back({.loops = loops_.size(), .kind_slot = hidden_slots_, .payload_slot = hidden_slots_ + 1});
            hidden_slots_ += 2;
            handlers_.push_back({});
        }
        if (stmt.has_catch) handlers_.push_back({});
        statements(stmt.body);
        std::vector<BlockId> ends;
        if (current_) ends.push_back(*current_);
        if (stmt.has_catch) {
            const std::optional<BlockId> catch_block = handlers_.back().block;
            handlers_.pop_back();
            if (catch_block) {
                seal(*catch_block);
                current_ = *catch_block;
                write_variable(stmt.catch_slot, *current_, emit(Instr{.op = Op::Catch, .imm = kCatchValue}));
                statements(stmt.catch_body);
                if (current_) ends.push_back(*current_);
            }
        }
        if (!stmt.has_finally) {
            join(ends);
            return;
        }
        const std::optional<BlockId> finally_handler = handlers_.back().block;
        handlers_.pop_back();
        if (finally_handler) {
            seal(*finally_handler);
            current_ = *finally_handler;
            enter_finally(kKindException, emit(Instr{.op = Op::Catch, .imm = kCatchRaw}));
        }
        for (BlockId end : ends) {
            current_ = end;
            enter_finally(kKindNormal, kNoValue);
        }
        FinallyScope scope = std::move(finallies_.back());
        finallies_.pop_back();
        current_.reset();
        if (!scope.entry) return;  // nothing reaches the end of the try statement
        seal(*scope.entry);
        current_ = *scope.entry;
        statements(stmt.finally_body);
        if (current_) continue_after_finally(scope);
    }

    // The blocks in `ends` continue in one new block.
    void join(const std::vector<BlockId>& ends) {
        current_.reset();
        if (ends.empty()) return;
        const BlockId after = new_block();
        for (BlockId end : ends) {
            current_ = end;
            jump(after);
        }
        seal(after);
        current_ = after;
    }

    // Jumps from the current block into the innermost finally block, taking way `kind`.
    void enter_finally(int64_t kind, ValueId payload) {
        FinallyScope& scope = finallies_.back();
        if (kind == kKindNormal) scope.completes = true;
        if (kind == kKindException) scope.raises = true;
        if (!scope.entry) scope.entry = new_block();
        Constant kind_constant = make_constant(Constant::Kind::Int);
        kind_constant.int_value = kind;
        write_variable(scope.kind_slot, *current_, constant(kind_constant));
        write_variable(scope.payload_slot, *current_,
                       payload != kNoValue ? payload : constant(make_constant(Constant::Kind::Null)));
        jump(*scope.entry);
    }

    // After the finally block: a chain of tests of the way it was entered, each continuing that
    // way (the last one needs no test).
    void continue_after_finally(const FinallyScope& scope) {
        struct Way {
            int64_t kind;
            std::function<void(ValueId payload)> go;
        };
        std::vector<Way> ways;
        std::optional<BlockId> after;
        if (scope.completes) ways.push_back({kKindNormal, [&](ValueId) { after = *current_; }});
        if (scope.raises)
            ways.push_back({kKindException, [&](ValueId payload) {
                                emit(Instr{.op = Op::Throw, .a = payload, .imm = kCatchRaw});
                            }});
        for (size_t i = 0; i < scope.exits.size(); ++i)
            ways.push_back({kKindFirstExit + static_cast<int64_t>(i),
                            [&, i](ValueId payload) { leave(scope.exits[i], payload); }});
        const ValueId kind = read_variable(scope.kind_slot, *current_);
        const ValueId payload = read_variable(scope.payload_slot, *current_);
        for (size_t i = 0; i < ways.size(); ++i) {
            if (i + 1 < ways.size()) {
                Constant way_constant = make_constant(Constant::Kind::Int);
                way_constant.int_value = ways[i].kind;
                const ValueId taken = emit(Instr{.op = Op::Eq, .a = kind, .b = constant(way_constant)}, Type::Bool);
                const BlockId this_way = new_block(), other_ways = new_block();
                branch(taken, this_way, other_ways);
                seal(this_way);
                seal(other_ways);
                current_ = this_way;
                ways[i].go(payload);
                current_ = other_ways;
            } else {
                ways[i].go(payload);
            }
        }
        current_ = after;
    }

    // break, continue or return: through the finally blocks between here and where it goes,
    // innermost first (each continues the way once it has run).
    void leave(Exit exit, ValueId value) {
        const bool through_finally =
            !finallies_.empty() && (exit.kind == Exit::Kind::Return || finallies_.back().loops > exit.loop);
        if (through_finally) {
            FinallyScope& scope = finallies_.back();
            scope.exits.push_back(exit);
            enter_finally(kKindFirstExit + static_cast<int64_t>(scope.exits.size() - 1), value);
            return;
        }
        switch (exit.kind) {
        case Exit::Kind::Break: {
            LoopTargets& loop = loops_[exit.loop];
            if (!loop.break_target) loop.break_target = new_block();
            jump(*loop.break_target);
            return;
        }
        case Exit::Kind::Continue:
            jump(loops_[exit.loop].header);
            return;
        case Exit::Kind::Return:
            emit(Instr{.op = Op::Return, .a = value});
            return;
        }
    }

    void jump(BlockId target) {
        fn_.blocks[target].preds.push_back(*current_);
        emit(Instr{.op = Op::Jump, .targets = {target, 0}});
    }

    void branch(ValueId cond, BlockId if_true, BlockId if_false) {
        fn_.blocks[if_true].preds.push_back(*current_);
        fn_.blocks[if_false].preds.push_back(*current_);
        emit(Instr{.op = Op::Branch, .a = cond, .targets = {if_true, if_false}});
    }

    ValueId constant(const Constant& c) {
        return emit(Instr{.op = Op::Const, .imm = intern_constant(fn_, c)}, constant_type(c));
    }

    // ------------------------------------------------------------ SSA construction (Braun et al.)

    void write_variable(int slot, BlockId block, ValueId value) {
        std::vector<ValueId>& defs = state_[block].defs;
        if (static_cast<size_t>(slot) >= defs.size()) defs.resize(static_cast<size_t>(slot) + 1, kNoValue);
        defs[static_cast<size_t>(slot)] = value;
    }

    ValueId read_variable(int slot, BlockId block) {
        // Walk single-predecessor chains iteratively; only phis recurse.
        std::vector<BlockId> chain;
        ValueId value = kNoValue;
        while (true) {
            const std::vector<ValueId>& defs = state_[block].defs;
            if (static_cast<size_t>(slot) < defs.size() && defs[static_cast<size_t>(slot)] != kNoValue) {
                value = resolve(defs[static_cast<size_t>(slot)]);
                break;
            }
            const BlockState& state = state_[block];
            if (state.sealed && fn_.blocks[block].preds.size() == 1) {
                chain.push_back(block);
                block = fn_.blocks[block].preds[0];
                continue;
            }
            value = read_variable_recursive(slot, block);
            break;
        }
        for (BlockId b : chain) write_variable(slot, b, value);
        return value;
    }

    ValueId read_variable_recursive(int slot, BlockId block) {
        ValueId value;
        if (!state_[block].sealed) {
            value = new_phi(block);
            state_[block].incomplete_phis.emplace_back(slot, value);
        } else if (fn_.blocks[block].preds.empty()) {
            value = undefined_value();
        } else {
            value = new_phi(block);
            write_variable(slot, block, value);  // breaks cycles through loops
            value = add_phi_operands(slot, value);
        }
        write_variable(slot, block, value);
        return value;
    }

    ValueId new_phi(BlockId block) {
        ValueId phi = fn_.new_value();
        auto& instrs = fn_.blocks[block].instrs;
        instrs.insert(instrs.begin(), Instr{.op = Op::Phi, .dst = phi});
        phi_block_[phi] = block;
        return phi;
    }

    Instr& phi_instr(ValueId phi) {
        for (Instr& instr : fn_.blocks[phi_block_.at(phi)].instrs)
            if (instr.op == Op::Phi && instr.dst == phi) return instr;
        throw std::logic_error("MIR builder: lost phi");
    }

    ValueId add_phi_operands(int slot, ValueId phi) {
        filling_.insert(phi);
        std::vector<BlockId> preds = fn_.blocks[phi_block_.at(phi)].preds;
        for (BlockId pred : preds) {
            ValueId value = read_variable(slot, pred);
            Instr& instr = phi_instr(phi);  // reading may have inserted phis: look it up again
            instr.args.push_back(value);
            instr.phi_blocks.push_back(pred);
            if (phi_block_.contains(value)) phi_users_[value].push_back(phi);
        }
        filling_.erase(phi);
        return try_remove_trivial_phi(phi);
    }

    // A phi whose operands are all the same value v (or the phi itself) is replaced by v.
    ValueId try_remove_trivial_phi(ValueId phi) {
        ValueId same = kNoValue;
        for (ValueId operand : phi_instr(phi).args) {
            operand = resolve(operand);
            if (operand == same || operand == phi) continue;
            if (same != kNoValue) return phi;  // merges at least two values
            same = operand;
        }
        BlockId block = phi_block_.at(phi);
        std::erase_if(fn_.blocks[block].instrs,
                      [&](const Instr& instr) { return instr.op == Op::Phi && instr.dst == phi; });
        phi_block_.erase(phi);
        if (same == kNoValue) same = undefined_value();
        if (replaced_by_.size() <= phi) replaced_by_.resize(phi + 1, kNoValue);
        replaced_by_[phi] = same;

        std::vector<ValueId> users = std::move(phi_users_[phi]);
        phi_users_.erase(phi);
        if (phi_block_.contains(same)) {
            auto& inherited = phi_users_[same];
            inherited.insert(inherited.end(), users.begin(), users.end());
        }
        // Users may have become trivial; phis still being filled are checked when complete.
        for (ValueId user : users) {
            if (user != phi && phi_block_.contains(user) && !filling_.contains(user))
                try_remove_trivial_phi(user);
        }
        return same;
    }

    ValueId resolve(ValueId v) const {
        while (v < replaced_by_.size() && replaced_by_[v] != kNoValue) v = replaced_by_[v];
        return v;
    }

    void seal(BlockId block) {
        while (!state_[block].incomplete_phis.empty()) {
            std::vector<std::pair<int, ValueId>> pending = std::move(state_[block].incomplete_phis);
            state_[block].incomplete_phis.clear();
            for (auto [slot, phi] : pending) add_phi_operands(slot, phi);
        }
        state_[block].sealed = true;
    }

    // A slot read with no reaching definition. The resolver makes every read follow its
    // declaration, so this only keeps the construction total: an unset slot holds null.
    ValueId undefined_value() {
        if (undefined_ == kNoValue) {
            Constant null_constant = make_constant(Constant::Kind::Null);
            undefined_ = fn_.new_value(Type::Null);
            auto& entry = fn_.blocks[0].instrs;
            entry.insert(entry.begin(), Instr{.op = Op::Const, .dst = undefined_,
                                              .imm = intern_constant(fn_, null_constant)});
        }
        return undefined_;
    }

    // Operands still naming removed phis are redirected; removed phis leave gaps in the
    // numbering, which renumber_values closes.
    void finish() {
        for (Block& block : fn_.blocks)
            for (Instr& instr : block.instrs) for_each_operand(instr, [&](ValueId& v) { v = resolve(v); });
        renumber_values(fn_);
    }

    // ------------------------------------------------------------ statements

    void statements(const ast::Block& body) {
        for (const ast::StmtPtr& stmt : body) {
            if (!current_) return;  // unreachable: after return, break or continue
            statement(*stmt);
        }
    }

    void statement(const ast::Stmt& stmt) {
        switch (stmt.kind) {
        case ast::StmtKind::Local:
            for (const ast::Declarator& d : static_cast<const ast::LocalStmt&>(stmt).declarators) {
                ValueId value = d.init ? expr(*d.init) : constant(make_constant(Constant::Kind::Null));
                write_variable(d.slot, *current_, value);
            }
            return;
        case ast::StmtKind::Assign:
            assign(static_cast<const ast::AssignStmt&>(stmt));
            return;
        case ast::StmtKind::Expr:
            expr(*static_cast<const ast::ExprStmt&>(stmt).expr);
            return;
        case ast::StmtKind::Print:
            emit(Instr{.op = Op::Print, .a = expr(*static_cast<const ast::PrintStmt&>(stmt).value)});
            return;
        case ast::StmtKind::If:
            if_statement(static_cast<const ast::IfStmt&>(stmt));
            return;
        case ast::StmtKind::Loop:
            loop_statement(static_cast<const ast::LoopStmt&>(stmt));
            return;
        case ast::StmtKind::Break:
            leave({Exit::Kind::Break, loops_.size() - 1}, kNoValue);
            return;
        case ast::StmtKind::Continue:
            leave({Exit::Kind::Continue, loops_.size() - 1}, kNoValue);
            return;
        case ast::StmtKind::Return: {
            const auto& ret = static_cast<const ast::ReturnStmt&>(stmt);
            leave({Exit::Kind::Return}, ret.value ? expr(*ret.value) : kNoValue);
            return;
        }
        case ast::StmtKind::Try:
            try_statement(static_cast<const ast::TryStmt&>(stmt));
            return;
        case ast::StmtKind::Throw: {
            const ValueId value = expr(*static_cast<const ast::ThrowStmt&>(stmt).value);
            emit(Instr{.op = Op::Throw, .a = value, .imm = kCatchValue, .loc = stmt.loc});
            return;
        }
        }
    }

    void assign(const ast::AssignStmt& stmt) {
        if (stmt.target->kind == ast::ExprKind::Name) {
            const auto& name = static_cast<const ast::NameExpr&>(*stmt.target);
            ValueId value = expr(*stmt.value);
            write_variable(name.slot, *current_, value);
            return;
        }
        // o.f = e: the object, then the value, then the store (spec §7.1).
        const auto& field = static_cast<const ast::FieldExpr&>(*stmt.target);
        ValueId object = expr(*field.object);
        ValueId value = expr(*stmt.value);
        emit(Instr{.op = Op::SetField, .a = object, .b = value, .symbol = field.field_symbol, .site = field.site,
                   .loc = field.loc});
    }

    void if_statement(const ast::IfStmt& stmt) {
        ValueId cond = expr(*stmt.cond);
        BlockId then_block = new_block();
        BlockId else_block = new_block();  // always a block of its own: no critical edge to the join
        branch(cond, then_block, else_block);
        seal(then_block);
        seal(else_block);

        current_ = then_block;
        statements(stmt.then_body);
        std::optional<BlockId> then_end = current_;
        current_ = else_block;
        statements(stmt.else_body);
        std::optional<BlockId> else_end = current_;
        if (!then_end && !else_end) return;  // both branches left: what follows is unreachable

        BlockId join = new_block();
        for (std::optional<BlockId> end : {then_end, else_end}) {
            if (!end) continue;
            current_ = end;
            jump(join);
        }
        seal(join);
        current_ = join;
    }

    // header: cond; br cond, body, exit. `continue` and the end of the body jump to the header;
    // `break` jumps to a separate block that the exit also reaches, keeping edges non-critical.
    void loop_statement(const ast::LoopStmt& stmt) {
        BlockId header = new_block();
        jump(header);
        current_ = header;
        ValueId cond = expr(*stmt.cond);
        BlockId body = new_block();
        BlockId exit = new_block();
        branch(cond, body, exit);
        seal(body);
        seal(exit);

        loops_.push_back(LoopTargets{.header = header});
        current_ = body;
        statements(stmt.body);
        if (current_) jump(header);
        LoopTargets loop = loops_.back();
        loops_.pop_back();
        seal(header);

        current_ = exit;
        if (loop.break_target) {
            jump(*loop.break_target);
            seal(*loop.break_target);
            current_ = loop.break_target;
        }
    }

    // ------------------------------------------------------------ expressions

    ValueId expr(const ast::Expr& e) {
        switch (e.kind) {
        case ast::ExprKind::IntLit: {
            Constant c = make_constant(Constant::Kind::Int);
            c.int_value = static_cast<const ast::IntLit&>(e).value;
            return constant(c);
        }
        case ast::ExprKind::FloatLit: {
            Constant c = make_constant(Constant::Kind::Float);
            c.float_value = static_cast<const ast::FloatLit&>(e).value;
            return constant(c);
        }
        case ast::ExprKind::StringLit: {
            Constant c = make_constant(Constant::Kind::String);
            c.string_value = static_cast<const ast::StringLit&>(e).value;
            return constant(c);
        }
        case ast::ExprKind::BoolLit:
            return bool_constant(static_cast<const ast::BoolLit&>(e).value);
        case ast::ExprKind::NullLit:
            return constant(make_constant(Constant::Kind::Null));
        case ast::ExprKind::Me:
            if (me_ == kNoValue) throw std::logic_error("MIR builder: 'me' outside of a box member");
            return me_;
        case ast::ExprKind::Name:
            return name(static_cast<const ast::NameExpr&>(e));
        case ast::ExprKind::Unary: {
            const auto& unary = static_cast<const ast::UnaryExpr&>(e);
            ValueId operand = expr(*unary.operand);
            if (unary.op == ast::UnaryOp::Neg) return emit(Instr{.op = Op::Neg, .a = operand, .loc = e.loc});
            return emit(Instr{.op = Op::Not, .a = operand});
        }
        case ast::ExprKind::Binary: {
            const auto& binary = static_cast<const ast::BinaryExpr&>(e);
            ValueId lhs = expr(*binary.lhs);
            ValueId rhs = expr(*binary.rhs);
            Op op = binary_op(binary.op);
            bool can_raise = op != Op::Eq && op != Op::Ne;  // equality never fails (spec §6.5)
            return emit(Instr{.op = op, .a = lhs, .b = rhs, .loc = can_raise ? e.loc : SourceLoc{}});
        }
        case ast::ExprKind::Logical:
            return logical(static_cast<const ast::LogicalExpr&>(e));
        case ast::ExprKind::Call: {
            const auto& call = static_cast<const ast::CallExpr&>(e);
            const ast::Callable& callee = *program_.functions.at(static_cast<size_t>(call.function_index));
            return emit(Instr{.op = Op::Call, .args = values(call.args), .imm = callee.id, .loc = e.loc});
        }
        case ast::ExprKind::MethodCall: {
            const auto& call = static_cast<const ast::MethodCallExpr&>(e);
            std::vector<ValueId> args{expr(*call.receiver)};
            append_values(args, call.args);
            return emit(Instr{.op = Op::BoxCall, .args = std::move(args), .symbol = call.method_symbol,
                              .site = call.site, .loc = e.loc});
        }
        case ast::ExprKind::Field: {
            const auto& field = static_cast<const ast::FieldExpr&>(e);
            ValueId object = expr(*field.object);
            return emit(Instr{.op = Op::GetField, .a = object, .symbol = field.field_symbol, .site = field.site,
                              .loc = e.loc});
        }
        case ast::ExprKind::New: {
            const auto& new_expr = static_cast<const ast::NewExpr&>(e);
            std::vector<ValueId> args = values(new_expr.args);
            if (new_expr.builtin_box)
                return emit(Instr{.op = Op::NewBuiltin, .args = std::move(args), .builtin = new_expr.builtin_box,
                                  .loc = e.loc});
            return emit(Instr{.op = Op::NewBox, .args = std::move(args), .imm = new_expr.box_index, .loc = e.loc});
        }
        case ast::ExprKind::FromCall:
            return from_call(static_cast<const ast::FromCallExpr&>(e));
        }
        throw std::logic_error("MIR builder: unknown expression kind");
    }

    ValueId bool_constant(bool value) {
        Constant c = make_constant(Constant::Kind::Bool);
        c.int_value = value ? 1 : 0;
        return constant(c);
    }

    ValueId name(const ast::NameExpr& name) {
        switch (name.binding) {
        case ast::NameBinding::Local:
            return read_variable(name.slot, *current_);
        case ast::NameBinding::StaticBox:
            return emit(Instr{.op = Op::StaticBox, .imm = name.box_index, .loc = name.loc});
        case ast::NameBinding::Unresolved:
            break;
        }
        throw std::logic_error("MIR builder: unresolved name '" + name.name + "'");
    }

    // a and b  =>  br a, rhs, short;  rhs: tobool b;  short: const false;  join: phi
    // (`or` swaps the branch targets and uses true).
    ValueId logical(const ast::LogicalExpr& e) {
        bool is_and = e.op == ast::LogicalOp::And;
        ValueId lhs = expr(*e.lhs);
        BlockId rhs_block = new_block();
        BlockId short_block = new_block();
        if (is_and)
            branch(lhs, rhs_block, short_block);
        else
            branch(lhs, short_block, rhs_block);
        seal(rhs_block);
        seal(short_block);

        current_ = rhs_block;
        ValueId rhs = expr(*e.rhs);
        ValueId rhs_bool = emit(Instr{.op = Op::ToBool, .a = rhs});
        BlockId rhs_end = *current_;
        BlockId join = new_block();
        jump(join);
        current_ = short_block;
        ValueId short_value = bool_constant(!is_and);
        jump(join);
        seal(join);
        current_ = join;
        return emit(Instr{.op = Op::Phi, .args = {rhs_bool, short_value}, .phi_blocks = {rhs_end, short_block}});
    }

    ValueId from_call(const ast::FromCallExpr& e) {
        std::vector<ValueId> args{me_};
        append_values(args, e.args);
        if (e.is_constructor)
            return emit(Instr{.op = Op::FromCtor, .args = std::move(args), .imm = e.parent_index, .loc = e.loc});
        return emit(Instr{.op = Op::FromCall, .args = std::move(args), .imm = e.parent_index,
                          .symbol = intern(e.method), .loc = e.loc});
    }

    std::vector<ValueId> values(const std::vector<ast::ExprPtr>& exprs) {
        std::vector<ValueId> result;
        append_values(result, exprs);
        return result;
    }
    void append_values(std::vector<ValueId>& out, const std::vector<ast::ExprPtr>& exprs) {
        for (const ast::ExprPtr& e : exprs) out.push_back(expr(*e));
    }

    const ast::Program& program_;
    const ast::Callable& callable_;
    Function fn_;
    std::vector<BlockState> state_;  // parallel to fn_.blocks
    std::optional<BlockId> current_;
    ValueId me_ = kNoValue;
    ValueId undefined_ = kNoValue;
    std::vector<LoopTargets> loops_;
    std::vector<Handler> handlers_;           // innermost last: where an exception in the current code goes
    std::vector<FinallyScope> finallies_;     // the finally blocks around the current code, innermost last
    int hidden_slots_ = 0;                    // next variable slot past the callable's own (FinallyScope)
    // Phi bookkeeping of the SSA construction.
    std::unordered_map<ValueId, BlockId> phi_block_;               // live variable phis
    std::unordered_map<ValueId, std::vector<ValueId>> phi_users_;  // phi -> phis using it
    std::unordered_set<ValueId> filling_;                          // phis getting their operands
    std::vector<ValueId> replaced_by_;                             // removed phi -> replacement
};

}  // namespace

Module build_module(const ast::Program& program) {
    Module module;
    for (const auto& box : program.boxes) module.box_names.push_back(box->name);
    module.classes = std::make_shared<const ClassTable>(build_class_table(program));
    module.functions.resize(program.callables.size());
    for (const ast::Callable* callable : program.callables) {
        Function fn = FunctionBuilder(program, *callable).build();
        verify_or_abort(fn, "the MIR builder");
        for (const Block& block : fn.blocks)
            for (const Instr& instr : block.instrs)
                if (instr.op == Op::BoxCall && instr.symbol == fini_symbol()) module.finalizes = true;
        module.functions[static_cast<size_t>(callable->id)] = std::move(fn);
    }
    return module;
}

}  // namespace nyash::mir
