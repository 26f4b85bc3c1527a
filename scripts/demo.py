#!/usr/bin/env python3
"""The demo behind `make demo`: runs the four seed programs (NNN = 90x in the corpus) on every
backend the nyash binary offers, the VM once per dispatch engine compiled in, printing each
program's output, whether it matches the expected .out, and the wall time per backend; then a
program x backend table of median times with the ratio to the interpreter. New backends and
engines appear in the table as the binary lists them. It ends with `perf/compare --quick`: the
engines head to head, each from its own pure build, on scaled-up benchmark programs.
"""
import argparse
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from run_conformance import Expectation, failures  # noqa: E402
from nyash_run import Outcome, run_nyash  # noqa: E402

BASELINE = "interp"
TIMEOUT_SECONDS = 60


@dataclass
class Measurement:
    outcome: Outcome
    problems: list[str]
    median_ms: float


def list_backends(nyash: Path) -> dict[str, list[str]]:
    """Backend label ("interp", "vm/switch", ...) -> the nyash options that select it."""
    listing = subprocess.run([str(nyash), "--list-backends"], capture_output=True, text=True, check=True)
    version = subprocess.run([str(nyash), "--version"], capture_output=True, text=True, check=True).stdout
    engines = re.search(r"dispatch engines: ([^;)]*)", version)[1].replace(",", " ").split()
    backends = {}
    for backend in listing.stdout.split():
        if backend == "vm":
            backends.update({f"vm/{engine}": ["--backend", "vm", "--dispatch", engine] for engine in engines})
        else:
            backends[backend] = ["--backend", backend]
    return backends


def measure(nyash: Path, options: list[str], program: Path, runs: int) -> Measurement:
    times, outcome = [], None
    for _ in range(runs):
        start = time.perf_counter()
        outcome = run_nyash([str(nyash), *options, program.name], cwd=program.parent, timeout=TIMEOUT_SECONDS)
        times.append((time.perf_counter() - start) * 1000)
    return Measurement(outcome, failures(Expectation.of(program), outcome), statistics.median(times))


def print_table(programs: list[Path], backends: list[str], results: dict) -> None:
    width = max(len(program.stem) for program in programs)
    columns = [f"{backend:>24}" for backend in backends]
    print(f"\n{'program':<{width}}" + "".join(columns))
    for program in programs:
        baseline = results[program, BASELINE].median_ms if BASELINE in backends else None
        cells = []
        for backend in backends:
            milliseconds = results[program, backend].median_ms
            ratio = f" ({milliseconds / baseline:.2f}x)" if baseline else ""
            cells.append(f"{f'{milliseconds:.1f} ms{ratio}':>24}")
        print(f"{program.stem:<{width}}" + "".join(cells))
    print(f"\nmedian wall time per process (start, compile, run); ratio = time / {BASELINE} time, lower is faster")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nyash", required=True, type=Path, help="the nyash binary")
    parser.add_argument("--runs", type=int, default=5, help="runs per program and backend (median is shown)")
    parser.add_argument("--skip-compare", action="store_true", help="do not end with perf/compare --quick")
    parser.add_argument("corpus", type=Path, help="the conformance corpus holding the seed programs 90x")
    arguments = parser.parse_args()

    nyash = arguments.nyash.resolve()
    backends = list_backends(nyash)
    programs = sorted(arguments.corpus.glob("90*.nyash"))
    print(f"backends: {', '.join(backends)}")
    results, all_good = {}, True
    for program in programs:
        print(f"\n=== {program.name}")
        for backend, options in backends.items():
            measurement = measure(nyash, options, program, arguments.runs)
            results[program, backend] = measurement
            if backend == next(iter(backends)):
                sys.stdout.write(measurement.outcome.stdout.decode("utf-8", errors="replace"))
            verdict = "; ".join(measurement.problems) or f"output matches {program.with_suffix('.out').name}"
            print(f"--- {backend}: {measurement.median_ms:.1f} ms, {verdict}")
            all_good = all_good and not measurement.problems
    print_table(programs, list(backends), results)
    if arguments.skip_compare:
        return 0 if all_good else 1
    print("\n=== perf/compare --quick: the engines head to head, each from its own pure release build", flush=True)
    compared = subprocess.run([sys.executable, str(ROOT / "perf" / "compare"), "--quick"], cwd=ROOT)
    return 0 if all_good and compared.returncode == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
