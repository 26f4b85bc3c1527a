#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "cli/source_file.hpp"

using nyash::cli::read_source_file;

namespace {

// A scratch directory removed at the end of the test, also when it fails.
class ScratchDir {
public:
    ScratchDir() : path_(std::filesystem::temp_directory_path() / ("nyash-cli-test-" + std::to_string(::getpid()))) {
        std::filesystem::create_directories(path_);
    }
    ~ScratchDir() { std::filesystem::remove_all(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

}  // namespace

TEST_CASE("a file is read byte for byte, NULs and invalid UTF-8 included", "[cli]") {
    ScratchDir dir;
    const std::string bytes = std::string("print(1)\r\n\0\xff\xfe", 13) + std::string(100000, 'x');
    const auto file = dir.path() / "bytes.nyash";
    std::ofstream(file, std::ios::binary) << bytes;
    const auto read = read_source_file(file.string());
    REQUIRE(read.has_value());
    CHECK(*read == bytes);
}

TEST_CASE("an empty file reads as empty source", "[cli]") {
    ScratchDir dir;
    const auto file = dir.path() / "empty.nyash";
    std::ofstream{file};
    const auto read = read_source_file(file.string());
    REQUIRE(read.has_value());
    CHECK(read->empty());
}

TEST_CASE("a missing file or a directory cannot be read", "[cli]") {
    ScratchDir dir;
    CHECK_FALSE(read_source_file((dir.path() / "missing.nyash").string()).has_value());
    CHECK_FALSE(read_source_file(dir.path().string()).has_value());
}
