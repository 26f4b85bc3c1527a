"""Delta debugging of a Nyash program to a small one that still shows the same failure.

The reducer knows only the text: it removes chunks of lines (halving the chunk size down to one
line), unwraps blocks (drops a `... {` line and its closing `}`), and simplifies expressions
(a parenthesised operation becomes one of its operands or a literal; a call argument becomes a
literal), except in loop headers, where a simpler condition would seldom let the loop end.
Candidates with unbalanced braces are dropped without a test. A candidate is kept when `still_fails` says so; that predicate decides what
"the same failure" means (differential.py: the program still compiles and the same two
configurations still differ in the same way). Passes repeat until none makes progress.
"""
from collections.abc import Callable, Iterator

LITERALS = ["0", '""', "true", "null"]
BINARY_OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", " and ", " or "]
UNARY_PREFIXES = ["-", "!", "not "]


class Reducer:
    def __init__(self, still_fails: Callable[[str], bool], max_tests: int = 4000):
        self.still_fails = still_fails
        self.tests_left = max_tests

    def accepts(self, lines: list[str]) -> bool:
        if self.tests_left <= 0 or not braces_balanced(lines):
            return False
        self.tests_left -= 1
        return self.still_fails("\n".join(lines) + "\n")

    def reduce(self, source: str) -> str:
        lines = source.splitlines()
        while self.tests_left > 0:
            before = list(lines)
            lines = self.remove_chunks(lines)
            lines = self.unwrap_blocks(lines)
            lines = self.simplify_expressions(lines)
            if lines == before:
                break
        return "\n".join(lines) + "\n"

    def remove_chunks(self, lines: list[str]) -> list[str]:
        size = max(1, len(lines) // 2)
        while size >= 1:
            start = 0
            while start < len(lines):
                candidate = lines[:start] + lines[start + size:]
                if candidate and self.accepts(candidate):
                    lines = candidate
                else:
                    start += size
            size //= 2
        return lines

    def unwrap_blocks(self, lines: list[str]) -> list[str]:
        index = 0
        while index < len(lines):
            closing = matching_close(lines, index)
            if closing is not None and lines[closing].strip() == "}":
                candidate = lines[:index] + lines[index + 1:closing] + lines[closing + 1:]
                if self.accepts(candidate):
                    lines = candidate
                    continue
            index += 1
        return lines

    def simplify_expressions(self, lines: list[str]) -> list[str]:
        for index in range(len(lines)):
            progress = not lines[index].lstrip().startswith("loop(")
            while progress:
                progress = False
                for simpler in expression_candidates(lines[index]):
                    if len(simpler) >= len(lines[index]):
                        continue  # only shorter lines, so that simplification ends
                    candidate = lines[:index] + [simpler] + lines[index + 1:]
                    if self.accepts(candidate):
                        lines = candidate
                        progress = True
                        break
        return lines


def code_positions(line: str) -> Iterator[tuple[int, str]]:
    """The characters of a line outside string literals and comments, with their indices."""
    in_string = False
    index = 0
    while index < len(line):
        char = line[index]
        if in_string:
            if char == "\\":
                index += 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char == "#" or line.startswith("//", index):
            return
        else:
            yield index, char
        index += 1


def brace_balance(line: str) -> int:
    return sum(1 if char == "{" else -1 for _, char in code_positions(line) if char in "{}")


def braces_balanced(lines: list[str]) -> bool:
    depth = 0
    for line in lines:
        depth += brace_balance(line)
        if depth < 0:
            return False
    return depth == 0


def matching_close(lines: list[str], start: int) -> int | None:
    """The line that closes the block a line ending with `{` opens."""
    if not lines[start].rstrip().endswith("{"):
        return None
    depth = 0
    for index in range(start, len(lines)):
        depth += brace_balance(lines[index])
        if depth <= 0:
            return index if index > start else None
    return None


def paren_groups(line: str) -> list[tuple[int, int]]:
    """Matching ( ) pairs outside strings, outermost first."""
    stack, groups = [], []
    for index, char in code_positions(line):
        if char == "(":
            stack.append(index)
        elif char == ")" and stack:
            groups.append((stack.pop(), index))
    return sorted(groups, key=lambda group: group[1] - group[0], reverse=True)


def split_top_level(text: str, separators: list[str]) -> list[str]:
    """text split at separators that are outside strings and parentheses."""
    parts, depth, start = [], 0, 0
    positions = dict(code_positions(text))
    index = 0
    while index < len(text):
        char = positions.get(index)
        if char in ("(", "{"):
            depth += 1
        elif char in (")", "}"):
            depth -= 1
        elif char is not None and depth == 0:
            found = next((separator for separator in separators if text.startswith(separator, index)), None)
            # A '-' right after an operator or at the start is unary, not a separator.
            if found and not (found == "-" and not text[start:index].strip()):
                parts.append(text[start:index])
                index += len(found)
                start = index
                continue
        index += 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


def expression_candidates(line: str) -> Iterator[str]:
    """Versions of a line with one expression made simpler."""
    for open_index, close_index in paren_groups(line):
        inner = line[open_index + 1:close_index]
        before, after = line[:open_index], line[close_index + 1:]
        is_call = open_index > 0 and (line[open_index - 1].isalnum() or line[open_index - 1] == "_")
        if is_call:
            arguments = split_top_level(inner, [","])
            for position, argument in enumerate(arguments):
                for literal in LITERALS:
                    if argument and argument != literal:
                        replaced = arguments[:position] + [literal] + arguments[position + 1:]
                        yield before + "(" + ", ".join(replaced) + ")" + after
            continue
        operands = split_top_level(inner, BINARY_OPERATORS)
        if len(operands) == 1:
            operands = [inner[len(prefix):].strip() for prefix in UNARY_PREFIXES if inner.startswith(prefix)]
        for operand in operands + LITERALS:
            if operand and operand != inner.strip():
                yield before + operand + after
