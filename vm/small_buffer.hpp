#pragma once
#include <algorithm>
#include <array>
#include <cstddef>
#include <memory>

namespace nyash::vm {

// An array that starts inside its owner, so a short run allocates nothing for it, and moves to
// the heap when it must grow. Growing moves the elements: pointers into it must be recomputed.
template <typename T, size_t InlineSize>
class SmallBuffer {
public:
    SmallBuffer() = default;
    SmallBuffer(const SmallBuffer&) = delete;  // data_ may point into this object
    SmallBuffer& operator=(const SmallBuffer&) = delete;

    T* data() { return data_; }
    const T* data() const { return data_; }
    T& operator[](size_t i) { return data_[i]; }
    const T& operator[](size_t i) const { return data_[i]; }
    size_t size() const { return size_; }
    // Where the data pointer and the size live (for machine code that reads them directly).
    T* const* data_field() const { return &data_; }
    const size_t* size_field() const { return &size_; }

    // What it allocated beyond its owner (nothing until it first grew).
    size_t heap_bytes() const { return heap_ ? size_ * sizeof(T) : 0; }

    // Grows to `size` elements (more than now); the new ones are value-initialised.
    void grow_to(size_t size) {
        auto bigger = std::make_unique<T[]>(size);
        std::move(data_, data_ + size_, bigger.get());
        heap_ = std::move(bigger);
        data_ = heap_.get();
        size_ = size;
    }
    // At least `size` elements.
    void ensure(size_t size) {
        if (size > size_) grow_to(size);
    }

private:
    std::array<T, InlineSize> inline_;  // default-initialised: trivial types (frames) stay unwritten
    // A bare array, not a vector: it never grows in place, and the owner (the Machine, whose
    // size --profile-vm counts) is 16 bytes smaller per buffer.
    std::unique_ptr<T[]> heap_;
    T* data_ = inline_.data();
    size_t size_ = InlineSize;
};

}  // namespace nyash::vm
