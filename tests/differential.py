#!/usr/bin/env python3
"""Differential test: every conformance program and every generated bad input must give the
same stdout, stderr and exit status on the AST interpreter and on the VM, for each dispatch
engine, optimisation level and set of ablation switches given. The interpreter is the reference; any difference fails.
Every run has --stack-trace, so runtime errors must also agree on the whole call stack (the
plain error line alone is checked per configuration by the conformance suite).

Generated bad inputs stop at compile time or within their first statement, where engines cannot
differ, so they are compared on the first configuration only; corpus programs on all of them.

Prints one line per difference and a final line `N passed, N failed`; exits 1 on any failure.
"""
import argparse
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bad_input.check_bad_input import DEFAULT_SEED  # noqa: E402
from bad_input.generate import generate  # noqa: E402
from nyash_run import Outcome, run_nyash, shorten  # noqa: E402

TIMEOUT_SECONDS = 120


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True, type=Path, help="the nyash binary")
    parser.add_argument("--config", action="append", required=True, metavar="ENGINE:LEVEL[:SWITCHES]",
                        help="a VM configuration to compare with the interpreter, e.g. switch:2, or with "
                             "ablation switches joined by +, e.g. goto:2:--no-quickening+--no-inline-caches "
                             "(repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="programs run at once")
    parser.add_argument("corpus", type=Path, help="the conformance corpus")
    return parser.parse_args()


BAD_INPUT_PREFIX = "bad_"


def parse_config(config: str) -> tuple[str, str, list[str]]:
    """ENGINE:LEVEL[:SWITCH+SWITCH...] as (engine, level, switches)."""
    engine, level, *rest = config.split(":", 2)
    return engine, level, rest[0].split("+") if rest and rest[0] else []


def write_inputs(corpus: Path, workdir: Path) -> list[str]:
    """The corpus programs and the generated bad inputs, as file names inside workdir."""
    names = []
    for program in sorted(corpus.glob("*.nyash")):
        (workdir / program.name).write_bytes(program.read_bytes())
        names.append(program.name)
    for case in generate(corpus, DEFAULT_SEED):
        name = BAD_INPUT_PREFIX + case.name
        (workdir / name).write_bytes(case.source)
        names.append(name)
    return names


def describe(outcome: Outcome) -> str:
    return (outcome.problem() or f"status {outcome.status}") + \
        f", stdout {shorten(outcome.stdout)}, stderr {shorten(outcome.stderr)}"


def difference(reference: Outcome, other: Outcome) -> str | None:
    if other.problem():
        return other.problem()
    if (reference.status, reference.stdout, reference.stderr) != (other.status, other.stdout, other.stderr):
        return f"interp: {describe(reference)}; vm: {describe(other)}"
    return None


def main() -> int:
    arguments = parse_arguments()
    nyash = str(arguments.nyash.resolve())
    configs = [parse_config(config) for config in arguments.config]
    with tempfile.TemporaryDirectory(prefix="nyash-differential-") as directory:
        workdir = Path(directory)
        names = write_inputs(arguments.corpus, workdir)

        def compare(name: str) -> list[str]:
            reference = run_nyash([nyash, "--stack-trace", "--backend", "interp", name], cwd=workdir,
                                  timeout=TIMEOUT_SECONDS)
            if reference.problem():
                return [f"{name} on interp: {reference.problem()}"]
            found = []
            for engine, level, switches in configs[:1] if name.startswith(BAD_INPUT_PREFIX) else configs:
                other = run_nyash([nyash, "--stack-trace", "--backend", "vm", "--dispatch", engine, "--opt-level",
                                   level, *switches, name], cwd=workdir, timeout=TIMEOUT_SECONDS)
                if (problem := difference(reference, other)):
                    found.append(f"{name} on vm/{engine} -O{level}{''.join(' ' + s for s in switches)}: {problem}")
            return found

        with ThreadPoolExecutor(max_workers=max(1, arguments.jobs)) as pool:
            results = list(pool.map(compare, names))
    failures = [line for found in results for line in found]
    for line in failures:
        print(f"FAIL {line}")
    failed_inputs = sum(1 for found in results if found)
    print(f"{len(names) - failed_inputs} passed, {failed_inputs} failed")
    return 1 if failed_inputs else 0


if __name__ == "__main__":
    sys.exit(main())
