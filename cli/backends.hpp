#pragma once
// The execution backends this binary offers. Later issues add the VM and its dispatch engines
// as one entry each in backends.cpp.
#include <span>
#include <string_view>

#include "frontend/ast.hpp"
#include "runtime/runtime.hpp"

namespace nyash::cli {

struct Backend {
    std::string_view name;     // the value of --backend
    std::string_view summary;  // one line for --help
    // Runs a resolved program; an uncaught runtime error propagates as a located NyashError.
    void (*run)(const ast::Program& program, Runtime& rt);
};

// In the order --list-backends prints them; the first is the default.
std::span<const Backend> available_backends();

// nullptr when this binary has no backend of that name.
const Backend* find_backend(std::string_view name);

}  // namespace nyash::cli
