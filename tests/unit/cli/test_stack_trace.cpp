// --stack-trace: every backend and dispatch engine reports the same calls in progress, with the
// location each one is executing (the failing operation, then each pending call site).
#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "cli/backends.hpp"
#include "frontend/frontend.hpp"
#include "interpreter/big_stack.hpp"
#include "runtime/error.hpp"
#include "runtime/runtime.hpp"

using namespace nyash;
using namespace nyash::cli;

namespace {

struct Configuration {
    const Backend* backend;
    BackendSettings settings;
    std::string label() const {
        if (backend->name != "vm") return std::string(backend->name);
        return "vm/" + settings.dispatch + " -O" + std::to_string(settings.opt_level);
    }
};

// The interpreter, and the VM on every compiled-in engine at -O0 and -O2.
std::vector<Configuration> every_configuration() {
    std::vector<Configuration> configurations{{find_backend("interp"), {}}};
    for (std::string_view engine : dispatch_engine_names())
        for (int level : {0, 2}) configurations.push_back({find_backend("vm"), {level, std::string(engine), {}}});
    return configurations;
}

// The runtime error `source` stops with on `configuration`; none if it runs to the end. Runs on
// a large stack, as the CLI does: the interpreter recurses natively for 10,000 nested calls.
std::optional<NyashError> run_to_error(std::string_view source, const Configuration& configuration) {
    CompileResult compiled = compile_source(source);
    REQUIRE(compiled.ok());
    auto executable = configuration.backend->compile(*compiled.program, configuration.settings);
    Runtime rt(OutputMode::Discard);
    std::optional<NyashError> error;
    run_with_large_stack([&] {
        try {
            executable->run(rt);
        } catch (const NyashError& caught) {
            error = caught;
        }
    });
    return error;
}

// Checks the error line and the trace text on every configuration.
void check_trace(std::string_view source, std::string_view error_line, std::string_view trace) {
    for (const Configuration& configuration : every_configuration()) {
        INFO("on " << configuration.label());
        std::optional<NyashError> error = run_to_error(source, configuration);
        REQUIRE(error.has_value());
        CHECK(error->format("t.nyash") == error_line);
        CHECK(error->format_trace("t.nyash") == trace);
    }
}

}  // namespace

TEST_CASE("a trace names each pending call site, innermost first", "[cli][trace]") {
    check_trace(R"(box Counter {
    step(k) {
        return 10 / k
    }
    run(k) {
        return me.step(k - 1)
    }
}
function go(c, k) {
    return c.run(k)
}
static box Main {
    main() {
        local c = new Counter()
        print(go(c, 3))
        print(go(c, 1))
    }
}
)",
                "ZeroDivisionError: division by zero at t.nyash:3:19",
                "  at Counter.step (t.nyash:3:19)\n"
                "  at Counter.run (t.nyash:6:19)\n"
                "  at go (t.nyash:10:14)\n"
                "  at Main.main (t.nyash:16:15)\n");
}

TEST_CASE("constructors and delegation calls appear at their new and from keywords", "[cli][trace]") {
    check_trace(R"(box P {
    init { items }
    birth() {
        me.items = new ArrayBox()
        me.items.get(3)
    }
}
box Q from P {
    birth() { from P.birth() }
}
function make() { return new Q() }
make()
)",
                "IndexError: index 3 out of range for ArrayBox of size 0 at t.nyash:5:18",
                "  at P.birth (t.nyash:5:18)\n"
                "  at Q.birth (t.nyash:9:15)\n"
                "  at make (t.nyash:11:26)\n"
                "  at <script> (t.nyash:12:1)\n");
}

TEST_CASE("an override delegating to its parent method", "[cli][trace]") {
    check_trace(R"(box Animal {
    init { name }
    birth(name) { me.name = name }
    speak() { return me.name.length() / 0 }
}
box Dog from Animal {
    birth(name) { from Animal.birth(name) }
    override speak() { return from Animal.speak() }
}
local d = new Dog("rex")
d.speak()
)",
                "ZeroDivisionError: division by zero at t.nyash:4:39",
                "  at Animal.speak (t.nyash:4:39)\n"
                "  at Dog.speak (t.nyash:8:31)\n"
                "  at <script> (t.nyash:11:3)\n");
}

TEST_CASE("a call rejected for its arity fails in the caller's frame", "[cli][trace]") {
    check_trace("function f(a) { return a }\nfunction g() { return f(1, 2) }\ng()\n",
                "TypeError: wrong number of arguments for f: expected 1, got 2 at t.nyash:2:23",
                "  at g (t.nyash:2:23)\n"
                "  at <script> (t.nyash:3:1)\n");
}

TEST_CASE("deep recursion folds the repeated frame into a count", "[cli][trace]") {
    // main() is call depth 1 (spec §13), so 9,999 frames of down() are active at the limit.
    check_trace("function down(n) { return down(n + 1) }\nstatic box Main {\n    main() { down(0) }\n}\n",
                "RecursionError: maximum call depth 10000 exceeded at t.nyash:1:27",
                "  at down (t.nyash:1:27)\n"
                "  ... previous line repeated 9998 more times\n"
                "  at Main.main (t.nyash:3:14)\n");
}

TEST_CASE("the script's own error has a one-line trace", "[cli][trace]") {
    check_trace("print(1)\nlocal a = new ArrayBox()\na.pop()\n",
                "IndexError: pop from empty ArrayBox at t.nyash:3:3", "  at <script> (t.nyash:3:3)\n");
}

TEST_CASE("main() runs after the script has finished, so the script is not in its trace", "[cli][trace]") {
    check_trace("print(\"script\")\nstatic box Main {\n    main() { return 1 % 0 }\n}\n",
                "ZeroDivisionError: modulo by zero at t.nyash:3:23", "  at Main.main (t.nyash:3:23)\n");
}
