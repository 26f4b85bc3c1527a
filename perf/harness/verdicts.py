"""Verdicts of a run against a baseline, per program and contender: faster, slower or unchanged.

Time (perf/README.md, "Reading a verdict"): every sample of this run is set against every
sample of the baseline (log time differences, i.e. time ratios). The run-wide shift, the median
over all pairs of contender and program of their median ratio, is taken out, so that a machine
busier or calmer than during the baseline moves no single verdict; it is reported. The change
is the median of a pair's sample ratios (the Hodges-Lehmann estimate) and its interval comes
from the order statistics of those ratios at the Mann-Whitney critical value: exact and free of
assumptions about the noise's shape, where a bootstrap over 3 to 5 rounds gives intervals too
narrow (perf/test_verdicts.py catches one calling noise "faster"). The level aimed at is 95% for
all pairs together (Bonferroni: 1 - 5%/pairs each); few rounds cannot reach it, and then the
interval is the widest there is, from the fastest to the slowest sample ratio, at the level it
reaches (reported). "slower" needs the whole interval above TIME_THRESHOLD, "faster" below
minus it: the question asked is not "any change?" but "a change beyond the threshold?", which
keeps the chance of a false verdict anywhere among about fifteen pairs at 5 rounds under 5%
(perf/test_verdicts.py measures it).

Instructions: the counts are deterministic under cachegrind (and within a fraction of a percent
under perf stat), so the verdict is the ratio against INSTRUCTION_THRESHOLD, no interval. Counts
are compared only when both runs used the same counter tool on the same input size.
"""
import math
import statistics
from dataclasses import asdict, dataclass
from functools import lru_cache

FAMILY_CONFIDENCE = 0.95
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
    time_confidence: float | None = None  # the level the interval reaches
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


@lru_cache(maxsize=None)
def _rank_sum_counts(n: int, m: int) -> tuple[int, ...]:
    """How many of the C(n+m, n) orderings of n and m samples give each Mann-Whitney U, from 0
    to n*m (U: the pairs in which the first sample is the larger)."""
    if n == 0 or m == 0:
        return (1,)
    counts = [0] * (n * m + 1)
    for u, ways in enumerate(_rank_sum_counts(n - 1, m)):  # the largest sample is one of the n
        counts[u + m] += ways
    for u, ways in enumerate(_rank_sum_counts(n, m - 1)):  # ... or one of the m
        counts[u] += ways
    return tuple(counts)


def rank_interval(differences: list[float], n: int, m: int, alpha: float) -> tuple[float, float, float]:
    """(low, high, confidence) for the shift between two samples of sizes n and m from their
    n*m pairwise differences: the c-th smallest and largest, c the largest with
    2 P(U < c) <= alpha, or c = 1 (the whole range) when even that is too likely."""
    ordered = sorted(differences)
    counts = _rank_sum_counts(n, m)
    total = sum(counts)
    c, below = 1, counts[0]
    while c < len(ordered) // 2 and 2 * (below + counts[c]) / total <= alpha:
        below += counts[c]
        c += 1
    return ordered[c - 1], ordered[-c], 1 - 2 * sum(counts[:c]) / total


def time_ratios(current: dict, baseline: dict, clock: str) -> tuple[dict, float | None]:
    """{(program, identity): (ratio, low, high, confidence)} for the pairs with MIN_SAMPLES in both
    runs, and the run-wide shift (None when fewer than three pairs: then nothing is taken out)."""
    now, before = _samples(current, clock), _samples(baseline, clock)
    keys = [key for key in now if key in before and min(len(now[key]), len(before[key])) >= MIN_SAMPLES]
    if not keys:
        return {}, None
    differences = {key: [math.log(a) - math.log(b) for a in now[key] for b in before[key]] for key in keys}
    normalise = len(keys) >= 3
    shift = statistics.median(statistics.median(d) for d in differences.values()) if normalise else 0.0
    alpha = (1 - FAMILY_CONFIDENCE) / len(keys)
    result = {}
    for key in keys:
        low, high, confidence = rank_interval(differences[key], len(now[key]), len(before[key]), alpha)
        result[key] = (math.exp(statistics.median(differences[key]) - shift), math.exp(low - shift),
                       math.exp(high - shift), confidence)
    return result, math.exp(shift) if normalise else None


def time_verdict(low: float, high: float) -> str:
    """Whether the whole interval lies beyond TIME_THRESHOLD: a change smaller than that, or one
    the noise could make, reads unchanged."""
    if low > 1 + TIME_THRESHOLD:
        return SLOWER
    if high < 1 / (1 + TIME_THRESHOLD):
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


def compare(current: dict, baseline: dict, clock: str = "cpu_s") -> dict:
    """The comparison stored in the results as "comparison" (see the module docstring)."""
    times, shift = time_ratios(current, baseline, clock)
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
                verdict.time_ratio, verdict.time_low, verdict.time_high, verdict.time_confidence = times[key]
                verdict.time_verdict = time_verdict(verdict.time_low, verdict.time_high)
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


def interval_level(comparison: dict) -> str:
    """What the intervals' confidence is, against what 95% for all pairs together needs."""
    levels = [entry["time_confidence"] for entry in comparison["verdicts"] if entry.get("time_confidence")]
    if not levels:
        return ""
    target = 1 - (1 - FAMILY_CONFIDENCE) / len(levels)
    reached = min(levels)
    if reached >= target:
        return f"each interval at {100 * target:.2f}% or more, so 95% for all {len(levels)} pairs together"
    return (f"each interval at {100 * reached:.1f}% or more: the most these rounds allow (95% for all "
            f"{len(levels)} pairs together needs {100 * target:.2f}% each: more rounds)")


def markdown(comparison: dict, name: str, plot: str | None) -> str:
    baseline = comparison["baseline"]
    machine = baseline.get("machine") or {}
    clock = "CPU time (user + system)" if comparison["clock"] == "cpu_s" else "wall time"
    shift = comparison["shift"]
    text = (f"\n## Against baseline `{name}`\n\nBaseline: commit {baseline.get('commit') or 'unknown'}, "
            f"{baseline.get('generated')}, {machine.get('cpu', 'unknown CPU')}, "
            f"{'; '.join(t['compiler'] for t in baseline.get('toolchains') or [])}, "
            f"{baseline.get('rounds')} rounds. Time: {clock}, every sample against every sample, "
            "the run-wide shift taken out"
            + (f" (this run's times are {shift:.2f} x the baseline's over all pairs: the machine's load, or a "
               "change common to every contender; the instruction counts tell which)" if shift else "")
            + f"; {interval_level(comparison)}; slower or faster only when the whole interval lies beyond "
              f"±{100 * TIME_THRESHOLD:.0f}%. Instructions: ±{100 * INSTRUCTION_THRESHOLD:.0f}%. "
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
    shift = f"run-wide shift {comparison['shift']:.2f} (taken out); " if comparison["shift"] else ""
    return ("\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in table)
            + f"\n{shift}{interval_level(comparison)}\n{tally(comparison)}\n")
