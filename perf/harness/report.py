"""The runner's results as JSON (raw samples and counts) and as Markdown tables derived from it:
median time per contender and program, ratios to the switch engine of the same toolchain and to
the interpreter, geometric means, machine counters, and the Lua comparison."""
import math
import statistics

from .contenders import BASELINE_ENGINE, INTERP

# Counters only perf stat reads, and only on CPUs that have them: key -> (table title, unit).
OPTIONAL_COUNTERS = {"cycles": ("Cycles (millions)", 1e6),
                     "l1i_misses": ("L1 instruction-cache misses (thousands)", 1e3)}


def geometric_mean(values: list[float]) -> float | None:
    return math.exp(sum(math.log(value) for value in values) / len(values)) if values else None


def medians(results: dict, clock: str = "wall_s") -> dict[str, dict[str, float]]:
    """program -> contender label -> median seconds of `clock` (wall_s or cpu_s)."""
    return {program: {label: statistics.median(samples[clock]) for label, samples in row.items()}
            for program, row in results["times"].items()}


def baselines(results: dict) -> dict[str, str]:
    """contender label -> the label of the contender its time is divided by for "x switch": the
    switch engine of the same toolchain."""
    switch_of = {c["toolchain"]: c["label"] for c in results["contenders"] if c["engine"] == BASELINE_ENGINE}
    return {c["label"]: switch_of[c["toolchain"]] for c in results["contenders"] if c["toolchain"] in switch_of}


def ratios(times: dict[str, dict[str, float]], label: str, baseline: str) -> dict[str, float]:
    """program -> time of `label` / time of `baseline`, where both were measured."""
    return {program: row[label] / row[baseline] for program, row in times.items() if label in row and baseline in row}


def summary(results: dict) -> dict:
    """Geometric means of the per-program time ratios, per contender: against the interpreter,
    the switch engine of the same toolchain (also in CPU time) and each Lua."""
    times, cpu_times = medians(results), medians(results, "cpu_s")
    per_switch = baselines(results)
    lua = [c["label"] for c in results["contenders"] if c["kind"] == "lua"]
    result = {}
    for contender in results["contenders"]:
        label = contender["label"]
        entry = {"vs_interp": geometric_mean(list(ratios(times, label, INTERP).values()))}
        if label in per_switch:
            entry["vs_switch"] = geometric_mean(list(ratios(times, label, per_switch[label]).values()))
            entry["vs_switch_cpu"] = geometric_mean(list(ratios(cpu_times, label, per_switch[label]).values()))
        if contender["kind"] != "lua":
            entry["vs_lua"] = {peer: geometric_mean(list(ratios(times, label, peer).values())) for peer in lua}
        result[label] = entry
    return result


def _ms(seconds: float | None) -> str:
    return "–" if seconds is None else f"{seconds * 1000:.0f}" if seconds >= 10 else f"{seconds * 1000:.1f}"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def _bold(cell: str) -> str:
    return cell if cell == "–" else f"**{cell}**"


def _table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _time_table(times: dict, labels: list[str]) -> str:
    rows = [[program] + [_ms(row.get(label)) for label in labels] for program, row in times.items()]
    means = [geometric_mean([row[label] for row in times.values() if label in row]) for label in labels]
    rows.append(["**geometric mean**"] + [_bold(_ms(mean)) for mean in means])
    return _table(["program"] + labels, rows)


def _ratio_table(times: dict, labels: list[str], baseline_of) -> str:
    rows, per_label = [], {label: ratios(times, label, baseline_of(label)) for label in labels}
    for program in times:
        rows.append([program] + [_ratio(per_label[label].get(program)) for label in labels])
    rows.append(["**geometric mean**"] + [_bold(_ratio(geometric_mean(list(per_label[label].values()))))
                                          for label in labels])
    return _table(["program"] + labels, rows)


def _counter_tables(results: dict, nyash_labels: list[str]) -> str:
    counters = results["counters"]
    tool = results["counter_tool"]
    if tool is None:
        return "\n## Machine counters\n\nNo counter tool works here (neither `perf stat` nor valgrind): no counts.\n"
    programs = [program for program in counters if counters[program]]
    inputs = ("the `@size` inputs (smaller, see perf/README.md)" if tool["small_inputs"]
              else "the timed inputs")
    text = (f"\n## Machine counters\n\nCounted with {tool['description']} on {inputs}; the counts of a program that only prints "
            "(process start-up) are subtracted. Lower is better. The last row sums the programs (and divides the "
            "sums).\n")

    def entries(label: str) -> list[dict]:
        return [counters[p][label] for p in programs if isinstance(counters[p].get(label), dict)]

    def total(label: str, key: str) -> int:
        return sum(entry.get(key, 0) for entry in entries(label))

    def instructions(entry: dict) -> str:
        return f"{entry['instructions'] / 1e6:.1f}"

    def mispredictions(entry: dict) -> str:
        rate = 100 * entry["mispredictions"] / entry["branches"] if entry["branches"] else 0
        return f"{entry['mispredictions'] / 1e6:.2f} ({rate:.1f}%)"

    def per_bytecode(entry: dict) -> str:
        return f"{entry['instructions'] / entry['bytecodes']:.1f}" if entry.get("bytecodes") else "–"

    def all_programs(label: str) -> dict:
        # Ratios of sums: a per-program ratio is not averaged, zero mispredictions included.
        counted = [entry for entry in entries(label) if entry.get("bytecodes")]
        optional = {key: total(label, key) for key in OPTIONAL_COUNTERS
                    if all(entry.get(key) is not None for entry in entries(label))}
        return {"instructions": total(label, "instructions"), "branches": total(label, "branches"),
                "mispredictions": total(label, "mispredictions"),
                "bytecodes": sum(entry["bytecodes"] for entry in counted) if len(counted) == len(entries(label))
                else 0} | optional

    def optional_counter(key: str, scale: float):
        return lambda entry: "–" if entry.get(key) is None else f"{entry[key] / scale:.1f}"

    sections = [("Machine instructions (millions)", instructions),
                ("Branch mispredictions (millions, and % of branches)", mispredictions),
                ("Machine instructions per executed bytecode instruction", per_bytecode)]
    present = {key for row in counters.values() for entry in row.values() if isinstance(entry, dict) for key in entry}
    sections += [(title, optional_counter(key, scale)) for key, (title, scale) in OPTIONAL_COUNTERS.items()
                 if key in present]
    for title, show in sections:
        rows = [[program] + [show(counters[program][label]) if isinstance(counters[program].get(label), dict)
                             else "–" for label in nyash_labels] for program in programs]
        rows.append(["**all programs**"] + [_bold(show(all_programs(label))) if entries(label) else "–"
                                            for label in nyash_labels])
        text += f"\n#### {title}\n\n" + _table(["program"] + nyash_labels, rows)
    bytecode_rows = []
    for program in programs:
        counts = {entry["bytecodes"] for entry in counters[program].values()
                  if isinstance(entry, dict) and entry.get("bytecodes")}
        shown = ", ".join(f"{count / 1e6:.2f}" for count in sorted(counts)) or "–"
        bytecode_rows.append([program, shown + ("" if len(counts) <= 1 else " (engines differ!)")])
    text += ("\n#### Bytecode instructions executed (millions, counting build `--vm-stats`; the same on every "
             "engine)\n\n" + _table(["program", "bytecode instructions"], bytecode_rows))
    return text


def _lua_section(results: dict, times: dict, nyash_labels: list[str]) -> str:
    lua = [c["label"] for c in results["contenders"] if c["kind"] == "lua"]
    if not lua:
        return ""
    peers = [program for program, row in times.items() if any(label in row for label in lua)]
    text = ("\n## Lua comparison\n\nThe same programs written in Lua (perf/peers/*.lua, same output); "
            "`luajit -joff` is LuaJIT's interpreter, `luajit` has its JIT on. Ratios are in the summary.\n\n"
            "#### Median wall time (ms)\n\n")
    text += _table(["program"] + lua + nyash_labels,
                   [[program] + [_ms(times[program].get(label)) for label in lua + nyash_labels] for program in peers])
    return text


def _summary_section(results: dict) -> str:
    """The headline numbers: each VM engine against switch, the interpreter and Lua."""
    means = results["summary"]
    vm = [c["label"] for c in results["contenders"] if c["kind"] == "vm"]
    lua = [c["label"] for c in results["contenders"] if c["kind"] == "lua"]
    header = ["engine", "/ switch", "/ switch (CPU time)", "/ interp"] + [f"/ {peer}" for peer in lua]
    rows = [[label, _ratio(means[label].get("vs_switch")), _ratio(means[label].get("vs_switch_cpu")),
             _ratio(means[label]["vs_interp"])] + [_ratio(means[label]["vs_lua"][peer]) for peer in lua]
            for label in vm]
    return ("\n## Summary\n\nGeometric means over the programs of the per-program ratios of median wall time "
            "(or CPU time where marked); below 1 = the engine is faster. Lua columns cover the programs with a "
            "Lua peer.\n\n" + _table(header, rows))


def _image(charts: dict[str, str], name: str, alt: str) -> str:
    return f"\n![{alt}]({charts[name]})\n" if name in charts else ""


def _sources(results: dict, charts: dict[str, str]) -> str:
    """Where each kind of figure comes from."""
    tool = results.get("counter_tool")
    counters = ("not measured (--no-counters)" if results["counters_skipped"] else
                "not measured: neither `perf stat` nor valgrind works here" if tool is None else
                tool["description"] + (" on the `@size` inputs" if tool["small_inputs"] else " on the timed inputs")
                + ("; `perf stat -e instructions true` reads no count on this machine (the kernel exposes no "
                   "hardware counters), hence cachegrind" if tool["name"] == "cachegrind" else ""))
    plots = ("SVG files in plots/, drawn by matplotlib from results.json" if charts else
             "none: matplotlib was not importable (python3-matplotlib, `make deps`)")
    return ("\n## Where the figures come from\n\n"
            "- Times: wall clock (`time.perf_counter` around the process) and CPU time (user + system from "
            "`wait4`) of every timed run, in results.json.\n"
            f"- Machine instructions, branches, mispredictions: {counters}.\n"
            "- Bytecode instructions: the counting build's `--vm-stats` (`-Dvm_count_instructions=true`).\n"
            f"- Charts: {plots}.\n")


def markdown(results: dict, reproduce: str, charts: dict[str, str] | None = None, comparison_section: str = "",
             history_section: str = "") -> str:
    charts = charts or {}
    times = medians(results)
    nyash_labels = [c["label"] for c in results["contenders"] if c["kind"] != "lua"]
    vm_labels = [c["label"] for c in results["contenders"] if c["kind"] == "vm"]
    per_switch = baselines(results)
    machine = results["machine"]
    compilers = "; ".join(f"{t['compiler']} (engines: {', '.join(t['engines'])})" for t in results["toolchains"])
    text = f"""# Nyash dispatch engines head to head

Generated by `perf/compare` on {results['generated']}. Numbers are measured on this machine and
only comparable with each other.

- Machine: {machine['cpu']}, {machine['cores']} cores, Linux {machine['kernel']}; load average
  {machine['load_before']} before and {machine['load_after']} after the timing rounds.
- Compilers: {compilers}. Every engine is its own release build (`-Ddispatch=ENGINE`); the
  interpreter runs from the first of them.
- Time: wall clock of whole processes (start-up, compile, run), output to /dev/null,
  {results['rounds']} interleaved rounds, median shown. Every output was first checked against the
  interpreter's.
- Commit: {results.get('commit', 'not recorded (measured before perf/compare stored it)')}.
- How to reproduce: `{reproduce}` (`make compare` runs the same for docs/results.md; counters need
  valgrind or perf, the Lua columns lua5.4 and luajit).

"""
    if float(machine["load_before"].split()[0]) > machine["cores"]:
        text += ("\n**The machine was busy** (load average above its core count): wall times are inflated and "
                 "noisier; the CPU times and the counters are the steadier numbers.\n")
    text += _summary_section(results)
    text += _image(charts, "engines", "time of each engine relative to switch, per program")
    text += _image(charts, "compilers", "gcc against clang per engine")
    text += _image(charts, "ablations", "ablations")
    text += comparison_section
    text += "\n## Median wall time (ms)\n\n"
    text += _time_table(times, nyash_labels)
    if per_switch:
        switched = [label for label in vm_labels if label in per_switch]
        text += ("\n## Time relative to the switch engine (same compiler; below 1 = faster than switch)\n\n"
                 + _ratio_table(times, switched, lambda label: per_switch[label]))
    text += ("\n## Time relative to the interpreter (below 1 = faster than the AST interpreter)\n\n"
             + _ratio_table(times, vm_labels, lambda label: INTERP))
    if results["failures"]:
        text += "\n## Failures (left out above)\n\n"
        for program, row in results["failures"].items():
            for label, why in row.items():
                text += f"- {program} on {label}: {why}\n"
    text += ("\n## Median CPU time (user + system, ms)\n\nLess sensitive than wall time to other work on "
             "the machine (see the load average above).\n\n" + _time_table(medians(results, "cpu_s"), nyash_labels))
    if not results["counters_skipped"]:
        text += _image(charts, "counters", "machine instructions per bytecode instruction and branch mispredictions")
        text += _counter_tables(results, nyash_labels)
    text += _image(charts, "lua", "time relative to Lua 5.4")
    text += _lua_section(results, times, nyash_labels)
    text += history_section
    text += _sources(results, charts)
    return text
