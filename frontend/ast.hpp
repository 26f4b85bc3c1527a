#pragma once
// The Nyash abstract syntax tree. The parser builds it; the resolver fills in the fields marked
// "resolved" (slots, callable ids, box indices); backends (interpreter, MIR builder) read it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runtime/builtins.hpp"
#include "runtime/source_loc.hpp"
#include "runtime/symbol.hpp"

namespace nyash::ast {

// ---------------------------------------------------------------- expressions

enum class ExprKind {
    IntLit, FloatLit, StringLit, BoolLit, NullLit,
    Me,          // me / this
    Name,        // an identifier: a local, or a static box before `.`
    Unary,       // -x, not x, !x
    Binary,      // arithmetic, comparison, equality
    Logical,     // and/or (short-circuit, Bool result)
    Call,        // f(args): a top-level function
    MethodCall,  // recv.m(args)
    Field,       // obj.f
    New,         // new B(args)
    FromCall,    // from P.m(args) / from P.birth(args)
};

struct Expr {
    ExprKind kind;
    SourceLoc loc;  // the token the spec locates errors at (operator, member name, `new`, ...)
    Expr(ExprKind k, SourceLoc l) : kind(k), loc(l) {}
    virtual ~Expr() = default;
};
using ExprPtr = std::unique_ptr<Expr>;

struct IntLit : Expr {
    int64_t value;
    IntLit(SourceLoc l, int64_t v) : Expr(ExprKind::IntLit, l), value(v) {}
};
struct FloatLit : Expr {
    double value;
    FloatLit(SourceLoc l, double v) : Expr(ExprKind::FloatLit, l), value(v) {}
};
struct StringLit : Expr {
    std::string value;  // escapes already decoded, UTF-8
    StringLit(SourceLoc l, std::string v) : Expr(ExprKind::StringLit, l), value(std::move(v)) {}
};
struct BoolLit : Expr {
    bool value;
    BoolLit(SourceLoc l, bool v) : Expr(ExprKind::BoolLit, l), value(v) {}
};
struct NullLit : Expr {
    explicit NullLit(SourceLoc l) : Expr(ExprKind::NullLit, l) {}
};
struct MeExpr : Expr {
    explicit MeExpr(SourceLoc l) : Expr(ExprKind::Me, l) {}
};

enum class NameBinding { Unresolved, Local, StaticBox };
struct NameExpr : Expr {
    std::string name;
    NameBinding binding = NameBinding::Unresolved;  // resolved
    int slot = -1;                                  // resolved: local slot in the enclosing callable
    int box_index = -1;                             // resolved: Program::boxes index for StaticBox
    NameExpr(SourceLoc l, std::string n) : Expr(ExprKind::Name, l), name(std::move(n)) {}
};

enum class UnaryOp { Neg, Not };
struct UnaryExpr : Expr {
    UnaryOp op;
    ExprPtr operand;
    UnaryExpr(SourceLoc l, UnaryOp o, ExprPtr e) : Expr(ExprKind::Unary, l), op(o), operand(std::move(e)) {}
};

enum class BinaryOp { Add, Sub, Mul, Div, Mod, Eq, Ne, Lt, Le, Gt, Ge };
struct BinaryExpr : Expr {
    BinaryOp op;
    ExprPtr lhs, rhs;
    BinaryExpr(SourceLoc l, BinaryOp o, ExprPtr a, ExprPtr b)
        : Expr(ExprKind::Binary, l), op(o), lhs(std::move(a)), rhs(std::move(b)) {}
};

enum class LogicalOp { And, Or };
struct LogicalExpr : Expr {
    LogicalOp op;
    ExprPtr lhs, rhs;
    LogicalExpr(SourceLoc l, LogicalOp o, ExprPtr a, ExprPtr b)
        : Expr(ExprKind::Logical, l), op(o), lhs(std::move(a)), rhs(std::move(b)) {}
};

struct CallExpr : Expr {  // loc = the function name
    std::string callee;
    std::vector<ExprPtr> args;
    int function_index = -1;  // resolved: Program::functions index
    CallExpr(SourceLoc l, std::string c, std::vector<ExprPtr> a)
        : Expr(ExprKind::Call, l), callee(std::move(c)), args(std::move(a)) {}
};

struct MethodCallExpr : Expr {  // loc = the method-name token after '.'
    ExprPtr receiver;
    std::string method;
    Symbol method_symbol;  // intern(method), set by the constructor
    std::vector<ExprPtr> args;
    int site = -1;  // resolved: dense per-program index of this member-access site (inline caches)
    MethodCallExpr(SourceLoc l, ExprPtr r, std::string m, std::vector<ExprPtr> a)
        : Expr(ExprKind::MethodCall, l), receiver(std::move(r)), method(std::move(m)),
          method_symbol(intern(method)), args(std::move(a)) {}
};

struct FieldExpr : Expr {  // loc = the field-name token after '.'
    ExprPtr object;
    std::string field;
    Symbol field_symbol;  // intern(field), set by the constructor
    int site = -1;  // resolved: dense per-program index of this member-access site (inline caches)
    FieldExpr(SourceLoc l, ExprPtr o, std::string f)
        : Expr(ExprKind::Field, l), object(std::move(o)), field(std::move(f)), field_symbol(intern(field)) {}
};

struct NewExpr : Expr {  // loc = `new`
    std::string box_name;
    SourceLoc name_loc;
    std::vector<ExprPtr> args;
    int box_index = -1;                     // resolved: user box (Program::boxes index), or
    std::optional<BuiltinBox> builtin_box;  // resolved: a built-in box
    NewExpr(SourceLoc l, std::string n, SourceLoc nl, std::vector<ExprPtr> a)
        : Expr(ExprKind::New, l), box_name(std::move(n)), name_loc(nl), args(std::move(a)) {}
};

struct FromCallExpr : Expr {  // loc = `from`
    std::string parent;
    SourceLoc parent_loc;
    std::string method;     // for constructor calls: "birth", "init" or "pack" as written
    Symbol method_symbol;   // intern(method), set by the constructor
    bool is_constructor;    // from P.birth/init/pack(...)
    std::vector<ExprPtr> args;
    int parent_index = -1;  // resolved: Program::boxes index of P
    FromCallExpr(SourceLoc l, std::string p, SourceLoc pl, std::string m, bool ctor, std::vector<ExprPtr> a)
        : Expr(ExprKind::FromCall, l), parent(std::move(p)), parent_loc(pl), method(std::move(m)),
          method_symbol(intern(method)), is_constructor(ctor), args(std::move(a)) {}
};

// ---------------------------------------------------------------- statements

enum class StmtKind { Local, Assign, Expr, Print, If, Loop, Break, Continue, Return, Try, Throw };

struct Stmt {
    StmtKind kind;
    SourceLoc loc;  // first token of the statement (`=` for assignments)
    Stmt(StmtKind k, SourceLoc l) : kind(k), loc(l) {}
    virtual ~Stmt() = default;
};
using StmtPtr = std::unique_ptr<Stmt>;
using Block = std::vector<StmtPtr>;

struct Declarator {
    std::string name;
    SourceLoc loc;
    ExprPtr init;   // may be null: the variable starts as null on every execution
    int slot = -1;  // resolved
};
struct LocalStmt : Stmt {
    std::vector<Declarator> declarators;
    explicit LocalStmt(SourceLoc l) : Stmt(StmtKind::Local, l) {}
};

struct AssignStmt : Stmt {  // loc = `=`; target is a NameExpr (local) or a FieldExpr
    ExprPtr target;
    ExprPtr value;
    AssignStmt(SourceLoc l, ExprPtr t, ExprPtr v) : Stmt(StmtKind::Assign, l), target(std::move(t)), value(std::move(v)) {}
};

struct ExprStmt : Stmt {
    ExprPtr expr;
    ExprStmt(SourceLoc l, ExprPtr e) : Stmt(StmtKind::Expr, l), expr(std::move(e)) {}
};

struct PrintStmt : Stmt {
    ExprPtr value;
    PrintStmt(SourceLoc l, ExprPtr v) : Stmt(StmtKind::Print, l), value(std::move(v)) {}
};

struct IfStmt : Stmt {
    ExprPtr cond;
    Block then_body;
    Block else_body;  // `else if` is a single IfStmt here
    IfStmt(SourceLoc l, ExprPtr c) : Stmt(StmtKind::If, l), cond(std::move(c)) {}
};

struct LoopStmt : Stmt {
    ExprPtr cond;
    Block body;
    LoopStmt(SourceLoc l, ExprPtr c) : Stmt(StmtKind::Loop, l), cond(std::move(c)) {}
};

struct BreakStmt : Stmt {
    explicit BreakStmt(SourceLoc l) : Stmt(StmtKind::Break, l) {}
};
struct ContinueStmt : Stmt {
    explicit ContinueStmt(SourceLoc l) : Stmt(StmtKind::Continue, l) {}
};
struct ReturnStmt : Stmt {
    ExprPtr value;  // may be null
    ReturnStmt(SourceLoc l, ExprPtr v) : Stmt(StmtKind::Return, l), value(std::move(v)) {}
};

// [T2] try / catch / finally, throw.
struct TryStmt : Stmt {
    Block body;
    bool has_catch = false;
    std::string catch_var;
    SourceLoc catch_var_loc;
    int catch_slot = -1;  // resolved
    Block catch_body;
    bool has_finally = false;
    Block finally_body;
    explicit TryStmt(SourceLoc l) : Stmt(StmtKind::Try, l) {}
};
struct ThrowStmt : Stmt {
    ExprPtr value;
    ThrowStmt(SourceLoc l, ExprPtr v) : Stmt(StmtKind::Throw, l), value(std::move(v)) {}
};

// ---------------------------------------------------------------- declarations

struct Param {
    std::string name;
    SourceLoc loc;
};

enum class CallableKind { Script, Function, Method, Constructor, StaticInit };

// Anything with a body that runs in its own frame: the script, a function, a method,
// a constructor or a static initializer.
struct Callable {
    CallableKind kind;
    std::string name;  // "birth"/"init"/"pack" for constructors as written; "<script>" for the script
    SourceLoc loc;     // the name token (the constructor keyword, `static` for static blocks)
    std::vector<Param> params;
    Block body;
    bool is_override = false;
    int owner_box = -1;   // Program::boxes index for members, -1 otherwise
    int id = -1;          // resolved: index into Program::callables
    int frame_size = 0;   // resolved: local slots needed (params are slots 0..n-1)
};

struct FieldDecl {
    std::string name;
    SourceLoc loc;
    bool weak = false;
    SourceLoc weak_loc;  // the `weak` keyword, when weak [T2]
};

struct BoxDecl {
    std::string name;
    SourceLoc loc;
    bool is_static = false;
    std::string parent;  // empty when there is no `from`
    SourceLoc parent_loc;
    std::vector<std::pair<std::string, SourceLoc>> interfaces;  // [T2]
    SourceLoc interface_loc;  // the `interface` keyword of the clause, when present [T2]
    std::vector<FieldDecl> fields;  // own fields, declaration order
    std::unique_ptr<Callable> constructor;
    std::vector<std::unique_ptr<Callable>> methods;
    std::unique_ptr<Callable> static_init;  // [T2]
    int parent_index = -1;  // resolved
};

struct InterfaceMethod {
    std::string name;
    SourceLoc loc;
    int arity = 0;
};
struct InterfaceDecl {
    std::string name;
    SourceLoc loc;
    SourceLoc keyword_loc;  // the `interface` keyword
    std::vector<InterfaceMethod> methods;
};

struct Program {
    std::vector<std::unique_ptr<BoxDecl>> boxes;       // user and static boxes, source order
    std::vector<std::unique_ptr<Callable>> functions;  // top-level functions, source order
    std::vector<InterfaceDecl> interfaces;
    std::unique_ptr<Callable> script;                  // the top-level statements
    // resolved:
    std::vector<Callable*> callables;  // every Callable by id (script, functions, members)
    int entry_box = -1;                // Program::boxes index of the entry box (§9.9), or -1
    int site_count = 0;                // number of FieldExpr/MethodCallExpr sites
};

// How tools and stack traces name a callable: "f", "Box.method", "Box.birth", "<script>".
inline std::string qualified_name(const Program& program, const Callable& callable) {
    if (callable.owner_box < 0) return callable.name;
    return program.boxes[static_cast<size_t>(callable.owner_box)]->name + "." + callable.name;
}

}  // namespace nyash::ast
