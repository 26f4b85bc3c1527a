"""Verdicts of a run against a baseline, per program and contender: faster, slower or unchanged.

Time (perf/README.md, "Reading a verdict"): the ratio of the median times, this run over the
baseline, divided by the run-wide shift (the median of that ratio over every program and
contender both runs measured), so that a machine busier or calmer than during the baseline moves
no single verdict; the shift itself is reported. Its confidence interval comes from a bootstrap:
both runs' samples of every pair are resampled (the shift recomputed each time), so the spread of
the interleaved rounds is in the interval. The intervals hold together with 95% confidence
(Bonferroni: each pair's interval is at 1 - 5%/pairs), so that among many unchanged pairs none
reads slower by chance. "slower" needs the whole interval above 1 and the ratio at least
TIME_THRESHOLD above it; "faster" the mirror image.

Instructions: the counts are deterministic under cachegrind (and within a fraction of a percent
under perf stat), so the verdict is the ratio against INSTRUCTION_THRESHOLD, no interval. Counts
are compared only when both runs used the same counter tool on the same input size.
"""
import math
import random
import statistics
from dataclasses import asdict, dataclass

BOOTSTRAP_RESAMPLES = 2000
CONFIDENCE = 0.95
TIME_THRESHOLD = 0.05
INSTRUCTION_THRESHOLD = 0.01
MIN_SAMPLES = 3
SLOWER, FASTER, UNCHANGED = "slower", "faster", "unchanged"


@dataclass
class Verdict:
    program: str
    contender: str  # the label in this run
    time_ratio: float | None = None  # this run / baseline, shift taken out
    time_low: float | None = None
    time_high: float | None = None
    time_verdict: str = ""  # SLOWER, FASTER, UNCHANGED, or why there is none
    instruction_ratio: float | None = None
    instruction_verdict: str = ""

    def regressions(self, percent: float) -> list[str]:
        """The measures on which this pair is slower by more than `percent`."""
        limit = 1 + percent / 100
        return [measure for measure, verdict, ratio in
                (("time", self.time_verdict, self.time_ratio),
                 ("instructions", self.instruction_verdict, self.instruction_ratio))
                if verdict == SLOWER and ratio is not None and ratio > limit]


def identity(contender: dict) -> str:
    """What a contender is across runs (its label depends on how many compilers a run had)."""
    return f"{contender['toolchain']} {contender['engine']}" if contender["kind"] == "vm" else contender["label"]


def _samples(results: dict, clock: str) -> dict[tuple[str, str], list[float]]:
    ids = {c["label"]: identity(c) for c in results["contenders"]}
    return {(program, ids[label]): samples[clock] for program, row in results["times"].items()
            for label, samples in row.items()}


def _log_ratio(current: list[float], baseline: list[float]) -> float:
    return math.log(statistics.median(current)) - math.log(statistics.median(baseline))


def time_ratios(current: dict, baseline: dict, clock: str, rng: random.Random) -> tuple[dict, float | None]:
    """{(program, identity): (ratio, low, high)} for the pairs with MIN_SAMPLES in both runs, and
    the run-wide shift (None when fewer than three pairs: then nothing is taken out)."""
    now, before = _samples(current, clock), _samples(baseline, clock)
    keys = [key for key in now if key in before and min(len(now[key]), len(before[key])) >= MIN_SAMPLES]
    if not keys:
        return {}, None
    normalise = len(keys) >= 3

    def effects(pick) -> tuple[dict, float]:
        raw = {key: _log_ratio(pick(now[key]), pick(before[key])) for key in keys}
        shift = statistics.median(raw.values()) if normalise else 0.0
        return {key: value - shift for key, value in raw.items()}, shift

    point, shift = effects(lambda samples: samples)
    resampled = [effects(lambda samples: rng.choices(samples, k=len(samples)))[0]
                 for _ in range(BOOTSTRAP_RESAMPLES)]
    tail = (1 - CONFIDENCE) / len(keys) / 2
    result = {}
    for key in keys:
        spread = sorted(effect[key] for effect in resampled)
        low = spread[int(tail * (len(spread) - 1))]
        high = spread[int((1 - tail) * (len(spread) - 1))]
        result[key] = (math.exp(point[key]), math.exp(low), math.exp(high))
    return result, math.exp(shift) if normalise else None


def time_verdict(ratio: float, low: float, high: float) -> str:
    if low > 1 and ratio >= 1 + TIME_THRESHOLD:
        return SLOWER
    if high < 1 and ratio <= 1 / (1 + TIME_THRESHOLD):
        return FASTER
    return UNCHANGED


def instruction_verdict(ratio: float) -> str:
    if ratio >= 1 + INSTRUCTION_THRESHOLD:
        return SLOWER
    if ratio <= 1 / (1 + INSTRUCTION_THRESHOLD):
        return FASTER
    return UNCHANGED


def _counted_size(results: dict, program: str) -> int | None:
    tool = results.get("counter_tool")
    for entry in results["programs"]:
        if entry["name"] == program and tool:
            return entry["counted_size"] if tool["small_inputs"] else entry["size"]
    return None


def _instructions(results: dict) -> dict[tuple[str, str], int]:
    ids = {c["label"]: identity(c) for c in results["contenders"]}
    return {(program, ids[label]): entry["instructions"] for program, row in results.get("counters", {}).items()
            for label, entry in row.items() if isinstance(entry, dict) and "instructions" in entry}


def compare(current: dict, baseline: dict, clock: str = "cpu_s", seed: int = 1) -> dict:
    """The comparison stored in the results as "comparison" (see the module docstring)."""
    times, shift = time_ratios(current, baseline, clock, random.Random(seed))
    same_tool = (current.get("counter_tool") or {}).get("name") == (baseline.get("counter_tool") or {}).get("name")
    now_counts, before_counts = _instructions(current), _instructions(baseline)
    timed_before = _samples(baseline, clock)
    verdicts = []
    for program, row in current["times"].items():
        for contender in current["contenders"]:
            if contender["label"] not in row:
                continue
            key = program, identity(contender)
            verdict = Verdict(program, contender["label"])
            if key in times:
                verdict.time_ratio, verdict.time_low, verdict.time_high = times[key]
                verdict.time_verdict = time_verdict(*times[key])
            else:
                verdict.time_verdict = ("not in the baseline" if key not in timed_before
                                        else f"fewer than {MIN_SAMPLES} rounds")
            if key in now_counts and key in before_counts:
                if not same_tool:
                    verdict.instruction_verdict = "other counter tool"
                elif _counted_size(current, program) != _counted_size(baseline, program):
                    verdict.instruction_verdict = "other input size"
                else:
                    verdict.instruction_ratio = now_counts[key] / before_counts[key]
                    verdict.instruction_verdict = instruction_verdict(verdict.instruction_ratio)
            verdicts.append(verdict)
    return {"clock": clock, "shift": shift, "baseline": {
        key: baseline.get(key) for key in ("name", "generated", "commit", "machine", "toolchains", "rounds")},
        "counter_tool": (baseline.get("counter_tool") or {}).get("name"),
        "verdicts": [asdict(verdict) for verdict in verdicts]}


def regressions(comparison: dict, percent: float) -> list[str]:
    """"program on contender: measure +N%" for every verdict slower by more than `percent`."""
    found = []
    for entry in comparison["verdicts"]:
        verdict = Verdict(**entry)
        for measure in verdict.regressions(percent):
            ratio = verdict.time_ratio if measure == "time" else verdict.instruction_ratio
            found.append(f"{verdict.program} on {verdict.contender}: {measure} {100 * (ratio - 1):+.1f}%")
    return found


def _percent(ratio: float | None) -> str:
    return "–" if ratio is None else f"{100 * (ratio - 1):+.1f}%"


def rows(comparison: dict) -> list[list[str]]:
    """One row per pair: program, contender, time change [interval], verdict, instructions change, verdict."""
    table = []
    for entry in comparison["verdicts"]:
        verdict = Verdict(**entry)
        interval = (f" [{_percent(verdict.time_low)}, {_percent(verdict.time_high)}]"
                    if verdict.time_low is not None else "")
        table.append([verdict.program, verdict.contender, _percent(verdict.time_ratio) + interval,
                      verdict.time_verdict, _percent(verdict.instruction_ratio), verdict.instruction_verdict or "–"])
    return table


HEADER = ["program", "contender", "time change [interval]", "time verdict", "instructions change",
          "instructions verdict"]


def tally(comparison: dict) -> str:
    """E.g. "time: 12 unchanged, 1 slower; instructions: 13 unchanged"."""
    parts = []
    for measure in ("time_verdict", "instruction_verdict"):
        counts = {}
        for entry in comparison["verdicts"]:
            if entry[measure] in (SLOWER, FASTER, UNCHANGED):
                counts[entry[measure]] = counts.get(entry[measure], 0) + 1
        shown = ", ".join(f"{count} {name}" for name, count in sorted(counts.items())) or "none"
        parts.append(f"{measure.split('_')[0].replace('instruction', 'instructions')}: {shown}")
    return "; ".join(parts)


def markdown(comparison: dict, name: str, plot: str | None) -> str:
    baseline = comparison["baseline"]
    machine = baseline.get("machine") or {}
    clock = "CPU time (user + system)" if comparison["clock"] == "cpu_s" else "wall time"
    shift = comparison["shift"]
    text = (f"\n## Against baseline `{name}`\n\nBaseline: commit {baseline.get('commit') or 'unknown'}, "
            f"{baseline.get('generated')}, {machine.get('cpu', 'unknown CPU')}, "
            f"{'; '.join(t['compiler'] for t in baseline.get('toolchains') or [])}, "
            f"{baseline.get('rounds')} rounds. Time: {clock}, median against median, "
            f"the run-wide shift taken out"
            + (f" (this run's times are {shift:.2f} x the baseline's over all pairs: the machine's load, or a "
               "change common to every contender; the instruction counts tell which)" if shift else "")
            + f"; slower or faster only when the bootstrap interval (95% for all pairs together) excludes no change and the change "
              f"exceeds {100 * TIME_THRESHOLD:.0f}%. Instructions: ±{100 * INSTRUCTION_THRESHOLD:.0f}%. "
              f"perf/README.md explains how to read a verdict.\n\n**{tally(comparison)}**\n\n")
    if plot:
        text += f"![time and instructions against the baseline]({plot})\n\n"
    lines = ["| " + " | ".join(HEADER) + " |", "|---|---|---:|---|---:|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows(comparison)]
    return text + "\n".join(lines) + "\n"


def plain(comparison: dict) -> str:
    """The verdict table for the terminal."""
    table = [HEADER] + rows(comparison)
    widths = [max(len(row[column]) for row in table) for column in range(len(HEADER))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip()
                     for row in table) + "\n" + tally(comparison) + "\n"
