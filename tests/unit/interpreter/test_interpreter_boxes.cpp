// Boxes: fields, constructors, delegation, `from`, static boxes, entry point (spec §9).
#include <catch2/catch.hpp>

#include "run_program.hpp"

using nyash::test::check_run;
using nyash::test::run_program;

TEST_CASE("instances have their declared fields and methods", "[interpreter][boxes]") {
    auto run = run_program(R"(box Point {
    init { x, y }
    birth(x, y) {
        me.x = x
        me.y = y
    }
    sum() { return me.x + me.y }
    moved(dx) { return new Point(me.x + dx, this.y) }
}
local p = new Point(3, 4)
print(p.sum())
print(p.x)
print(p)
local q = p.moved(10)
print(q.x)
print(p.x)
local alias = p
alias.x = 100
print(p.x)
print(p == alias)
print(p == q)
)");
    check_run(run, {.status = 0, .out = "7\n3\n<Point instance>\n13\n3\n100\ntrue\nfalse\n", .err = ""});
}

TEST_CASE("fields start null and a box without constructor takes no arguments", "[interpreter][boxes]") {
    auto run = run_program(R"(box Empty {
    init { a, b }
}
local e = new Empty()
print(e.a)
e.b = 2
print(e.b)
new Empty(1)
)");
    check_run(run, {.status = 1,
                    .out = "null\n2\n",
                    .err = "TypeError: wrong number of arguments for Empty constructor: expected 0, got 1 at test.nyash:8:1\n"});
}

constexpr const char* kAnimals = R"(box Animal {
    init { name }
    birth(name) { me.name = name }
    speak() { return me.name + " makes a sound" }
    describe() { return "I am " + me.speak() }
}
box Dog from Animal {
    init { tricks }
    birth(name) {
        from Animal.birth(name)
        me.tricks = 0
    }
    override speak() { return me.name + " barks; " + from Animal.speak() }
}
box Puppy from Dog {
    override speak() { return "small " + from Dog.speak() }
    baseline() { return from Animal.speak() }
}
)";

TEST_CASE("dispatch is dynamic and from calls are static", "[interpreter][boxes]") {
    auto run = run_program(std::string(kAnimals) + R"(local d = new Dog("Rex")
print(d.describe())
local p = new Puppy("Bit")
print(p.describe())
print(p.baseline())
print(p.tricks)
print(p.name)
)");
    check_run(run, {.status = 0,
                    .out = "I am Rex barks; Rex makes a sound\n"
                           "I am small Bit barks; Bit makes a sound\n"
                           "Bit makes a sound\n"
                           "0\n"
                           "Bit\n",
                    .err = ""});
}

TEST_CASE("an inherited constructor checks its own arity under the new box's name", "[interpreter][boxes]") {
    auto run = run_program(std::string(kAnimals) + "new Puppy()\n");
    check_run(run, {.status = 1,
                    .out = "",
                    .err = "TypeError: wrong number of arguments for Puppy constructor: expected 1, got 0 at test.nyash:19:1\n"});
}

TEST_CASE("method arity errors name the runtime box", "[interpreter][boxes]") {
    auto run = run_program(std::string(kAnimals) + "local p = new Puppy(\"x\")\np.describe(1)\n");
    check_run(run, {.status = 1,
                    .out = "",
                    .err = "TypeError: wrong number of arguments for Puppy.describe: expected 0, got 1 at test.nyash:20:3\n"});
}

TEST_CASE("from P.birth without an effective constructor is a no-op only without arguments", "[interpreter][boxes]") {
    auto ok = run_program(R"(box Base {
    init { a }
}
box Child from Base {
    birth() {
        print(from Base.birth())
        me.a = 1
    }
}
print(new Child().a)
)");
    check_run(ok, {.status = 0, .out = "null\n1\n", .err = ""});

    auto bad = run_program(R"(box Base {
    init { a }
}
box Child from Base {
    birth() {
        from Base.init(5)
    }
}
new Child()
)");
    check_run(bad, {.status = 1,
                    .out = "",
                    .err = "TypeError: wrong number of arguments for Base constructor: expected 0, got 1 at test.nyash:6:9\n"});
}

TEST_CASE("from calls report MethodError and arity at `from`", "[interpreter][boxes]") {
    auto missing = run_program(R"(box Base {
    hello() { return "hi" }
}
box Child from Base {
    greet() {
        return from Base.nope()
    }
}
new Child().greet()
)");
    check_run(missing, {.status = 1,
                        .out = "",
                        .err = "MethodError: Base has no method 'nope' at test.nyash:6:16\n"});

    auto arity = run_program(R"(box Base {
    hello(a) { return "hi" }
}
box Child from Base {
    greet() {
        return from Base.hello()
    }
}
new Child().greet()
)");
    check_run(arity, {.status = 1,
                      .out = "",
                      .err = "TypeError: wrong number of arguments for Base.hello: expected 1, got 0 at test.nyash:6:16\n"});
}

TEST_CASE("a member site serves receivers of different boxes", "[interpreter][boxes]") {
    auto run = run_program(R"(box A {
    init { v }
    birth() { me.v = "a" }
    name() { return "A" }
    size() { return 42 }
}
box B {
    init { w, v }
    birth() { me.v = "b" }
    name() { return "B" }
}
function show(it) {
    return it.name() + it.v
}
function measure(x) {
    return x.size()
}
print(show(new A()))
print(show(new B()))
print(show(new A()))
print(measure(new A()))
local arr = new ArrayBox()
arr.push(1)
print(measure(arr))
print(measure("str"))
)");
    check_run(run, {.status = 1,
                    .out = "Aa\nBb\nAa\n42\n1\n",
                    .err = "MethodError: StringBox has no method 'size' at test.nyash:16:14\n"});
}

TEST_CASE("static boxes are singletons that gain fields on assignment", "[interpreter][boxes]") {
    auto run = run_program(R"(static box Counter {
    init { count }
    next() {
        if me.count == null {
            me.count = 0
        }
        me.count = me.count + 1
        return me.count
    }
    label() { return me.tag }
}
print(Counter.count)
Counter.next()
print(Counter.next())
Counter.tag = "dynamic"
print(Counter.label())
print(Counter.tag)
print(Counter.missing)
)");
    check_run(run, {.status = 1,
                    .out = "null\n2\ndynamic\ndynamic\n",
                    .err = "FieldError: Counter has no field 'missing' at test.nyash:18:15\n"});
}

TEST_CASE("ordinary instances never gain fields", "[interpreter][boxes]") {
    auto run = run_program(R"(box P {
    init { x }
}
local p = new P()
p.y = 1
)");
    check_run(run, {.status = 1, .out = "", .err = "FieldError: P has no field 'y' at test.nyash:5:3\n"});
}

TEST_CASE("Main.main runs after the script; other main methods are ordinary", "[interpreter][boxes][entry]") {
    auto run = run_program(R"(static box Helper {
    main() { print("helper main") }
}
static box Main {
    main() {
        print("Main main")
        Helper.main()
        return 5
    }
}
print("script")
)");
    check_run(run, {.status = 0, .out = "script\nMain main\nhelper main\n", .err = ""});
}

TEST_CASE("without Main the first static box with main is the entry", "[interpreter][boxes][entry]") {
    auto run = run_program(R"(static box A {
    other() { print("A.other") }
}
static box B {
    main() { print("B") }
}
static box C {
    main() { print("C") }
}
)");
    check_run(run, {.status = 0, .out = "B\n", .err = ""});
}

TEST_CASE("a program without entry box is just its script", "[interpreter][boxes][entry]") {
    auto run = run_program(R"(static box Tools {
    twice(x) { return x * 2 }
}
print(Tools.twice(21))
)");
    check_run(run, {.status = 0, .out = "42\n", .err = ""});
}

TEST_CASE("a failing script stops before main", "[interpreter][boxes][entry]") {
    auto run = run_program(R"(static box Main {
    main() { print("never") }
}
print("script")
print(1 / 0)
)");
    check_run(run, {.status = 1,
                    .out = "script\n",
                    .err = "ZeroDivisionError: division by zero at test.nyash:5:9\n"});
}

TEST_CASE("static singletons exist with null fields before the script runs", "[interpreter][boxes][entry]") {
    auto run = run_program(R"(print(Config.mode)
Config.mode = "fast"
print(Config.describe())
static box Config {
    init { mode, level }
    describe() { return me.mode + "/" + me.level }
}
)");
    check_run(run, {.status = 0, .out = "null\nfast/null\n", .err = ""});
}
