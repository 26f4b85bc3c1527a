#include "runtime/strings.hpp"
#include "test_support.hpp"

using namespace nyash;
using namespace nyash::test;

TEST_CASE("length counts code points and is cached", "[strings]") {
    Value s = str("aé日🎉");
    StringObj& obj = as_string(s);
    CHECK(obj.code_points == -1);
    CHECK(obj.length() == 4);
    CHECK(obj.code_points == 4);
    CHECK(obj.text.size() == 10);
    CHECK_FALSE(is_ascii(obj));
    Value ascii = str("hello");
    CHECK(is_ascii(as_string(ascii)));
    CHECK(as_string(str("")).length() == 0);
}

TEST_CASE("code point offsets and indices", "[strings]") {
    Value s = str("aé日🎉b");
    StringObj& obj = as_string(s);
    CHECK(code_point_offset(obj, 0) == 0);
    CHECK(code_point_offset(obj, 1) == 1);
    CHECK(code_point_offset(obj, 2) == 3);
    CHECK(code_point_offset(obj, 3) == 6);
    CHECK(code_point_offset(obj, 4) == 10);
    CHECK(code_point_offset(obj, 5) == 11);
    CHECK(code_point_index(obj, 6) == 3);
    CHECK(code_point_index(obj, 10) == 4);
    Value ascii = str("abc");
    CHECK(code_point_offset(as_string(ascii), 2) == 2);
    CHECK(code_point_index(as_string(ascii), 3) == 3);
}

TEST_CASE("count_code_points", "[strings]") {
    CHECK(count_code_points("") == 0);
    CHECK(count_code_points("abc") == 3);
    CHECK(count_code_points("日本語テキスト") == 7);
    CHECK(count_code_points("🎉🎉") == 2);
}

TEST_CASE("make_string with a known length skips the scan", "[strings]") {
    Value s = make_string("abc", 3);
    CHECK(as_string(s).code_points == 3);
}
