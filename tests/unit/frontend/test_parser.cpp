#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "frontend/frontend.hpp"
#include "frontend/lexer.hpp"
#include "frontend/parser.hpp"

namespace ast = nyash::ast;
using nyash::SourceLoc;

namespace {

nyash::ParseResult parse_source(std::string_view source) {
    const nyash::LexResult lexed = nyash::lex(source);
    INFO("source: " << source);
    REQUIRE(lexed.errors.empty());
    return nyash::parse(lexed.tokens);
}

std::string describe(const nyash::NyashError& error) {
    return error.message() + " @" + std::to_string(error.loc().line) + ":" + std::to_string(error.loc().col);
}

std::unique_ptr<ast::Program> parse_ok(std::string_view source) {
    nyash::ParseResult result = parse_source(source);
    INFO("source: " << source);
    INFO("first error: " << (result.errors.empty() ? "" : describe(result.errors[0])));
    REQUIRE(result.errors.empty());
    return std::move(result.program);
}

// The reported (first) syntax error as "message @line:col".
std::string first_error(std::string_view source) {
    const nyash::ParseResult result = parse_source(source);
    if (result.errors.empty()) return "no error";
    REQUIRE(result.errors[0].kind() == nyash::ErrorKind::SyntaxError);
    return describe(result.errors[0]);
}

template <typename T>
const T& as(const ast::Expr& e, ast::ExprKind kind) {
    REQUIRE(e.kind == kind);
    return static_cast<const T&>(e);
}

template <typename T>
const T& as(const ast::Stmt& s, ast::StmtKind kind) {
    REQUIRE(s.kind == kind);
    return static_cast<const T&>(s);
}

// A compact prefix form of an expression's shape, e.g. "(== (not a) b)".
std::string shape(const ast::Expr& e);

std::string shape_list(std::string head, const std::vector<ast::ExprPtr>& args) {
    for (const auto& arg : args) head += " " + shape(*arg);
    return "(" + head + ")";
}

std::string shape(const ast::Expr& e) {
    using ast::ExprKind;
    constexpr const char* kBinary[] = {"+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">="};
    switch (e.kind) {
        case ExprKind::IntLit: return std::to_string(static_cast<const ast::IntLit&>(e).value);
        case ExprKind::FloatLit: {
            std::ostringstream out;
            out << static_cast<const ast::FloatLit&>(e).value;
            return out.str();
        }
        case ExprKind::StringLit: return "\"" + static_cast<const ast::StringLit&>(e).value + "\"";
        case ExprKind::BoolLit: return static_cast<const ast::BoolLit&>(e).value ? "true" : "false";
        case ExprKind::NullLit: return "null";
        case ExprKind::Me: return "me";
        case ExprKind::Name: return static_cast<const ast::NameExpr&>(e).name;
        case ExprKind::Unary: {
            const auto& u = static_cast<const ast::UnaryExpr&>(e);
            return std::string("(") + (u.op == ast::UnaryOp::Neg ? "-" : "not") + " " + shape(*u.operand) + ")";
        }
        case ExprKind::Binary: {
            const auto& b = static_cast<const ast::BinaryExpr&>(e);
            return std::string("(") + kBinary[static_cast<int>(b.op)] + " " + shape(*b.lhs) + " " + shape(*b.rhs) + ")";
        }
        case ExprKind::Logical: {
            const auto& l = static_cast<const ast::LogicalExpr&>(e);
            return std::string("(") + (l.op == ast::LogicalOp::And ? "and" : "or") + " " + shape(*l.lhs) + " " +
                   shape(*l.rhs) + ")";
        }
        case ExprKind::Call: {
            const auto& c = static_cast<const ast::CallExpr&>(e);
            return shape_list("call " + c.callee, c.args);
        }
        case ExprKind::MethodCall: {
            const auto& m = static_cast<const ast::MethodCallExpr&>(e);
            return shape_list("." + m.method + " " + shape(*m.receiver), m.args);
        }
        case ExprKind::Field: {
            const auto& f = static_cast<const ast::FieldExpr&>(e);
            return "(." + f.field + " " + shape(*f.object) + ")";
        }
        case ExprKind::New: {
            const auto& n = static_cast<const ast::NewExpr&>(e);
            return shape_list("new " + n.box_name, n.args);
        }
        case ExprKind::FromCall: {
            const auto& f = static_cast<const ast::FromCallExpr&>(e);
            return shape_list("from " + f.parent + "." + f.method, f.args);
        }
    }
    return "?";
}

// The shape of the expression statement `source`.
std::string expr_shape(std::string_view source) {
    const auto program = parse_ok(source);
    REQUIRE(program->script->body.size() == 1);
    return shape(*as<ast::ExprStmt>(*program->script->body[0], ast::StmtKind::Expr).expr);
}

SourceLoc loc(uint32_t line, uint32_t col) { return SourceLoc{line, col}; }

}  // namespace

TEST_CASE("parser: operator precedence and associativity (spec 7.2)", "[parser]") {
    CHECK(expr_shape("not a == b") == "(== (not a) b)");
    CHECK(expr_shape("-5.abs()") == "(- (.abs 5))");
    CHECK(expr_shape("1 < 2 < 3") == "(< (< 1 2) 3)");
    CHECK(expr_shape("a or b and c") == "(or a (and b c))");
    CHECK(expr_shape("a && b || c") == "(or (and a b) c)");
    CHECK(expr_shape("1 + 2 * 3 - 4 / 5 % 6") == "(- (+ 1 (* 2 3)) (% (/ 4 5) 6))");
    CHECK(expr_shape("a - b - c") == "(- (- a b) c)");
    CHECK(expr_shape("a == b != c") == "(!= (== a b) c)");
    CHECK(expr_shape("a + b < c == d and e") == "(and (== (< (+ a b) c) d) e)");
    CHECK(expr_shape("a >= b or c <= d") == "(or (>= a b) (<= c d))");
    CHECK(expr_shape("!-x") == "(not (- x))");
    CHECK(expr_shape("- -x") == "(- (- x))");
    CHECK(expr_shape("(1 + 2) * 3") == "(* (+ 1 2) 3)");
    CHECK(expr_shape("identifier % 2 == 0") == "(== (% identifier 2) 0)");
}

TEST_CASE("parser: primary and postfix expressions", "[parser]") {
    CHECK(expr_shape("a.b.c(1).d") == "(.d (.c (.b a) 1))");
    CHECK(expr_shape("new P(1, 2).x") == "(.x (new P 1 2))");
    CHECK(expr_shape("f(g(1), \"s\", 2.5)") == "(call f (call g 1) \"s\" 2.5)");
    CHECK(expr_shape("this.x + me.y") == "(+ (.x me) (.y me))");
    CHECK(expr_shape("f(true, false, null)") == "(call f true false null)");
    CHECK(expr_shape("\"hello\".\n    length()") == "(.length \"hello\")");
    CHECK(expr_shape("add3(1,\n  2, 3)") == "(call add3 1 2 3)");
    CHECK(expr_shape("total +\n 2") == "(+ total 2)");

    const auto program = parse_ok("from Base.birth(1)\nfrom Base.init()\nfrom Base.pack()\nfrom Base.greet(2)");
    const auto& body = program->script->body;
    REQUIRE(body.size() == 4);
    const char* methods[] = {"birth", "init", "pack", "greet"};
    for (size_t i = 0; i < 4; ++i) {
        const auto& from = as<ast::FromCallExpr>(*as<ast::ExprStmt>(*body[i], ast::StmtKind::Expr).expr, ast::ExprKind::FromCall);
        CHECK(from.parent == "Base");
        CHECK(from.parent_loc == loc(static_cast<uint32_t>(i + 1), 6));
        CHECK(from.method == methods[i]);
        CHECK(from.is_constructor == (i < 3));
    }
}

TEST_CASE("parser: expression locations follow the spec's error positions", "[parser]") {
    //                      1        10        20        30
    const auto program = parse_ok("x = new P(1).m(-y, f(2)) * o.f");
    const auto& assign = as<ast::AssignStmt>(*program->script->body[0], ast::StmtKind::Assign);
    CHECK(assign.loc == loc(1, 3));
    CHECK(as<ast::NameExpr>(*assign.target, ast::ExprKind::Name).loc == loc(1, 1));
    const auto& mul = as<ast::BinaryExpr>(*assign.value, ast::ExprKind::Binary);
    CHECK(mul.loc == loc(1, 26));
    const auto& call = as<ast::MethodCallExpr>(*mul.lhs, ast::ExprKind::MethodCall);
    CHECK(call.loc == loc(1, 14));
    CHECK(call.method_symbol == nyash::intern("m"));
    const auto& created = as<ast::NewExpr>(*call.receiver, ast::ExprKind::New);
    CHECK(created.loc == loc(1, 5));
    CHECK(created.name_loc == loc(1, 9));
    CHECK(as<ast::UnaryExpr>(*call.args[0], ast::ExprKind::Unary).loc == loc(1, 16));
    CHECK(as<ast::CallExpr>(*call.args[1], ast::ExprKind::Call).loc == loc(1, 20));
    const auto& field = as<ast::FieldExpr>(*mul.rhs, ast::ExprKind::Field);
    CHECK(field.loc == loc(1, 30));
    CHECK(field.field_symbol == nyash::intern("f"));

    const auto logical = parse_ok("a and b");
    CHECK(as<ast::ExprStmt>(*logical->script->body[0], ast::StmtKind::Expr).expr->loc == loc(1, 3));
    const auto from = parse_ok("\n  from P.m()");
    CHECK(as<ast::ExprStmt>(*from->script->body[0], ast::StmtKind::Expr).expr->loc == loc(2, 3));
}

TEST_CASE("parser: every statement form", "[parser]") {
    const auto program = parse_ok(R"(local a, b = 1, c
a = 2
o.f = 3
f(1)
print(a)
if a { } else if b { x = 1 } else { }
if a {
}

else { y = 1
}
loop(a < 3) { break; continue }
try { } catch (e) { } finally { }
try { }
finally { }
try { }
catch (err) { }
throw "x"
)");
    using ast::StmtKind;
    const auto& body = program->script->body;
    REQUIRE(body.size() == 12);

    const auto& local = as<ast::LocalStmt>(*body[0], StmtKind::Local);
    REQUIRE(local.declarators.size() == 3);
    CHECK(local.declarators[0].name == "a");
    CHECK(local.declarators[0].init == nullptr);
    CHECK(local.declarators[1].name == "b");
    CHECK(shape(*local.declarators[1].init) == "1");
    CHECK(local.declarators[2].name == "c");
    CHECK(local.declarators[2].loc == loc(1, 17));

    CHECK(shape(*as<ast::AssignStmt>(*body[1], StmtKind::Assign).target) == "a");
    CHECK(shape(*as<ast::AssignStmt>(*body[2], StmtKind::Assign).target) == "(.f o)");
    CHECK(shape(*as<ast::ExprStmt>(*body[3], StmtKind::Expr).expr) == "(call f 1)");
    CHECK(shape(*as<ast::PrintStmt>(*body[4], StmtKind::Print).value) == "a");

    const auto& chain = as<ast::IfStmt>(*body[5], StmtKind::If);
    REQUIRE(chain.else_body.size() == 1);
    const auto& else_if = as<ast::IfStmt>(*chain.else_body[0], StmtKind::If);
    CHECK(else_if.loc == loc(6, 15));
    CHECK(else_if.then_body.size() == 1);
    CHECK(else_if.else_body.empty());
    // `}` NEWLINE NEWLINE `else { }`: the blank lines do not separate the else.
    CHECK_FALSE(as<ast::IfStmt>(*body[6], StmtKind::If).else_body.empty());

    const auto& loop = as<ast::LoopStmt>(*body[7], StmtKind::Loop);
    CHECK(shape(*loop.cond) == "(< a 3)");
    REQUIRE(loop.body.size() == 2);
    CHECK(loop.body[0]->kind == StmtKind::Break);
    CHECK(loop.body[1]->kind == StmtKind::Continue);

    const auto& full = as<ast::TryStmt>(*body[8], StmtKind::Try);
    CHECK(full.has_catch);
    CHECK(full.catch_var == "e");
    CHECK(full.catch_var_loc == loc(13, 16));
    CHECK(full.has_finally);
    const auto& only_finally = as<ast::TryStmt>(*body[9], StmtKind::Try);
    CHECK_FALSE(only_finally.has_catch);
    CHECK(only_finally.has_finally);
    const auto& only_catch = as<ast::TryStmt>(*body[10], StmtKind::Try);
    CHECK(only_catch.has_catch);
    CHECK_FALSE(only_catch.has_finally);

    CHECK(body[11]->kind == StmtKind::Throw);
    CHECK(body[11]->loc == loc(18, 1));
}

TEST_CASE("parser: return with and without a value", "[parser]") {
    const auto program = parse_ok("function f() { return }\nfunction g() {\n return\n}\nfunction h() { return; }\n"
                                  "function k() { return 1 + 2 }");
    REQUIRE(program->functions.size() == 4);
    for (size_t i = 0; i < 3; ++i) {
        const auto& ret = as<ast::ReturnStmt>(*program->functions[i]->body.at(0), ast::StmtKind::Return);
        CHECK(ret.value == nullptr);
    }
    CHECK(shape(*as<ast::ReturnStmt>(*program->functions[3]->body[0], ast::StmtKind::Return).value) == "(+ 1 2)");
    CHECK(first_error("return") == "no error");  // outside of function is the resolver's error
}

TEST_CASE("parser: separators", "[parser]") {
    const auto program = parse_ok(";;\nlocal x = 1; local y = 2; print(x + y)\n\nlocal arr = 1; arr.push(1);; arr.push(2);\n"
                                  "if x == 1 { print(\"one\"); print(\"still one\") }\n");
    CHECK(program->script->body.size() == 7);
    CHECK(parse_ok("")->script->body.empty());
    CHECK(parse_ok("\n\n# only comments\n")->script->body.empty());
}

TEST_CASE("parser: declarations fill the AST", "[parser]") {
    const auto program = parse_ok(R"(interface Shape {
    area()
    scale(k); name()
}
box Point from Base interface Shape, Named {
    init { x, weak y,
           z, }
    init {}
    init { w
    }
    init(a, b) { }
    override area() { return 0 }
    scale(k) { }
}
static box Main
{
    init { count }
    static { me.count = 0 }
    main() { }
}
function add(a, b) { return a + b }
print(1)
box Base { pack() { } }
)");
    REQUIRE(program->interfaces.size() == 1);
    const auto& shape_decl = program->interfaces[0];
    CHECK(shape_decl.name == "Shape");
    CHECK(shape_decl.loc == loc(1, 11));
    CHECK(shape_decl.keyword_loc == loc(1, 1));
    REQUIRE(shape_decl.methods.size() == 3);
    CHECK(shape_decl.methods[1].name == "scale");
    CHECK(shape_decl.methods[1].arity == 1);
    CHECK(shape_decl.methods[2].name == "name");
    CHECK(shape_decl.methods[2].loc == loc(3, 15));

    REQUIRE(program->boxes.size() == 3);
    const auto& point = *program->boxes[0];
    CHECK(point.name == "Point");
    CHECK(point.loc == loc(5, 5));
    CHECK_FALSE(point.is_static);
    CHECK(point.parent == "Base");
    CHECK(point.parent_loc == loc(5, 16));
    REQUIRE(point.interfaces.size() == 2);
    CHECK(point.interfaces[1].first == "Named");
    CHECK(point.interfaces[1].second == loc(5, 38));
    CHECK(point.interface_loc == loc(5, 21));
    REQUIRE(point.fields.size() == 4);
    CHECK(point.fields[0].name == "x");
    CHECK_FALSE(point.fields[0].weak);
    CHECK(point.fields[1].name == "y");
    CHECK(point.fields[1].weak);
    CHECK(point.fields[1].loc == loc(6, 20));
    CHECK(point.fields[1].weak_loc == loc(6, 15));
    CHECK(point.fields[2].name == "z");
    CHECK(point.fields[3].name == "w");
    REQUIRE(point.constructor);
    CHECK(point.constructor->kind == ast::CallableKind::Constructor);
    CHECK(point.constructor->name == "init");
    CHECK(point.constructor->loc == loc(11, 5));
    CHECK(point.constructor->params.size() == 2);
    CHECK(point.constructor->owner_box == 0);
    REQUIRE(point.methods.size() == 2);
    CHECK(point.methods[0]->name == "area");
    CHECK(point.methods[0]->is_override);
    CHECK(point.methods[0]->loc == loc(12, 14));
    CHECK(point.methods[0]->kind == ast::CallableKind::Method);
    CHECK(point.methods[0]->owner_box == 0);
    CHECK_FALSE(point.methods[1]->is_override);
    CHECK(point.static_init == nullptr);

    const auto& main_box = *program->boxes[1];
    CHECK(main_box.is_static);
    CHECK(main_box.fields.size() == 1);
    REQUIRE(main_box.static_init);
    CHECK(main_box.static_init->kind == ast::CallableKind::StaticInit);
    CHECK(main_box.static_init->loc == loc(18, 5));
    CHECK(main_box.static_init->owner_box == 1);
    CHECK(main_box.static_init->body.size() == 1);
    REQUIRE(main_box.methods.size() == 1);
    CHECK(main_box.methods[0]->owner_box == 1);
    CHECK(main_box.constructor == nullptr);

    CHECK(program->boxes[2]->constructor->name == "pack");
    CHECK(program->boxes[2]->constructor->owner_box == 2);

    REQUIRE(program->functions.size() == 1);
    const auto& add = *program->functions[0];
    CHECK(add.kind == ast::CallableKind::Function);
    CHECK(add.name == "add");
    CHECK(add.loc == loc(21, 10));
    REQUIRE(add.params.size() == 2);
    CHECK(add.params[1].name == "b");
    CHECK(add.params[1].loc == loc(21, 17));
    CHECK(add.owner_box == -1);

    CHECK(program->script->kind == ast::CallableKind::Script);
    CHECK(program->script->name == "<script>");
    CHECK(program->script->body.size() == 1);
}

TEST_CASE("parser: rejected forms of spec 4.3 with message and location", "[parser]") {
    struct Case {
        const char* source;
        const char* error;
    };
    const Case cases[] = {
        {"box Name<T> { }", "generic boxes are not supported @1:9"},
        {"box A from Name<T> { }", "generic boxes are not supported @1:16"},
        {"local x = new Name<T>()", "generic boxes are not supported @1:19"},
        {"box C from A, B { }", "multiple delegation is not supported @1:13"},
        {"static box S from P { }", "static boxes cannot use delegation @1:14"},
        {"static box S interface I { }", "static boxes cannot implement interfaces @1:14"},
        {"static box S {\n  birth() { }\n}", "static boxes cannot have constructors @2:3"},
        {"static box S {\n  init(a) { }\n}", "static boxes cannot have constructors @2:3"},
        {"box B {\n  init() { }\n  pack(x) { }\n}", "box 'B' declares more than one constructor @3:3"},
        {"static box S {\n  static { }\n  static { }\n}", "static box 'S' has more than one static block @3:3"},
        {"box B {\n  override birth() { }\n}", "constructors cannot be marked override @2:12"},
        {"box Old {\n    value\n    get() { return me.value }\n}", "field 'value' must be declared inside init { } @2:5"},
        {"box Cat {\n    init { name }\n    Cat(n) { me.name = n }\n}",
         "constructor must be named birth, init or pack (not 'Cat') @3:5"},
        {"box B {\n  init { f }\n  init { g, f }\n}", "duplicate field 'f' in box 'B' @3:13"},
        {"box B {\n  init { f, weak f }\n}", "duplicate field 'f' in box 'B' @2:18"},
        {"box B {\n  m() { }\n  m(x) { }\n}", "duplicate method 'm' in box 'B' @3:3"},
        {"box B {\n  m() { }\n  override m() { }\n}", "duplicate method 'm' in box 'B' @3:12"},
        {"function f(a, b, a) { }", "duplicate parameter 'a' @1:18"},
        {"box B { m(p, p) { } }", "duplicate parameter 'p' @1:14"},
        {"try {\n} catch (Exception e) {\n}", "typed catch clauses are not supported @2:20"},
        {"try { }\nprint(1)", "'try' requires 'catch' or 'finally' @1:8"},
        {"try { }", "'try' requires 'catch' or 'finally' @1:8"},
        {"nowait f = 42", "unsupported feature 'nowait' @1:1"},
        {"x = await f()", "unsupported feature 'await' @1:5"},
        {"include \"other.nyash\"", "unsupported feature 'include' @1:1"},
        {"print(outbox)", "unsupported feature 'outbox' @1:7"},
        {"local using = 1", "unsupported feature 'using' @1:7"},
        {"o.global()", "unsupported feature 'global' @1:3"},
        {"local a = 1 nowait", "unsupported feature 'nowait' @1:13"},
        {"static function f() { }", "unsupported feature 'static function' @1:8"},
        {"box B { static function f() { } }", "unsupported feature 'static function' @1:16"},
        {"if x {\n  box A { }\n}", "declarations are only allowed at top level @2:3"},
        {"function f() { function g() { } }", "declarations are only allowed at top level @1:16"},
        {"loop(x) { static box S { } }", "declarations are only allowed at top level @1:11"},
        {"box B { m() { interface I { } } }", "declarations are only allowed at top level @1:15"},
        {"local a = 1\na + 1 = 3", "invalid assignment target @2:7"},
        {"f() = 1", "invalid assignment target @1:5"},
        {"(a) = 1", "invalid assignment target @1:5"},
        {"(o.f) = 1", "invalid assignment target @1:7"},
        {"o.m() = 1", "invalid assignment target @1:7"},
        {"1 = 2", "invalid assignment target @1:3"},
    };
    for (const Case& c : cases) {
        INFO(c.source);
        CHECK(first_error(c.source) == c.error);
    }
    CHECK(first_error("(o).f = 1") == "no error");
    CHECK(first_error("try { } finally { }") == "no error");
}

TEST_CASE("parser: generic 'unexpected X, expected Y' errors", "[parser]") {
    struct Case {
        const char* source;
        const char* error;
    };
    const Case cases[] = {
        {"function f() {\n    print(\"x\")\n", "unexpected end of file, expected '}' @3:1"},
        {"local x = 1 +* 2", "unexpected '*', expected expression @1:14"},
        {"local a = 1 local b = 2", "unexpected 'local', expected newline or ';' @1:13"},
        {"print(1) print(2)", "unexpected 'print', expected newline or ';' @1:10"},
        {"box A { } box B { }", "unexpected 'box', expected newline or ';' @1:11"},
        {"print(1) }", "unexpected '}', expected newline or ';' @1:10"},
        {"}", "unexpected '}', expected statement @1:1"},
        {"else { }", "unexpected 'else', expected statement @1:1"},
        {"x\n.foo()", "unexpected '.', expected statement @2:1"},
        {"a = b = 1", "unexpected '=', expected newline or ';' @1:7"},
        {"f(1,)", "unexpected ')', expected expression @1:5"},
        {"function f(a,) { }", "unexpected ')', expected parameter name @1:14"},
        {"print(1, 2)", "unexpected ',', expected ')' @1:8"},
        {"local x = print(1)", "unexpected 'print', expected expression @1:11"},
        {"x.init", "unexpected 'init', expected member name @1:3"},
        {"if x\nprint(1)", "unexpected 'print', expected '{' @2:1"},
        {"if x { } else\nif y { }", "unexpected 'if', expected '{' @2:1"},
        {"loop x { }", "unexpected 'x', expected '(' @1:6"},
        {"new ArrayBox", "unexpected end of file, expected '(' @1:13"},
        {"local 5", "unexpected number, expected variable name @1:7"},
        {"print(\"a\" \"b\")", "unexpected string literal, expected ')' @1:11"},
        {"return 1 2", "unexpected number, expected newline or ';' @1:10"},
        {"local x = (1\n", "unexpected end of file, expected ')' @2:1"},
        {"box B { init { a b } }", "unexpected 'b', expected ',', newline or '}' @1:18"},
        {"box B { init { a,, b } }", "unexpected ',', expected field name @1:18"},
        {"box B { static { } }", "unexpected 'static', expected a field block, constructor or method "
                                 "(static blocks are only allowed in static boxes) @1:9"},
        {"box B { 5 }", "unexpected number, expected a field block, constructor or method @1:9"},
        {"box B", "unexpected end of file, expected '{' @1:6"},
        {"static print(1)", "unexpected 'print', expected 'box' @1:8"},
        {"interface I { m() n() }", "unexpected 'n', expected newline, ';' or '}' @1:19"},
        {"from P.x", "unexpected end of file, expected '(' @1:9"},
        {"from P.local()", "unexpected 'local', expected method name @1:8"},
        {"try { } catch e { }", "unexpected 'e', expected '(' @1:15"},
        {"local x = 5\n  .abs()", "unexpected '.', expected statement @2:3"},
    };
    for (const Case& c : cases) {
        INFO(c.source);
        CHECK(first_error(c.source) == c.error);
    }
}

TEST_CASE("parser: error recovery collects several errors in source order", "[parser]") {
    const nyash::ParseResult result = parse_source(R"(local a = 1 +
print(2)
local b = * 3
box B {
  value
  ok() { local c = ) }
  init { x, x }
}
function f( { }
local ok = 1
print(ok ok)
)");
    std::vector<std::string> errors;
    for (const auto& error : result.errors) errors.push_back(describe(error));
    CHECK(errors == std::vector<std::string>{
                        "unexpected 'print', expected expression @2:1",
                        "unexpected '*', expected expression @3:11",
                        "field 'value' must be declared inside init { } @5:3",
                        "unexpected ')', expected expression @6:20",
                        "duplicate field 'x' in box 'B' @7:13",
                        "unexpected '{', expected parameter name @9:13",
                        "unexpected 'ok', expected ')' @11:10",
                    });
}

TEST_CASE("parser: errors are capped and reported first-in-source-order", "[parser]") {
    std::string source;
    for (int i = 0; i < 50; ++i) source += "local = 1\n";
    const nyash::ParseResult result = parse_source(source);
    REQUIRE(result.errors.size() == nyash::kMaxSyntaxErrors);
    for (size_t i = 0; i < result.errors.size(); ++i) {
        CHECK(result.errors[i].loc() == loc(static_cast<uint32_t>(i + 1), 7));
    }
    // Errors that leave the parse well-formed and ones that unwind are both collected.
    const nyash::ParseResult two = parse_source("box B { m(a, a) { local = 1 } }");
    REQUIRE(two.errors.size() == 2);
    CHECK(describe(two.errors[0]) == "duplicate parameter 'a' @1:14");
}

TEST_CASE("parser: the syntax errors of the conformance corpus", "[parser][conformance]") {
    // Programs whose reported error is the lexer's or the parser's; the other 1xx errors belong
    // to the resolver, and every other program must lex and parse cleanly.
    const std::set<std::string> syntax_error_tests = {
        "106", "107", "113", "114", "115", "116", "118", "119", "120", "122", "123", "124", "128", "129", "130", "310",
    };
    namespace fs = std::filesystem;
    size_t checked = 0;
    for (const auto& entry : fs::directory_iterator(NYASH_CONFORMANCE_DIR)) {
        if (entry.path().extension() != ".nyash") continue;
        const std::string name = entry.path().filename().string();
        std::ifstream file(entry.path(), std::ios::binary);
        const std::string source((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        const nyash::LexResult lexed = nyash::lex(source);
        const std::vector<nyash::NyashError> errors = lexed.errors.empty() ? nyash::parse(lexed.tokens).errors : lexed.errors;
        INFO(name);
        ++checked;
        if (!syntax_error_tests.contains(name.substr(0, 3))) {
            CHECK(errors.empty());
            continue;
        }
        REQUIRE_FALSE(errors.empty());
        std::ifstream err_file(fs::path(entry.path()).replace_extension(".err"));
        std::string expected_message;
        std::string expected_location;
        std::getline(err_file, expected_message);
        std::getline(err_file, expected_location);
        const std::string line = errors[0].format(name);
        CHECK_THAT(line, Catch::Contains(expected_message) && Catch::Contains(expected_location));
    }
    CHECK(checked > 100);
}

TEST_CASE("compile_source: phases and their precedence", "[frontend]") {
    const auto lexical = nyash::compile_source("local x = )\nprint(\"a\\q\")");
    REQUIRE(lexical.errors.size() == 1);
    CHECK(lexical.errors[0].message() == "invalid escape sequence '\\q'");
    CHECK(lexical.program == nullptr);

    const auto syntax = nyash::compile_source("print(undefined_name)\nlocal = 1");
    REQUIRE(syntax.errors.size() == 1);
    CHECK(syntax.errors[0].message() == "unexpected '=', expected variable name");
    CHECK(syntax.program == nullptr);

    const auto fine = nyash::compile_source("print(1)");
    CHECK(fine.ok());
    CHECK(fine.program != nullptr);
}

TEST_CASE("format_diagnostic: error line, source line and caret", "[frontend]") {
    const nyash::NyashError error(nyash::ErrorKind::SyntaxError, "unexpected '*'", loc(1, 14));
    CHECK(nyash::format_diagnostic(error, "f.nyash", "local x = 1 +* 2\n") ==
          "SyntaxError: unexpected '*' at f.nyash:1:14\n"
          "    local x = 1 +* 2\n" +
              std::string(4 + 13, ' ') + "^");
    // Tabs are mirrored; columns count code points; CR and the BOM are not shown.
    const nyash::NyashError division(nyash::ErrorKind::ZeroDivisionError, "division by zero", loc(2, 18));
    CHECK(nyash::format_diagnostic(division, "d.nyash", "\xEF\xBB\xBFprint(1)\r\n\tprint(\"日本\" + (1 / 0))\r\n") ==
          "ZeroDivisionError: division by zero at d.nyash:2:18\n"
          "    \tprint(\"日本\" + (1 / 0))\n"
          "    \t" + std::string(16, ' ') + "^");
    // A newline or end-of-file token sits just past the line's text.
    const nyash::NyashError eof(nyash::ErrorKind::SyntaxError, "unexpected end of file", loc(3, 1));
    CHECK(nyash::format_diagnostic(eof, "e.nyash", "a\nb\n") == "SyntaxError: unexpected end of file at e.nyash:3:1\n    \n    ^");
    const nyash::NyashError newline(nyash::ErrorKind::SyntaxError, "unexpected newline", loc(1, 4));
    CHECK(nyash::format_diagnostic(newline, "n.nyash", "f(a\r\n") ==
          "SyntaxError: unexpected newline at n.nyash:1:4\n    f(a\n" + std::string(4 + 3, ' ') + "^");
    // Invalid bytes are shown as U+FFFD so the output stays UTF-8.
    const nyash::NyashError utf8(nyash::ErrorKind::SyntaxError, "invalid UTF-8 in source", loc(1, 2));
    CHECK(nyash::format_diagnostic(utf8, "u.nyash", "a\xff") ==
          "SyntaxError: invalid UTF-8 in source at u.nyash:1:2\n    a\xEF\xBF\xBD\n     ^");
    // Without a location there is nothing to point at.
    const nyash::NyashError unlocated(nyash::ErrorKind::TypeError, "bad");
    CHECK(nyash::format_diagnostic(unlocated, "x.nyash", "a") == "TypeError: bad");
}

TEST_CASE("dump_ast: stable indented S-expressions", "[frontend]") {
    const auto program = parse_ok("box P {\n  init { weak o }\n  birth(a) { me.o = a }\n}\n"
                                  "function f(x) { return -x }\nlocal v = f(1) + 2.5\nif v { print(\"a\\n\") }");
    CHECK(nyash::dump_ast(*program) ==
          "(program sites=0\n"
          "  (box P #0 @1:5\n"
          "    (field o @2:15 weak)\n"
          "    (constructor birth @3:3 params=(a)\n"
          "      (assign @3:19\n"
          "        (field o @3:17\n"
          "          (me @3:14))\n"
          "        (name a @3:21))))\n"
          "  (function f @5:10 params=(x)\n"
          "    (return @5:17\n"
          "      (unary - @5:24\n"
          "        (name x @5:25))))\n"
          "  (script @1:1\n"
          "    (local @6:1\n"
          "      (declare v @6:7\n"
          "        (binary + @6:16\n"
          "          (call f @6:11\n"
          "            (int 1 @6:13))\n"
          "          (float 2.5 @6:18))))\n"
          "    (if @7:1\n"
          "      (name v @7:4)\n"
          "      (then\n"
          "        (print @7:8\n"
          "          (string \"a\\n\" @7:14))))))\n");
}
