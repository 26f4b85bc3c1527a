#include "interpreter/value_stack.hpp"

#include <algorithm>
#include <utility>

namespace nyash::interp {
namespace {

// Small programs must not pay for clearing a big stack; deep recursion doubles up to 1 MiB chunks.
constexpr size_t kFirstChunkSlots = 256;
constexpr size_t kLargestChunkSlots = size_t{1} << 16;

void clear_slots(Value* slots, size_t from, size_t to) noexcept {
    for (size_t i = from; i < to; ++i) slots[i] = Value();
}

}  // namespace

Value* ValueStack::push(size_t count) {
    if (!chunks_.empty()) {
        Chunk& chunk = chunks_[current_];
        if (chunk.capacity - chunk.used >= count) {
            Value* window = chunk.slots.get() + chunk.used;
            chunk.used += count;
            return window;
        }
    }
    return start_next_chunk(count);
}

size_t ValueStack::reserved_bytes() const {
    size_t bytes = chunks_.capacity() * sizeof(Chunk);
    for (const Chunk& chunk : chunks_) bytes += chunk.capacity * sizeof(Value);
    return bytes;
}

Value* ValueStack::start_next_chunk(size_t count) {
    size_t next = chunks_.empty() ? 0 : current_ + 1;
    if (next == chunks_.size()) chunks_.emplace_back();
    Chunk& chunk = chunks_[next];
    if (chunk.capacity < count) {
        size_t preferred = next == 0 ? kFirstChunkSlots : std::min(chunks_[next - 1].capacity * 2, kLargestChunkSlots);
        chunk.capacity = std::max(preferred, count);
        chunk.slots = std::make_unique<Value[]>(chunk.capacity);
    }
    current_ = next;
    chunk.used = count;
    return chunk.slots.get();
}

Value* ValueStack::grow(Value* window, size_t old_count, size_t new_count) {
    if (new_count <= old_count) return window;
    Chunk& chunk = chunks_[current_];
    if (chunk.capacity - chunk.used >= new_count - old_count) {
        chunk.used += new_count - old_count;
        return window;
    }
    chunk.used -= old_count;  // the moved-from slots are null again
    Value* moved = start_next_chunk(new_count);
    std::move(window, window + old_count, moved);
    return moved;
}

void ValueStack::pop_to(Mark mark) noexcept {
    if (chunks_.empty()) return;
    while (current_ > mark.chunk) {
        Chunk& chunk = chunks_[current_];
        clear_slots(chunk.slots.get(), 0, chunk.used);
        chunk.used = 0;
        --current_;
    }
    Chunk& chunk = chunks_[current_];
    clear_slots(chunk.slots.get(), mark.top, chunk.used);
    chunk.used = mark.top;
}

}  // namespace nyash::interp
