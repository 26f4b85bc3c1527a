#pragma once
// Helpers shared by the runtime unit tests.
#include <catch2/catch.hpp>
#include <initializer_list>
#include <string>
#include <vector>

#include "runtime/builtins.hpp"
#include "runtime/display.hpp"
#include "runtime/error.hpp"
#include "runtime/objects.hpp"
#include "runtime/runtime.hpp"

namespace nyash::test {

inline Value str(std::string_view text) { return make_string(std::string(text)); }
inline Value num(int64_t i) { return Value::integer(i); }
inline Value real(double d) { return Value::real(d); }

inline Value array_of(std::initializer_list<Value> items) { return make_array(std::vector<Value>(items)); }

// Calls built-in method `name` the way a backend does: lookup by Symbol, then checks and run.
inline Value call(Runtime& rt, const Value& self, std::string_view name, std::vector<Value> args = {}) {
    return call_builtin(rt, self, intern(name), args.data(), args.size());
}

inline Value construct(Runtime& rt, BuiltinBox box, std::vector<Value> args = {}) {
    return construct_builtin(rt, box, args.data(), args.size());
}

// Matches a NyashError of the given kind and exact message (spec §12).
class IsError : public Catch::MatcherBase<NyashError> {
public:
    IsError(ErrorKind kind, std::string message) : kind_(kind), message_(std::move(message)) {}
    bool match(const NyashError& error) const override {
        return error.kind() == kind_ && error.message() == message_ && !error.loc().known();
    }
    std::string describe() const override {
        return "is " + std::string(error_kind_name(kind_)) + ": " + message_;
    }

private:
    ErrorKind kind_;
    std::string message_;
};

}  // namespace nyash::test

namespace Catch {
template <>
struct StringMaker<nyash::NyashError> {
    static std::string convert(const nyash::NyashError& error) { return error.format("<runtime>"); }
};
}  // namespace Catch

#define REQUIRE_ERROR(expr, kind, message) \
    REQUIRE_THROWS_MATCHES(expr, ::nyash::NyashError, ::nyash::test::IsError(::nyash::ErrorKind::kind, message))
