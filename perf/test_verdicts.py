#!/usr/bin/env python3
"""Checks perf/harness/verdicts.py on runs drawn at random (seeded): noise alone and a machine
that is busier overall read "unchanged"; a contender slowed to twice its time (beyond the noise) reads "slower" and is a
regression; instruction counts are judged at 1% and only between like runs."""
import random
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import verdicts  # noqa: E402

PROGRAMS = ["fib", "int_loop", "method_calls"]
ENGINES = ["switch", "goto", "call", "jit"]
NOISE = 0.3  # each sample is its true time times a factor up to 30% either way
ROUNDS = 5


def run(rng: random.Random, machine: float = 1.0, slowed: str = "", instructions: dict | None = None,
        tool: str = "cachegrind") -> dict:
    """A results dict with the fields verdicts reads: an interpreter and ENGINES of one toolchain."""
    contenders = [{"label": "interp", "kind": "interp", "toolchain": "", "engine": ""}] + [
        {"label": engine, "kind": "vm", "toolchain": "gcc-12", "engine": engine} for engine in ENGINES]
    times, counters = {}, {}
    for index, program in enumerate(PROGRAMS):
        times[program], counters[program] = {}, {}
        for position, contender in enumerate(contenders):
            label = contender["label"]
            true = (1 + index) * (1 + position / 4) * machine * (2 if label == slowed else 1)
            samples = [true * rng.uniform(1 - NOISE, 1 + NOISE) for _ in range(ROUNDS)]
            times[program][label] = {"wall_s": samples, "cpu_s": samples}
            count = 10**9 * (1 + index + position)
            counters[program][label] = {"instructions": round(count * (instructions or {}).get(label, 1)),
                                        "branches": 1, "mispredictions": 0}
    return {"contenders": contenders, "times": times, "counters": counters,
            "counter_tool": {"name": tool, "small_inputs": True},
            "programs": [{"name": p, "size": 100, "counted_size": 10} for p in PROGRAMS]}


def verdict_of(comparison: dict, program: str, label: str) -> dict:
    return next(v for v in comparison["verdicts"] if v["program"] == program and v["contender"] == label)


class Verdicts(unittest.TestCase):
    def test_noise_and_a_busier_machine_read_unchanged(self):
        """At most 1 run in 20 with a false time verdict anywhere (the aim: under 5%)."""
        runs = 200
        false_runs = 0
        for seed in range(runs):
            rng = random.Random(seed)
            comparison = verdicts.compare(run(rng, machine=1.4), run(rng))
            self.assertAlmostEqual(comparison["shift"], 1.4, delta=0.2)
            false_runs += any(entry["time_verdict"] != verdicts.UNCHANGED for entry in comparison["verdicts"])
            for entry in comparison["verdicts"]:
                self.assertEqual(entry["instruction_verdict"], verdicts.UNCHANGED)
        self.assertLessEqual(false_runs, runs // 20)

    def test_a_slowed_engine_reads_slower_and_is_a_regression(self):
        rng = random.Random(7)
        comparison = verdicts.compare(run(rng, slowed="goto", instructions={"goto": 1.3}), run(rng))
        for program in PROGRAMS:
            slowed = verdict_of(comparison, program, "goto")
            self.assertEqual(slowed["time_verdict"], verdicts.SLOWER, slowed)
            self.assertGreater(slowed["time_low"], 1)
            self.assertEqual(slowed["instruction_verdict"], verdicts.SLOWER)
            self.assertEqual(verdict_of(comparison, program, "switch")["time_verdict"], verdicts.UNCHANGED)
        found = verdicts.regressions(comparison, 5)
        self.assertTrue(found and all(" on goto: " in line for line in found), found)
        self.assertEqual(verdicts.regressions(comparison, 200), [])

    def test_instructions_are_judged_at_one_percent(self):
        rng = random.Random(3)
        comparison = verdicts.compare(run(rng, instructions={"call": 1.02, "jit": 1.005, "goto": 0.97}), run(rng))
        self.assertEqual(verdict_of(comparison, "fib", "call")["instruction_verdict"], verdicts.SLOWER)
        self.assertEqual(verdict_of(comparison, "fib", "jit")["instruction_verdict"], verdicts.UNCHANGED)
        self.assertEqual(verdict_of(comparison, "fib", "goto")["instruction_verdict"], verdicts.FASTER)

    def test_counts_of_another_tool_are_not_compared(self):
        rng = random.Random(4)
        comparison = verdicts.compare(run(rng, tool="perf"), run(rng))
        entry = verdict_of(comparison, "fib", "switch")
        self.assertIsNone(entry["instruction_ratio"])
        self.assertEqual(entry["instruction_verdict"], "other counter tool")

    def test_pairs_missing_from_the_baseline_get_no_verdict(self):
        rng = random.Random(5)
        baseline = run(rng)
        del baseline["times"]["fib"]["call"]
        entry = verdict_of(verdicts.compare(run(rng), baseline), "fib", "call")
        self.assertIsNone(entry["time_ratio"])
        self.assertEqual(entry["time_verdict"], "not in the baseline")


if __name__ == "__main__":
    unittest.main()
