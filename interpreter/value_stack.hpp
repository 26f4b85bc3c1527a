#pragma once
#include <cstddef>
#include <memory>
#include <vector>

#include "runtime/value.hpp"

namespace nyash::interp {

// The interpreter's stack of local-variable slots: one contiguous window per call, carved out of
// large chunks so that a call allocates nothing once the chunks exist. A window never moves
// while it is live (a new chunk is started when the current one is full), so slot references
// stay valid across nested calls.
class ValueStack {
public:
    struct Mark {
        size_t chunk;
        size_t top;
    };

    // Releases everything pushed after construction when it goes out of scope (also on unwinding).
    class Scope {
    public:
        explicit Scope(ValueStack& stack) : stack_(stack), mark_(stack.mark()) {}
        ~Scope() { stack_.pop_to(mark_); }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        ValueStack& stack_;
        Mark mark_;
    };

    Mark mark() const { return {current_, chunks_.empty() ? 0 : chunks_[current_].used}; }
    // `count` contiguous null slots.
    Value* push(size_t count);
    // Extends the most recent push from `old_count` to `new_count` slots, keeping its values;
    // returns the (possibly moved) window.
    Value* grow(Value* window, size_t old_count, size_t new_count);
    // Releases every slot pushed after `mark`.
    void pop_to(Mark mark) noexcept;
    // The bytes of every chunk allocated so far (chunks are kept for reuse).
    size_t reserved_bytes() const;

private:
    struct Chunk {
        std::unique_ptr<Value[]> slots;
        size_t capacity = 0;
        size_t used = 0;  // slots at or past `used` are always null
    };
    Value* start_next_chunk(size_t count);

    std::vector<Chunk> chunks_;
    size_t current_ = 0;
};

}  // namespace nyash::interp
