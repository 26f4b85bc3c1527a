// (Built only where the jit engine is compiled in.) The JIT's code memory: W^X at every step,
// and a finished run's arena handed to the next run with nothing of it left executable.
#include <catch2/catch.hpp>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "dispatch_variants/jit/code_arena.hpp"

namespace {

using nyash::vm::jit::CodeArena;

constexpr size_t kCapacity = size_t{1} << 20;

// The permissions ("r-xp", "rw-p", ...) of the mapping holding `address`, from /proc/self/maps.
std::string permissions_at(const void* address) {
    const auto target = reinterpret_cast<uintptr_t>(address);
    std::ifstream maps("/proc/self/maps");
    std::string line;
    while (std::getline(maps, line)) {
        uintptr_t start = 0;
        uintptr_t end = 0;
        char permissions[5] = {};
        if (std::sscanf(line.c_str(), "%lx-%lx %4s", &start, &end, permissions) == 3 && start <= target && target < end)
            return permissions;
    }
    return "unmapped";
}

}  // namespace

TEST_CASE("jit code arena: committed code is read-execute, the open tail read-write, never both", "[vm][jit]") {
    CodeArena arena(kCapacity);
    REQUIRE(arena.ok());
    const auto space = arena.open_for_writing();
    CHECK(permissions_at(space.data()) == "rw-p");
    space[0] = 0xC3;  // ret
    const uint8_t* code = arena.commit(1);
    CHECK(code == space.data());
    CHECK(permissions_at(code) == "r-xp");
    // Appending to the page that holds code makes it writable again, and not executable.
    const auto more = arena.open_for_writing();
    CHECK(more.data() == code + 1);
    CHECK(permissions_at(code) == "rw-p");
    arena.abandon();
    CHECK(permissions_at(code) == "r-xp");
}

TEST_CASE("jit code arena: the next arena reuses a finished one's memory, none of it left executable", "[vm][jit]") {
    const uint8_t* first_base = nullptr;
    {
        CodeArena first(kCapacity);
        REQUIRE(first.ok());
        const auto space = first.open_for_writing();
        space[0] = 0xC3;
        first_base = first.commit(1);
        REQUIRE(permissions_at(first_base) == "r-xp");
    }
    CHECK(permissions_at(first_base) == "rw-p");
    CodeArena second(kCapacity);
    REQUIRE(second.ok());
    CHECK(second.open_for_writing().data() == first_base);
    // Another size is a mapping of its own.
    CodeArena other_size(2 * kCapacity);
    REQUIRE(other_size.ok());
    CHECK(other_size.open_for_writing().data() != first_base);
}
