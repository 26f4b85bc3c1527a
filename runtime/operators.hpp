#pragma once
#include "runtime/value.hpp"

// The operator table of spec §7.3 — the single home of `+`, `<`, `==` and friends.
// Every backend calls these (VM fast paths may inline the Int/Int case, but the
// general case always lands here). Errors are thrown as NyashError without a location.
namespace nyash {

Value op_add(const Value& a, const Value& b);
Value op_sub(const Value& a, const Value& b);
Value op_mul(const Value& a, const Value& b);
Value op_div(const Value& a, const Value& b);
Value op_mod(const Value& a, const Value& b);
Value op_neg(const Value& a);

// `target = target + rhs` for the pattern `s = s + x`: when target is a String that nothing else
// references (refcount 1) the text is appended in place, so building a string in a loop is linear
// instead of quadratic. Same result and errors as op_add otherwise. Backends use it when the
// destination of `+` is its own left operand (the same local or register).
void op_add_assign(Value& target, const Value& rhs);

bool op_lt(const Value& a, const Value& b);
bool op_le(const Value& a, const Value& b);
bool op_gt(const Value& a, const Value& b);
bool op_ge(const Value& a, const Value& b);

bool values_equal(const Value& a, const Value& b);  // §6.5, never throws
bool truthy(const Value& v);                        // §6.4

// Wrapping integer arithmetic (spec §13): never signed-overflow UB.
inline int64_t wrap_add(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) + static_cast<uint64_t>(b)); }
inline int64_t wrap_sub(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) - static_cast<uint64_t>(b)); }
inline int64_t wrap_mul(int64_t a, int64_t b) { return static_cast<int64_t>(static_cast<uint64_t>(a) * static_cast<uint64_t>(b)); }

}  // namespace nyash
