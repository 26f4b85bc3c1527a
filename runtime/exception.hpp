#pragma once
// [T2] Exceptions (spec §12.4): what `throw` raises, what `catch (e)` binds, what is catchable.
// Both backends raise and catch NyashError; a thrown value travels as a ThrownValue.
#include <exception>
#include <string>

#include "runtime/error.hpp"
#include "runtime/value.hpp"

namespace nyash {

// `throw v`: an UncaughtException whose message is str(v), carrying v itself to `catch`.
class ThrownValue : public NyashError {
public:
    ThrownValue(Value value, SourceLoc loc);
    const Value& value() const { return value_; }

private:
    Value value_;
};

// What `catch (e)` binds: the thrown value itself, or "<Kind>: <message>" for a runtime error.
Value caught_value(const NyashError& error);
// The same for an exception in flight, which must hold a NyashError.
Value caught_value(const std::exception_ptr& error);

// Every runtime error of spec §12.2 is catchable. MemoryError (ours, not the spec's) is not: a
// handler that allocates would only fail again.
inline bool is_catchable(const NyashError& error) {
    return error.kind() != ErrorKind::MemoryError && error.kind() != ErrorKind::SyntaxError &&
           error.kind() != ErrorKind::NameError;
}

}  // namespace nyash
