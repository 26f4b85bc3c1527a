#include "cli/repl_text.hpp"

namespace nyash::cli {

namespace {

// Calls visit(offset, ch) for every character of `text` that is code, not string or comment;
// stops early when visit returns false.
template <class Visit>
void for_each_code_char(std::string_view text, Visit visit) {
    bool in_string = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (in_string) {
            if (ch == '\\') ++i;  // the escaped character cannot end the string
            else if (ch == '"' || ch == '\n') in_string = false;  // an unterminated string ends at the line
            continue;
        }
        if (ch == '"') {
            in_string = true;
        } else if (ch == '#' || (ch == '/' && i + 1 < text.size() && text[i + 1] == '/')) {
            while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
        } else if (!visit(i, ch)) {
            return;
        }
    }
}

int bracket_step(char ch) {
    if (ch == '{' || ch == '(') return 1;
    if (ch == '}' || ch == ')') return -1;
    return 0;
}

}  // namespace

int open_brackets(std::string_view text) {
    int depth = 0;
    for_each_code_char(text, [&](size_t, char ch) {
        depth += bracket_step(ch);
        return true;
    });
    return depth;
}

size_t end_of_braced_block(std::string_view text, size_t start) {
    size_t end = std::string_view::npos;
    int depth = 0;
    bool opened = false;
    for_each_code_char(text.substr(start), [&](size_t offset, char ch) {
        if (ch == '{') opened = true;
        if (!opened) return true;
        depth += bracket_step(ch);
        if (depth == 0) {
            end = start + offset + 1;
            return false;
        }
        return true;
    });
    return end;
}

size_t offset_of(std::string_view text, size_t line, size_t column) {
    size_t offset = 0;
    for (size_t current = 1; current < line; ++current) {
        offset = text.find('\n', offset);
        if (offset == std::string_view::npos) return offset;
        ++offset;
    }
    // Columns count code points: step over a lead byte and its continuation bytes.
    for (size_t current = 1; current < column && offset < text.size(); ++current) {
        ++offset;
        while (offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) ++offset;
    }
    return offset;
}

}  // namespace nyash::cli
