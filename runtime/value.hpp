#pragma once
#include <cstdint>
#include <utility>

#include "runtime/object.hpp"

namespace nyash {

enum class ValueTag : uint8_t { Null, Bool, Int, Float, Object };

// A Nyash value: 16 bytes, tag + 64-bit payload. Copying a Value that holds an object
// retains it; destroying releases it.
class Value {
public:
    constexpr Value() noexcept : tag_(ValueTag::Null), int_(0) {}

    static Value null() noexcept { return Value(); }
    static Value integer(int64_t v) noexcept {
        Value r;
        r.tag_ = ValueTag::Int;
        r.int_ = v;
        return r;
    }
    static Value real(double v) noexcept {
        Value r;
        r.tag_ = ValueTag::Float;
        r.float_ = v;
        return r;
    }
    static Value boolean(bool v) noexcept {
        Value r;
        r.tag_ = ValueTag::Bool;
        r.int_ = 0;
        r.bool_ = v;
        return r;
    }
    // Takes an additional reference to `o`.
    static Value share(Object* o) noexcept {
        ++o->refcount;
        return adopt(o);
    }
    // Takes over a reference the caller owns (a fresh object starts with refcount 1).
    static Value adopt(Object* o) noexcept {
        Value r;
        r.tag_ = ValueTag::Object;
        r.obj_ = o;
        return r;
    }

    Value(const Value& other) noexcept : tag_(other.tag_), int_(other.int_) { retain(); }
    Value(Value&& other) noexcept : tag_(other.tag_), int_(other.int_) {
        other.tag_ = ValueTag::Null;
    }
    Value& operator=(const Value& other) noexcept {
        other.retain();
        release();
        tag_ = other.tag_;
        int_ = other.int_;
        return *this;
    }
    Value& operator=(Value&& other) noexcept {
        if (this != &other) {
            release();
            tag_ = other.tag_;
            int_ = other.int_;
            other.tag_ = ValueTag::Null;
        }
        return *this;
    }
    ~Value() { release(); }

    ValueTag tag() const { return tag_; }
    bool is_null() const { return tag_ == ValueTag::Null; }
    bool is_bool() const { return tag_ == ValueTag::Bool; }
    bool is_int() const { return tag_ == ValueTag::Int; }
    bool is_float() const { return tag_ == ValueTag::Float; }
    bool is_number() const { return tag_ == ValueTag::Int || tag_ == ValueTag::Float; }
    bool is_object() const { return tag_ == ValueTag::Object; }
    bool is_object_of(ObjectKind k) const { return is_object() && obj_->kind == k; }

    int64_t as_int() const { return int_; }
    double as_float() const { return float_; }
    bool as_bool() const { return bool_; }
    Object* as_object() const { return obj_; }
    // Int or Float as binary64 (round to nearest).
    double as_number() const { return tag_ == ValueTag::Int ? static_cast<double>(int_) : float_; }

    // Overwrite with an immediate in place: the new contents are stored before the old object
    // is released, so no temporary Value is built (the VM's arithmetic stores results this way).
    void set_int(int64_t v) noexcept {
        overwrite([&] {
            tag_ = ValueTag::Int;
            int_ = v;
        });
    }
    void set_real(double v) noexcept {
        overwrite([&] {
            tag_ = ValueTag::Float;
            float_ = v;
        });
    }
    void set_bool(bool v) noexcept {
        overwrite([&] {
            tag_ = ValueTag::Bool;
            int_ = 0;
            bool_ = v;
        });
    }

    // Hands the reference to the caller and leaves this Value null.
    Object* release_object() noexcept {
        Object* o = obj_;
        tag_ = ValueTag::Null;
        return o;
    }

private:
    void retain() const noexcept {
        if (tag_ == ValueTag::Object) ++obj_->refcount;
    }
    // Runs `store` (which writes an immediate), then releases the object held before it.
    template <typename Store>
    void overwrite(Store store) noexcept {
        if (tag_ == ValueTag::Object) [[unlikely]] {
            Object* old = obj_;
            store();
            if (--old->refcount == 0) destroy_object(old);
            return;
        }
        store();
    }
    void release() noexcept {
        if (tag_ == ValueTag::Object && --obj_->refcount == 0) destroy_object(obj_);
    }

    ValueTag tag_;
    union {
        int64_t int_;
        double float_;
        bool bool_;
        Object* obj_;
    };
};

static_assert(sizeof(Value) == 16);

}  // namespace nyash
