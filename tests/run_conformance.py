#!/usr/bin/env python3
"""Runs the Nyash conformance corpus on one backend of the nyash binary.

Every DIR/*.nyash is run as `nyash [--backend NAME] [EXTRA ARGS] NNN_name.nyash` from DIR and
checked by the rules of tests/conformance/README.md: the exit status against .code (0 when
absent), stdout line by line against .out (a `re:` line is a regular expression for the whole
line), every non-empty .err line as a substring of stderr (stderr must be empty without .err).
Crashes, timeouts and sanitizer reports are failures too. Every program runs, Tier 2 (3xx)
included.

Prints one line per failure and a final line `N passed, N failed`; exits 1 when anything failed.
"""
import argparse
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from nyash_run import Outcome, run_nyash, shorten  # noqa: E402

TIMEOUT_SECONDS = 60


def read_text(path: Path) -> str:
    # surrogateescape keeps the comparison byte-exact even for output that is not UTF-8.
    return path.read_bytes().decode("utf-8", errors="surrogateescape")


@dataclass
class Expectation:
    status: int
    stdout: str
    stderr_fragments: list[str] | None  # None: stderr must be empty

    @staticmethod
    def of(program: Path) -> "Expectation":
        code = program.with_suffix(".code")
        err = program.with_suffix(".err")
        return Expectation(
            status=int(code.read_text().strip()) if code.exists() else 0,
            stdout=read_text(program.with_suffix(".out")),
            stderr_fragments=[line for line in read_text(err).split("\n") if line] if err.exists() else None)


def split_lines(text: str) -> list[str]:
    """Lines with their '\\n', the last one without it when the text does not end with one."""
    parts = text.split("\n")
    return [part + "\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def line_matches(expected: str, actual: str) -> bool:
    expected_body, actual_body = expected.removesuffix("\n"), actual.removesuffix("\n")
    if expected.endswith("\n") != actual.endswith("\n"):
        return False
    if expected_body.startswith("re:"):
        return re.fullmatch(expected_body[3:], actual_body) is not None
    return expected_body == actual_body


def describe_line(line: str | None) -> str:
    return "end of output" if line is None else shorten(line)


def stdout_mismatch(expected: str, actual: str) -> str | None:
    expected_lines, actual_lines = split_lines(expected), split_lines(actual)
    for index in range(max(len(expected_lines), len(actual_lines))):
        want = expected_lines[index] if index < len(expected_lines) else None
        got = actual_lines[index] if index < len(actual_lines) else None
        if want is None or got is None or not line_matches(want, got):
            return f"stdout line {index + 1}: expected {describe_line(want)}, got {describe_line(got)}"
    return None


def stderr_mismatch(fragments: list[str] | None, stderr: str) -> str | None:
    if fragments is None:
        return f"unexpected stderr {shorten(stderr)}" if stderr else None
    missing = [fragment for fragment in fragments if fragment not in stderr]
    if missing:
        return f"stderr lacks {shorten(missing[0])}; stderr was {shorten(stderr)}"
    return None


def failures(expectation: Expectation, outcome: Outcome) -> list[str]:
    if problem := outcome.problem():
        return [problem]
    found = []
    if outcome.status != expectation.status:
        found.append(f"exit status {outcome.status}, expected {expectation.status}")
    stdout = outcome.stdout.decode("utf-8", errors="surrogateescape")
    stderr = outcome.stderr.decode("utf-8", errors="surrogateescape")
    for mismatch in (stdout_mismatch(expectation.stdout, stdout),
                     stderr_mismatch(expectation.stderr_fragments, stderr)):
        if mismatch:
            found.append(mismatch)
    return found


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True, type=Path, help="the nyash binary")
    parser.add_argument("--backend", help="passed on as --backend NAME (default: the binary's default)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="programs run at once")
    parser.add_argument("--extra-arg", action="append", default=[], metavar="ARG",
                        help="one more argument for nyash, repeatable; write --extra-arg=--flag for flags")
    parser.add_argument("dir", type=Path, help="the corpus directory")
    return parser.parse_args()


def main() -> int:
    arguments = parse_arguments()
    programs = sorted(arguments.dir.glob("*.nyash"))
    if not programs:
        print(f"error: no .nyash programs in {arguments.dir}", file=sys.stderr)
        return 2
    nyash = [str(arguments.nyash.resolve())]
    if arguments.backend:
        nyash += ["--backend", arguments.backend]
    nyash += arguments.extra_arg

    def check(program: Path) -> list[str]:
        outcome = run_nyash(nyash + [program.name], cwd=arguments.dir, timeout=TIMEOUT_SECONDS)
        return failures(Expectation.of(program), outcome)

    with ThreadPoolExecutor(max_workers=max(1, arguments.jobs)) as pool:
        results = list(zip(programs, pool.map(check, programs)))

    failed = [(program, found) for program, found in results if found]
    for program, found in failed:
        print(f"FAIL {program.name}: {'; '.join(found)}")
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
