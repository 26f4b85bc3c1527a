"""perf/compare --ablations: what each technique of the VM buys. Every program runs on one
engine with all techniques on and with each ablation switch (nyash --help) alone and all of them
at once; the switches change no output, only the time. Wall time (interleaved rounds, as for the
engines) and machine instructions (perf stat or cachegrind, net of start-up) are reported as
ratios to the run with everything on: 1.40 means the program takes 40% longer without it.
"""
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

from . import counters, plots, timing
from .builds import Toolchain
from .contenders import INTERP, Contender
from .programs import Program

SWITCHES = tuple(re.findall(r'^ABLATION_SWITCH\(\w+, "([^"]+)"', (Path(__file__).resolve().parents[2] / "vm" /
                                                                  "ablation_switches.def").read_text(), re.M))
# (label, switches): all on, each switch of vm/ablation_switches.def alone, all off; the first is
# the reference every other row is divided by.
ABLATIONS = [("all on", ())] + [(switch, (switch,)) for switch in SWITCHES] + [("all off", SWITCHES)]
REFERENCE = ABLATIONS[0][0]
SECTION_MARK = "<!-- perf/compare --ablations -->"
DEFAULT_ENGINE = "goto"  # the default interpreter engine of a full build (vm/engines.def)


def contenders(toolchain: Toolchain, engine: str) -> list[Contender]:
    """The interpreter (the reference output), then `engine` once per ablation."""
    binary = str(toolchain.binaries[engine])
    return [Contender(INTERP, INTERP, (binary, "--backend", "interp"))] + [
        Contender(label, "vm", (binary, "--backend", "vm", "--dispatch", engine, *switches), toolchain.label, engine)
        for label, switches in ABLATIONS]


def _instructions(programs: list[Program], vm: list[Contender]) -> dict:
    """{(program, label): machine instructions net of start-up}, {} without a counter tool."""
    tool = counters.detect_tool()
    if tool is None:
        return {}
    print(f"counting with {tool.name}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="nyash-ablations-") as scratch:
        directory = Path(scratch)
        startup = counters.write_startup_program(directory)
        scripts = {p.name: p.write_small(directory) if tool.counts_small_inputs else p.path for p in programs}
        runs = {(p.name, c.label): (c, scripts[p.name]) for p in programs for c in vm}
        counted = counters.net_of_startup(runs, startup, tool.count)
    return {key: value.instructions for key, value in counted.items() if not isinstance(value, Exception)}


def _ratio_table(title: str, programs: list[Program], values: dict) -> list[str]:
    labels = [label for label, _ in ABLATIONS[1:]]
    lines = [f"### {title}", "", "| program | " + " | ".join(f"`{label}`" if label.startswith("--") else label
                                                            for label in labels) + " |",
             "| --- |" + " ---: |" * len(labels)]
    ratios = {label: [] for label in labels}
    for program in programs:
        reference = values.get((program.name, REFERENCE))
        cells = []
        for label in labels:
            value = values.get((program.name, label))
            if not reference or value is None:
                cells.append("—")
                continue
            ratios[label].append(value / reference)
            cells.append(f"{value / reference:.2f}")
        lines.append(f"| {program.name} | " + " | ".join(cells) + " |")
    lines.append("| **geometric mean** | " + " | ".join(
        f"**{statistics.geometric_mean(ratios[label]):.2f}**" if ratios[label] else "—" for label in labels) + " |")
    return lines + [""]


def _chart_rows(programs: list[Program], wall: dict, instructions: dict) -> list[dict]:
    """The chart's rows (perf/harness/plots.py): one per program and switched-off technique."""
    rows = []
    for program in programs:
        reference_time = wall.get((program.name, REFERENCE))
        reference_count = instructions.get((program.name, REFERENCE))
        for label, _ in ABLATIONS[1:]:
            time = wall.get((program.name, label))
            count = instructions.get((program.name, label))
            if not reference_time or time is None:
                continue
            rows.append({"ablation": label, "contender": program.name, "time_ratio": time / reference_time,
                         "time_low": None, "time_high": None,
                         "instruction_ratio": count / reference_count if reference_count and count else None})
    return rows


def _replace_section(results: Path, markdown: str) -> None:
    """Puts the table into an existing results.md (perf/compare's report) as its last section,
    replacing the one an earlier --ablations run put there."""
    if not results.exists():
        return
    text = results.read_text()
    start = text.find(SECTION_MARK)
    kept = (text if start < 0 else text[:start]).rstrip("\n")
    results.write_text(f"{kept}\n\n{SECTION_MARK}\n{markdown}\n")


def run(programs: list[Program], toolchain: Toolchain, engine: str, rounds: int, count: bool, out: Path) -> int:
    """Times and counts every ablation on `engine`; writes ablations.md and ablations.json into
    `out` and prints the Markdown. Returns 1 when a run failed or changed the output."""
    everyone = contenders(toolchain, engine)
    timings = timing.measure(programs, everyone, rounds)
    vm = everyone[1:]
    instructions = _instructions(programs, vm) if count else {}
    wall = {key: statistics.median(samples) for key, samples in timings.wall.items()}
    out.mkdir(parents=True, exist_ok=True)
    chart = plots.draw_ablations(_chart_rows(programs, wall, instructions), out)
    markdown = "\n".join(
        [f"## Ablations on the {engine} engine ({toolchain.label})", "",
         f"Each column: the program with that technique switched off, as a ratio to all of them on "
         f"(median of {rounds} interleaved rounds for wall time).", ""]
        + ([f"![ablations]({chart})", ""] if chart else [])
        + (_ratio_table("Machine instructions", programs, instructions) if instructions else [])
        + _ratio_table("Wall time", programs, wall)
        + [f"FAIL {program} on {label}: {why}" for (program, label), why in timings.failures.items()])
    (out / "ablations.md").write_text(markdown + "\n")
    _replace_section(out / "results.md", markdown)
    (out / "ablations.json").write_text(json.dumps({
        "engine": engine, "toolchain": toolchain.label, "rounds": rounds,
        "ablations": {label: list(switches) for label, switches in ABLATIONS},
        "wall_s": {f"{p}|{c}": samples for (p, c), samples in timings.wall.items()},
        "instructions": {f"{p}|{c}": value for (p, c), value in instructions.items()},
        "failures": {f"{p}|{c}": why for (p, c), why in timings.failures.items()},
    }, indent=1) + "\n")
    print(markdown)
    print(f"wrote {out / 'ablations.md'} and {out / 'ablations.json'}", file=sys.stderr)
    return 1 if timings.failures else 0
