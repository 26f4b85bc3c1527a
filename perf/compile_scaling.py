#!/usr/bin/env python3
"""Compile time against program size (docs/profiling.md): generates programs of each size with
perf/generate_program.py, profiles each with `nyash --profile-vm --profile-json` (--benchmark
over ITERATIONS runs), and prints a Markdown table of each phase's minimum time per line in
microseconds (the run least disturbed by other work on the machine), with the ratio of the
largest program's to the smallest's. Compile time is linear
in program size when every ratio stays near 1 (the plan's limit: 2).

usage: perf/compile_scaling.py --nyash build/nyash [--lines 1000,10000,100000] [--iterations 5]
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def profile(nyash: str, program: Path, iterations: int, backend: str) -> dict:
    out = program.with_suffix(f".{backend}.json")
    subprocess.run([nyash, "--backend", backend, "--benchmark", "--iterations", str(iterations), "--profile-vm",
                    "--profile-json", str(out), str(program)], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return json.loads(out.read_text())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True)
    parser.add_argument("--lines", default="1000,10000,100000")
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--backend", default="vm")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.lines.split(",")]
    per_line: dict[str, list[float]] = {}
    lines_of = []
    with tempfile.TemporaryDirectory(prefix="nyash-scaling-") as directory:
        for size in sizes:
            program = Path(directory) / f"generated_{size}.nyash"
            source = subprocess.run([sys.executable, str(HERE / "generate_program.py"), str(size)], check=True,
                                    capture_output=True, text=True).stdout
            program.write_text(source)
            lines = source.count("\n")
            lines_of.append(lines)
            report = profile(arguments.nyash, program, arguments.iterations, arguments.backend)
            for phase in report["phases"]:
                if phase["name"] == "run":
                    continue
                per_line.setdefault(phase["name"], []).append(phase["min_us"] / lines)
    header = "| phase | " + " | ".join(f"{lines:,} lines (us/line)" for lines in lines_of) + \
             f" | {lines_of[-1]:,} / {lines_of[0]:,} |"
    print(header)
    print("|---|" + "---:|" * (len(sizes) + 1))
    totals = [0.0] * len(sizes)
    for name, values in per_line.items():
        if len(values) != len(sizes):
            continue
        totals = [t + v for t, v in zip(totals, values)]
        ratio = values[-1] / values[0] if values[0] > 0 else float("nan")
        print(f"| {name} | " + " | ".join(f"{v:.3f}" for v in values) + f" | {ratio:.2f} |")
    print("| **compile total** | " + " | ".join(f"**{t:.3f}**" for t in totals) +
          f" | **{totals[-1] / totals[0]:.2f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
