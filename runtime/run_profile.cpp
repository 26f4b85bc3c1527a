#include "runtime/run_profile.hpp"

namespace nyash::profile {
namespace {

// Single-threaded like the heap: one thread runs programs at a time.
RunProfile* g_active = nullptr;
CategoryTimer* g_innermost_category = nullptr;
CallTimer* g_innermost_call = nullptr;

}  // namespace

RunProfile* active() { return g_active; }

void activate(RunProfile* profile) {
    g_active = profile;
    g_innermost_category = nullptr;
    g_innermost_call = nullptr;
}

void CategoryTimer::start(Category category, const BuiltinMethod* method) {
    category_ = category;
    method_ = method;
    parent_ = g_innermost_category;
    g_innermost_category = this;
    start_ = ticks();
}

void CategoryTimer::stop() {
    const uint64_t total = ticks() - start_;
    const uint64_t exclusive = total - nested_;
    TimedCount& slot = profile_->categories[static_cast<int>(category_)];
    ++slot.count;
    slot.ticks += exclusive;
    if (method_) {
        TimedCount& entry = profile_->builtins[method_];
        ++entry.count;
        entry.ticks += exclusive;
    }
    if (parent_) parent_->nested_ += total;
    g_innermost_category = parent_;
}

void CallTimer::start(TimedCount& entry) {
    entry_ = &entry;
    parent_ = g_innermost_call;
    g_innermost_call = this;
    start_ = ticks();
}

void CallTimer::stop() {
    const uint64_t total = ticks() - start_;
    ++entry_->count;
    entry_->ticks += total - nested_;
    if (parent_) parent_->nested_ += total;
    g_innermost_call = parent_;
}

}  // namespace nyash::profile
