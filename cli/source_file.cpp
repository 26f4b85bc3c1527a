#include "cli/source_file.hpp"

#include <array>
#include <cstdio>
#include <memory>

namespace nyash::cli {

namespace {

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

std::optional<std::string> read_all(std::FILE* stream) {
    std::string text;
    std::array<char, 1 << 16> chunk;
    // fopen succeeds on a directory; the first fread then fails with EISDIR.
    while (size_t got = std::fread(chunk.data(), 1, chunk.size(), stream)) text.append(chunk.data(), got);
    if (std::ferror(stream)) return std::nullopt;
    return text;
}

}  // namespace

std::optional<std::string> read_source_file(const std::string& path) {
    std::unique_ptr<std::FILE, FileCloser> file(std::fopen(path.c_str(), "rb"));
    if (!file) return std::nullopt;
    return read_all(file.get());
}

std::optional<std::string> read_standard_input() { return read_all(stdin); }

}  // namespace nyash::cli
