#!/usr/bin/env python3
"""Runs the fuzzing regressions (DIR/*.nyash, reduced by tests/fuzz/differential.py) through
tests/run_conformance.py with --stack-trace, since their expected stderr holds the interpreter's
stack trace. Every argument but the first --nyash ... pairs is passed on to run_conformance.py.

Programs in DIR/open/ show bugs not fixed yet and are not run. When DIR holds no program, the
test is reported as skipped (exit status 77, which meson counts as a skip).
"""
import subprocess
import sys
from pathlib import Path

SKIP_STATUS = 77
RUN_CONFORMANCE = Path(__file__).resolve().parent.parent / "run_conformance.py"


def main() -> int:
    arguments = sys.argv[1:]
    if not arguments or arguments[-1].startswith("-"):
        print(f"usage: {sys.argv[0]} [run_conformance.py options] DIR", file=sys.stderr)
        return 2
    directory = Path(arguments[-1])
    if not any(directory.glob("*.nyash")):
        print(f"no fuzzing regressions in {directory} (open bugs in {directory / 'open'} are not run): skipped")
        return SKIP_STATUS
    command = [sys.executable, str(RUN_CONFORMANCE), *arguments[:-1], "--extra-arg=--stack-trace", str(directory)]
    return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
