#include <string>
#include <vector>

#include "runtime/box_class.hpp"
#include "runtime/builtins.hpp"
#include "runtime/runtime.hpp"
#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

namespace {
uint64_t live() { return heap_stats().live_objects(); }

BoxClass make_node_class() {
    BoxClass node("Node", 0, false, nullptr);
    node.add_field(intern("value"));
    node.add_field(intern("next"));
    return node;
}
}  // namespace

TEST_CASE("every make_* is counted and freed when the last reference goes", "[heap]") {
    uint64_t live_before = live();
    uint64_t allocations_before = heap_stats().allocations;
    BoxClass node = make_node_class();
    {
        Value s = str("x");
        Value a = make_array();
        Value m = make_map();
        Value i = make_instance(&node);
        Value c = make_service(ObjectKind::Console);
        Value copy = a;
        CHECK(live() == live_before + 5);
        CHECK(heap_stats().allocations == allocations_before + 5);
        CHECK(a.as_object()->refcount == 2);
    }
    CHECK(live() == live_before);
    CHECK(heap_stats().frees == heap_stats().allocations - live_before);
}

TEST_CASE("immediates never allocate", "[heap]") {
    uint64_t allocations_before = heap_stats().allocations;
    Value values[] = {num(1), real(2.5), Value::boolean(true), Value::null()};
    Value copy = values[0];
    CHECK(heap_stats().allocations == allocations_before);
}

TEST_CASE("containers release what they hold", "[heap]") {
    uint64_t live_before = live();
    BoxClass node = make_node_class();
    {
        Value a = array_of({str("one"), array_of({str("two")})});
        Value m = make_map();
        as_map(m).set("k", a);
        as_map(m).set("s", str("three"));
        Value inst = make_instance(&node);
        as_instance(inst).fields[0] = m;
        CHECK(live() == live_before + 7);
    }
    CHECK(live() == live_before);
}

TEST_CASE("freeing a million-node linked list of instances does not overflow the stack", "[heap]") {
    uint64_t live_before = live();
    BoxClass node = make_node_class();
    int slot_next = node.field_slot(intern("next"));
    {
        Value head = make_instance(&node);
        Value tail = head;
        for (int i = 0; i < 1000000; ++i) {
            Value next = make_instance(&node);
            as_instance(next).fields[0] = num(i);
            as_instance(tail).fields[static_cast<size_t>(slot_next)] = next;
            tail = std::move(next);
        }
        tail = Value();
        CHECK(live() == live_before + 1000001);
    }
    CHECK(live() == live_before);
}

TEST_CASE("freeing a million nested arrays and maps does not overflow the stack", "[heap]") {
    uint64_t live_before = live();
    {
        Value root = make_array();
        Value current = root;
        for (int i = 0; i < 1000000; ++i) {
            Value next = i % 2 ? make_array() : make_map();
            if (current.is_object_of(ObjectKind::Array)) {
                as_array(current).items.push_back(next);
            } else {
                as_map(current).set("child", next);
            }
            current = std::move(next);
        }
    }
    CHECK(live() == live_before);
}

TEST_CASE("a wide container of containers is freed", "[heap]") {
    uint64_t live_before = live();
    {
        std::vector<Value> items;
        for (int i = 0; i < 10000; ++i) items.push_back(array_of({str("x")}));
        Value wide = make_array(std::move(items));
    }
    CHECK(live() == live_before);
}

TEST_CASE("collect_cycles frees unreachable cycles", "[heap]") {
    uint64_t live_before = live();
    BoxClass node = make_node_class();
    {
        Value a = make_array();
        as_array(a).items.push_back(a);
        as_array(a).items.push_back(str("payload"));
        Value m = make_map();
        Value inst = make_instance(&node);
        as_map(m).set("inst", inst);
        as_instance(inst).fields[1] = m;
    }
    CHECK(live() == live_before + 4);  // leaked by reference counting alone
    CHECK(collect_cycles() == 3);
    CHECK(live() == live_before);
}

TEST_CASE("collect_cycles keeps everything reachable from outside", "[heap]") {
    uint64_t live_before = live();
    BoxClass node = make_node_class();
    Value root = make_instance(&node);
    {
        // root -> cycle (a <-> b) -> leaf; all reachable through `root`.
        Value a = make_array();
        Value b = make_array();
        as_array(a).items.push_back(b);
        as_array(b).items.push_back(a);
        as_array(b).items.push_back(array_of({str("leaf")}));
        as_instance(root).fields[0] = a;
        // An unreachable cycle that points into the live part.
        Value garbage = make_array();
        as_array(garbage).items.push_back(garbage);
        as_array(garbage).items.push_back(b);
    }
    CHECK(collect_cycles() == 1);
    CHECK(live() == live_before + 5);
    const Value& a = as_instance(root).fields[0];
    REQUIRE(a.is_object_of(ObjectKind::Array));
    const Value& b = as_array(a).items.at(0);
    CHECK(display(b) == "[[[...]], [leaf]]");
    CHECK(b.as_object()->refcount == 1);
    // Break the cycle by hand; dropping root then frees the rest.
    as_array(b).items.clear();
    root = Value();
    CHECK(live() == live_before);
}

TEST_CASE("collect_cycles with nothing to do", "[heap]") {
    Value a = array_of({num(1)});
    CHECK(collect_cycles() == 0);
    CHECK(display(a) == "[1]");
}

TEST_CASE("1,000 instances of a three-field box: 1,000 live with their record bytes, none once dropped",
          "[heap]") {
    BoxClass point("Point", 0, false, nullptr);
    for (const char* field : {"x", "y", "z"}) point.add_field(intern(field));
    const KindStats before = heap_stats().by_kind[static_cast<size_t>(ObjectKind::Instance)];
    const uint64_t live_bytes_before = heap_stats().live_bytes;
    const size_t instance_bytes = sizeof(InstanceObj) + 3 * sizeof(Value);
    {
        std::vector<Value> points;
        for (int i = 0; i < 1000; ++i) points.push_back(make_instance(&point));
        const KindStats& now = heap_stats().by_kind[static_cast<size_t>(ObjectKind::Instance)];
        CHECK(now.live_objects() - before.live_objects() == 1000);
        CHECK(now.bytes_allocated - before.bytes_allocated == 1000 * instance_bytes);
        CHECK(heap_stats().live_bytes - live_bytes_before == 1000 * instance_bytes);
    }
    const KindStats& after = heap_stats().by_kind[static_cast<size_t>(ObjectKind::Instance)];
    CHECK(after.live_objects() == before.live_objects());
    CHECK(after.frees - before.frees == 1000);
    CHECK(heap_stats().live_bytes == live_bytes_before);
}

TEST_CASE("DebugBox.memoryReport counts the boxes allocated since tracking started", "[heap]") {
    Runtime rt(OutputMode::Capture);
    BoxClass point("Point", 0, false, nullptr);
    for (const char* field : {"x", "y", "z"}) point.add_field(intern(field));
    Value debug = make_service(ObjectKind::Debug);
    Value before_tracking = make_instance(&point);
    call_builtin(rt, debug, intern("startMemoryTracking"), nullptr, 0);
    {
        std::vector<Value> points;
        for (int i = 0; i < 1000; ++i) points.push_back(make_instance(&point));
        Value text = str("strings are not boxes");
    }
    Value array = make_array();
    const std::string expected = "[memory] tracking=on boxes_allocated=1001 bytes_allocated=" +
                                 std::to_string(1000 * (sizeof(InstanceObj) + 3 * sizeof(Value)) + sizeof(ArrayObj)) +
                                 " instances=1000 arrays=1 maps=0 services=0";
    CHECK(as_string(call_builtin(rt, debug, intern("memoryReport"), nullptr, 0)).text == expected);
    call_builtin(rt, debug, intern("stopMemoryTracking"), nullptr, 0);
    CHECK(as_string(call_builtin(rt, debug, intern("memoryReport"), nullptr, 0)).text == "[memory] tracking=off");
}
