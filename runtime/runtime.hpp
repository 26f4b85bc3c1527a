#pragma once
#include <cstdio>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nyash {

class Value;
struct CarriedStatic;

// Where program output goes. Benchmark runs discard it; unit tests capture it.
enum class OutputMode { Stdout, Discard, Capture };

// Per-run context that built-in boxes need: the buffered output streams.
// One Runtime per program run; a fresh one for every benchmark iteration.
class Runtime {
public:
    explicit Runtime(OutputMode mode = OutputMode::Stdout) : mode_(mode) {}
    ~Runtime() { flush(); }
    Runtime(const Runtime&) = delete;
    Runtime& operator=(const Runtime&) = delete;

    // One line of program output (print, ConsoleBox.log): the display forms of `values` joined by
    // single spaces. Buffered, and flushed at exit and before stderr. Built in place in the
    // output buffer, with no temporary string; Discard mode builds it in a scratch string, so a
    // benchmark run still does a real run's formatting.
    void write_stdout_line(const Value* values, size_t count);
    // ConsoleBox.warn/error and the final error line. Flushes stdout first (spec §2.4).
    void write_stderr(std::string_view text);
    // write_stderr of a line formatted like write_stdout_line's.
    void write_stderr_line(const Value* values, size_t count);
    void flush();

    OutputMode mode() const { return mode_; }

    // The REPL's session map (a MapBox holding the top-level locals carried from entry to entry,
    // cli/repl_session.cpp), which the code the REPL generates reads with
    // `new DebugBox().replSession()`. Null outside the REPL. The map must outlive the run.
    const Value* repl_session() const { return repl_session_; }
    void set_repl_session(const Value* map) { repl_session_ = map; }
    // The REPL's static boxes, taken over and handed back by each run (runtime/carried_statics.hpp).
    // Null outside the REPL: every run makes its singletons anew.
    std::unordered_map<std::string, CarriedStatic>* carried_statics() const { return carried_statics_; }
    void set_carried_statics(std::unordered_map<std::string, CarriedStatic>* statics) { carried_statics_ = statics; }
    // Captured text in OutputMode::Capture.
    const std::string& captured_stdout() const { return captured_out_; }
    const std::string& captured_stderr() const { return captured_err_; }

private:
    OutputMode mode_;
    const Value* repl_session_ = nullptr;
    std::unordered_map<std::string, CarriedStatic>* carried_statics_ = nullptr;
    std::string buffer_;
    std::string scratch_;  // Discard mode's line, and stderr lines
    std::string captured_out_;
    std::string captured_err_;
};

}  // namespace nyash
