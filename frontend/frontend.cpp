#include "frontend/frontend.hpp"

#include "frontend/lexer.hpp"
#include "frontend/parser.hpp"
#include "frontend/resolver.hpp"

namespace nyash {

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kReplacementChar = "\xEF\xBF\xBD";
constexpr std::string_view kDiagnosticIndent = "    ";

// Line `number` (1-based) without its line break, a trailing '\r' or a leading BOM;
// empty past the end (end-of-file errors sit on line lines+1).
std::string_view source_line(std::string_view source, uint32_t number) {
    if (source.starts_with(kByteOrderMark)) source.remove_prefix(kByteOrderMark.size());
    for (uint32_t line = 1; line < number; ++line) {
        const size_t newline = source.find('\n');
        if (newline == std::string_view::npos) return {};
        source.remove_prefix(newline + 1);
    }
    std::string_view line = source.substr(0, source.find('\n'));
    if (line.ends_with('\r')) line.remove_suffix(1);
    return line;
}

}  // namespace

CompileResult compile_source(std::string_view source, PhaseLog* phases) {
    CompileResult result;
    ParseResult parsed;
    {
        PhaseLog::Scope phase(phases, "parse");
        LexResult lexed = lex(source);
        if (!lexed.errors.empty()) {
            result.errors = std::move(lexed.errors);
            return result;
        }
        parsed = parse(lexed.tokens);
    }
    if (!parsed.errors.empty()) {
        result.errors = std::move(parsed.errors);
        return result;
    }
    PhaseLog::Scope phase(phases, "resolve");
    result.errors = resolve(*parsed.program);
    if (result.ok()) result.program = std::move(parsed.program);
    return result;
}

std::string format_diagnostic(const NyashError& error, std::string_view file, std::string_view source) {
    std::string text = error.format(file);
    const SourceLoc loc = error.loc();
    if (!loc.known()) return text;
    const std::string_view line = source_line(source, loc.line);
    std::string shown{kDiagnosticIndent};
    std::string caret{kDiagnosticIndent};
    uint32_t col = 1;
    for (size_t pos = 0; pos < line.size(); ++col) {
        const size_t length = utf8_sequence_length(line, pos);
        // The line of an invalid-UTF-8 error is shown with U+FFFD per bad byte, so stderr stays UTF-8.
        shown += length == 0 ? kReplacementChar : line.substr(pos, length);
        // Mirror tabs so the caret lines up however wide the terminal renders them.
        if (col < loc.col) caret += line[pos] == '\t' ? '\t' : ' ';
        pos += length == 0 ? 1 : length;
    }
    for (; col < loc.col; ++col) caret += ' ';  // a newline token sits just after the line
    caret += '^';
    text += '\n';
    text += shown;
    text += '\n';
    text += caret;
    return text;
}

}  // namespace nyash
