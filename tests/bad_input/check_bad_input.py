#!/usr/bin/env python3
"""Feeds nyash inputs that are broken on purpose (see generate.py) and checks that each is
refused cleanly: the exit status and error line of spec §12 (`Kind: message at FILE:L:C`,
with the exact message and location where they are certain), empty stdout for compile errors,
valid UTF-8 on stderr, and no crash, hang or sanitizer report.

Prints one line per failure and a final line `N passed, N failed`; exits 1 when anything failed.
"""
import argparse
import os
import re
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bad_input.generate import Case, generate  # noqa: E402
from nyash_run import Outcome, run_nyash, shorten  # noqa: E402

TIMEOUT_SECONDS = 10
DEFAULT_SEED = 20240601
COMPILE_ERROR_KINDS = {"SyntaxError", "NameError"}
ERROR_LINE = re.compile(r"(?P<kind>\w+): (?P<message>.*) at (?P<file>.+):(?P<line>\d+):(?P<column>\d+)")


def error_line_mismatch(case: Case, line: str, status: int) -> str | None:
    match = ERROR_LINE.fullmatch(line)
    if not match:
        return f"error line is not 'Kind: message at FILE:LINE:COLUMN': {shorten(line)}"
    expected = case.expected
    kinds = {expected.kind} if expected.kind else COMPILE_ERROR_KINDS
    if match["kind"] not in kinds or (match["kind"] in COMPILE_ERROR_KINDS) != (status == 2):
        return f"error kind {match['kind']} with exit status {status}, expected {' or '.join(sorted(kinds))}"
    if expected.message is not None and match["message"] != expected.message:
        return f"message {shorten(match['message'])}, expected {shorten(expected.message)}"
    if match["file"] != case.name:
        return f"error names file {shorten(match['file'])}, expected {shorten(case.name)}"
    location = (int(match["line"]), int(match["column"]))
    if expected.location is not None and not expected.location[0] <= location <= expected.location[1]:
        earliest, latest = (f"{line}:{column}" for line, column in expected.location)
        wanted = earliest if earliest == latest else f"between {earliest} and {latest}"
        return f"error at {location[0]}:{location[1]}, expected {wanted}"
    return None


def failure(case: Case, outcome: Outcome) -> str | None:
    if problem := outcome.problem():
        return problem
    expected = case.expected
    try:
        stderr = outcome.stderr.decode("utf-8")
    except UnicodeDecodeError:
        return f"stderr is not valid UTF-8: {outcome.stderr[:120]!r}"
    if outcome.status not in expected.statuses:
        wanted = " or ".join(str(status) for status in sorted(expected.statuses))
        return f"exit status {outcome.status}, expected {wanted}; stderr {shorten(stderr)}"
    if outcome.stdout != expected.stdout and not (outcome.status == 2 and not outcome.stdout):
        return f"stdout {shorten(outcome.stdout.decode('utf-8', 'replace'))}, expected {expected.stdout!r}"
    if outcome.status == 0:
        return f"unexpected stderr {shorten(stderr)}" if stderr else None
    lines = stderr.splitlines()
    if not lines:
        return "no error message on stderr"
    # A compile error opens stderr (a source excerpt may follow); a runtime error ends it.
    return error_line_mismatch(case, lines[0] if outcome.status == 2 else lines[-1], outcome.status)


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True, type=Path, help="the nyash binary")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="varies the mutations (default: %(default)s)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="inputs run at once")
    parser.add_argument("--keep", type=Path, help="write the inputs into this directory and keep them")
    parser.add_argument("corpus", type=Path, help="the conformance corpus to mutate")
    return parser.parse_args()


def check_all(cases: list[Case], nyash: str, workdir: Path, jobs: int) -> list[tuple[Case, str]]:
    for case in cases:
        (workdir / case.name).write_bytes(case.source)

    def check(case: Case) -> str | None:
        return failure(case, run_nyash([nyash, case.name], cwd=workdir, timeout=TIMEOUT_SECONDS))

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return [(case, found) for case, found in zip(cases, pool.map(check, cases)) if found]


def main() -> int:
    arguments = parse_arguments()
    cases = generate(arguments.corpus, arguments.seed)
    if not cases:
        print(f"error: no inputs generated from {arguments.corpus}", file=sys.stderr)
        return 2
    nyash = str(arguments.nyash.resolve())
    if arguments.keep:
        arguments.keep.mkdir(parents=True, exist_ok=True)
        failed = check_all(cases, nyash, arguments.keep, arguments.jobs)
    else:
        with tempfile.TemporaryDirectory(prefix="nyash-bad-input-") as workdir:
            failed = check_all(cases, nyash, Path(workdir), arguments.jobs)
    for case, found in failed:
        print(f"FAIL {case.name} ({case.how}): {found}")
    print(f"{len(cases) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
