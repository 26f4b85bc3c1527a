"""Wall time of whole processes, interleaved: every round runs every program on every contender
(in an order rotated each round), so slow drifts of the machine hit all contenders alike.

A first, untimed round checks each contender once: exit status 0 and stdout identical to the
interpreter's. A contender that fails is reported and left out of the timed rounds for that
program. Timed runs send stdout and stderr to /dev/null.
"""
import os
import subprocess
import sys
import threading
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


class TimedOut(Exception):
    pass


@dataclass
class Run:
    status: int  # exit status, or minus the signal number
    stdout: bytes  # empty unless captured
    wall: float  # seconds
    cpu: float  # user + system seconds of the process


def run_once(command: list[str], capture: bool) -> Run:
    """One process. Waits with a blocking wait4 (Popen.wait with a timeout polls, which would
    round wall times up to its polling interval); a timer kills a process that hangs."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    killed = threading.Event()
    timer = threading.Timer(TIMEOUT_SECONDS, lambda: (killed.set(), process.kill()))
    timer.start()
    try:
        stdout = process.stdout.read() if capture else b""
        _, wait_status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(wait_status)  # reaped: Popen must not wait again
    finally:
        timer.cancel()
        if process.stdout:
            process.stdout.close()
    wall = time.perf_counter() - started
    if killed.is_set():
        raise TimedOut(f"timed out after {TIMEOUT_SECONDS} s")
    return Run(process.returncode, stdout, wall, usage.ru_utime + usage.ru_stime)


def check(program: Program, contenders: list[Contender], timings: Timings) -> list[Contender]:
    """The untimed round: the contenders whose output matches the interpreter's on `program`."""
    reference = None
    passed = []
    for contender in contenders:
        script = contender.script(program)
        if script is None:
            continue
        try:
            run = run_once(contender.command(script), capture=True)
        except TimedOut as timed_out:
            timings.failures[program.name, contender.label] = str(timed_out)
            continue
        if contender.label == INTERP:
            reference = run.stdout
        if run.status != 0:
            timings.failures[program.name, contender.label] = f"exit status {run.status}"
        elif reference is None:
            timings.failures[program.name, contender.label] = "no interpreter output to compare with"
        elif run.stdout != reference:
            timings.failures[program.name, contender.label] = (
                f"stdout differs from the interpreter's: {run.stdout[:80]!r} vs {reference[:80]!r}")
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
    try:
        run = run_once(contender.command(contender.script(program)), capture=False)
    except TimedOut as timed_out:
        timings.failures[key] = str(timed_out)
        return
    if run.status != 0:
        timings.failures[key] = f"exit status {run.status} in a timed run"
        return
    timings.wall[key].append(run.wall)
    timings.cpu[key].append(run.cpu)
