#pragma once
// --profile-vm's view of a run from inside the runtime: time spent allocating, freeing, in
// built-in methods and writing output (each exclusive of the others it contains), calls of user
// methods with their self time, and instances per box class. Off unless a RunProfile is active:
// each hook then costs one load and a not-taken branch.
#include <cstdint>
#include <string>
#include <unordered_map>

#if defined(__x86_64__)
#include <x86intrin.h>
#else
#include <chrono>
#endif

namespace nyash {

struct BuiltinMethod;

namespace profile {

// The cheapest honest clock: the time-stamp counter (constant rate on every x86-64 this runs on),
// converted to nanoseconds with a rate measured against steady_clock over the profile's lifetime.
inline uint64_t ticks() {
#if defined(__x86_64__)
    return __rdtsc();
#else
    return static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
#endif
}

struct TimedCount {
    uint64_t count = 0;
    uint64_t ticks = 0;
};

enum class Category : uint8_t { Allocation, Freeing, Builtin, Output };
inline constexpr int kCategoryCount = 4;

struct RunProfile {
    TimedCount categories[kCategoryCount];
    std::unordered_map<const BuiltinMethod*, TimedCount> builtins;  // exclusive ticks
    // User methods and functions by qualified name ("Box.m"): calls and self ticks (callees
    // excluded). The interpreter fills it in every build; the VM in -Dvm_profile=true builds.
    std::unordered_map<std::string, TimedCount> calls;
    std::unordered_map<std::string, uint64_t> instances;  // allocated, by class name (classes are per run)
    // What the backend itself held at its largest while running (reported by the backend at
    // the end of a run): VM frames, registers and caches; interpreter locals and call records.
    uint64_t machinery_bytes = 0;

    template <typename Namer>
    TimedCount& call_entry(const void* key, Namer&& name) {
        auto [slot, added] = call_slots.try_emplace(key, nullptr);
        if (added) slot->second = &calls[name()];
        return *slot->second;
    }
    std::unordered_map<const void*, TimedCount*> call_slots;  // calls' entries by callee
};

// The profile the hooks write to, or nullptr (the default).
RunProfile* active();
// Installs `profile` (nullptr: none) for the runs that follow.
void activate(RunProfile* profile);

// Times one region of a category, exclusive of the regions nested in it. Cheap when inactive.
class CategoryTimer {
public:
    // A built-in method's region also adds its ticks to the method's entry.
    explicit CategoryTimer(Category category, const BuiltinMethod* method = nullptr) : profile_(active()) {
        if (profile_) [[unlikely]] start(category, method);
    }
    ~CategoryTimer() {
        if (profile_) [[unlikely]] stop();
    }
    CategoryTimer(const CategoryTimer&) = delete;
    CategoryTimer& operator=(const CategoryTimer&) = delete;

protected:
private:
    void start(Category category, const BuiltinMethod* method);
    void stop();
    RunProfile* profile_;
    Category category_ = Category::Allocation;
    const BuiltinMethod* method_ = nullptr;
    CategoryTimer* parent_ = nullptr;
    uint64_t start_ = 0;
    uint64_t nested_ = 0;
};

// A user-level call's self time: its duration minus that of the calls it made. `key` identifies
// the callee; `name()` gives its qualified name, asked once per callee and profile.
class CallTimer {
public:
    template <typename Namer>
    CallTimer(const void* key, Namer&& name) : profile_(active()) {
        if (profile_) [[unlikely]] start(profile_->call_entry(key, name));
    }
    ~CallTimer() {
        if (profile_) [[unlikely]] stop();
    }
    CallTimer(const CallTimer&) = delete;
    CallTimer& operator=(const CallTimer&) = delete;

private:
    void start(TimedCount& entry);
    void stop();
    RunProfile* profile_;
    TimedCount* entry_ = nullptr;
    CallTimer* parent_ = nullptr;
    uint64_t start_ = 0;
    uint64_t nested_ = 0;
};

}  // namespace profile
}  // namespace nyash
