"""Generates bad inputs for nyash, deterministically from a seed.

Each program of the corpus that compiles (0xx, 2xx, 9xx) is broken in ways that certainly make it
invalid, so the expected outcome is known without running anything:
  * truncated inside a string literal  -> unterminated string literal at the opening quote;
  * truncated while ( or { is open      -> SyntaxError at the last token or at the end of file
                                           (the prefix of a valid program is a viable prefix up to
                                           its last token, which may need EOF as lookahead);
  * a character the lexer never accepts inserted between tokens -> unexpected character there;
  * a closing } deleted, a stray ) inserted -> unbalanced, so some SyntaxError;
  * an invalid UTF-8 byte inserted anywhere -> invalid UTF-8 in source at that byte;
  * a division by zero prepended to the script -> ZeroDivisionError before any output.
Hand-made inputs add binary garbage, an empty file and very deep nesting.
"""
import random
from dataclasses import dataclass, field
from pathlib import Path

SYNTAX_ERROR = "SyntaxError"
Position = tuple[int, int]  # line and column, spec §3.1


@dataclass(frozen=True)
class Expected:
    """What nyash must do with an input."""
    statuses: frozenset[int]
    kind: str | None = None            # the error kind; None: any compile-time kind
    message: str | None = None         # the exact message, when it is certain
    location: tuple[Position, Position] | None = None  # earliest and latest, when certain
    stdout: bytes = b""                # of a successful run, or printed before a runtime error


@dataclass(frozen=True)
class Case:
    name: str       # the file name, which the error line must repeat
    how: str        # what was done, for failure reports
    source: bytes
    expected: Expected = field(repr=False)


def syntax_error(message: str | None = None, location: tuple[Position, Position] | None = None) -> Expected:
    return Expected(frozenset({2}), SYNTAX_ERROR, message, location)


def exactly(position: Position) -> tuple[Position, Position]:
    return position, position


def success_or_compile_error(stdout: bytes) -> Expected:
    """Valid but extreme input: it must run, or be refused cleanly (e.g. a nesting limit)."""
    return Expected(frozenset({0, 2}), None, stdout=stdout)


def position_of(text: str, index: int) -> Position:
    """Spec §3.1 line and column (in code points) of text[index]."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


@dataclass(frozen=True)
class Token:
    kind: str    # word, string, comment, newline or punct
    start: int
    end: int
    depth: int   # ( and { open before the token


_TWO_CHAR_OPERATORS = {"==", "!=", "<=", ">=", "&&", "||"}
_DEPTH_CHANGE = {"(": 1, "{": 1, ")": -1, "}": -1}


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def _string_end(text: str, quote: int) -> int:
    index = quote + 1
    while index < len(text) and text[index] not in '"\n':
        index += 2 if text[index] == "\\" else 1
    return index + 1


def scan(text: str) -> list[Token]:
    """Just enough of the lexer of spec §3 to know token boundaries, strings, comments and nesting
    in a valid program. Numbers split at '.' (1.5 is 1 . 5), which only adds boundaries."""
    tokens, index, depth = [], 0, 0
    while index < len(text):
        char, start = text[index], index
        if char in " \t\r":
            index += 1
            continue
        if char == "\n":
            kind, index = "newline", index + 1
        elif char == "#" or text.startswith("//", index):
            kind = "comment"
            index = text.find("\n", index) if "\n" in text[index:] else len(text)
        elif char == '"':
            kind, index = "string", _string_end(text, index)
        elif _is_word_char(char):
            kind = "word"
            while index < len(text) and _is_word_char(text[index]):
                index += 1
        else:
            kind = "punct"
            index += 2 if text[index:index + 2] in _TWO_CHAR_OPERATORS else 1
        tokens.append(Token(kind, start, index, depth))
        if kind == "punct":
            depth += _DEPTH_CHANGE.get(text[start:index], 0)
    return tokens


def _string_cut_points(text: str, string: Token) -> list[int]:
    """Positions inside a string literal between whole characters or escapes."""
    points, index = [string.start + 1], string.start + 1
    while text[index] != '"':
        index += 2 if text[index] == "\\" else 1
        points.append(index)
    return points


def _boundaries(tokens: list[Token]) -> list[int]:
    """Places outside strings and comments where inserting a character starts a new token
    (not right after a comment: that would extend it)."""
    return [token.start for before, token in zip([None] + tokens, tokens)
            if not (before and before.kind == "comment" and before.end == token.start)]


# Characters that are never part of a token outside strings and comments (spec §3.3).
UNEXPECTED_CHARACTERS = "@$[]:'`^~?\\"
# Bytes that are invalid wherever they stand, so the first invalid byte is known exactly.
INVALID_UTF8_BYTES = [b"\xff", b"\xfe", b"\x80", b"\xc0\xaf", b"\xf8\x88\x80\x80\x80"]
# Invalid sequences whose first invalid byte is open to interpretation (lead or next byte).
INVALID_UTF8_SEQUENCES = [b"\xe3\x81", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]
RUNTIME_ERROR_PROBE = "local bad_input_probe = 1 / 0\n"


def truncate_in_string(text, tokens, rng):
    strings = [token for token in tokens if token.kind == "string"]
    if not strings:
        return None
    string = rng.choice(strings)
    cut = rng.choice(_string_cut_points(text, string))
    line, column = position_of(text, string.start)
    return (f"cut inside the string at {line}:{column}", text[:cut].encode(),
            syntax_error("unterminated string literal", exactly((line, column))))


def truncate_while_nested(text, tokens, rng):
    nested = [index for index, token in enumerate(tokens) if token.depth > 0]
    if not nested:
        return None
    cut = rng.choice(nested)
    last = next(token for token in reversed(tokens[:cut]) if token.kind not in ("newline", "comment"))
    prefix = text[:tokens[cut].start]
    end = position_of(prefix, len(prefix))
    return (f"cut while nested, EOF at {end[0]}:{end[1]}", prefix.encode(),
            syntax_error(location=(position_of(text, last.start), end)))


def insert_unexpected_character(text, tokens, rng):
    at = rng.choice(_boundaries(tokens))
    char = rng.choice(UNEXPECTED_CHARACTERS)
    line, column = position_of(text, at)
    return (f"inserted {char!r} at {line}:{column}", (text[:at] + char + text[at:]).encode(),
            syntax_error(f"unexpected character '{char}'", exactly((line, column))))


def delete_closing_brace(text, tokens, rng):
    braces = [token for token in tokens if text[token.start:token.end] == "}"]
    if not braces:
        return None
    brace = rng.choice(braces)
    line, column = position_of(text, brace.start)
    return f"deleted '}}' at {line}:{column}", (text[:brace.start] + text[brace.end:]).encode(), syntax_error()


def insert_stray_paren(text, tokens, rng):
    at = rng.choice(_boundaries(tokens))
    line, column = position_of(text, at)
    return f"inserted ')' at {line}:{column}", (text[:at] + ")" + text[at:]).encode(), syntax_error()


def insert_invalid_utf8(text, tokens, rng):
    at = rng.randrange(len(text) + 1)
    certain = rng.random() < 0.7
    bad = rng.choice(INVALID_UTF8_BYTES if certain else INVALID_UTF8_SEQUENCES)
    line, column = position_of(text, at)
    return (f"inserted {bad!r} at {line}:{column}", text[:at].encode() + bad + text[at:].encode(),
            syntax_error("invalid UTF-8 in source", exactly((line, column)) if certain else None))


def prepend_runtime_error(text, tokens, rng):
    location = exactly((1, RUNTIME_ERROR_PROBE.index("/") + 1))
    return ("prepended a division by zero", (RUNTIME_ERROR_PROBE + text).encode(),
            Expected(frozenset({1}), "ZeroDivisionError", "division by zero", location))


MUTATIONS = [truncate_in_string, truncate_while_nested, insert_unexpected_character, delete_closing_brace,
             insert_stray_paren, insert_invalid_utf8, prepend_runtime_error]


def compiling_programs(corpus: Path) -> list[Path]:
    """Corpus programs that pass the compile phase: Tier 1 (0xx), runtime errors (2xx), Tier 2
    (3xx) except those that expect a compile error (exit status 2), seeds (9xx)."""
    def compiles(path: Path) -> bool:
        code = path.with_suffix(".code")
        return not (code.exists() and code.read_text().strip() == "2")
    return sorted(path for path in corpus.glob("*.nyash") if path.name[0] in "0239" and compiles(path))


def mutated_cases(corpus: Path, rng: random.Random) -> list[Case]:
    cases = []
    for program in compiling_programs(corpus):
        text = program.read_text(encoding="utf-8")
        tokens = scan(text)
        for mutation in MUTATIONS:
            made = mutation(text, tokens, rng)
            if made:
                how, source, expected = made
                cases.append(Case(f"{program.stem}.{mutation.__name__}.nyash", how, source, expected))
    return cases


def garbage(rng: random.Random, size: int) -> bytes:
    """Random bytes made certainly invalid by one 0xff byte."""
    data = bytearray(rng.randbytes(size))
    data.insert(rng.randrange(size + 1), 0xFF)
    return bytes(data)


def handmade_cases(rng: random.Random) -> list[Case]:
    deep, blocks = 100_000, 10_000
    cases = [
        Case("empty.nyash", "an empty file", b"", Expected(frozenset({0}))),
        Case("bom_only.nyash", "only a byte order mark", b"\xef\xbb\xbf", Expected(frozenset({0}))),
        Case("nul.nyash", "one NUL byte", b"\x00", syntax_error(location=exactly((1, 1)))),
        Case("nested_parens.nyash", f"{deep} nested parentheses",
             ("print(" + "(" * deep + "1" + ")" * deep + ")\n").encode(), success_or_compile_error(b"1\n")),
        Case("unclosed_parens.nyash", f"{deep} unclosed parentheses", ("print(" + "(" * deep + "1\n").encode(),
             syntax_error()),
        Case("nested_minus.nyash", f"{deep} nested unary minus", ("print(" + "-" * deep + "1)\n").encode(),
             success_or_compile_error(b"1\n")),
        Case("long_sum.nyash", f"a sum of {deep} terms", ("print(" + "1 + " * (deep - 1) + "1)\n").encode(),
             success_or_compile_error(f"{deep}\n".encode())),
        Case("nested_blocks.nyash", f"{blocks} nested blocks",
             ("if true {\n" * blocks + "print(1)\n" + "}\n" * blocks).encode(), success_or_compile_error(b"1\n")),
        Case("unclosed_blocks.nyash", f"{blocks} unclosed blocks", ("if true {\n" * blocks + "print(1)\n").encode(),
             syntax_error()),
    ]
    for size in (0, 1, 7, 64, 512, 4096, 65536):
        cases.append(Case(f"garbage_{size}.nyash", f"{size} random bytes and 0xff", garbage(rng, size), syntax_error()))
    return cases


def generate(corpus: Path, seed: int) -> list[Case]:
    rng = random.Random(seed)
    return handmade_cases(rng) + mutated_cases(corpus, rng)
