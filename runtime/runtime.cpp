#include "runtime/runtime.hpp"

#include "runtime/display.hpp"
#include "runtime/run_profile.hpp"

namespace nyash {
namespace {
// Program output is collected and written in large chunks: one fwrite per 64 KiB, not per print.
constexpr size_t kStdoutBufferLimit = 64 * 1024;

void write_all(std::FILE* stream, std::string_view text) {
    if (!text.empty()) std::fwrite(text.data(), 1, text.size(), stream);
}

void append_line(std::string& out, const Value* values, size_t count) {
    for (size_t i = 0; i < count; ++i) {
        if (i > 0) out += ' ';
        append_display(out, values[i]);
    }
    out += '\n';
}
}  // namespace

void Runtime::write_stdout_line(const Value* values, size_t count) {
    profile::CategoryTimer timer(profile::Category::Output);
    switch (mode_) {
        case OutputMode::Stdout:
            append_line(buffer_, values, count);
            if (buffer_.size() >= kStdoutBufferLimit) flush();
            return;
        case OutputMode::Discard:
            scratch_.clear();
            append_line(scratch_, values, count);
            return;
        case OutputMode::Capture: append_line(captured_out_, values, count); return;
    }
}

void Runtime::write_stderr_line(const Value* values, size_t count) {
    scratch_.clear();
    append_line(scratch_, values, count);
    write_stderr(scratch_);
}

void Runtime::write_stderr(std::string_view text) {
    profile::CategoryTimer timer(profile::Category::Output);
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
