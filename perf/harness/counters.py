"""Machine counters per contender and program: instructions, branches and branch mispredictions
from `perf stat` where the kernel exposes hardware counters, otherwise from cachegrind
(deterministic: its branch predictor is a simulation, the same on every machine), plus the
bytecode instructions the VM executed (the counting build's --vm-stats).

perf stat counts the timed inputs; cachegrind, about 50 times slower, counts each program's
@size input. Both subtract process start-up: the same counts for a program that only prints,
so that "machine instructions per bytecode instruction" is about the program's own work.
"""
import os
import re
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from .contenders import Contender
from .timing import TIMEOUT_SECONDS

STARTUP_PROGRAM = "print(0)\n"
COUNTER_TIMEOUT_SECONDS = 1800  # cachegrind is slow, but a hang must still end
VM_STATS = re.compile(rb"vm-stats: (\d+) bytecode instructions executed")
CACHEGRIND_LINES = {
    "instructions": re.compile(r"I\s+refs:\s+([\d,]+)"),
    "branches": re.compile(r"Branches:\s+([\d,]+)"),
    "mispredictions": re.compile(r"Mispred\w*:\s+([\d,]+)"),
}
PERF_EVENTS = {"instructions": "instructions", "branches": "branches", "mispredictions": "branch-misses"}
# Read when the CPU has them (perf stat reports "<not supported>" otherwise); cachegrind has neither.
OPTIONAL_PERF_EVENTS = {"cycles": "cycles", "l1i_misses": "L1-icache-load-misses"}


@dataclass
class Counts:
    instructions: int
    branches: int
    mispredictions: int
    cycles: int | None = None
    l1i_misses: int | None = None

    def __sub__(self, other: "Counts") -> "Counts":
        def minus(mine: int | None, theirs: int | None) -> int | None:
            return None if mine is None or theirs is None else mine - theirs
        return Counts(*(minus(getattr(self, name), getattr(other, name)) for name in self.__dataclass_fields__))

    def as_dict(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value is not None}


class CounterError(RuntimeError):
    pass


class Tool:
    """How one counter tool runs a command and reads its counts."""
    name: str
    description: str
    counts_small_inputs: bool

    def count(self, command: list[str]) -> Counts:
        with tempfile.TemporaryDirectory(prefix="nyash-counters-") as scratch:
            report = Path(scratch) / "report"
            done = subprocess.run(self.wrap(command, report), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, timeout=COUNTER_TIMEOUT_SECONDS)
            if done.returncode != 0:
                raise CounterError(f"exit status {done.returncode}: {done.stderr.decode(errors='replace')[-300:]}")
            return self.parse(report.read_text())

    def wrap(self, command: list[str], report: Path) -> list[str]:
        raise NotImplementedError

    def parse(self, report: str) -> Counts:
        raise NotImplementedError


class PerfStat(Tool):
    name = "perf"
    description = "perf stat (hardware counters; cycles and L1i misses where the CPU has them)"
    counts_small_inputs = False

    def wrap(self, command: list[str], report: Path) -> list[str]:
        events = [*PERF_EVENTS.values(), *OPTIONAL_PERF_EVENTS.values()]
        return ["perf", "stat", "-x,", "-o", str(report), "-e", ",".join(events), "--", *command]

    def parse(self, report: str) -> Counts:
        values = {}
        for line in report.splitlines():
            fields = line.split(",")
            if len(fields) > 2 and fields[0].isdigit():
                values[fields[2].split(":")[0]] = int(fields[0])
        try:
            required = {key: values[event] for key, event in PERF_EVENTS.items()}
        except KeyError as missing:
            raise CounterError(f"perf stat reported no {missing}") from None
        return Counts(**required, **{key: values.get(event) for key, event in OPTIONAL_PERF_EVENTS.items()})

    @staticmethod
    def works() -> bool:
        """True when `perf stat -e instructions true` reads a real count."""
        try:
            done = subprocess.run(["perf", "stat", "-x,", "-e", "instructions", "true"], capture_output=True,
                                  text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return done.returncode == 0 and any(line.split(",")[0].isdigit() for line in done.stderr.splitlines())


class Cachegrind(Tool):
    name = "cachegrind"
    description = "valgrind --tool=cachegrind --branch-sim=yes (simulated branch predictor)"
    counts_small_inputs = True

    def wrap(self, command: list[str], report: Path) -> list[str]:
        return ["valgrind", "--tool=cachegrind", "--branch-sim=yes", "--cache-sim=no",
                "--cachegrind-out-file=/dev/null", f"--log-file={report}", "--", *command]

    def parse(self, report: str) -> Counts:
        values = {}
        for key, pattern in CACHEGRIND_LINES.items():
            match = pattern.search(report)
            if not match:
                raise CounterError(f"no {key} line in the cachegrind summary")
            values[key] = int(match[1].replace(",", ""))
        return Counts(**values)

    @staticmethod
    def works() -> bool:
        try:
            return subprocess.run(["valgrind", "--version"], capture_output=True, timeout=30).returncode == 0
        except (OSError, subprocess.TimeoutExpired):
            return False


def detect_tool() -> Tool | None:
    if PerfStat.works():
        return PerfStat()
    if Cachegrind.works():
        return Cachegrind()
    return None


def net_of_startup(runs: dict[tuple[str, str], tuple[Contender, Path]], startup_script: Path, measure) -> dict:
    """{(program, contender label): measure(command) minus the same for the start-up program}
    for runs {(program, label): (contender, script)}, on every core (counts do not depend on
    load). A failed measurement is kept as its exception."""
    def guarded(command):
        try:
            return measure(command)
        except (CounterError, subprocess.TimeoutExpired) as error:
            return error
    commands = {key: contender.command(script) for key, (contender, script) in runs.items()}
    commands.update({("", contender.label): contender.command(startup_script) for contender, _ in runs.values()})
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        futures = {key: pool.submit(guarded, command) for key, command in commands.items()}
        counted = {key: future.result() for key, future in futures.items()}
    result = {}
    for key in runs:
        program, startup = counted[key], counted["", key[1]]
        failure = next((value for value in (program, startup) if isinstance(value, Exception)), None)
        result[key] = failure or program - startup
    return result


def bytecode_count(command: list[str]) -> int:
    """Executed bytecode instructions from a counting build's --vm-stats line."""
    done = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          timeout=TIMEOUT_SECONDS)
    match = VM_STATS.search(done.stderr)
    if done.returncode != 0 or not match:
        raise CounterError(f"--vm-stats run failed (exit status {done.returncode})")
    return int(match[1])


def write_startup_program(directory: Path) -> Path:
    path = directory / "startup.nyash"
    path.write_text(STARTUP_PROGRAM)
    return path
