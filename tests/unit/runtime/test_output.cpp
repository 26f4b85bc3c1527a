#include <cstdio>
#include <string>
#include <unistd.h>

#include "test_support.hpp"

using namespace nyash;

TEST_CASE("Capture keeps both streams", "[output]") {
    Runtime rt(OutputMode::Capture);
    rt.write_stdout("a\n");
    rt.write_stderr("warn\n");
    rt.write_stdout("b\n");
    rt.flush();
    CHECK(rt.captured_stdout() == "a\nb\n");
    CHECK(rt.captured_stderr() == "warn\n");
    CHECK(rt.mode() == OutputMode::Capture);
}

TEST_CASE("Discard drops program output", "[output]") {
    Runtime rt(OutputMode::Discard);
    rt.write_stdout("dropped\n");
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
        rt.write_stdout("first\n");
        rt.write_stderr("second\n");
        rt.write_stdout("third\n");
    }  // the destructor flushes
    CHECK(streams.contents() == "first\nsecond\nthird\n");
}

TEST_CASE("Stdout mode writes large output in order", "[output]") {
    StreamsToFile streams;
    std::string expected;
    {
        Runtime rt(OutputMode::Stdout);
        for (int i = 0; i < 20000; ++i) {
            std::string line = "line " + std::to_string(i) + "\n";
            rt.write_stdout(line);
            expected += line;
        }
    }
    CHECK(streams.contents() == expected);
}
