// How the REPL keeps a session (docs/repl.md, "Design"). Every entry is compiled as a whole
// program, the same way a file is, so every backend and engine runs it unchanged:
//
//   <the boxes and functions of earlier entries, verbatim, on the lines they had>
//   local __repl_session = new DebugBox().replSession(); local x = __repl_session.get("x"); ...
//   <the entry>
//   __repl_session.set("x", x); ...
//
// The first and last generated lines carry the top-level locals in and out through a MapBox
// that the session owns (Runtime::repl_session). Nothing of an earlier entry runs again: only
// its declarations are repeated, and declarations have no effect until called. An entry that is
// one expression is compiled as `local __repl_value = (ENTRY)` followed by a print unless null.
#include "cli/repl_session.hpp"

#include <algorithm>
#include <cstdio>
#include <new>

#include <fmt/format.h>

#include "cli/repl_text.hpp"
#include "frontend/frontend.hpp"
#include "runtime/error.hpp"
#include "runtime/objects.hpp"
#include "runtime/runtime.hpp"
#include "vm/vm.hpp"

namespace nyash::cli {

namespace {

constexpr std::string_view kSessionLocal = "__repl_session";
constexpr std::string_view kValueLocal = "__repl_value";

uint32_t count_lines(std::string_view text) {
    return static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

void write_stderr_line(std::string_view text) {
    std::fflush(stdout);
    std::fwrite(text.data(), 1, text.size(), stderr);
    if (!text.ends_with('\n')) std::fputc('\n', stderr);
}

bool is_space(char ch) { return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n'; }

// Moves `start` back from a declaration's name over the keywords before it (`function`, `box`,
// `static box`), so the cut-out declaration begins where its source did.
size_t declaration_start(std::string_view text, size_t name_offset) {
    size_t start = name_offset;
    for (std::string_view keyword : {"function", "box", "static"}) {
        size_t at = start;
        while (at > 0 && is_space(text[at - 1])) --at;
        if (at >= keyword.size() && text.substr(at - keyword.size(), keyword.size()) == keyword) {
            start = at - keyword.size();
        }
    }
    return start;
}

// The part of `line_text` before `offset`, blanked: a cut-out declaration keeps its column.
std::string blank_prefix(std::string_view text, size_t offset) {
    const size_t line_start = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    std::string prefix;
    for (size_t i = line_start == std::string_view::npos ? 0 : line_start + 1; i < offset; ++i) {
        const unsigned char ch = static_cast<unsigned char>(text[i]);
        if ((ch & 0xC0) == 0x80) continue;  // one space per code point
        prefix += ch == '\t' ? '\t' : ' ';
    }
    return prefix;
}

bool within(const SourceLoc& loc, uint32_t first_line, uint32_t lines) {
    return loc.line >= first_line && loc.line < first_line + lines;
}

}  // namespace

ReplSession::ReplSession(const Backend& backend, BackendSettings settings)
    : backend_(&backend), settings_(std::move(settings)), locals_map_(make_map()) {}

ReplSession::~ReplSession() {
    // The locals and singletons go before the compiled programs whose classes they use.
    locals_map_ = Value::null();
    statics_.clear();
    collect_cycles();
}

ReplSession::Composed ReplSession::compose(std::string_view entry, Shape shape,
                                           const std::vector<std::string>& exported) const {
    Composed composed;
    std::string& source = composed.source;
    source = declarations_;
    source += fmt::format("local {} = new DebugBox().replSession()", kSessionLocal);
    for (const std::string& name : locals_) source += fmt::format("; local {0} = {1}.get(\"{0}\")", name, kSessionLocal);
    source += '\n';
    uint32_t line = declaration_lines_ + 1;
    if (shape == Shape::Expression) {
        source += fmt::format("local {} = (\n", kValueLocal);
        ++line;
    }
    composed.entry_region = {line + 1, count_lines(entry), static_cast<int>(entries_.size()), 1};
    source += entry;
    source += '\n';
    if (shape == Shape::Expression) source += fmt::format(")\nif {0} != null {{ print({0}) }}\n", kValueLocal);
    for (size_t i = 0; i < exported.size(); ++i) {
        source += fmt::format("{0}{1}.set(\"{2}\", {2})", i == 0 ? "" : "; ", kSessionLocal, exported[i]);
    }
    if (!exported.empty()) source += '\n';
    return composed;
}

void ReplSession::submit(std::string_view entry) {
    if (open_brackets(entry) == 0 && entry.find_first_not_of(" \t\r\n") == std::string_view::npos) return;
    entries_.emplace_back(entry);

    // An expression prints its value; anything that does not compile as one is statements
    // (and its compile errors are the ones reported).
    Composed composed = compose(entry, Shape::Expression, {});
    CompileResult compiled = compile_source(composed.source);
    std::vector<std::string> exported;
    const bool statements = !compiled.ok();
    if (statements) {
        Composed probe = compose(entry, Shape::Statements, {});
        compiled = compile_source(probe.source);
        if (!compiled.ok()) return report(compiled.errors.front(), probe.entry_region, true);
        // Now the entry's own top-level locals are known; export them and the session's.
        exported = locals_after(*compiled.program, probe.entry_region);
        composed = compose(entry, Shape::Statements, exported);
        compiled = compile_source(composed.source);
        if (!compiled.ok()) return report(compiled.errors.front(), composed.entry_region, true);
    }
    const Outcome outcome = run(composed, std::move(compiled.program));
    // Declarations that compiled are there from now on, even if the entry's statements failed;
    // its locals only if it completed (the line that exports them is its last).
    if (statements && outcome != Outcome::NotCompiled) keep_declarations(*programs_.back(), composed.entry_region);
    if (statements && outcome == Outcome::Completed) locals_ = std::move(exported);
}

ReplSession::Outcome ReplSession::run(const Composed& composed, std::unique_ptr<ast::Program> program) {
    // main() of an entry box runs when a program ends; a session does not end with each entry.
    program->entry_box = -1;
    std::unique_ptr<Executable> executable;
    try {
        executable = backend_->compile(*program, settings_);
    } catch (const NyashError& error) {
        report(error, composed.entry_region, true);
        return Outcome::NotCompiled;
    }
    programs_.push_back(std::move(program));
    executables_.push_back(std::move(executable));
    Runtime rt(OutputMode::Stdout);
    rt.set_repl_session(&locals_map_);
    rt.set_carried_statics(&statics_);
    Outcome outcome = Outcome::Failed;
    try {
        executables_.back()->run(rt);
        outcome = Outcome::Completed;
    } catch (const NyashError& error) {
        rt.flush();  // the output before the error comes first (spec §2.4)
        report(error, composed.entry_region, false);
    } catch (const std::bad_alloc&) {
        rt.flush();
        write_stderr_line("MemoryError: out of memory");
    }
    rt.flush();
    std::fflush(stdout);
    return outcome;
}

std::vector<std::string> ReplSession::locals_after(const ast::Program& program, const Region& entry_region) const {
    std::vector<std::string> names = locals_;
    for (const ast::StmtPtr& statement : program.script->body) {
        if (statement->kind != ast::StmtKind::Local || !within(statement->loc, entry_region.first_line, entry_region.lines))
            continue;
        for (const ast::Declarator& declarator : static_cast<const ast::LocalStmt&>(*statement).declarators) {
            if (std::ranges::find(names, declarator.name) == names.end()) names.push_back(declarator.name);
        }
    }
    return names;
}

void ReplSession::keep_declarations(const ast::Program& program, const Region& entry_region) {
    std::vector<SourceLoc> names;  // where the entry's declarations are named, in source order
    for (const auto& function : program.functions) names.push_back(function->loc);
    for (const auto& box : program.boxes) names.push_back(box->loc);
    std::erase_if(names, [&](SourceLoc loc) { return !within(loc, entry_region.first_line, entry_region.lines); });
    std::ranges::sort(names, [](SourceLoc a, SourceLoc b) { return a.line != b.line ? a.line < b.line : a.col < b.col; });

    const std::string_view entry = entries_.back();
    for (SourceLoc name : names) {
        const uint32_t entry_line = name.line - entry_region.first_line + 1;
        const size_t start = declaration_start(entry, offset_of(entry, entry_line, name.col));
        const size_t end = end_of_braced_block(entry, start);
        if (end == std::string_view::npos) continue;  // cannot happen once the entry compiled
        const std::string_view text = entry.substr(start, end - start);
        const uint32_t lines = count_lines(text);
        declaration_regions_.push_back({declaration_lines_ + 1, lines, entry_region.entry, entry_line});
        declarations_ += blank_prefix(entry, start);
        declarations_ += text;
        declarations_ += '\n';
        declaration_lines_ += lines;
    }
}

ReplSession::Region ReplSession::locate(uint32_t line, const Region& entry_region) const {
    for (const Region& region : declaration_regions_) {
        if (within({line, 1}, region.first_line, region.lines)) return region;
    }
    return entry_region;
}

void ReplSession::report(const NyashError& error, const Region& entry_region, bool compile_error) const {
    const SourceLoc loc = error.loc();
    const Region region = locate(loc.line, entry_region);
    SourceLoc mapped = loc;
    const std::string& text = entries_[static_cast<size_t>(region.entry - 1)];
    if (loc.known()) {
        // A position on a line the REPL generated is reported at the start of the entry (before
        // it) or just past its end (after it: "unexpected end of file").
        const int64_t offset = static_cast<int64_t>(loc.line) - region.first_line;
        if (offset < 0) {
            mapped = {region.entry_line, 1};
        } else if (offset >= region.lines) {
            const std::string_view last_line = std::string_view(text).substr(text.rfind('\n') + 1);
            const auto columns = std::ranges::count_if(last_line, [](char ch) { return (ch & 0xC0) != 0x80; });
            mapped = {region.entry_line + region.lines - 1, static_cast<uint32_t>(columns + 1)};
        } else {
            mapped = {static_cast<uint32_t>(region.entry_line + offset), loc.col};
        }
    }
    const NyashError located(error.kind(), error.message(), mapped);
    const std::string file = fmt::format("<repl:{}>", region.entry);
    write_stderr_line(compile_error ? format_diagnostic(located, file, text) : located.format(file));
}

std::string ReplSession::last_bytecode() const {
    if (programs_.empty()) return {};
    return vm::disassemble(vm::compile(*programs_.back(), settings_.opt_level, nullptr, settings_.run_options));
}

}  // namespace nyash::cli
