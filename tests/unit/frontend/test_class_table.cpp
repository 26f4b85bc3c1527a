// Class table: field layout (§9.2), flattened method tables (§9.4, §9.6) and constructor
// inheritance (§9.5).
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "frontend/class_table.hpp"
#include "frontend/frontend.hpp"

using namespace nyash;

namespace {

std::unique_ptr<ast::Program> compile_ok(std::string_view source) {
    CompileResult result = compile_source(source);
    INFO((result.ok() ? std::string() : result.errors.front().format("t.nyash")));
    REQUIRE(result.ok());
    return std::move(result.program);
}

std::vector<std::string> field_names(const BoxClass& box_class) {
    std::vector<std::string> names;
    for (Symbol field : box_class.fields()) names.push_back(symbol_name(field));
    return names;
}

const ast::Callable& method_decl(const ast::BoxDecl& box, std::string_view name) {
    auto it = std::ranges::find(box.methods, name, [](const auto& method) -> std::string_view { return method->name; });
    REQUIRE(it != box.methods.end());
    return **it;
}

}  // namespace

TEST_CASE("class table: one class per box, same index, parents linked", "[class_table]") {
    auto program = compile_ok("box C from B { }\nbox A { }\nstatic box S { }\nbox B from A { }");
    ClassTable table = build_class_table(*program);
    REQUIRE(table.classes.size() == 4);
    for (uint32_t i = 0; i < 4; ++i) {
        CHECK(table.at(static_cast<int>(i)).index() == i);
        CHECK(table.at(static_cast<int>(i)).name() == program->boxes[i]->name);
    }
    CHECK(table.at(0).parent() == &table.at(3));
    CHECK(table.at(3).parent() == &table.at(1));
    CHECK(table.at(1).parent() == nullptr);
    CHECK(table.at(2).is_static());
    CHECK_FALSE(table.at(0).is_static());
}

TEST_CASE("class table: fields are ancestors first, in declaration order, merged by name", "[class_table]") {
    // The child comes first in the file: layout follows delegation, not source order.
    auto program = compile_ok("box C from B { init { z, x } }\nbox B from A {\n init { y }\n init { b2 } }\n"
                              "box A { init { x, a2 } }");
    ClassTable table = build_class_table(*program);
    CHECK(field_names(table.at(2)) == std::vector<std::string>{"x", "a2"});
    CHECK(field_names(table.at(1)) == std::vector<std::string>{"x", "a2", "y", "b2"});
    CHECK(field_names(table.at(0)) == std::vector<std::string>{"x", "a2", "y", "b2", "z"});
    CHECK(table.at(0).field_slot(intern("x")) == 0);
    CHECK(table.at(0).field_slot(intern("z")) == 4);
    CHECK(table.at(0).field_slot(intern("nope")) == -1);
    CHECK(table.at(2).field_slot(intern("z")) == -1);
}

TEST_CASE("class table: static boxes get their declared fields", "[class_table]") {
    auto program = compile_ok("static box S { init { count, name }\n main() { } }");
    ClassTable table = build_class_table(*program);
    CHECK(field_names(table.at(0)) == std::vector<std::string>{"count", "name"});
    CHECK(table.at(0).constructor() == nullptr);
    REQUIRE(table.at(0).find_method(intern("main")));
}

TEST_CASE("class table: method tables are flattened, own methods override", "[class_table]") {
    auto program = compile_ok("box A { f() { } g(x) { } }\nbox B from A { override g(x) { } h(a, b) { } }\n"
                              "box C from B { override f() { } }");
    ClassTable table = build_class_table(*program);
    const ast::BoxDecl& a = *program->boxes[0];
    const ast::BoxDecl& b = *program->boxes[1];
    const ast::BoxDecl& c = *program->boxes[2];
    const BoxClass& c_class = table.at(2);
    CHECK(c_class.methods().size() == 3);

    const MethodInfo* f = c_class.find_method(intern("f"));
    REQUIRE(f);
    CHECK(f->callable_id == method_decl(c, "f").id);
    CHECK(f->owner == &table.at(2));
    CHECK(f->arity == 0);

    const MethodInfo* g = c_class.find_method(intern("g"));
    REQUIRE(g);
    CHECK(g->callable_id == method_decl(b, "g").id);
    CHECK(g->owner == &table.at(1));
    CHECK(g->arity == 1);

    const MethodInfo* h = c_class.find_method(intern("h"));
    REQUIRE(h);
    CHECK(h->callable_id == method_decl(b, "h").id);
    CHECK(h->arity == 2);

    // The parent's own table is not affected by the child's override.
    const MethodInfo* a_f = table.at(0).find_method(intern("f"));
    REQUIRE(a_f);
    CHECK(a_f->callable_id == method_decl(a, "f").id);
    CHECK(table.at(0).find_method(intern("h")) == nullptr);
}

TEST_CASE("class table: constructors are inherited when absent", "[class_table]") {
    auto program = compile_ok("box A { birth(x) { } }\nbox B from A { }\nbox C from B { pack(p, q) { } }\n"
                              "box D from C { }\nbox E { }");
    ClassTable table = build_class_table(*program);
    const MethodInfo* a_ctor = table.at(0).constructor();
    REQUIRE(a_ctor);
    CHECK(a_ctor->callable_id == program->boxes[0]->constructor->id);
    CHECK(a_ctor->arity == 1);
    CHECK(a_ctor->owner == &table.at(0));

    const MethodInfo* b_ctor = table.at(1).constructor();
    REQUIRE(b_ctor);
    CHECK(b_ctor->callable_id == a_ctor->callable_id);
    CHECK(b_ctor->owner == &table.at(0));

    const MethodInfo* d_ctor = table.at(3).constructor();
    REQUIRE(d_ctor);
    CHECK(d_ctor->callable_id == program->boxes[2]->constructor->id);
    CHECK(d_ctor->arity == 2);
    CHECK(d_ctor->owner == &table.at(2));

    CHECK(table.at(4).constructor() == nullptr);
    // A constructor is not a method.
    CHECK(table.at(0).find_method(intern("birth")) == nullptr);
}

// Built from a hand-made AST, so the layout is checked apart from the parser.
TEST_CASE("class table: weak flags follow the declaring ancestor", "[class_table]") {
    ast::Program program;
    auto add_box = [&program](std::string name, int parent, std::vector<ast::FieldDecl> fields) {
        auto box = std::make_unique<ast::BoxDecl>();
        box->name = std::move(name);
        box->parent_index = parent;
        box->fields = std::move(fields);
        program.boxes.push_back(std::move(box));
    };
    add_box("Kid", 1, {{"label", {}, false, {}}, {"owner", {}, true, {}}, {"tag", {}, true, {}}});
    add_box("Base", -1, {{"owner", {}, false, {}}, {"link", {}, true, {}}});
    ClassTable table = build_class_table(program);
    const BoxClass& kid = table.at(0);
    CHECK(field_names(kid) == std::vector<std::string>{"owner", "link", "label", "tag"});
    CHECK_FALSE(kid.field_is_weak(kid.field_slot(intern("owner"))));
    CHECK(kid.field_is_weak(kid.field_slot(intern("link"))));
    CHECK_FALSE(kid.field_is_weak(kid.field_slot(intern("label"))));
    CHECK(kid.field_is_weak(kid.field_slot(intern("tag"))));
}

TEST_CASE("class table: a long chain declared leaf first", "[class_table]") {
    std::string source;
    for (int i = 499; i >= 1; --i)
        source += "box B" + std::to_string(i) + " from B" + std::to_string(i - 1) + " { init { f" +
                  std::to_string(i) + " } }\n";
    source += "box B0 { init { f0 }\n birth() { } }";
    auto program = compile_ok(source);
    ClassTable table = build_class_table(*program);
    const BoxClass& leaf = table.at(0);
    REQUIRE(leaf.field_count() == 500);
    CHECK(symbol_name(leaf.fields()[0]) == "f0");
    CHECK(symbol_name(leaf.fields()[499]) == "f499");
    REQUIRE(leaf.constructor());
    CHECK(leaf.constructor()->owner == &table.at(499));
}

TEST_CASE("run classes: fields a static box gains are per run and follow its own", "[class_table]") {
    auto program = compile_ok("box A { init { a } }\nstatic box S {\n init { declared }\n get() { return 1 } }\n"
                              "static box T { }");
    const ClassTable table = build_class_table(*program);
    for (int run = 0; run < 2; ++run) {
        RunClasses classes(table);
        CHECK(&classes.at(1) == &table.at(1));
        Value s = make_instance(&classes.at(1));
        Value t = make_instance(&classes.at(2));
        CHECK(classes.field_slot(table.at(1), intern("declared")) == 0);
        CHECK(classes.field_slot(table.at(1), intern("gained")) == -1);
        CHECK(classes.add_static_field(as_instance(s), intern("gained")) == 1);
        CHECK(classes.add_static_field(as_instance(t), intern("gained")) == 0);  // T's own slots
        CHECK(classes.add_static_field(as_instance(s), intern("later")) == 2);
        CHECK(as_instance(s).fields.size() == 3);
        CHECK(as_instance(t).fields.size() == 1);
        CHECK(classes.field_slot(table.at(1), intern("gained")) == 1);
        CHECK(classes.field_slot(table.at(1), intern("later")) == 2);
        CHECK(classes.field_slot(table.at(2), intern("gained")) == 0);
        CHECK(classes.field_slot(table.at(2), intern("later")) == -1);
        CHECK(classes.field_slot(table.at(0), intern("gained")) == -1);  // ordinary boxes gain nothing
        // The program's classes are untouched, so the next run starts from the declared fields.
        CHECK(field_names(table.at(1)) == std::vector<std::string>{"declared"});
        CHECK(table.at(1).field_slot(intern("gained")) == -1);
    }
}
