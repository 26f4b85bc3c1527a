#!/usr/bin/env python3
"""The demo behind `make demo`: the four seed programs (tests/conformance/90x) with the seed's own
criterion, measured in process, then a short head-to-head of the engines.

For each seed program:
  * its output on the interpreter and on every VM engine, checked against the expected .out;
  * `nyash --backend all --iterations N`: compile and run times per backend and engine, the median
    of N iterations in one process (process start-up excluded; each run follows its own compile),
    and the interpreter's median run time over each engine's, checked against "at least 2x" (✔/✘);
  * peak memory (maximum resident set) of one whole `nyash FILE` run per backend, median of a few.
Then the engines head to head: each engine alone, in process, on a few perf/programs.
"""
import argparse
import re
import statistics
import subprocess
import sys
import tempfile
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
HEAD_TO_HEAD = ["fib", "int_loop", "method_calls", "field_access"]
HEAD_TO_HEAD_ITERATIONS = 5
ROW = re.compile(r"^(\S+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+(\S+)$")


def run(argv: list[str], cwd: Path) -> tuple[Outcome, int]:
    """One process: its outcome and its peak resident set in KiB. GNU time (Debian `time`, in
    make deps) reads it: a child forked from Python itself would report Python's resident set,
    since the kernel keeps a process's high-water mark across exec."""
    with tempfile.NamedTemporaryFile("r") as report:
        result = subprocess.run(["/usr/bin/time", "-q", "-o", report.name, "-f", "%M", *argv], cwd=cwd,
                                capture_output=True, timeout=TIMEOUT_SECONDS)
        peak_kib = int(report.read().split()[-1])
    return Outcome(result.returncode, result.stdout, result.stderr), peak_kib


def engines_of(nyash: Path) -> list[str]:
    version = subprocess.run([str(nyash), "--version"], capture_output=True, text=True, check=True).stdout
    return re.search(r"dispatch engines: ([^;)]*)", version)[1].replace(",", " ").split()


def benchmark(nyash: Path, program: Path, iterations: int, select: list[str] | None = None) -> dict[str, dict[str, float]]:
    """`--benchmark` (default: `--backend all`): label -> compile/run medians (µs) and the speedup
    over the interpreter (1.0 when it did not run)."""
    options = ["--benchmark", *select] if select else ["--backend", "all"]
    result = subprocess.run([str(nyash), *options, "--iterations", str(iterations), program.name],
                            cwd=program.parent, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=True)
    rows = {}
    for line in result.stderr.splitlines():
        if match := ROW.match(line):
            label, _, compile_median, jit_median, _, run_median, speedup = match.groups()
            rows[label] = {"compile": float(compile_median), "jit": float(jit_median), "run": float(run_median),
                           "speedup": float(speedup.rstrip("x")) if speedup != "-" else 1.0}
    if not rows:
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
    print(f"\nin process, median of {iterations} iterations (µs); jit = the JIT compiling at first calls, which "
          f"run excludes; speedup = interpreter run / engine run; criterion: VM at least {CRITERION:g}x")
    print(f"{'backend':<22}{'compile':>10}{'jit':>10}{'run':>12}{'speedup':>10}   {'peak RSS (whole process)':<24}")
    for label, row in rows.items():
        verdict = "" if label == "interp" else ("  ✔" if row["speedup"] >= CRITERION else "  ✘")
        memory = f"{peak[label] / 1024:.2f} MiB" if label in peak else ""
        jit = f"{row['jit']:.2f}" if row["jit"] > 0.005 else "-"
        print(f"{label:<22}{row['compile']:>10.2f}{jit:>10}{row['run']:>12.2f}{row['speedup']:>9.2f}x{verdict:<3}"
              f"{memory:>12}")
    default = f"vm/{engines[0]}"
    print(f"default engine ({engines[0]}): {rows[default]['speedup']:.2f}x "
          f"{'✔ meets' if rows[default]['speedup'] >= CRITERION else '✘ misses'} the {CRITERION:g}x criterion")
    return good


def head_to_head(nyash: Path, engines: list[str]) -> None:
    """Each engine alone (`--benchmark --dispatch E`) on a few perf/programs: these run for about a
    second on the interpreter, so it is left out here to keep the demo short."""
    baseline = "switch" if "switch" in engines else engines[0]
    print(f"\n=== engines head to head (perf/programs, in process, median run time of {HEAD_TO_HEAD_ITERATIONS} "
          f"iterations in ms; (time / {baseline}'s time, lower is faster))")
    print(f"{'program':<14}" + "".join(f"{engine:>20}" for engine in engines))
    for name in HEAD_TO_HEAD:
        program = ROOT / "perf" / "programs" / f"{name}.nyash"
        runs = {engine: benchmark(nyash, program, HEAD_TO_HEAD_ITERATIONS, ["--dispatch", engine])[f"vm/{engine}"]["run"]
                for engine in engines}
        cells = [f"{runs[engine] / 1000:.1f} ({runs[engine] / runs[baseline]:.2f}x)" for engine in engines]
        print(f"{name:<14}" + "".join(f"{cell:>20}" for cell in cells))
    print("one binary with every engine; `make compare` builds one pure binary per engine for the full "
          "comparison (docs/results.md)")


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
