#!/usr/bin/env python3
"""The demo behind `make demo`: the four seed programs (tests/conformance/90x) with the seed's own
criterion, measured in process, then a short head-to-head of the engines.

For each seed program:
  * its output on the interpreter and on every VM engine, checked against the expected .out;
  * `nyash --backend all --iterations N`: compile and run times per backend and engine, the median
    of N iterations in one process (process start-up excluded; each run follows its own compile),
    and the interpreter's median run time over each engine's, checked against "at least 2x" (✔/✘);
  * peak memory (maximum resident set) of one whole `nyash FILE` run per backend, median of a few.
Then the engines head to head: the same in-process measurement on a few perf/programs.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from run_conformance import Expectation, failures  # noqa: E402
from nyash_run import Outcome  # noqa: E402

TIMEOUT_SECONDS = 120
CRITERION = 2.0  # the seed: the VM runs a program at least twice as fast as the interpreter
# Iterations per seed, as docs/seeds.md measures them: enough for a stable median, scaled so
# that each seed takes a few seconds at most (901 runs for about a microsecond).
ITERATIONS = {"900": 201, "901": 5001, "902": 201, "903": 51}
MEMORY_RUNS = 5
HEAD_TO_HEAD = {"fib": 21, "int_loop": 21, "method_calls": 21, "field_access": 21}
ROW = re.compile(r"^(\S+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\S+)$")


def run(argv: list[str], cwd: Path) -> tuple[Outcome, int]:
    """One process: its outcome and its peak resident set in KiB (wait4's ru_maxrss)."""
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stdout, stderr = process.stdout.read(), process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return Outcome(process.returncode, stdout, stderr), usage.ru_maxrss


def engines_of(nyash: Path) -> list[str]:
    version = subprocess.run([str(nyash), "--version"], capture_output=True, text=True, check=True).stdout
    return re.search(r"dispatch engines: ([^;)]*)", version)[1].replace(",", " ").split()


def benchmark(nyash: Path, program: Path, iterations: int) -> dict[str, dict[str, float]]:
    """`--backend all`: label -> compile/run medians (µs) and the speedup over the interpreter."""
    result = subprocess.run([str(nyash), "--backend", "all", "--iterations", str(iterations), program.name],
                            cwd=program.parent, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=True)
    rows = {}
    for line in result.stderr.splitlines():
        if match := ROW.match(line):
            label, _, compile_median, jit_median, _, run_median, speedup = match.groups()
            rows[label] = {"compile": float(compile_median), "jit": float(jit_median), "run": float(run_median),
                           "speedup": float(speedup.rstrip("x")) if speedup != "-" else 1.0}
    if "interp" not in rows:
        raise RuntimeError(f"no benchmark table from {program.name}:\n{result.stderr}")
    return rows


def show_seed(nyash: Path, program: Path, engines: list[str]) -> bool:
    print(f"\n=== {program.name}")
    expectation = Expectation.of(program)
    configurations = {"interp": ["--backend", "interp"]}
    configurations.update({f"vm/{engine}": ["--backend", "vm", "--dispatch", engine] for engine in engines})
    good = True
    peak = {}
    for label, options in configurations.items():
        samples = []
        for _ in range(MEMORY_RUNS if label in ("interp", f"vm/{engines[0]}") else 1):
            outcome, max_rss = run([str(nyash), *options, program.name], program.parent)
            samples.append(max_rss)
        if label == "interp":
            sys.stdout.write(outcome.stdout.decode("utf-8", errors="replace"))
        problems = failures(expectation, outcome)
        good = good and not problems
        peak[label] = statistics.median(samples)
        print(f"--- {label}: {'; '.join(problems) or 'output matches ' + program.with_suffix('.out').name}")

    iterations = ITERATIONS.get(program.stem[:3], 101)
    rows = benchmark(nyash, program, iterations)
    print(f"\nin process, median of {iterations} iterations (µs); speedup = interpreter run / engine run; "
          f"criterion: VM at least {CRITERION:g}x")
    print(f"{'backend':<22}{'compile':>10}{'run':>12}{'speedup':>10}   {'peak RSS (whole process)':<24}")
    for label, row in rows.items():
        verdict = "" if label == "interp" else ("  ✔" if row["speedup"] >= CRITERION else "  ✘")
        memory = f"{peak[label] / 1024:.2f} MiB" if label in peak else ""
        print(f"{label:<22}{row['compile']:>10.2f}{row['run']:>12.2f}{row['speedup']:>9.2f}x{verdict:<3}{memory:>12}")
    default = f"vm/{engines[0]}"
    print(f"default engine ({engines[0]}): {rows[default]['speedup']:.2f}x "
          f"{'✔ meets' if rows[default]['speedup'] >= CRITERION else '✘ misses'} the {CRITERION:g}x criterion")
    return good


def head_to_head(nyash: Path, engines: list[str]) -> None:
    print("\n=== engines head to head (perf/programs, in process, median run time in µs; "
          "(speedup over the interpreter))")
    labels = ["interp"] + [f"vm/{engine}" for engine in engines]
    print(f"{'program':<14}" + "".join(f"{label:>22}" for label in labels))
    for name, iterations in HEAD_TO_HEAD.items():
        program = ROOT / "perf" / "programs" / f"{name}.nyash"
        if not program.exists():
            continue
        rows = benchmark(nyash, program, iterations)
        cells = [f"{rows[label]['run']:.0f} ({rows[label]['speedup']:.2f}x)" for label in labels]
        print(f"{name:<14}" + "".join(f"{cell:>22}" for cell in cells))
    print("one binary with every engine; perf/compare builds one pure binary per engine for the full "
          "comparison (make compare, docs/results.md)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True, type=Path, help="the nyash binary")
    parser.add_argument("corpus", type=Path, help="the conformance corpus holding the seed programs 90x")
    arguments = parser.parse_args()

    nyash = arguments.nyash.resolve()
    engines = engines_of(nyash)
    print(subprocess.run([str(nyash), "--version"], capture_output=True, text=True, check=True).stdout.strip())
    all_good = True
    for program in sorted(arguments.corpus.glob("90*.nyash")):
        all_good = show_seed(nyash, program, engines) and all_good
    head_to_head(nyash, engines)
    return 0 if all_good else 1


if __name__ == "__main__":
    sys.exit(main())
