// Resolver: semantic checks (exact kind, message and location) and the resolved AST fields.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>

#include "frontend/frontend.hpp"
#include "frontend/lexer.hpp"
#include "frontend/parser.hpp"
#include "frontend/resolver.hpp"

using namespace nyash;
using namespace nyash::ast;

namespace {

// The reported compile error as the CLI prints it (spec §12.1), for one-line comparisons.
std::string first_error(std::string_view source) {
    CompileResult result = compile_source(source);
    if (result.ok()) return "(no error)";
    return result.errors.front().format("t.nyash");
}

std::unique_ptr<Program> compile_ok(std::string_view source) {
    CompileResult result = compile_source(source);
    INFO(first_error(source));
    REQUIRE(result.ok());
    REQUIRE(result.program);
    return std::move(result.program);
}

// Lexed and parsed but not yet resolved, to look at what resolve() fills in even when it rejects.
std::unique_ptr<Program> parse_only(std::string_view source) {
    LexResult lexed = lex(source);
    REQUIRE(lexed.errors.empty());
    ParseResult parsed = parse(lexed.tokens);
    REQUIRE(parsed.errors.empty());
    return std::move(parsed.program);
}

template <class T>
T& stmt_at(Block& block, size_t index) {
    REQUIRE(index < block.size());
    return dynamic_cast<T&>(*block[index]);
}

template <class T>
T& as(Expr& expr) {
    return dynamic_cast<T&>(expr);
}

Expr& print_value(Block& block, size_t index) { return *stmt_at<PrintStmt>(block, index).value; }

Callable& method_named(BoxDecl& box, std::string_view name) {
    auto it = std::ranges::find(box.methods, name, [](const auto& method) -> std::string_view { return method->name; });
    REQUIRE(it != box.methods.end());
    return **it;
}

}  // namespace

// ---------------------------------------------------------------- namespaces (§5.1)

TEST_CASE("resolver: duplicate box names, including built-in names and interfaces", "[resolver]") {
    CHECK(first_error("box Twice { }\nbox Twice { }") == "SyntaxError: duplicate box 'Twice' at t.nyash:2:5");
    CHECK(first_error("box ArrayBox { }") == "SyntaxError: duplicate box 'ArrayBox' at t.nyash:1:5");
    CHECK(first_error("static box ConsoleBox { }") == "SyntaxError: duplicate box 'ConsoleBox' at t.nyash:1:12");
    CHECK(first_error("box A { }\nstatic box A { }") == "SyntaxError: duplicate box 'A' at t.nyash:2:12");
    // Interfaces share the namespace; the report is at the second name in the file.
    CHECK(first_error("interface Shape { area() }\nbox Shape { }") ==
          "SyntaxError: duplicate box 'Shape' at t.nyash:2:5");
    CHECK(first_error("box Shape { }\ninterface Shape { area() }") ==
          "SyntaxError: duplicate box 'Shape' at t.nyash:2:11");
}

TEST_CASE("resolver: duplicate functions", "[resolver]") {
    CHECK(first_error("function f() { }\nfunction g() { }\nfunction f(a) { }") ==
          "SyntaxError: duplicate function 'f' at t.nyash:3:10");
    // Functions and boxes live in different namespaces.
    compile_ok("function Point() { }\nbox Point { }");
}

// ---------------------------------------------------------------- delegation (§9.6)

TEST_CASE("resolver: the parent must be an ordinary user box", "[resolver]") {
    CHECK(first_error("box C from Nope { }") == "NameError: unknown box type 'Nope' at t.nyash:1:12");
    CHECK(first_error("box MyList from ArrayBox {\n    init { extra }\n}") ==
          "SyntaxError: cannot delegate to builtin box 'ArrayBox' at t.nyash:1:17");
    CHECK(first_error("static box S { }\nbox C from S { }") ==
          "SyntaxError: cannot delegate to static box 'S' at t.nyash:2:12");
    CHECK(first_error("interface I { m() }\nbox C from I { }") ==
          "SyntaxError: cannot delegate to interface 'I' at t.nyash:2:12");
}

TEST_CASE("resolver: parent_index follows the parent declared later in the file", "[resolver]") {
    auto program = compile_ok("box C from B { }\nbox A { }\nbox B from A { }");
    CHECK(program->boxes[0]->parent_index == 2);
    CHECK(program->boxes[1]->parent_index == -1);
    CHECK(program->boxes[2]->parent_index == 1);
}

TEST_CASE("resolver: circular delegation is reported at the first box whose chain does not end",
          "[resolver]") {
    CHECK(first_error("box A from A { }") == "SyntaxError: circular delegation involving 'A' at t.nyash:1:5");
    CHECK(first_error("box A from B { }\nbox B from A { }") ==
          "SyntaxError: circular delegation involving 'A' at t.nyash:1:5");
    // D is not on the cycle but its chain never ends, and it comes first.
    CompileResult result = compile_source("box D from B { }\nbox A from B { }\nbox B from A { }");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].format("t.nyash") == "SyntaxError: circular delegation involving 'D' at t.nyash:1:5");
    // Two separate cycles are two errors.
    CHECK(compile_source("box A from B { }\nbox B from A { }\nbox C from C { }").errors.size() == 2);
}

TEST_CASE("resolver: a box on a cycle gets no override or from errors", "[resolver]") {
    CompileResult result = compile_source("box A from B { f() { } }\nbox B from A { f() { return from C.f() } }");
    REQUIRE(result.errors.size() == 1);
    CHECK(result.errors[0].message() == "circular delegation involving 'A'");
}

// ---------------------------------------------------------------- override (§9.6)

TEST_CASE("resolver: override is enforced in both directions", "[resolver]") {
    CHECK(first_error("box Base {\n    hello() { return \"base\" }\n}\n"
                      "box Child from Base {\n    hello() { return \"child\" }\n}") ==
          "SyntaxError: method 'hello' in box 'Child' overrides 'Base.hello' without 'override' at t.nyash:5:5");
    CHECK(first_error("box Base {\n    hello() { return 1 }\n}\n"
                      "box Child from Base {\n    override goodbye() { return 2 }\n}") ==
          "SyntaxError: method 'goodbye' in box 'Child' is marked 'override' but no parent defines it at "
          "t.nyash:5:14");
    CHECK(first_error("static box S {\n    override main() { }\n}") ==
          "SyntaxError: method 'main' in box 'S' is marked 'override' but no parent defines it at t.nyash:2:14");
}

TEST_CASE("resolver: the override message names the nearest ancestor declaring the method", "[resolver]") {
    CHECK(first_error("box A { f() { } }\nbox B from A { override f() { } }\nbox C from B { f() { } }") ==
          "SyntaxError: method 'f' in box 'C' overrides 'B.f' without 'override' at t.nyash:3:16");
    CHECK(first_error("box A { f() { } }\nbox B from A { }\nbox C from B { f() { } }") ==
          "SyntaxError: method 'f' in box 'C' overrides 'A.f' without 'override' at t.nyash:3:16");
}

TEST_CASE("resolver: correct overrides and constructors in a chain compile", "[resolver]") {
    compile_ok("box A { birth() { } f() { } g() { } }\n"
               "box B from A { birth() { from A.birth() } override f() { } h() { } }\n"
               "box C from B { override g() { } override h() { } }");
}

// ---------------------------------------------------------------- entry point (§9.9)

TEST_CASE("resolver: entry box selection", "[resolver]") {
    CHECK(compile_ok("print(1)")->entry_box == -1);
    CHECK(compile_ok("static box Main { main() { } }")->entry_box == 0);
    CHECK(compile_ok("static box X { f() { } }\nstatic box Y { main() { } }\nstatic box Z { main() { } }")->entry_box == 1);
    CHECK(compile_ok("static box Y { main() { } }\nstatic box Main { main() { } }")->entry_box == 1);
    CHECK(compile_ok("static box Main { f() { } }\nstatic box Y { main() { } }")->entry_box == 1);
    CHECK(compile_ok("box Main { main() { } }")->entry_box == -1);
}

TEST_CASE("resolver: the entry main takes no parameters", "[resolver]") {
    CHECK(first_error("static box Main {\n    main(args) { print(args) }\n}") ==
          "SyntaxError: entry method main() must take no parameters at t.nyash:2:5");
    CHECK(first_error("static box First {\n    main(a) { }\n}\nstatic box Second { main() { } }") ==
          "SyntaxError: entry method main() must take no parameters at t.nyash:2:5");
    // Other boxes' main methods are ordinary methods.
    compile_ok("static box Main { main() { } }\nstatic box Other { main(a) { } }\nbox B { main(x) { } }");
}

// ---------------------------------------------------------------- scopes (§5.2, §5.3)

TEST_CASE("resolver: undefined and undeclared names (conformance 100-102, 132, 133)", "[resolver]") {
    CHECK(first_error("print(\"this line must not run\")\nprint(undefinedThing)") ==
          "NameError: undefined variable 'undefinedThing' at t.nyash:2:7");
    CHECK(first_error("local ok = 1\ncounter = ok + 1") ==
          "NameError: assignment to undeclared variable 'counter' at t.nyash:2:1");
    CHECK(first_error("if true {\n    local inner = 5\n}\nprint(inner)") ==
          "NameError: undefined variable 'inner' at t.nyash:4:7");
    CHECK(first_error("function f() {\n    x = 1\n    local x\n    return x\n}") ==
          "NameError: assignment to undeclared variable 'x' at t.nyash:2:5");
    CHECK(first_error("local config = 5\nfunction f() {\n    return config\n}\nprint(f())") ==
          "NameError: undefined variable 'config' at t.nyash:3:12");
}

TEST_CASE("resolver: top-level locals are invisible in methods and constructors", "[resolver]") {
    CHECK(first_error("local g = 1\nbox B { m() { return g } }") == "NameError: undefined variable 'g' at t.nyash:2:22");
    CHECK(first_error("local g = 1\nbox B { birth() { g = 2 } }") ==
          "NameError: assignment to undeclared variable 'g' at t.nyash:2:19");
}

TEST_CASE("resolver: a declarator's own initializer sees the outer variable", "[resolver]") {
    auto program = compile_ok("local x = 1\nif true {\n    local x = x + 1\n    print(x)\n}\nprint(x)");
    Block& script = program->script->body;
    CHECK(stmt_at<LocalStmt>(script, 0).declarators[0].slot == 0);
    auto& inner_if = stmt_at<IfStmt>(script, 1);
    Declarator& inner = stmt_at<LocalStmt>(inner_if.then_body, 0).declarators[0];
    CHECK(inner.slot == 1);
    auto& init_x = as<NameExpr>(*as<BinaryExpr>(*inner.init).lhs);
    CHECK(init_x.binding == NameBinding::Local);
    CHECK(init_x.slot == 0);
    CHECK(as<NameExpr>(print_value(inner_if.then_body, 1)).slot == 1);
    CHECK(as<NameExpr>(print_value(script, 2)).slot == 0);

    CHECK(first_error("local x = x + 1") == "NameError: undefined variable 'x' at t.nyash:1:11");
}

TEST_CASE("resolver: later declarators see earlier ones; redeclaration shadows", "[resolver]") {
    auto program = compile_ok("local a = 1, b = a + 1\nlocal a = a + b\nprint(a)");
    Block& script = program->script->body;
    auto& first = stmt_at<LocalStmt>(script, 0);
    CHECK(first.declarators[0].slot == 0);
    CHECK(first.declarators[1].slot == 1);
    CHECK(as<NameExpr>(*as<BinaryExpr>(*first.declarators[1].init).lhs).slot == 0);
    Declarator& again = stmt_at<LocalStmt>(script, 1).declarators[0];
    CHECK(again.slot == 2);
    CHECK(as<NameExpr>(*as<BinaryExpr>(*again.init).lhs).slot == 0);
    CHECK(as<NameExpr>(print_value(script, 2)).slot == 2);
    CHECK(program->script->frame_size == 3);
}

TEST_CASE("resolver: parameters take the first slots and may be shadowed", "[resolver]") {
    auto program = compile_ok("function f(a, b) {\n    local c = a\n    if c { local a = b\n return a }\n    a = c\n"
                              "    return a\n}");
    Callable& f = *program->functions[0];
    CHECK(stmt_at<LocalStmt>(f.body, 0).declarators[0].slot == 2);
    auto& branch = stmt_at<IfStmt>(f.body, 1);
    CHECK(stmt_at<LocalStmt>(branch.then_body, 0).declarators[0].slot == 3);
    CHECK(as<NameExpr>(*stmt_at<ReturnStmt>(branch.then_body, 1).value).slot == 3);
    CHECK(as<NameExpr>(*stmt_at<AssignStmt>(f.body, 2).target).slot == 0);
    CHECK(as<NameExpr>(*stmt_at<ReturnStmt>(f.body, 3).value).slot == 0);
    CHECK(f.frame_size == 4);
}

TEST_CASE("resolver: sibling scopes reuse slots; frame_size is the deepest need", "[resolver]") {
    auto program = compile_ok("function f(p) {\n    if p { local a = 1 } else { local b = 2\n local c = 3 }\n"
                              "    loop(p) { local d }\n}");
    Callable& f = *program->functions[0];
    auto& branch = stmt_at<IfStmt>(f.body, 0);
    CHECK(stmt_at<LocalStmt>(branch.then_body, 0).declarators[0].slot == 1);
    CHECK(stmt_at<LocalStmt>(branch.else_body, 0).declarators[0].slot == 1);
    CHECK(stmt_at<LocalStmt>(branch.else_body, 1).declarators[0].slot == 2);
    CHECK(stmt_at<LocalStmt>(stmt_at<LoopStmt>(f.body, 1).body, 0).declarators[0].slot == 1);
    CHECK(f.frame_size == 3);
    CHECK(first_error("loop(false) { local t = 1 }\nprint(t)") == "NameError: undefined variable 't' at t.nyash:2:7");
}

TEST_CASE("resolver: static box names before '.'", "[resolver]") {
    auto program = compile_ok("static box S {\n    init { v }\n    f() { return S.v }\n}\nprint(S.f())\nS.v = 2");
    auto& call = as<MethodCallExpr>(print_value(program->script->body, 0));
    auto& receiver = as<NameExpr>(*call.receiver);
    CHECK(receiver.binding == NameBinding::StaticBox);
    CHECK(receiver.box_index == 0);
    auto& target = as<FieldExpr>(*stmt_at<AssignStmt>(program->script->body, 1).target);
    CHECK(as<NameExpr>(*target.object).binding == NameBinding::StaticBox);
    auto& inside = as<FieldExpr>(*stmt_at<ReturnStmt>(program->boxes[0]->methods[0]->body, 0).value);
    CHECK(as<NameExpr>(*inside.object).binding == NameBinding::StaticBox);

    CHECK(first_error("static box S { }\nlocal x = S") == "NameError: undefined variable 'S' at t.nyash:2:11");
    CHECK(first_error("static box S { }\nS = 1") == "NameError: assignment to undeclared variable 'S' at t.nyash:2:1");
    CHECK(first_error("box B { f() { } }\nB.f()") == "NameError: undefined variable 'B' at t.nyash:2:1");
    CHECK(first_error("function f() { }\nf = 1") == "NameError: assignment to undeclared variable 'f' at t.nyash:2:1");
}

TEST_CASE("resolver: a local shadows a static box name", "[resolver]") {
    auto program = compile_ok("static box S { f() { } }\nlocal S = new ArrayBox()\nprint(S.length())");
    auto& receiver = as<NameExpr>(*as<MethodCallExpr>(print_value(program->script->body, 1)).receiver);
    CHECK(receiver.binding == NameBinding::Local);
    CHECK(receiver.slot == 0);
}

// ---------------------------------------------------------------- calls and new (§5.3)

TEST_CASE("resolver: function calls are hoisted and never shadowed by locals", "[resolver]") {
    auto program = compile_ok("local f = 2\nprint(f())\nfunction g() { }\nfunction f() { return g() }");
    CHECK(as<CallExpr>(print_value(program->script->body, 1)).function_index == 1);
    CHECK(as<CallExpr>(*stmt_at<ReturnStmt>(program->functions[1]->body, 0).value).function_index == 0);
    CHECK(first_error("print(\"no output expected\")\nprint(missing(1))") ==
          "NameError: undefined function 'missing' at t.nyash:2:7");
}

TEST_CASE("resolver: new resolves built-in and user boxes", "[resolver]") {
    auto program = compile_ok("box P { }\nprint(new ArrayBox())\nprint(new P())");
    auto& builtin = as<NewExpr>(print_value(program->script->body, 0));
    REQUIRE(builtin.builtin_box.has_value());
    CHECK(*builtin.builtin_box == BuiltinBox::ArrayBox);
    CHECK(builtin.box_index == -1);
    auto& user = as<NewExpr>(print_value(program->script->body, 1));
    CHECK_FALSE(user.builtin_box.has_value());
    CHECK(user.box_index == 0);
}

TEST_CASE("resolver: new rejects unknown, static and interface box types at 'new'", "[resolver]") {
    CHECK(first_error("local x = new Widget()") == "NameError: unknown box type 'Widget' at t.nyash:1:11");
    CHECK(first_error("local f = new FileBox(\"x\")") == "NameError: unknown box type 'FileBox' at t.nyash:1:11");
    CHECK(first_error("static box Tools {\n    ping() { return 1 }\n}\nlocal t = new Tools()") ==
          "NameError: cannot instantiate static box 'Tools' at t.nyash:4:11");
    CHECK(first_error("interface I { m() }\nlocal x = new I()") ==
          "NameError: cannot instantiate interface 'I' at t.nyash:2:11");
}

// ---------------------------------------------------------------- context rules (§5.4)

TEST_CASE("resolver: me only inside box members", "[resolver]") {
    CHECK(first_error("function f() {\n    return me\n}") == "SyntaxError: 'me' outside of box method at t.nyash:2:12");
    CHECK(first_error("print(this)") == "SyntaxError: 'me' outside of box method at t.nyash:1:7");
    compile_ok("box B { init { v }\n birth() { me.v = 1 }\n get() { return this.v } }\n"
               "static box S { f() { me.x = 1 } }");
}

TEST_CASE("resolver: from only inside methods and constructors of ordinary boxes", "[resolver]") {
    CHECK(first_error("box A { m() { } }\nfunction f() { return from A.m() }") ==
          "SyntaxError: 'from' outside of box method at t.nyash:2:23");
    CHECK(first_error("box A { m() { } }\nfrom A.m()") == "SyntaxError: 'from' outside of box method at t.nyash:2:1");
    CHECK(first_error("box A { m() { } }\nstatic box S { f() { from A.m() } }") ==
          "SyntaxError: 'from' outside of box method at t.nyash:2:22");
}

TEST_CASE("resolver: from P requires a proper ancestor of the enclosing box", "[resolver]") {
    CHECK(first_error("box A {\n    f() { return 1 }\n}\nbox B {\n    g() { return from A.f() }\n}") ==
          "SyntaxError: 'A' is not a parent of box 'B' at t.nyash:5:18");
    CHECK(first_error("box A { f() { return from A.f() } }") ==
          "SyntaxError: 'A' is not a parent of box 'A' at t.nyash:1:22");
    CHECK(first_error("box B { f() { return from ArrayBox.push(1) } }") ==
          "SyntaxError: 'ArrayBox' is not a parent of box 'B' at t.nyash:1:22");
    CHECK(first_error("box A { }\nbox B from A { f() { return from Zed.f() } }") ==
          "SyntaxError: 'Zed' is not a parent of box 'B' at t.nyash:2:29");
}

TEST_CASE("resolver: from reaches any ancestor; a missing method is a run-time matter", "[resolver]") {
    auto program = compile_ok("box A { birth() { } f() { return 1 } }\nbox B from A { }\n"
                              "box C from B { birth() { from A.birth() }\n g() { return from A.nothing() } }");
    BoxDecl& c = *program->boxes[2];
    auto& ctor_call = as<FromCallExpr>(*stmt_at<ExprStmt>(c.constructor->body, 0).expr);
    CHECK(ctor_call.is_constructor);
    CHECK(ctor_call.parent_index == 0);
    CHECK(as<FromCallExpr>(*stmt_at<ReturnStmt>(method_named(c, "g").body, 0).value).parent_index == 0);
}

TEST_CASE("resolver: break and continue only inside a loop of the same callable", "[resolver]") {
    CHECK(first_error("function f() {\n    break\n}") == "SyntaxError: 'break' outside of loop at t.nyash:2:5");
    CHECK(first_error("local i = 0\nif i == 0 {\n    continue\n}") ==
          "SyntaxError: 'continue' outside of loop at t.nyash:3:5");
    CHECK(first_error("loop(true) { break }\nbreak") == "SyntaxError: 'break' outside of loop at t.nyash:2:1");
    compile_ok("loop(true) { if true { continue } else { loop(false) { break } }\n break }\n"
               "function f() { loop(true) { break } }");
}

TEST_CASE("resolver: return only inside callables; constructors return no value", "[resolver]") {
    CHECK(first_error("print(\"a\")\nreturn 5") == "SyntaxError: 'return' outside of function at t.nyash:2:1");
    CHECK(first_error("if true { return }") == "SyntaxError: 'return' outside of function at t.nyash:1:11");
    CHECK(first_error("box R {\n    birth() { return 5 }\n}") ==
          "SyntaxError: constructor cannot return a value at t.nyash:2:15");
    compile_ok("box R { init { v }\n birth(v) { if v { return }\n me.v = v }\n get() { return me.v } }\n"
               "function f() { return }");
}

// ---------------------------------------------------------------- ids and sites

// Source order of the declarations, so appending declarations never renumbers earlier ones
// (the REPL relies on it, docs/repl.md).
TEST_CASE("resolver: callable ids cover the script, then the declarations in source order", "[resolver]") {
    auto program = compile_ok("box B { m1() { } birth(x) { } m2(a, b) { } }\nfunction f() { }\n"
                              "static box S { main() { } }\nfunction g() { }");
    REQUIRE(program->callables.size() == 7);
    CHECK(program->script->id == 0);
    CHECK(program->boxes[0]->constructor->id == 1);
    CHECK(method_named(*program->boxes[0], "m1").id == 2);
    CHECK(method_named(*program->boxes[0], "m2").id == 3);
    CHECK(program->functions[0]->id == 4);
    CHECK(program->boxes[1]->methods[0]->id == 5);
    CHECK(program->functions[1]->id == 6);
    for (size_t id = 0; id < program->callables.size(); ++id) CHECK(program->callables[id]->id == static_cast<int>(id));
    CHECK(program->callables[1]->kind == CallableKind::Constructor);
    CHECK(program->boxes[0]->constructor->frame_size == 1);
    CHECK(method_named(*program->boxes[0], "m2").frame_size == 2);
}

TEST_CASE("resolver: every member access gets a dense site index", "[resolver]") {
    auto program = compile_ok("function f(o) { return o.x }\nlocal a = new ArrayBox()\na.push(1)\n"
                              "print(a.length())\nbox B { init { v }\n get() { return me.v } }");
    CHECK(program->site_count == 4);
    CHECK(as<MethodCallExpr>(*stmt_at<ExprStmt>(program->script->body, 1).expr).site == 0);
    CHECK(as<MethodCallExpr>(print_value(program->script->body, 2)).site == 1);
    CHECK(as<FieldExpr>(*stmt_at<ReturnStmt>(program->functions[0]->body, 0).value).site == 2);
    CHECK(as<FieldExpr>(*stmt_at<ReturnStmt>(program->boxes[0]->methods[0]->body, 0).value).site == 3);
}

// ---------------------------------------------------------------- error order

TEST_CASE("resolver: all errors are returned in source order", "[resolver]") {
    CompileResult result = compile_source("print(b)\nbox A { }\nbox A { }\nprint(a)\nbreak");
    REQUIRE(result.errors.size() == 4);
    CHECK(result.errors[0].format("t.nyash") == "NameError: undefined variable 'b' at t.nyash:1:7");
    CHECK(result.errors[1].format("t.nyash") == "SyntaxError: duplicate box 'A' at t.nyash:3:5");
    CHECK(result.errors[2].format("t.nyash") == "NameError: undefined variable 'a' at t.nyash:4:7");
    CHECK(result.errors[3].format("t.nyash") == "SyntaxError: 'break' outside of loop at t.nyash:5:1");
    CHECK_FALSE(result.program);
}

// ---------------------------------------------------------------- Tier 2 (§15)

TEST_CASE("resolver: an interface clause is checked against the box and its ancestors", "[resolver][tier2]") {
    CHECK(compile_ok("interface I { m(a)\n n() }\nbox P { m(x) { } }\nbox B from P interface I { n() { } }"));
    CHECK(first_error("interface I { m(a) }\nbox B interface I {\n    m() { }\n}") ==
          "SyntaxError: box 'B' does not implement 'm' from interface 'I' at t.nyash:2:5");
    CHECK(first_error("box B interface Missing { }") == "NameError: unknown interface 'Missing' at t.nyash:1:17");
    CHECK(first_error("box K { }\nbox B interface K { }") == "SyntaxError: 'K' is not an interface at t.nyash:2:17");
    CHECK(first_error("interface I { m() }\nlocal x = new I()") ==
          "NameError: cannot instantiate interface 'I' at t.nyash:2:11");
}

TEST_CASE("resolver: try, throw and static blocks follow the Tier 1 rules", "[resolver][tier2]") {
    CompileResult result = compile_source("try { print(x) } catch (e) { }\nthrow y");
    REQUIRE(result.errors.size() == 2);
    CHECK(result.errors[0].format("t.nyash") == "NameError: undefined variable 'x' at t.nyash:1:13");
    CHECK(result.errors[1].format("t.nyash") == "NameError: undefined variable 'y' at t.nyash:2:7");
    // The catch variable belongs to the catch block only.
    CHECK(first_error("try { } catch (e) { print(e) }\nprint(e)") == "NameError: undefined variable 'e' at t.nyash:2:7");
    CHECK(first_error("static box S {\n    static { return 1 }\n}") ==
          "SyntaxError: constructor cannot return a value at t.nyash:2:14");
}

TEST_CASE("resolver: catch variables and try-block locals get slots", "[resolver][tier2]") {
    auto program = parse_only("local a = 1\ntry { local b = a } catch (e) { print(e) } finally { local c }\nprint(a)");
    REQUIRE(resolve(*program).empty());
    auto& try_stmt = stmt_at<TryStmt>(program->script->body, 1);
    CHECK(stmt_at<LocalStmt>(try_stmt.body, 0).declarators[0].slot == 1);
    CHECK(try_stmt.catch_slot == 1);
    CHECK(as<NameExpr>(print_value(try_stmt.catch_body, 0)).slot == 1);
    CHECK(stmt_at<LocalStmt>(try_stmt.finally_body, 0).declarators[0].slot == 1);
    CHECK(program->script->frame_size == 2);
}

// ---------------------------------------------------------------- size limits

TEST_CASE("resolver: deep nesting, many locals and long delegation chains stay fast", "[resolver][robustness]") {
    std::string nested = "function f() {\n";
    for (int i = 0; i < 900; ++i)
        nested += "if true { local v" + std::to_string(i) + " = " + (i ? "v" + std::to_string(i - 1) : "1") + "\n";
    nested += std::string(900, '}') + "\n}";
    CHECK(compile_ok(nested)->functions[0]->frame_size == 900);

    std::string wide = "local x = 0\n";
    for (int i = 0; i < 5000; ++i) wide += "local x = x + 1\n";
    CHECK(compile_ok(wide)->script->frame_size == 5001);

    std::string chain = "box B0 { f() { return 0 } }\n";
    for (int i = 1; i < 1000; ++i)
        chain += "box B" + std::to_string(i) + " from B" + std::to_string(i - 1) +
                 " { override f() { return from B0.f() } }\n";
    auto program = compile_ok(chain);
    CHECK(program->boxes.back()->parent_index == 998);
    CHECK(first_error("box A from C { }\n" + chain + "box C from A { }") ==
          "SyntaxError: circular delegation involving 'A' at t.nyash:1:5");
}

// ---------------------------------------------------------------- conformance corpus

namespace {

std::string read_text(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>()};
}

// Every non-empty line of the .err file must occur in the error line (corpus README).
void check_expected_error(const std::string& reported, const std::filesystem::path& err_path) {
    std::ifstream err(err_path);
    for (std::string line; std::getline(err, line);)
        if (!line.empty()) CHECK_THAT(reported, Catch::Contains(line));
}

}  // namespace

// 1xx and the Tier 2 programs that expect a compile error (exit status 2) report exactly that
// error; everything else compiles.
TEST_CASE("resolver: the conformance corpus compiles or fails as expected", "[resolver][conformance]") {
    namespace fs = std::filesystem;
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(NYASH_CONFORMANCE_DIR)) {
        if (entry.path().extension() != ".nyash") continue;
        const std::string name = entry.path().filename().string();
        INFO(name);
        ++checked;
        CompileResult result = compile_source(read_text(entry.path()));
        std::string reported = result.ok() ? "(no error)" : result.errors.front().format(name);
        INFO(reported);
        const fs::path code = fs::path(entry.path()).replace_extension(".code");
        const bool compile_error = name[0] == '1' || (fs::exists(code) && read_text(code).starts_with("2"));
        if (compile_error) {
            REQUIRE_FALSE(result.ok());
            check_expected_error(reported, fs::path(entry.path()).replace_extension(".err"));
        } else {
            CHECK(result.ok());
        }
    }
    CHECK(checked > 100);
}
