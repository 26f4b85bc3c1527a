#!/usr/bin/env python3
"""Runs one libFuzzer target (fuzz_frontend or fuzz_pipeline, built with meson -Dfuzzers=true)
for a fixed time, seeded from the conformance corpus, the fuzzing regressions and the saved
crash reproducers, with the Nyash dictionary. Exits with the fuzzer's status: 0 when it found
nothing, non-zero on a crash, a difference between backends (fuzz_pipeline aborts), a sanitizer
report, a timeout or running out of memory; the input is then written to --artifacts.

  run_fuzzer.py --fuzzer build-fuzz/tests/fuzz/libfuzzer/fuzz_pipeline --seconds 60

--corpus DIR keeps the corpus the fuzzer grows (make fuzz keeps one per target in its build
directory); without it a temporary one is used and discarded.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
TESTS = HERE.parents[1]
SEED_DIRS = [TESTS / "conformance", TESTS / "fuzz" / "regressions", HERE / "regressions"]
# Per input, in wall-clock seconds: every configuration of a debug ASan build runs within this;
# longer is a hang. A fuzzer run at a low priority on a busy machine needs more (--timeout).
TIMEOUT_SECONDS = 60
# Above the largest legitimate use (strings are capped at 64 MiB in fuzzing builds, meson.build).
RSS_LIMIT_MB = 3072


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fuzzer", required=True, type=Path, help="the libFuzzer executable")
    parser.add_argument("--seconds", required=True, type=int, help="how long to fuzz")
    parser.add_argument("--corpus", type=Path, help="corpus directory to keep (default: a temporary one)")
    parser.add_argument("--timeout", type=int, default=TIMEOUT_SECONDS,
                        help=f"seconds one input may take before it counts as a hang (default: {TIMEOUT_SECONDS})")
    parser.add_argument("--artifacts", type=Path, default=Path.cwd(),
                        help="where a failing input is written (default: the current directory)")
    return parser.parse_args()


def seed(corpus: Path) -> int:
    """Copies every .nyash seed into `corpus` (the seed folders hold expected outputs too)."""
    count = 0
    for folder in SEED_DIRS:
        for program in sorted(folder.glob("*.nyash")):
            shutil.copyfile(program, corpus / f"seed_{folder.name}_{program.name}")
            count += 1
    return count


def fuzz(arguments: argparse.Namespace, corpus: Path) -> int:
    print(f"{arguments.fuzzer.name}: {seed(corpus)} seed programs, {arguments.seconds} s", flush=True)
    arguments.artifacts.mkdir(parents=True, exist_ok=True)
    command = [str(arguments.fuzzer), f"-max_total_time={arguments.seconds}", f"-timeout={arguments.timeout}",
               f"-rss_limit_mb={RSS_LIMIT_MB}", f"-dict={HERE / 'nyash.dict'}", "-print_final_stats=1",
               f"-artifact_prefix={arguments.artifacts}/{arguments.fuzzer.name}-", str(corpus)]
    print(" ".join(command), flush=True)
    # UBSan reports end the run (and so become libFuzzer crashes) instead of scrolling past.
    environment = dict(os.environ, UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1")
    return subprocess.run(command, check=False, env=environment).returncode


def main() -> int:
    arguments = parse_arguments()
    if arguments.corpus is not None:
        arguments.corpus.mkdir(parents=True, exist_ok=True)
        return fuzz(arguments, arguments.corpus)
    with tempfile.TemporaryDirectory(prefix="nyash-libfuzzer-") as corpus:
        return fuzz(arguments, Path(corpus))


if __name__ == "__main__":
    sys.exit(main())
