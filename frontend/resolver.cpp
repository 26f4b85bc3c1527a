// Semantic checks and name resolution (spec §5, §9, §10, §15). Declaration-level checks run
// first (box and function namespaces, delegation, override, interfaces, entry point); then every
// callable body is resolved (scopes, slots, context rules, member-access sites).
#include "frontend/resolver.hpp"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace nyash {
namespace {

using namespace ast;

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

bool before(SourceLoc a, SourceLoc b) { return std::pair(a.line, a.col) < std::pair(b.line, b.col); }

class ErrorList {
public:
    void syntax(SourceLoc loc, std::string message) {
        errors_.emplace_back(ErrorKind::SyntaxError, std::move(message), loc);
    }
    void name(SourceLoc loc, std::string message) {
        errors_.emplace_back(ErrorKind::NameError, std::move(message), loc);
    }
    bool empty() const { return errors_.empty(); }
    // Source order, so that errors[0] is the first error in the file.
    std::vector<NyashError> take_in_source_order() {
        std::ranges::stable_sort(errors_, before, &NyashError::loc);
        return std::move(errors_);
    }

private:
    std::vector<NyashError> errors_;
};

// ---------------------------------------------------------------- namespaces (§5.1)

enum class TypeKind { Builtin, Box, StaticBox, Interface };
struct TypeEntry {
    TypeKind kind;
    int index = -1;          // Program::boxes or Program::interfaces index
    BuiltinBox builtin{};    // for TypeKind::Builtin
};

// The box-type namespace: built-in boxes, user boxes, static boxes and interfaces.
class TypeNamespace {
public:
    TypeNamespace(const Program& program, ErrorList& errors) {
        struct Declared {
            std::string_view name;
            SourceLoc loc;
            TypeEntry entry;
        };
        std::vector<Declared> declared;
        for (size_t i = 0; i < program.boxes.size(); ++i) {
            const BoxDecl& box = *program.boxes[i];
            declared.push_back({box.name, box.loc,
                                {box.is_static ? TypeKind::StaticBox : TypeKind::Box, static_cast<int>(i)}});
        }
        for (size_t i = 0; i < program.interfaces.size(); ++i) {
            const InterfaceDecl& interface = program.interfaces[i];
            declared.push_back({interface.name, interface.loc, {TypeKind::Interface, static_cast<int>(i)}});
        }
        // Boxes and interfaces are stored apart; "the second name" is second in the file.
        std::ranges::stable_sort(declared, before, &Declared::loc);
        for (const Declared& d : declared) {
            if (builtin_box_by_name(d.name) || !user_types_.emplace(d.name, d.entry).second)
                errors.syntax(d.loc, "duplicate box " + quoted(d.name));
        }
    }

    std::optional<TypeEntry> find(std::string_view name) const {
        if (auto builtin = builtin_box_by_name(name)) return TypeEntry{TypeKind::Builtin, -1, *builtin};
        auto it = user_types_.find(name);
        if (it == user_types_.end()) return std::nullopt;
        return it->second;
    }

private:
    std::unordered_map<std::string_view, TypeEntry> user_types_;  // views into the Program
};

class FunctionNamespace {
public:
    FunctionNamespace(const Program& program, ErrorList& errors) {
        for (size_t i = 0; i < program.functions.size(); ++i) {
            const Callable& function = *program.functions[i];
            if (!functions_.emplace(function.name, static_cast<int>(i)).second)
                errors.syntax(function.loc, "duplicate function " + quoted(function.name));
        }
    }
    int find(std::string_view name) const {
        auto it = functions_.find(name);
        return it == functions_.end() ? -1 : it->second;
    }

private:
    std::unordered_map<std::string_view, int> functions_;  // views into the Program
};

// ---------------------------------------------------------------- delegation (§9.6)

void link_parents(Program& program, const TypeNamespace& types, ErrorList& errors) {
    for (auto& box : program.boxes) {
        if (box->parent.empty()) continue;
        auto parent = types.find(box->parent);
        if (!parent) {
            errors.name(box->parent_loc, "unknown box type " + quoted(box->parent));
            continue;
        }
        switch (parent->kind) {
        case TypeKind::Builtin:
            errors.syntax(box->parent_loc, "cannot delegate to builtin box " + quoted(box->parent));
            break;
        case TypeKind::StaticBox:
            errors.syntax(box->parent_loc, "cannot delegate to static box " + quoted(box->parent));
            break;
        case TypeKind::Interface:
            errors.syntax(box->parent_loc, "cannot delegate to interface " + quoted(box->parent));
            break;
        case TypeKind::Box:
            box->parent_index = parent->index;
            break;
        }
    }
}

const Callable* find_own_method(const BoxDecl& box, std::string_view name) {
    for (const auto& method : box.methods)
        if (method->name == name) return method.get();
    return nullptr;
}

// The delegation links after cycle detection. A box whose parent chain does not end (a
// reported cycle) has no meaningful ancestors, so the checks that need them skip it.
class Delegation {
public:
    // Reports each cycle once, at the first box in source order whose parent chain reaches it.
    Delegation(const Program& program, ErrorList& errors) : program_(program) {
        enum class Chain { Unknown, OnPath, Ends, Endless };
        std::vector<Chain> chain(program.boxes.size(), Chain::Unknown);
        for (size_t start = 0; start < program.boxes.size(); ++start) {
            std::vector<int> path;
            int node = static_cast<int>(start);
            while (node >= 0 && chain[static_cast<size_t>(node)] == Chain::Unknown) {
                chain[static_cast<size_t>(node)] = Chain::OnPath;
                path.push_back(node);
                node = parent_of(node);
            }
            bool ends = node < 0 || chain[static_cast<size_t>(node)] == Chain::Ends;
            // Back on the current path: a cycle that no earlier box reaches.
            if (node >= 0 && chain[static_cast<size_t>(node)] == Chain::OnPath) {
                const BoxDecl& first = *program.boxes[start];
                errors.syntax(first.loc, "circular delegation involving " + quoted(first.name));
            }
            for (int box : path) chain[static_cast<size_t>(box)] = ends ? Chain::Ends : Chain::Endless;
        }
        for (Chain c : chain) chain_ends_.push_back(c == Chain::Ends);
    }

    bool chain_ends(int box_index) const { return chain_ends_[static_cast<size_t>(box_index)]; }

    // The queries below are only for a box whose chain ends.
    bool is_proper_ancestor(int ancestor, int box_index) const {
        for (int node = parent_of(box_index); node >= 0; node = parent_of(node))
            if (node == ancestor) return true;
        return false;
    }
    // The nearest proper ancestor that declares method `name`, or null.
    const BoxDecl* nearest_declaring(int box_index, std::string_view name) const {
        for (int node = parent_of(box_index); node >= 0; node = parent_of(node))
            if (find_own_method(box_at(node), name)) return &box_at(node);
        return nullptr;
    }

private:
    const BoxDecl& box_at(int box_index) const { return *program_.boxes[static_cast<size_t>(box_index)]; }
    int parent_of(int box_index) const { return box_at(box_index).parent_index; }

    const Program& program_;
    std::vector<bool> chain_ends_;
};

void check_overrides(const Program& program, const Delegation& delegation, ErrorList& errors) {
    for (size_t i = 0; i < program.boxes.size(); ++i) {
        if (!delegation.chain_ends(static_cast<int>(i))) continue;
        const BoxDecl& box = *program.boxes[i];
        for (const auto& method : box.methods) {
            const BoxDecl* definer = delegation.nearest_declaring(static_cast<int>(i), method->name);
            std::string subject = "method " + quoted(method->name) + " in box " + quoted(box.name);
            if (definer && !method->is_override)
                errors.syntax(method->loc, subject + " overrides " + quoted(definer->name + "." + method->name) +
                                               " without 'override'");
            else if (!definer && method->is_override)
                errors.syntax(method->loc, subject + " is marked 'override' but no parent defines it");
        }
    }
}

// ---------------------------------------------------------------- entry point (§9.9)

void find_entry_box(Program& program, ErrorList& errors) {
    auto has_main = [](const BoxDecl& box) { return box.is_static && find_own_method(box, "main"); };
    int entry = -1;
    for (size_t i = 0; i < program.boxes.size(); ++i) {
        const BoxDecl& box = *program.boxes[i];
        if (!has_main(box)) continue;
        if (box.name == "Main") {  // Main wins wherever it is
            entry = static_cast<int>(i);
            break;
        }
        if (entry < 0) entry = static_cast<int>(i);
    }
    program.entry_box = entry;
    if (entry < 0) return;
    const Callable& main = *find_own_method(*program.boxes[static_cast<size_t>(entry)], "main");
    if (!main.params.empty()) errors.syntax(main.loc, "entry method main() must take no parameters");
}

// ---------------------------------------------------------------- callables

struct CallableRef {
    Callable* callable;
    int owner_box;  // -1 for the script and functions
};

// Callable ids: 0 is the script, then the declarations in source order: a function contributes
// itself, a box its constructor, its methods in declaration order and its static initializer
// (whichever exist). Program::callables lists them by id. Source order (rather than all
// functions before all boxes) keeps the ids of a program's declarations unchanged when more
// declarations are appended after them, which the REPL relies on: an instance made by an
// earlier entry keeps its class, whose method table names callables by id (cli/repl_session.cpp).
std::vector<CallableRef> number_callables(Program& program) {
    std::vector<CallableRef> refs;
    if (program.script) refs.push_back({program.script.get(), -1});
    auto before = [](SourceLoc a, SourceLoc b) { return a.line != b.line ? a.line < b.line : a.col < b.col; };
    size_t next_function = 0;
    for (size_t i = 0; i < program.boxes.size(); ++i) {
        BoxDecl& box = *program.boxes[i];
        for (; next_function < program.functions.size() && before(program.functions[next_function]->loc, box.loc);
             ++next_function)
            refs.push_back({program.functions[next_function].get(), -1});
        int owner = static_cast<int>(i);
        if (box.constructor) refs.push_back({box.constructor.get(), owner});
        for (auto& method : box.methods) refs.push_back({method.get(), owner});
        if (box.static_init) refs.push_back({box.static_init.get(), owner});
    }
    for (; next_function < program.functions.size(); ++next_function)
        refs.push_back({program.functions[next_function].get(), -1});
    program.callables.clear();
    for (const CallableRef& ref : refs) {
        ref.callable->id = static_cast<int>(program.callables.size());
        program.callables.push_back(ref.callable);
    }
    return refs;
}

// ---------------------------------------------------------------- bodies (§5.2-§5.4)

class BodyResolver {
public:
    BodyResolver(Program& program, const TypeNamespace& types, const FunctionNamespace& functions,
                 const Delegation& delegation, ErrorList& errors)
        : program_(program), types_(types), functions_(functions), delegation_(delegation), errors_(errors) {}

    void resolve(const CallableRef& ref) {
        callable_ = ref.callable;
        owner_index_ = ref.owner_box;
        owner_ = ref.owner_box >= 0 ? program_.boxes[static_cast<size_t>(ref.owner_box)].get() : nullptr;
        visible_.clear();
        scope_starts_.clear();
        loop_depth_ = 0;
        frame_size_ = 0;
        // The parameters and the body's top level share one scope.
        for (const Param& param : callable_->params) declare(param.name);
        resolve_statements(callable_->body);
        callable_->frame_size = frame_size_;
    }

    int site_count() const { return next_site_; }

private:
    // Every visible declaration owns the slot equal to its position in visible_, so slots of
    // closed scopes are reused and frame_size is the deepest nesting of live variables.
    int declare(std::string_view name) {
        visible_.push_back(name);
        frame_size_ = std::max(frame_size_, static_cast<int>(visible_.size()));
        return static_cast<int>(visible_.size()) - 1;
    }
    // The innermost, latest declaration wins.
    int lookup(std::string_view name) const {
        for (size_t slot = visible_.size(); slot-- > 0;)
            if (visible_[slot] == name) return static_cast<int>(slot);
        return -1;
    }
    void open_scope() { scope_starts_.push_back(visible_.size()); }
    void close_scope() {
        visible_.resize(scope_starts_.back());
        scope_starts_.pop_back();
    }

    bool in_box_member() const { return owner_ != nullptr; }
    bool in_ordinary_box_method() const {
        return owner_ && !owner_->is_static &&
               (callable_->kind == CallableKind::Method || callable_->kind == CallableKind::Constructor);
    }

    void resolve_block(Block& block) {
        open_scope();
        resolve_statements(block);
        close_scope();
    }
    void resolve_statements(Block& block) {
        for (StmtPtr& stmt : block) resolve_statement(*stmt);
    }

    void resolve_statement(Stmt& stmt) {
        switch (stmt.kind) {
        case StmtKind::Local:
            for (Declarator& declarator : static_cast<LocalStmt&>(stmt).declarators) {
                // The new variable is visible only after its own initializer.
                if (declarator.init) resolve_expr(*declarator.init);
                declarator.slot = declare(declarator.name);
            }
            break;
        case StmtKind::Assign: {
            auto& assign = static_cast<AssignStmt&>(stmt);
            if (assign.target->kind == ExprKind::Name)
                resolve_assigned_name(static_cast<NameExpr&>(*assign.target));
            else
                resolve_expr(*assign.target);
            resolve_expr(*assign.value);
            break;
        }
        case StmtKind::Expr:
            resolve_expr(*static_cast<ExprStmt&>(stmt).expr);
            break;
        case StmtKind::Print:
            resolve_expr(*static_cast<PrintStmt&>(stmt).value);
            break;
        case StmtKind::If: {
            auto& if_stmt = static_cast<IfStmt&>(stmt);
            resolve_expr(*if_stmt.cond);
            resolve_block(if_stmt.then_body);
            resolve_block(if_stmt.else_body);
            break;
        }
        case StmtKind::Loop: {
            auto& loop = static_cast<LoopStmt&>(stmt);
            resolve_expr(*loop.cond);
            ++loop_depth_;
            resolve_block(loop.body);
            --loop_depth_;
            break;
        }
        case StmtKind::Break:
            if (loop_depth_ == 0) errors_.syntax(stmt.loc, "'break' outside of loop");
            break;
        case StmtKind::Continue:
            if (loop_depth_ == 0) errors_.syntax(stmt.loc, "'continue' outside of loop");
            break;
        case StmtKind::Return: {
            auto& ret = static_cast<ReturnStmt&>(stmt);
            if (callable_->kind == CallableKind::Script)
                errors_.syntax(stmt.loc, "'return' outside of function");
            else if (ret.value && (callable_->kind == CallableKind::Constructor ||
                                   callable_->kind == CallableKind::StaticInit))
                errors_.syntax(stmt.loc, "constructor cannot return a value");
            if (ret.value) resolve_expr(*ret.value);
            break;
        }
        case StmtKind::Try: {
            auto& try_stmt = static_cast<TryStmt&>(stmt);
            resolve_block(try_stmt.body);
            if (try_stmt.has_catch) {
                open_scope();  // the catch variable belongs to the catch block's scope
                try_stmt.catch_slot = declare(try_stmt.catch_var);
                resolve_statements(try_stmt.catch_body);
                close_scope();
            }
            if (try_stmt.has_finally) resolve_block(try_stmt.finally_body);
            break;
        }
        case StmtKind::Throw:
            resolve_expr(*static_cast<ThrowStmt&>(stmt).value);
            break;
        }
    }

    void resolve_assigned_name(NameExpr& target) {
        target.slot = lookup(target.name);
        if (target.slot < 0)
            errors_.name(target.loc, "assignment to undeclared variable " + quoted(target.name));
        else
            target.binding = NameBinding::Local;
    }

    void resolve_expr(Expr& expr) {
        switch (expr.kind) {
        case ExprKind::IntLit:
        case ExprKind::FloatLit:
        case ExprKind::StringLit:
        case ExprKind::BoolLit:
        case ExprKind::NullLit:
            break;
        case ExprKind::Me:
            if (!in_box_member()) errors_.syntax(expr.loc, "'me' outside of box method");
            break;
        case ExprKind::Name:
            resolve_name(static_cast<NameExpr&>(expr), false);
            break;
        case ExprKind::Unary:
            resolve_expr(*static_cast<UnaryExpr&>(expr).operand);
            break;
        case ExprKind::Binary: {
            auto& binary = static_cast<BinaryExpr&>(expr);
            resolve_expr(*binary.lhs);
            resolve_expr(*binary.rhs);
            break;
        }
        case ExprKind::Logical: {
            auto& logical = static_cast<LogicalExpr&>(expr);
            resolve_expr(*logical.lhs);
            resolve_expr(*logical.rhs);
            break;
        }
        case ExprKind::Call: {
            auto& call = static_cast<CallExpr&>(expr);
            call.function_index = functions_.find(call.callee);
            if (call.function_index < 0) errors_.name(call.loc, "undefined function " + quoted(call.callee));
            resolve_exprs(call.args);
            break;
        }
        case ExprKind::MethodCall: {
            auto& call = static_cast<MethodCallExpr&>(expr);
            resolve_member_object(*call.receiver);
            call.site = next_site_++;
            resolve_exprs(call.args);
            break;
        }
        case ExprKind::Field: {
            auto& field = static_cast<FieldExpr&>(expr);
            resolve_member_object(*field.object);
            field.site = next_site_++;
            break;
        }
        case ExprKind::New:
            resolve_new(static_cast<NewExpr&>(expr));
            break;
        case ExprKind::FromCall:
            resolve_from(static_cast<FromCallExpr&>(expr));
            break;
        }
    }
    void resolve_exprs(std::vector<ExprPtr>& exprs) {
        for (ExprPtr& expr : exprs) resolve_expr(*expr);
    }

    // The object of `x.f` / `x.m(...)`: the only place a static box name is a value.
    void resolve_member_object(Expr& object) {
        if (object.kind == ExprKind::Name)
            resolve_name(static_cast<NameExpr&>(object), true);
        else
            resolve_expr(object);
    }

    void resolve_name(NameExpr& name, bool is_member_object) {
        name.slot = lookup(name.name);
        if (name.slot >= 0) {
            name.binding = NameBinding::Local;
            return;
        }
        if (is_member_object) {
            if (auto type = types_.find(name.name); type && type->kind == TypeKind::StaticBox) {
                name.binding = NameBinding::StaticBox;
                name.box_index = type->index;
                return;
            }
        }
        errors_.name(name.loc, "undefined variable " + quoted(name.name));
    }

    void resolve_new(NewExpr& new_expr) {
        auto type = types_.find(new_expr.box_name);
        if (!type) {
            errors_.name(new_expr.loc, "unknown box type " + quoted(new_expr.box_name));
        } else {
            switch (type->kind) {
            case TypeKind::Builtin:
                new_expr.builtin_box = type->builtin;
                break;
            case TypeKind::Box:
                new_expr.box_index = type->index;
                break;
            case TypeKind::StaticBox:
                errors_.name(new_expr.loc, "cannot instantiate static box " + quoted(new_expr.box_name));
                break;
            case TypeKind::Interface:
                errors_.name(new_expr.loc, "cannot instantiate interface " + quoted(new_expr.box_name));
                break;
            }
        }
        resolve_exprs(new_expr.args);
    }

    // Whether P has method m is a run-time question (§9.7); only P's ancestry is checked here,
    // and not at all in a box on a delegation cycle (that cycle is the error).
    void resolve_from(FromCallExpr& from) {
        if (!in_ordinary_box_method()) {
            errors_.syntax(from.loc, "'from' outside of box method");
        } else if (delegation_.chain_ends(owner_index_)) {
            auto type = types_.find(from.parent);
            int parent = type && type->kind == TypeKind::Box ? type->index : -1;
            if (parent >= 0 && delegation_.is_proper_ancestor(parent, owner_index_))
                from.parent_index = parent;
            else
                errors_.syntax(from.loc, quoted(from.parent) + " is not a parent of box " + quoted(owner_->name));
        }
        resolve_exprs(from.args);
    }

    Program& program_;
    const TypeNamespace& types_;
    const FunctionNamespace& functions_;
    const Delegation& delegation_;
    ErrorList& errors_;
    int next_site_ = 0;

    // The callable being resolved.
    Callable* callable_ = nullptr;
    const BoxDecl* owner_ = nullptr;
    int owner_index_ = -1;
    std::vector<std::string_view> visible_;  // the names in scope, innermost last
    std::vector<size_t> scope_starts_;  // visible_ size when each open block scope began
    int loop_depth_ = 0;
    int frame_size_ = 0;
};

// ---------------------------------------------------------------- interfaces (§9.12)

// A box that names interfaces must declare (itself or through an ancestor) every signature of
// each, with the same number of parameters.
void check_interfaces(const Program& program, const TypeNamespace& types, const Delegation& delegation,
                      ErrorList& errors) {
    auto implements = [&](int box_index, const InterfaceMethod& signature) {
        for (int node = box_index; node >= 0; node = program.boxes[static_cast<size_t>(node)]->parent_index) {
            const Callable* method = find_own_method(*program.boxes[static_cast<size_t>(node)], signature.name);
            if (method) return static_cast<int>(method->params.size()) == signature.arity;
        }
        return false;
    };
    for (size_t i = 0; i < program.boxes.size(); ++i) {
        const BoxDecl& box = *program.boxes[i];
        for (const auto& [name, loc] : box.interfaces) {
            auto type = types.find(name);
            if (!type) {
                errors.name(loc, "unknown interface " + quoted(name));
                continue;
            }
            if (type->kind != TypeKind::Interface) {
                errors.syntax(loc, quoted(name) + " is not an interface");
                continue;
            }
            if (!delegation.chain_ends(static_cast<int>(i))) continue;
            const InterfaceDecl& interface = program.interfaces[static_cast<size_t>(type->index)];
            for (const InterfaceMethod& signature : interface.methods)
                if (!implements(static_cast<int>(i), signature))
                    errors.syntax(box.loc, "box " + quoted(box.name) + " does not implement " + quoted(signature.name) +
                                               " from interface " + quoted(interface.name));
        }
    }
}

}  // namespace

std::vector<NyashError> resolve(Program& program) {
    ErrorList errors;
    TypeNamespace types(program, errors);
    FunctionNamespace functions(program, errors);
    link_parents(program, types, errors);
    Delegation delegation(program, errors);
    check_overrides(program, delegation, errors);
    check_interfaces(program, types, delegation, errors);
    find_entry_box(program, errors);

    BodyResolver bodies(program, types, functions, delegation, errors);
    for (const CallableRef& ref : number_callables(program)) bodies.resolve(ref);
    program.site_count = bodies.site_count();

    return errors.take_in_source_order();
}

}  // namespace nyash
