#!/usr/bin/env python3
"""Differential fuzzing: programs from generate.py run on the AST interpreter (the reference) and
on every VM configuration of the binary (each dispatch engine it lists in --version, and any
other backend it lists in --list-backends, at each --opt-level; at the last level also with each
ablation switch --version lists, alone and all together). Any difference in stdout,
stderr or exit status is a failure, and so is a crash, a hang, a sanitizer report, or a
generated program that does not compile. Every run has --stack-trace, like tests/differential.py.

With --batch-driver (the differential_batch executable of the same build), the programs are
compared in process instead, in batches of --batch-size files (tests/fuzz/in_process/): one
process per batch instead of one per program and configuration, and so many times faster. The
driver's configurations must be the binary's. A program it reports, and every program of a batch
it did not finish (a crash, hang or sanitizer report), is rerun one process per configuration,
which confirms the failure, names it, and is what --reduce reduces; a difference only the
in-process run shows is a failure too.

Seeds: --count programs from --seed on (the default), or --duration seconds of consecutive seeds
from --seed (a random one unless given). With --reduce, each failing program (at most
--max-reductions) is reduced by reduce.py to a small program that still compiles and still
shows the same kind of difference between the interpreter and the same configuration; it is
saved with its expected output, in the format of tests/run_conformance.py, into --save-dir
(tests/fuzz/regressions/open/: open bugs, which the meson tests skip; see docs/testing.md).

Prints one line per failure and a summary; exits 1 on any failure.
"""
import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

FUZZ_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(FUZZ_DIR.parent))
sys.path.insert(0, str(FUZZ_DIR))
from generate import generate  # noqa: E402
from nyash_run import Outcome, run_nyash, shorten  # noqa: E402
from reduce import Reducer  # noqa: E402

TIMEOUT_SECONDS = 60
# A batch normally takes seconds; longer is a hang somewhere in it.
BATCH_TIMEOUT_SECONDS = 300
REFERENCE = ("--backend", "interp")
COMPILE_ERROR_STATUS = 2
# Failures that only the in-process driver shows (state kept between runs in one process, say).
IN_PROCESS_ONLY = "in process only"
BATCH_FAILED = "batch driver failed"


@dataclass(frozen=True)
class Config:
    name: str             # for reports, e.g. "vm/switch -O2"
    slug: str             # for file names, e.g. "switch_O2"
    arguments: tuple      # the nyash options that select it


@dataclass(frozen=True)
class Failure:
    seed: int
    config: Config | None  # None: the reference run itself failed
    kind: str              # what differs, e.g. "stdout, stderr", or the problem
    detail: str

    @property
    def reducible(self) -> bool:
        """Whether separate processes show it, which is what reduce.py runs."""
        return not self.kind.startswith(IN_PROCESS_ONLY) and self.kind != BATCH_FAILED


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True, type=Path, help="the nyash binary")
    parser.add_argument("--seed", type=int, help="the first seed (default: 0, or random with --duration)")
    parser.add_argument("--count", type=int, default=200, help="programs to run (default: 200)")
    parser.add_argument("--duration", type=float, help="run consecutive seeds for this many seconds instead")
    parser.add_argument("--opt-levels", default="0,1,2", help="VM optimisation levels (default: 0,1,2)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="programs run at once")
    parser.add_argument("--batch-driver", type=Path,
                        help="compare in process with this differential_batch executable")
    parser.add_argument("--batch-size", type=int, default=50, help="programs per --batch-driver run (default: 50)")
    parser.add_argument("--reduce", action="store_true", help="reduce failing programs and save them")
    parser.add_argument("--max-reductions", type=int, default=5, help="failing programs reduced at most")
    parser.add_argument("--save-dir", type=Path, default=FUZZ_DIR / "regressions" / "open",
                        help="where reduced programs go (default: tests/fuzz/regressions/open)")
    return parser.parse_args()


def discover_configs(nyash: str, levels: list[str]) -> list[Config]:
    """The configurations compiled into the binary, from what it reports about itself."""
    version = run_nyash([nyash, "--version"], cwd=Path.cwd(), timeout=TIMEOUT_SECONDS).stdout.decode()
    engines = re.search(r"dispatch engines: ([^;)]*)", version)
    switches = re.search(r"ablation switches: ([^;)]*)", version)
    backends = run_nyash([nyash, "--list-backends"], cwd=Path.cwd(), timeout=TIMEOUT_SECONDS).stdout.decode().split()
    switch_list = switches.group(1).split(", ") if switches else []
    # As differential_batch does: ablation switches only at the last level, each alone and all together.
    ablation_sets = [[]] + [[switch] for switch in switch_list] + ([switch_list] if len(switch_list) > 1 else [])
    configs = []
    for level in levels:
        for ablations in ablation_sets if level == levels[-1] else [[]]:
            for engine in (engines.group(1).split(", ") if engines else []):
                slug = "".join("_" + flag.removeprefix("--").replace("-", "_") for flag in ablations)
                configs.append(Config(" ".join([f"vm/{engine} -O{level}", *ablations]), f"{engine}_O{level}{slug}",
                                      ("--backend", "vm", "--dispatch", engine, "--opt-level", level, *ablations)))
        for backend in backends:
            if backend not in ("vm", "interp"):
                configs.append(Config(f"{backend} -O{level}", f"{backend}_O{level}",
                                      ("--backend", backend, "--opt-level", level)))
    return configs


def problem_kind(outcome: Outcome) -> str | None:
    """The kind of a crash, hang or sanitizer report, without run-specific numbers."""
    if outcome.timed_out_after is not None:
        return "timeout"
    if outcome.signal_name is not None:
        return f"killed by {outcome.signal_name}"
    return "sanitizer report" if outcome.sanitizer_report() else None


def difference_kind(reference: Outcome, other: Outcome) -> str | None:
    if kind := problem_kind(other):
        return kind
    differing = [name for name, expected, actual in (("status", reference.status, other.status),
                                                      ("stdout", reference.stdout, other.stdout),
                                                      ("stderr", reference.stderr, other.stderr))
                 if expected != actual]
    return ", ".join(differing) or None


def first_difference(expected: bytes, actual: bytes) -> str:
    expected_lines, actual_lines = expected.split(b"\n"), actual.split(b"\n")
    for number, (want, got) in enumerate(zip(expected_lines, actual_lines), start=1):
        if want != got:
            return f"line {number}: interp {shorten(want)}, vm {shorten(got)}"
    return f"interp has {len(expected_lines)} lines, vm {len(actual_lines)}"


def describe_difference(reference: Outcome, other: Outcome) -> str:
    if problem := other.problem():
        return problem
    parts = []
    if reference.status != other.status:
        parts.append(f"status: interp {reference.status}, vm {other.status}")
    for stream, expected, actual in (("stdout", reference.stdout, other.stdout),
                                     ("stderr", reference.stderr, other.stderr)):
        if expected != actual:
            parts.append(f"{stream} {first_difference(expected, actual)}")
    return "; ".join(parts)


def describe(outcome: Outcome) -> str:
    return (outcome.problem() or f"status {outcome.status}") + \
        f", stdout {shorten(outcome.stdout[-200:])}, stderr {shorten(outcome.stderr[-200:])}"


def parse_batch_report(stdout: bytes) -> dict[int, tuple[str, str, str]]:
    """The first FAIL line of each seed: {seed: (configuration, parts, detail)}."""
    flagged = {}
    for line in stdout.decode("utf-8", "replace").splitlines():
        fields = line.split("\t")
        if fields[0] == "FAIL" and len(fields) == 5 and (seed := re.fullmatch(r"seed(\d+)\.nyash", fields[1])):
            flagged.setdefault(int(seed.group(1)), (fields[2], fields[3], fields[4]))
    return flagged


def check_batch_configs(batch_driver: str, configs: list[Config], levels: list[str]) -> None:
    """The driver must compare exactly the VM configurations the binary has."""
    listed = run_nyash([batch_driver, "--opt-levels", ",".join(levels), "--list-configurations"], cwd=Path.cwd(),
                       timeout=TIMEOUT_SECONDS).stdout.decode().split("\n")
    if sorted(filter(None, listed)) != sorted(config.name for config in configs):
        sys.exit(f"differential.py: {batch_driver} compares {', '.join(filter(None, listed))}, "
                 f"but the binary has {', '.join(config.name for config in configs)}")


def reference_failure(reference: Outcome) -> str | None:
    if kind := problem_kind(reference):
        return kind
    return "does not compile" if reference.status == COMPILE_ERROR_STATUS else None


class Fuzzer:
    def __init__(self, nyash: str, configs: list[Config], workdir: Path, batch_driver: str | None = None,
                 levels: list[str] | None = None):
        self.nyash = nyash
        self.configs = configs
        self.workdir = workdir
        self.batch_driver = batch_driver  # with the opt levels it is to compare
        self.levels = levels or []

    def run(self, arguments: tuple, name: str, timeout: float = TIMEOUT_SECONDS) -> Outcome:
        return run_nyash([self.nyash, "--stack-trace", *arguments, name], cwd=self.workdir, timeout=timeout)

    def check_seed(self, seed: int) -> list[Failure]:
        name = f"seed{seed}.nyash"
        (self.workdir / name).write_text(generate(seed))
        reference = self.run(REFERENCE, name)
        if kind := reference_failure(reference):
            return [Failure(seed, None, kind, describe(reference))]
        failures = []
        for config in self.configs:
            other = self.run(config.arguments, name)
            if kind := difference_kind(reference, other):
                failures.append(Failure(seed, config, kind, describe_difference(reference, other)))
        if not failures:
            (self.workdir / name).unlink()
        return failures

    def check_seeds(self, seeds: range) -> list[Failure]:
        if self.batch_driver is None:
            return [failure for seed in seeds for failure in self.check_seed(seed)]
        return self.check_batch(seeds)

    def check_batch(self, seeds: range) -> list[Failure]:
        """Compares the batch in process; reruns what that flags one process per configuration."""
        folder = self.workdir / f"batch{seeds.start}"
        folder.mkdir()
        names = [f"seed{seed}.nyash" for seed in seeds]
        for seed, name in zip(seeds, names):
            (folder / name).write_text(generate(seed))
        command = [self.batch_driver, "--opt-levels", ",".join(self.levels), *names]
        done = run_nyash(command, cwd=folder, timeout=BATCH_TIMEOUT_SECONDS)
        flagged = parse_batch_report(done.stdout)
        finished = done.status in (0, 1) and not done.problem() and (done.status == 1) == bool(flagged)
        suspects = set(flagged) if finished else set(seeds)
        failures = []
        for seed in sorted(suspects):
            confirmed = self.check_seed(seed)
            if not confirmed and seed in flagged:
                config, parts, detail = flagged[seed]
                confirmed = [Failure(seed, self.config_named(config), f"{IN_PROCESS_ONLY}: {parts}", detail)]
            failures += confirmed
        if not finished and not failures:
            failures.append(Failure(seeds.start, None, BATCH_FAILED,
                                    f"seeds {seeds.start}..{seeds.stop - 1}: {describe(done)}"))
        shutil.rmtree(folder)
        return failures

    def config_named(self, name: str) -> Config | None:
        return next((config for config in self.configs if config.name == name), None)

    def still_fails(self, failure: Failure, timeout: float):
        """The reducer's test: the candidate compiles and fails the same way on the same pair."""
        def test(source: str) -> bool:
            (self.workdir / "candidate.nyash").write_text(source)
            reference = self.run(REFERENCE, "candidate.nyash", timeout)
            if failure.config is None:
                return reference_failure(reference) == failure.kind
            if reference_failure(reference):
                return False
            return difference_kind(reference, self.run(failure.config.arguments, "candidate.nyash", timeout)) \
                == failure.kind
        return test

    def reduce(self, failure: Failure) -> str:
        source = generate(failure.seed)
        started = time.monotonic()
        self.run(REFERENCE, f"seed{failure.seed}.nyash")
        # Candidates that loop forever (a loop's counter step removed) are cut off soon.
        timeout = max(1.0, 20 * (time.monotonic() - started))
        if failure.kind == "timeout":
            timeout = TIMEOUT_SECONDS
        return Reducer(self.still_fails(failure, timeout)).reduce(source)


def conformance_stdout(stdout: bytes) -> bytes:
    """Expected stdout for run_conformance.py, where a line starting with `re:` is a regex."""
    lines = stdout.split(b"\n")
    return b"\n".join(b"re:" + re.escape(line.decode("utf-8", "surrogateescape")).encode("utf-8", "surrogateescape")
                      if line.startswith(b"re:") else line for line in lines)


def save_reproducer(source: str, failure: Failure, directory: Path, nyash: str) -> Path:
    """Writes NAME.nyash and its expected .out/.err/.code (the interpreter's, with --stack-trace)."""
    configuration = failure.config.name if failure.config else "the interpreter alone"
    name = f"fuzz_{failure.seed}_{failure.config.slug if failure.config else 'interp'}"
    header = f"// Reduced from tests/fuzz/generate.py --seed {failure.seed}: {configuration} differs ({failure.kind})."
    directory.mkdir(parents=True, exist_ok=True)
    program = directory / f"{name}.nyash"
    program.write_text(header + "\n" + source)
    expected = run_nyash([nyash, "--stack-trace", *REFERENCE, program.name], cwd=directory, timeout=TIMEOUT_SECONDS)
    program.with_suffix(".out").write_bytes(conformance_stdout(expected.stdout))
    for suffix, content in ((".err", expected.stderr), (".code", f"{expected.status}\n".encode())):
        path = program.with_suffix(suffix)
        keep = content if suffix == ".err" else (expected.status not in (0, None))
        if keep:
            path.write_bytes(content)
        elif path.exists():
            path.unlink()
    return program


def seed_batches(first: int, count: int | None, duration: float | None, batch: int):
    """Consecutive seeds in batches, until count seeds or duration seconds are done."""
    deadline = time.monotonic() + duration if duration is not None else None
    seed = first
    while (deadline is None and seed < first + count) or (deadline is not None and time.monotonic() < deadline):
        size = batch if deadline is not None else min(batch, first + count - seed)
        yield range(seed, seed + size)
        seed += size


def main() -> int:
    arguments = parse_arguments()
    nyash = str(arguments.nyash.resolve())
    levels = arguments.opt_levels.split(",")
    configs = discover_configs(nyash, levels)
    first = arguments.seed if arguments.seed is not None else \
        (random.SystemRandom().randrange(10 ** 9) if arguments.duration is not None else 0)
    started = time.monotonic()
    failures: list[Failure] = []
    tried = 0
    batch_driver = str(arguments.batch_driver.resolve()) if arguments.batch_driver else None
    if batch_driver:
        check_batch_configs(batch_driver, configs, levels)
    # Each worker takes one program, or one batch for the driver.
    unit = max(1, arguments.batch_size) if batch_driver else 1
    jobs = max(1, arguments.jobs)
    with tempfile.TemporaryDirectory(prefix="nyash-fuzz-") as directory:
        fuzzer = Fuzzer(nyash, configs, Path(directory), batch_driver, levels)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            for seeds in seed_batches(first, arguments.count, arguments.duration, 4 * jobs * unit):
                units = [seeds[start:start + unit] for start in range(0, len(seeds), unit)]
                for found in pool.map(fuzzer.check_seeds, units):
                    for failure in found:
                        where = f"{failure.config.name if failure.config else 'interp'} ({failure.kind})"
                        print(f"FAIL seed {failure.seed} on {where}: {failure.detail}", flush=True)
                    failures += found
                tried += len(seeds)
        elapsed = time.monotonic() - started
        failing_seeds = sorted({failure.seed for failure in failures})
        how = f", in process in batches of {unit}" if batch_driver else ""
        print(f"seeds {first}..{first + tried - 1}: {tried} programs on the interpreter and {len(configs)} "
              f"configurations{how} ({', '.join(config.name for config in configs)}) in {elapsed:.1f} s; "
              f"{len(failing_seeds)} failed" + (f": seeds {', '.join(map(str, failing_seeds))}" if failing_seeds else ""))
        if failing_seeds and arguments.reduce:
            reduce_failures(fuzzer, failures, arguments, nyash)
        elif failing_seeds:
            print("to reduce and save them: tests/fuzz/differential.py --nyash NYASH --reduce --count 1 --seed N")
    return 1 if failures else 0


def reduce_failures(fuzzer: Fuzzer, failures: list[Failure], arguments: argparse.Namespace, nyash: str) -> None:
    """Reduces the first failure of each seed, up to --max-reductions of them."""
    first_per_seed = {}
    for failure in failures:
        if failure.reducible:
            first_per_seed.setdefault(failure.seed, failure)
        else:
            print(f"not reduced (separate processes do not show it): seed {failure.seed}, {failure.kind}")
    for failure in list(first_per_seed.values())[:arguments.max_reductions]:
        started = time.monotonic()
        reduced = fuzzer.reduce(failure)
        saved = save_reproducer(reduced, failure, arguments.save_dir, nyash)
        print(f"reduced seed {failure.seed} ({failure.kind}) to {len(reduced.splitlines())} lines in "
              f"{time.monotonic() - started:.1f} s: {saved}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
