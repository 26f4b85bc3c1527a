#include "runtime/phase_log.hpp"

#include <algorithm>

#include "runtime/elapsed.hpp"
#include "runtime/memory_meter.hpp"

namespace nyash {

PhaseLog::Scope::Scope(PhaseLog* log, std::string_view name) : log_(log), name_(name) {
    if (!log_) return;
    live_at_start_ = memory_meter::live_bytes();
    memory_meter::reset_peak();
    start_ = std::chrono::steady_clock::now();
}

PhaseLog::Scope::~Scope() {
    if (!log_) return;
    log_->add(name_, elapsed_ns(start_), memory_meter::live_bytes() - live_at_start_,
              memory_meter::peak_bytes() - live_at_start_);
}

void PhaseLog::add(std::string_view name, uint64_t ns, int64_t retained_bytes, int64_t peak_bytes) {
    auto found = std::ranges::find(records_, name, &PhaseRecord::name);
    if (found == records_.end()) {
        records_.push_back({std::string(name), 0, 0, 0});
        found = records_.end() - 1;
    }
    found->ns += ns;
    found->retained_bytes += retained_bytes;
    found->peak_bytes = std::max(found->peak_bytes, peak_bytes);
}

}  // namespace nyash
