#include "cli/backends.hpp"

#include <algorithm>

#include "interpreter/interpreter.hpp"

namespace nyash::cli {

namespace {

constexpr Backend kBackends[] = {
    {"interp", "AST-walking interpreter (the baseline)", interpret},
};

}  // namespace

std::span<const Backend> available_backends() { return kBackends; }

const Backend* find_backend(std::string_view name) {
    const auto* found = std::ranges::find(kBackends, name, &Backend::name);
    return found == std::ranges::end(kBackends) ? nullptr : found;
}

}  // namespace nyash::cli
