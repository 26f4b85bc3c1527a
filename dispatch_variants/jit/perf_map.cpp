#include "dispatch_variants/jit/perf_map.hpp"

#include <unistd.h>

#include <string>

namespace nyash::vm::jit {

PerfMap::~PerfMap() {
    if (file_ != nullptr) std::fclose(file_);
}

bool PerfMap::open() {
    if (file_ != nullptr) return true;
    const std::string path = "/tmp/perf-" + std::to_string(getpid()) + ".map";
    file_ = std::fopen(path.c_str(), "a");
    return file_ != nullptr;
}

void PerfMap::add(const void* code, size_t size, std::string_view name) {
    if (file_ == nullptr) return;
    std::fprintf(file_, "%lx %zx nyash:%.*s\n", reinterpret_cast<unsigned long>(code), size,
                 static_cast<int>(name.size()), name.data());
    std::fflush(file_);  // perf reads the file after the process has gone
}

}  // namespace nyash::vm::jit
