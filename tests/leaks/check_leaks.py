#!/usr/bin/env python3
"""Leaks and memory growth over many runs in one process (docs/testing.md, "Leaks"). Every
conformance program runs with `nyash --benchmark --backend all --iterations N`: the interpreter
and every dispatch engine, each N times, a fresh Runtime per run.

  check_leaks.py --nyash build-test/nyash --lsan --iterations 1000 tests/conformance
      on a sanitizer build: LeakSanitizer must report nothing (zero leaked bytes), and there
      must be no crash or other sanitizer report.
  check_leaks.py --nyash build/nyash --rss tests/conformance
      on a release build: the peak RSS of 1000 iterations must be within 5% of that of 100
      iterations (memory that grows with every run shows as growth between the two);
      --rss-iterations 20,200 compares other counts (the meson test's quicker check).

The benchmark stops at a program's first error (cli/benchmark.cpp), so a program that ends in an
error runs once per backend: its error path is checked for leaks, but not for growth.
"""
import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from nyash_run import Outcome  # noqa: E402

TIMEOUT_SECONDS = 1800
RSS_GROWTH_ALLOWED = 0.05


def run_measured(command: list[str], cwd: Path, environment: dict) -> tuple[Outcome, int]:
    """The outcome (stdout discarded) and the peak RSS in KiB (ru_maxrss of the child, wait4)."""
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, env=environment, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=err)
        timer = threading.Timer(TIMEOUT_SECONDS, process.kill)
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        err.seek(0)
        stderr = err.read()
    code = process.returncode
    if code < 0:
        name = signal.Signals(-code).name
        timed_out = TIMEOUT_SECONDS if -code == signal.SIGKILL else None
        return Outcome(None, b"", stderr, signal_name=name, timed_out_after=timed_out), usage.ru_maxrss
    return Outcome(code, b"", stderr), usage.ru_maxrss


def benchmark_command(nyash: Path, program: Path, iterations: int) -> list[str]:
    return [str(nyash), "--benchmark", "--backend", "all", "--iterations", str(iterations), program.name]


def check_lsan(nyash: Path, program: Path, iterations: int) -> str | None:
    environment = dict(os.environ, ASAN_OPTIONS="detect_leaks=1")
    outcome, _ = run_measured(benchmark_command(nyash, program, iterations), program.parent, environment)
    if problem := outcome.problem():
        return f"FAIL {program.name}: {problem}"
    print(f"ok   {program.name}: {iterations} iteration(s) per backend, no sanitizer report", flush=True)
    return None


def check_rss(nyash: Path, program: Path, counts: tuple[int, int]) -> str | None:
    peaks = []
    for iterations in counts:
        outcome, peak = run_measured(benchmark_command(nyash, program, iterations), program.parent, dict(os.environ))
        if problem := outcome.problem():
            return f"FAIL {program.name}: {problem}"
        peaks.append(peak)
    growth = (peaks[1] - peaks[0]) / peaks[0]
    line = f"{program.name}: peak RSS {peaks[0]} KiB after {counts[0]}, {peaks[1]} KiB after {counts[1]}"
    if growth > RSS_GROWTH_ALLOWED:
        return f"FAIL {line} (+{growth:.1%})"
    print(f"ok   {line}", flush=True)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True, type=Path)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--lsan", action="store_true", help="LeakSanitizer (a sanitizer build)")
    mode.add_argument("--rss", action="store_true", help="peak RSS growth (a release build)")
    parser.add_argument("--iterations", type=int, default=1000, help="--lsan: runs per backend (default 1000)")
    parser.add_argument("--rss-iterations", default="100,1000",
                        help="--rss: the two iteration counts compared (default 100,1000)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("corpus", type=Path)
    arguments = parser.parse_args()
    nyash = arguments.nyash.resolve()
    programs = sorted(arguments.corpus.resolve().glob("*.nyash"))
    low, high = (int(count) for count in arguments.rss_iterations.split(","))

    def check(program: Path) -> str | None:
        if arguments.lsan:
            return check_lsan(nyash, program, arguments.iterations)
        return check_rss(nyash, program, (low, high))

    with ThreadPoolExecutor(max_workers=arguments.jobs) as pool:
        failures = [failure for failure in pool.map(check, programs) if failure]
    for failure in failures:
        print(failure)
    what = (f"LeakSanitizer, {arguments.iterations} iteration(s)" if arguments.lsan
            else f"peak RSS growth from {low} to {high} iterations")
    print(f"{len(programs)} programs, {what}: {len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
