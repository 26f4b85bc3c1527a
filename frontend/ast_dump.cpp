// --dump-ast: a stable S-expression rendering of the (resolved) AST.
//
// Format: one node per line, indented two spaces per level. A node is `(` KIND, its words, its
// location `@LINE:COL`, then `key=value` attributes; its children follow on the next lines and
// its `)` closes on its last line:
//
//   (binary + @1:13
//     (name x @1:11 local slot=0)
//     (int 1 @1:15))
//
// Resolved information appears only once the resolver has set it: `slot=N` (local slot in the
// enclosing callable's frame), `id=#N` (Program::callables index), `frame=N` (slots a callable
// needs), `box=#N` (Program::boxes index), `fn=#N` (Program::functions index), `site=N`
// (member-access site). Strings are double-quoted with the escapes \n \t \r \\ \". Floats use the
// shortest text that reads back to the same double.
//
// Node kinds: program, interface, signature, box (with `#INDEX`), field, constructor, method,
// static-init, function, script; statements local (children `declare`), assign, expr, print,
// if (children cond, then, else), loop (cond, body), break, continue, return, try (body, catch,
// finally), throw; expressions int, float, string, bool, null, me, name, unary, binary, logical,
// call, method-call, field, new, from-call.
#include <charconv>
#include <string>

#include "frontend/frontend.hpp"

namespace nyash {

namespace {

using namespace ast;

std::string location(SourceLoc loc) { return "@" + std::to_string(loc.line) + ":" + std::to_string(loc.col); }

std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        switch (c) {
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            case '\\': out += "\\\\"; break;
            case '"': out += "\\\""; break;
            default: out += c;
        }
    }
    return out + "\"";
}

std::string shortest_double(double value) {
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

// " key=value" when the resolved value is set (non-negative), else nothing.
std::string resolved(std::string_view key, int value, std::string_view prefix = "") {
    if (value < 0) return {};
    return " " + std::string(key) + "=" + std::string(prefix) + std::to_string(value);
}

std::string_view binary_symbol(BinaryOp op) {
    switch (op) {
        case BinaryOp::Add: return "+";
        case BinaryOp::Sub: return "-";
        case BinaryOp::Mul: return "*";
        case BinaryOp::Div: return "/";
        case BinaryOp::Mod: return "%";
        case BinaryOp::Eq: return "==";
        case BinaryOp::Ne: return "!=";
        case BinaryOp::Lt: return "<";
        case BinaryOp::Le: return "<=";
        case BinaryOp::Gt: return ">";
        case BinaryOp::Ge: return ">=";
    }
    return "?";
}

class Dumper {
public:
    std::string take() && {
        out_ += '\n';
        return std::move(out_);
    }

    void program(const Program& p) {
        open("program" + resolved("entry", p.entry_box, "#") + " sites=" + std::to_string(p.site_count));
        for (const auto& interface : p.interfaces) interface_decl(interface);
        for (size_t i = 0; i < p.boxes.size(); ++i) box(*p.boxes[i], i);
        for (const auto& function : p.functions) callable(*function, "function " + function->name);
        if (p.script) callable(*p.script, "script");
        close();
    }

private:
    std::string out_;
    int indent_ = 0;

    void open(const std::string& header) {
        if (!out_.empty()) out_ += '\n';
        out_.append(static_cast<size_t>(indent_) * 2, ' ');
        out_ += '(';
        out_ += header;
        ++indent_;
    }

    void close() {
        out_ += ')';
        --indent_;
    }

    void leaf(const std::string& header) {
        open(header);
        close();
    }

    void interface_decl(const InterfaceDecl& decl) {
        open("interface " + decl.name + " " + location(decl.loc));
        for (const auto& method : decl.methods) {
            leaf("signature " + method.name + " " + location(method.loc) + " arity=" + std::to_string(method.arity));
        }
        close();
    }

    void box(const BoxDecl& decl, size_t index) {
        std::string header = "box " + decl.name + " #" + std::to_string(index) + " " + location(decl.loc);
        if (decl.is_static) header += " static";
        if (!decl.parent.empty()) header += " from=" + decl.parent + resolved("parent", decl.parent_index, "#");
        for (size_t i = 0; i < decl.interfaces.size(); ++i) {
            header += (i == 0 ? " interfaces=" : ",") + decl.interfaces[i].first;
        }
        open(header);
        for (const auto& field : decl.fields) {
            leaf("field " + field.name + " " + location(field.loc) + (field.weak ? " weak" : ""));
        }
        if (decl.constructor) callable(*decl.constructor, "constructor " + decl.constructor->name);
        for (const auto& method : decl.methods) callable(*method, "method " + method->name);
        if (decl.static_init) callable(*decl.static_init, "static-init");
        close();
    }

    void callable(const Callable& c, const std::string& label) {
        std::string header = label + " " + location(c.loc) + resolved("id", c.id, "#");
        if (c.id >= 0) header += " frame=" + std::to_string(c.frame_size);
        if (c.is_override) header += " override";
        if (c.kind != CallableKind::Script && c.kind != CallableKind::StaticInit) {
            header += " params=(";
            for (size_t i = 0; i < c.params.size(); ++i) header += (i == 0 ? "" : " ") + c.params[i].name;
            header += ")";
        }
        open(header);
        for (const auto& stmt : c.body) statement(*stmt);
        close();
    }

    void block(const std::string& label, const Block& body) {
        open(label);
        for (const auto& stmt : body) statement(*stmt);
        close();
    }

    void statement(const Stmt& s) {
        const std::string at = " " + location(s.loc);
        switch (s.kind) {
            case StmtKind::Local: {
                open("local" + at);
                for (const auto& d : static_cast<const LocalStmt&>(s).declarators) {
                    open("declare " + d.name + " " + location(d.loc) + resolved("slot", d.slot));
                    if (d.init) expression(*d.init);
                    close();
                }
                close();
                return;
            }
            case StmtKind::Assign: {
                const auto& assign = static_cast<const AssignStmt&>(s);
                open("assign" + at);
                expression(*assign.target);
                expression(*assign.value);
                close();
                return;
            }
            case StmtKind::Expr:
                open("expr" + at);
                expression(*static_cast<const ExprStmt&>(s).expr);
                close();
                return;
            case StmtKind::Print:
                open("print" + at);
                expression(*static_cast<const PrintStmt&>(s).value);
                close();
                return;
            case StmtKind::If: {
                const auto& if_stmt = static_cast<const IfStmt&>(s);
                open("if" + at);
                expression(*if_stmt.cond);
                block("then", if_stmt.then_body);
                if (!if_stmt.else_body.empty()) block("else", if_stmt.else_body);
                close();
                return;
            }
            case StmtKind::Loop: {
                const auto& loop = static_cast<const LoopStmt&>(s);
                open("loop" + at);
                expression(*loop.cond);
                block("body", loop.body);
                close();
                return;
            }
            case StmtKind::Break: leaf("break" + at); return;
            case StmtKind::Continue: leaf("continue" + at); return;
            case StmtKind::Return: {
                const auto& ret = static_cast<const ReturnStmt&>(s);
                open("return" + at);
                if (ret.value) expression(*ret.value);
                close();
                return;
            }
            case StmtKind::Try: {
                const auto& try_stmt = static_cast<const TryStmt&>(s);
                open("try" + at);
                block("body", try_stmt.body);
                if (try_stmt.has_catch) {
                    block("catch " + try_stmt.catch_var + " " + location(try_stmt.catch_var_loc) +
                              resolved("slot", try_stmt.catch_slot),
                          try_stmt.catch_body);
                }
                if (try_stmt.has_finally) block("finally", try_stmt.finally_body);
                close();
                return;
            }
            case StmtKind::Throw:
                open("throw" + at);
                expression(*static_cast<const ThrowStmt&>(s).value);
                close();
                return;
        }
    }

    void expressions(const std::vector<ExprPtr>& list) {
        for (const auto& e : list) expression(*e);
    }

    void expression(const Expr& e) {
        const std::string at = " " + location(e.loc);
        switch (e.kind) {
            case ExprKind::IntLit: leaf("int " + std::to_string(static_cast<const IntLit&>(e).value) + at); return;
            case ExprKind::FloatLit: leaf("float " + shortest_double(static_cast<const FloatLit&>(e).value) + at); return;
            case ExprKind::StringLit: leaf("string " + quoted(static_cast<const StringLit&>(e).value) + at); return;
            case ExprKind::BoolLit: leaf(std::string("bool ") + (static_cast<const BoolLit&>(e).value ? "true" : "false") + at); return;
            case ExprKind::NullLit: leaf("null" + at); return;
            case ExprKind::Me: leaf("me" + at); return;
            case ExprKind::Name: {
                const auto& name = static_cast<const NameExpr&>(e);
                std::string header = "name " + name.name + at;
                if (name.binding == NameBinding::Local) header += " local" + resolved("slot", name.slot);
                if (name.binding == NameBinding::StaticBox) header += " static-box" + resolved("box", name.box_index, "#");
                leaf(header);
                return;
            }
            case ExprKind::Unary: {
                const auto& unary = static_cast<const UnaryExpr&>(e);
                open(std::string("unary ") + (unary.op == UnaryOp::Neg ? "-" : "not") + at);
                expression(*unary.operand);
                close();
                return;
            }
            case ExprKind::Binary: {
                const auto& binary = static_cast<const BinaryExpr&>(e);
                open("binary " + std::string(binary_symbol(binary.op)) + at);
                expression(*binary.lhs);
                expression(*binary.rhs);
                close();
                return;
            }
            case ExprKind::Logical: {
                const auto& logical = static_cast<const LogicalExpr&>(e);
                open(std::string("logical ") + (logical.op == LogicalOp::And ? "and" : "or") + at);
                expression(*logical.lhs);
                expression(*logical.rhs);
                close();
                return;
            }
            case ExprKind::Call: {
                const auto& call = static_cast<const CallExpr&>(e);
                open("call " + call.callee + at + resolved("fn", call.function_index, "#"));
                expressions(call.args);
                close();
                return;
            }
            case ExprKind::MethodCall: {
                const auto& call = static_cast<const MethodCallExpr&>(e);
                open("method-call " + call.method + at + resolved("site", call.site));
                expression(*call.receiver);
                expressions(call.args);
                close();
                return;
            }
            case ExprKind::Field: {
                const auto& field = static_cast<const FieldExpr&>(e);
                open("field " + field.field + at + resolved("site", field.site));
                expression(*field.object);
                close();
                return;
            }
            case ExprKind::New: {
                const auto& new_expr = static_cast<const NewExpr&>(e);
                std::string header = "new " + new_expr.box_name + at + resolved("box", new_expr.box_index, "#");
                if (new_expr.builtin_box) header += " builtin";
                open(header);
                expressions(new_expr.args);
                close();
                return;
            }
            case ExprKind::FromCall: {
                const auto& from = static_cast<const FromCallExpr&>(e);
                std::string header = "from-call " + from.parent + "." + from.method + at;
                if (from.is_constructor) header += " constructor";
                open(header + resolved("parent", from.parent_index, "#"));
                expressions(from.args);
                close();
                return;
            }
        }
    }
};

}  // namespace

std::string dump_ast(const ast::Program& program) {
    Dumper dumper;
    dumper.program(program);
    return std::move(dumper).take();
}

}  // namespace nyash
