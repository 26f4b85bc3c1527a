#include <cstdio>
#include <string>
#include <unistd.h>

#include "test_support.hpp"

using namespace nyash;
using nyash::test::num;
using nyash::test::str;

TEST_CASE("Capture keeps both streams", "[output]") {
    Runtime rt(OutputMode::Capture);
    const Value a = str("a");
    rt.write_stdout_line(&a, 1);
    rt.write_stderr("warn\n");
    const Value b_and_1[] = {str("b"), num(1)};
    rt.write_stdout_line(b_and_1, 2);
    rt.flush();
    CHECK(rt.captured_stdout() == "a\nb 1\n");
    CHECK(rt.captured_stderr() == "warn\n");
    CHECK(rt.mode() == OutputMode::Capture);
}

TEST_CASE("Discard drops program output", "[output]") {
    Runtime rt(OutputMode::Discard);
    const Value dropped = str("dropped");
    rt.write_stdout_line(&dropped, 1);
    rt.flush();
    CHECK(rt.captured_stdout().empty());
}

namespace {
// Redirects the process's stdout and stderr into one temporary file for the test's duration.
class StreamsToFile {
public:
    StreamsToFile() : file_(std::tmpfile()) {
        REQUIRE(file_ != nullptr);
        std::fflush(stdout);
        std::fflush(stderr);
        saved_out_ = dup(fileno(stdout));
        saved_err_ = dup(fileno(stderr));
        dup2(fileno(file_), fileno(stdout));
        dup2(fileno(file_), fileno(stderr));
    }
    ~StreamsToFile() {
        restore();
        std::fclose(file_);
    }
    StreamsToFile(const StreamsToFile&) = delete;
    StreamsToFile& operator=(const StreamsToFile&) = delete;

    std::string contents() {
        restore();
        std::string text;
        std::rewind(file_);
        for (int c; (c = std::fgetc(file_)) != EOF;) text += static_cast<char>(c);
        return text;
    }

private:
    void restore() {
        if (saved_out_ < 0) return;
        std::fflush(stdout);
        std::fflush(stderr);
        dup2(saved_out_, fileno(stdout));
        dup2(saved_err_, fileno(stderr));
        close(saved_out_);
        close(saved_err_);
        saved_out_ = saved_err_ = -1;
    }

    std::FILE* file_;
    int saved_out_ = -1;
    int saved_err_ = -1;
};
}  // namespace

TEST_CASE("Stdout mode buffers and flushes stdout before writing stderr", "[output]") {
    StreamsToFile streams;
    {
        Runtime rt(OutputMode::Stdout);
        const Value first = str("first"), third = str("third");
        rt.write_stdout_line(&first, 1);
        rt.write_stderr("second\n");
        rt.write_stdout_line(&third, 1);
    }  // the destructor flushes
    CHECK(streams.contents() == "first\nsecond\nthird\n");
}

TEST_CASE("Stdout mode writes large output in order", "[output]") {
    StreamsToFile streams;
    std::string expected;
    {
        Runtime rt(OutputMode::Stdout);
        for (int i = 0; i < 20000; ++i) {
            const Value line = str("line " + std::to_string(i));
            rt.write_stdout_line(&line, 1);
            expected += as_string(line).text + "\n";
        }
    }
    CHECK(streams.contents() == expected);
}
