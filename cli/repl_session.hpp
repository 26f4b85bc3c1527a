#pragma once
// One REPL session: entries compiled and run one after another on the chosen backend, with the
// top-level locals, functions and boxes of earlier entries still there (docs/repl.md).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "cli/backends.hpp"
#include "frontend/ast.hpp"
#include "runtime/carried_statics.hpp"
#include "runtime/error.hpp"
#include "runtime/value.hpp"

namespace nyash::cli {

class ReplSession {
public:
    ReplSession(const Backend& backend, BackendSettings settings);
    ~ReplSession();
    ReplSession(const ReplSession&) = delete;
    ReplSession& operator=(const ReplSession&) = delete;

    // Compiles and runs one entry (one or more complete lines). Program output goes to stdout;
    // an error is printed to stderr as `nyash FILE` would print it, with FILE `<repl:N>` for
    // entry N, and the session goes on. An entry that is one expression prints its value unless
    // it is null.
    void submit(std::string_view entry);

    void set_backend(const Backend& backend) { backend_ = &backend; }
    void set_dispatch(std::string_view engine) { settings_.dispatch = engine; }
    const Backend& backend() const { return *backend_; }
    const BackendSettings& settings() const { return settings_; }

    // The bytecode of the last entry that compiled (docs/bytecode.md), whatever the backend;
    // empty when there is none yet.
    std::string last_bytecode() const;

private:
    // Where lines of a composed program came from: `lines` lines from `first_line` on are lines
    // `entry_line`... of entry `entry` (1-based).
    struct Region {
        uint32_t first_line;
        uint32_t lines;
        int entry;
        uint32_t entry_line;
    };
    struct Composed {
        std::string source;
        Region entry_region;
    };
    enum class Shape { Expression, Statements };
    enum class Outcome { NotCompiled, Failed, Completed };

    Composed compose(std::string_view entry, Shape shape, const std::vector<std::string>& exported) const;
    Outcome run(const Composed& composed, std::unique_ptr<ast::Program> program);
    void keep_declarations(const ast::Program& program, const Region& entry_region);
    std::vector<std::string> locals_after(const ast::Program& program, const Region& entry_region) const;
    // The entry and line a line of the composed program came from.
    Region locate(uint32_t line, const Region& entry_region) const;
    void report(const NyashError& error, const Region& entry_region, bool compile_error) const;

    const Backend* backend_;
    BackendSettings settings_;
    std::vector<std::string> entries_;     // every entry's text, for error context
    std::string declarations_;             // the boxes and functions of earlier entries
    uint32_t declaration_lines_ = 0;
    std::vector<Region> declaration_regions_;
    std::vector<std::string> locals_;      // top-level locals carried between entries
    // Everything compiled stays alive: an instance made by an earlier entry points to that
    // compile's class, whose methods name that compile's callables.
    std::vector<std::unique_ptr<ast::Program>> programs_;
    std::vector<std::unique_ptr<Executable>> executables_;
    Value locals_map_;  // MapBox: name -> value (Runtime::repl_session); after the programs, so
                        // it is destroyed before them
    CarriedStatics statics_;  // the static boxes' singletons (Runtime::carried_statics); likewise
};

}  // namespace nyash::cli
