#include <string>

#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

namespace {
std::string keys_of(const MapObj& map) {
    std::string keys;
    map.for_each([&](const std::string& key, const Value&) { keys += key + ","; });
    return keys;
}
}  // namespace

TEST_CASE("map keeps insertion order", "[map]") {
    Value v = make_map();
    MapObj& map = as_map(v);
    map.set("b", num(1));
    map.set("a", num(2));
    map.set("c", num(3));
    CHECK(keys_of(map) == "b,a,c,");
    CHECK(map.size() == 3);
}

TEST_CASE("setting an existing key keeps its position", "[map]") {
    Value v = make_map();
    MapObj& map = as_map(v);
    map.set("a", num(1));
    map.set("b", num(2));
    map.set("a", num(30));
    CHECK(keys_of(map) == "a,b,");
    REQUIRE(map.get("a") != nullptr);
    CHECK(map.get("a")->as_int() == 30);
    CHECK(map.size() == 2);
}

TEST_CASE("a deleted and re-added key goes to the end", "[map]") {
    Value v = make_map();
    MapObj& map = as_map(v);
    map.set("a", num(1));
    map.set("b", num(2));
    map.set("c", num(3));
    CHECK(map.remove("a"));
    CHECK_FALSE(map.remove("a"));
    CHECK(map.get("a") == nullptr);
    map.set("a", num(4));
    CHECK(keys_of(map) == "b,c,a,");
    CHECK(map.size() == 3);
}

TEST_CASE("many deletions compact the tombstones and keep lookups right", "[map]") {
    Value v = make_map();
    MapObj& map = as_map(v);
    for (int i = 0; i < 1000; ++i) map.set("k" + std::to_string(i), num(i));
    for (int i = 0; i < 1000; ++i)
        if (i % 10 != 0) map.remove("k" + std::to_string(i));
    CHECK(map.size() == 100);
    CHECK(map.slots().size() < 1000);  // compacted
    std::string expected;
    for (int i = 0; i < 1000; i += 10) expected += "k" + std::to_string(i) + ",";
    CHECK(keys_of(map) == expected);
    for (int i = 0; i < 1000; ++i) {
        const Value* found = map.get("k" + std::to_string(i));
        if (i % 10 == 0) {
            REQUIRE(found != nullptr);
            CHECK(found->as_int() == i);
        } else {
            CHECK(found == nullptr);
        }
    }
    map.set("k5", num(-5));
    CHECK(keys_of(map).ends_with("k990,k5,"));
}

TEST_CASE("removing every key then adding again", "[map]") {
    Value v = make_map();
    MapObj& map = as_map(v);
    for (int round = 0; round < 3; ++round) {
        for (int i = 0; i < 100; ++i) map.set(std::to_string(i), num(i));
        for (int i = 0; i < 100; ++i) CHECK(map.remove(std::to_string(i)));
        CHECK(map.size() == 0);
        CHECK(keys_of(map).empty());
    }
    map.set("x", num(1));
    CHECK(keys_of(map) == "x,");
}

TEST_CASE("clear empties the map and releases values", "[map]") {
    uint64_t live_before = heap_stats().live_objects();
    {
        Value v = make_map();
        as_map(v).set("a", str("held"));
        as_map(v).set("b", make_array());
        as_map(v).clear();
        CHECK(as_map(v).size() == 0);
        CHECK(heap_stats().live_objects() == live_before + 1);
        as_map(v).set("b", num(1));
        CHECK(keys_of(as_map(v)) == "b,");
    }
    CHECK(heap_stats().live_objects() == live_before);
}

TEST_CASE("remove releases the value", "[map]") {
    Value v = make_map();
    uint64_t live_before = heap_stats().live_objects();
    as_map(v).set("a", str("held"));
    CHECK(heap_stats().live_objects() == live_before + 1);
    as_map(v).remove("a");
    CHECK(heap_stats().live_objects() == live_before);
}
