// The error line of spec §12.1 and the --stack-trace text.
#include <catch2/catch.hpp>

#include "runtime/error.hpp"

using namespace nyash;

TEST_CASE("an error line names the kind, the message and the position", "[error]") {
    CHECK(NyashError(ErrorKind::IndexError, "index 3 out of range", {2, 7}).format("a.nyash") ==
          "IndexError: index 3 out of range at a.nyash:2:7");
    CHECK(NyashError(ErrorKind::MethodError, "Main has no method 'main'").format("a.nyash") ==
          "MethodError: Main has no method 'main'");
}

TEST_CASE("a trace prints one line per call and folds identical neighbours", "[error]") {
    NyashError error(ErrorKind::RecursionError, "too deep", {1, 5});
    CHECK(error.format_trace("a.nyash").empty());

    error.set_trace({{"f", {1, 5}}, {"f", {1, 5}}, {"g", {4, 2}}, {"g", {4, 2}}, {"g", {4, 2}}, {"f", {1, 5}},
                     {"<script>", {}}});
    CHECK(error.format_trace("a.nyash") ==
          "  at f (a.nyash:1:5)\n"
          "  ... previous line repeated 1 more time\n"
          "  at g (a.nyash:4:2)\n"
          "  ... previous line repeated 2 more times\n"
          "  at f (a.nyash:1:5)\n"
          "  at <script>\n");
}

TEST_CASE("frames of the same function at different positions are not folded", "[error]") {
    NyashError error(ErrorKind::TypeError, "bad", {3, 1});
    error.set_trace({{"f", {3, 1}}, {"f", {3, 9}}});
    CHECK(error.format_trace("a.nyash") == "  at f (a.nyash:3:1)\n  at f (a.nyash:3:9)\n");
}
