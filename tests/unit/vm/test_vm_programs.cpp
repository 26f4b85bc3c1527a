// Whole programs on the VM: output, errors and their locations.
#include <catch2/catch.hpp>

#include "vm_run.hpp"

using nyash::test::run_on_vm;

TEST_CASE("the VM runs a script", "[vm]") {
    auto run = run_on_vm("print(1 + 2)\n");
    INFO(run.err);
    CHECK(run.status == 0);
    CHECK(run.out == "3\n");
}
