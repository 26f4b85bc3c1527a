"""Wall time of whole processes, interleaved: every round runs every program on every contender
(in an order rotated each round), so slow drifts of the machine hit all contenders alike.

A first, untimed round checks each contender once: exit status 0 and stdout identical to the
interpreter's. A contender that fails is reported and left out of the timed rounds for that
program. Timed runs send stdout and stderr to /dev/null.
"""
import resource
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field

from .contenders import INTERP, Contender
from .programs import Program

TIMEOUT_SECONDS = 300


@dataclass
class Timings:
    wall: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))  # seconds
    cpu: dict[tuple[str, str], list[float]] = field(default_factory=lambda: defaultdict(list))  # user + sys
    failures: dict[tuple[str, str], str] = field(default_factory=dict)  # (program, contender) -> why


def run_once(command: list[str], capture: bool) -> tuple[int, bytes, float]:
    """(exit status, stdout, wall seconds) of one process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        stdout, _ = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return process.returncode, stdout or b"", time.perf_counter() - started


def check(program: Program, contenders: list[Contender], timings: Timings) -> list[Contender]:
    """The untimed round: the contenders whose output matches the interpreter's on `program`."""
    reference = None
    passed = []
    for contender in contenders:
        script = contender.script(program)
        if script is None:
            continue
        try:
            status, stdout, _ = run_once(contender.command(script), capture=True)
        except subprocess.TimeoutExpired:
            timings.failures[program.name, contender.label] = f"timed out after {TIMEOUT_SECONDS} s"
            continue
        if contender.label == INTERP:
            reference = stdout
        if status != 0:
            timings.failures[program.name, contender.label] = f"exit status {status}"
        elif reference is None:
            timings.failures[program.name, contender.label] = "no interpreter output to compare with"
        elif stdout != reference:
            timings.failures[program.name, contender.label] = (
                f"stdout differs from the interpreter's: {stdout[:80]!r} vs {reference[:80]!r}")
        else:
            passed.append(contender)
    for (name, label), why in timings.failures.items():
        if name == program.name:
            print(f"  FAIL {name} on {label}: {why}", file=sys.stderr)
    return passed


def measure(programs: list[Program], contenders: list[Contender], rounds: int) -> Timings:
    """`contenders` must start with the interpreter (the reference output)."""
    assert contenders[0].label == INTERP
    timings = Timings()
    print(f"checking outputs ({len(programs)} programs x {len(contenders)} contenders)", file=sys.stderr)
    runnable = {program: check(program, contenders, timings) for program in programs}
    for round_index in range(rounds):
        print(f"timing round {round_index + 1}/{rounds}", file=sys.stderr)
        for program in programs:
            order = runnable[program]
            shift = round_index % len(order) if order else 0
            for contender in order[shift:] + order[:shift]:
                _time_one(program, contender, timings)
    return timings


def _time_one(program: Program, contender: Contender, timings: Timings) -> None:
    key = program.name, contender.label
    if key in timings.failures:
        return
    before = resource.getrusage(resource.RUSAGE_CHILDREN)  # grows by this run's once it is reaped
    try:
        status, _, wall = run_once(contender.command(contender.script(program)), capture=False)
    except subprocess.TimeoutExpired:
        timings.failures[key] = f"timed out after {TIMEOUT_SECONDS} s"
        return
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if status != 0:
        timings.failures[key] = f"exit status {status} in a timed run"
        return
    timings.wall[key].append(wall)
    timings.cpu[key].append((after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
