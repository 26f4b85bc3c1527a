#include "runtime/runtime.hpp"

namespace nyash {
namespace {
// Program output is collected and written in large chunks: one fwrite per 64 KiB, not per print.
constexpr size_t kStdoutBufferLimit = 64 * 1024;

void write_all(std::FILE* stream, std::string_view text) {
    if (!text.empty()) std::fwrite(text.data(), 1, text.size(), stream);
}
}  // namespace

void Runtime::write_stdout(std::string_view text) {
    switch (mode_) {
        case OutputMode::Stdout:
            buffer_ += text;
            if (buffer_.size() >= kStdoutBufferLimit) flush();
            return;
        case OutputMode::Discard: return;
        case OutputMode::Capture: captured_out_ += text; return;
    }
}

void Runtime::write_stderr(std::string_view text) {
    if (mode_ == OutputMode::Capture) {
        captured_err_ += text;
        return;
    }
    flush();  // spec §2.4: stdout output that came first is visible first
    write_all(stderr, text);
    std::fflush(stderr);
}

void Runtime::flush() {
    if (mode_ != OutputMode::Stdout || buffer_.empty()) return;
    write_all(stdout, buffer_);
    std::fflush(stdout);
    buffer_.clear();
}

}  // namespace nyash
