#!/usr/bin/env python3
"""Checks of the jit engine that need a whole process (docs/engines.md, "jit"):

  w^x        while compiled code runs, no mapping of the process is writable and executable at
             once, and the code arena is mapped read-execute
  fallback   without executable memory (NYASH_JIT_DENY_EXEC=1) the program still runs, on the
             interpreter engine, with exactly one warning on stderr
  perf-map   --jit-perf-map writes /tmp/perf-PID.map naming every compiled function
  dump       --dump-jit prints each bytecode line followed by its disassembled template

Prints one line per failed check and exits 1 when any failed.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LOOP_FOREVER = """function spin(n) {
    local i = 0
    loop(true) { i = i + n }
}
spin(1)
"""

PROGRAM = """function square(x) { return x * x }
local total = 0
local i = 0
loop(i < 10) {
    total = total + square(i)
    i = i + 1
}
print(total)
"""


def write_program(workdir: Path, name: str, text: str) -> Path:
    path = workdir / name
    path.write_text(text)
    return path


def mappings(pid: int) -> list[tuple[str, str]]:
    """(permissions, rest of line) of every mapping of the process."""
    lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return [(line.split()[1], line) for line in lines]


def check_w_xor_x(nyash: Path, workdir: Path) -> list[str]:
    program = write_program(workdir, "spin.nyash", LOOP_FOREVER)
    process = subprocess.Popen([str(nyash), "--dispatch", "jit", str(program)], stdout=subprocess.DEVNULL)
    try:
        # The arena turns read-execute when the first function is compiled; spin() follows at
        # once and never returns, so after a moment compiled code is running.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            maps = mappings(process.pid)
            executable_anonymous = [line for perms, line in maps if perms.startswith("r-x") and len(line.split()) == 5]
            if executable_anonymous:
                break
            time.sleep(0.05)
        else:
            return ["w^x: no read-execute anonymous mapping (the code arena) appeared"]
        time.sleep(0.2)
        both = [line for perms, line in mappings(process.pid) if "w" in perms and "x" in perms]
        return [f"w^x: writable and executable mapping: {line}" for line in both]
    finally:
        process.kill()
        process.wait()


def check_fallback(nyash: Path, workdir: Path) -> list[str]:
    program = write_program(workdir, "fallback.nyash", PROGRAM)
    env = dict(os.environ, NYASH_JIT_DENY_EXEC="1")
    denied = subprocess.run([str(nyash), "--dispatch", "jit", str(program)], capture_output=True, env=env, timeout=60)
    normal = subprocess.run([str(nyash), "--dispatch", "jit", str(program)], capture_output=True, timeout=60)
    problems = []
    if denied.returncode != 0 or denied.stdout != normal.stdout:
        problems.append(f"fallback: status {denied.returncode}, stdout {denied.stdout!r} (expected {normal.stdout!r})")
    warnings = denied.stderr.decode().splitlines()
    if len(warnings) != 1 or "executable memory" not in warnings[0]:
        problems.append(f"fallback: expected one warning on stderr, got {warnings!r}")
    if normal.stderr:
        problems.append(f"fallback: a normal jit run wrote to stderr: {normal.stderr!r}")
    return problems


def check_perf_map(nyash: Path, workdir: Path) -> list[str]:
    program = write_program(workdir, "perf_map.nyash", PROGRAM)
    process = subprocess.Popen([str(nyash), "--dispatch", "jit", "--jit-perf-map", str(program)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.communicate(timeout=60)
    map_file = Path(f"/tmp/perf-{process.pid}.map")
    if not map_file.exists():
        return [f"perf-map: {map_file} was not written"]
    names = [line.split(maxsplit=2)[2] for line in map_file.read_text().splitlines()]
    map_file.unlink()
    missing = {"nyash:<script>", "nyash:square"} - set(names)
    return [f"perf-map: {sorted(missing)} missing from {names}"] if missing else []


def check_dump(nyash: Path, workdir: Path) -> list[str]:
    program = write_program(workdir, "dump.nyash", PROGRAM)
    dump = subprocess.run([str(nyash), "--dump-jit", str(program)], capture_output=True, text=True, timeout=60)
    problems = []
    if dump.returncode != 0:
        problems.append(f"dump: status {dump.returncode}: {dump.stderr}")
    for expected in ("function square", "MUL ", "imul", "push rbp", "mov rbp, rsp", "bytes per instruction"):
        if expected not in dump.stdout:
            problems.append(f"dump: no {expected!r} in --dump-jit output")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("nyash", type=Path)
    args = parser.parse_args()
    problems = []
    with tempfile.TemporaryDirectory() as workdir:
        for check in (check_w_xor_x, check_fallback, check_perf_map, check_dump):
            problems += check(args.nyash.resolve(), Path(workdir))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
