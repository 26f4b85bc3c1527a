"""SVG charts of a run for the Markdown report, drawn with matplotlib (Debian's python3-matplotlib,
which `make deps` installs for the report targets). Without matplotlib the report has tables only
and says so.

Each chart is drawn only when its data exist: engines relative to switch (always), relative to
Lua 5.4 (--lua), counters (not --no-counters), compilers (two toolchains or more), the comparison
with a baseline (--baseline), the history (two stored runs or more) and the ablations:
results["ablations"]["rows"], a list of {"ablation": name, "contender": label, "time_ratio":
float, "time_low": float or None, "time_high": float or None, "instruction_ratio": float or
None}, each ratio the ablated build over the full one.
"""
import sys
from pathlib import Path

from .contenders import BASELINE_ENGINE, INTERP
from .report import geometric_mean, medians

PLOTS_DIR = "plots"
LUA_REFERENCE = "lua5.4"


def _pyplot():
    """matplotlib's pyplot set up for SVG, or None (with a warning) when it is not installed."""
    try:
        import matplotlib
        matplotlib.use("svg")
        import matplotlib.pyplot as pyplot
    except ImportError:
        print(f"warning: no plots: matplotlib is not importable by {sys.executable} (install python3-matplotlib, "
              "e.g. make deps, and run with the system python3)", file=sys.stderr)
        return None
    # Text stays text (small files), and fixed ids keep an unchanged chart byte for byte the same.
    pyplot.rcParams.update({"svg.hashsalt": "nyash", "svg.fonttype": "none", "font.size": 8, "axes.grid": True,
                            "grid.alpha": 0.3, "axes.axisbelow": True})
    return pyplot


def draw_ablations(rows: list[dict], out: Path) -> str | None:
    """The ablation chart alone (perf/compare --ablations), rows as results["ablations"]["rows"];
    its path relative to `out`, or None without matplotlib or rows."""
    pyplot = _pyplot()
    figure = _ablations(pyplot, {"ablations": {"rows": rows}}) if pyplot else None
    if figure is None:
        return None
    directory = out / PLOTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    return _save(pyplot, figure, directory, "ablations")


def draw(results: dict, history_entries: list[dict], out: Path) -> dict[str, str]:
    """{chart name: path relative to `out`} of the charts written to out/plots/."""
    pyplot = _pyplot()
    if pyplot is None:
        return {}
    directory = out / PLOTS_DIR
    directory.mkdir(parents=True, exist_ok=True)
    charts = {}
    for name, chart in (("engines", _engines_vs_switch), ("lua", _engines_vs_lua), ("counters", _counters),
                        ("compilers", _compilers), ("baseline", _baseline), ("ablations", _ablations)):
        figure = chart(pyplot, results)
        if figure is not None:
            charts[name] = _save(pyplot, figure, directory, name)
    if len(history_entries) >= 2:
        charts["history"] = _save(pyplot, _history(pyplot, history_entries), directory, "history")
    return charts


def _save(pyplot, figure, directory: Path, name: str) -> str:
    figure.tight_layout()
    # No date in the file: an unchanged chart is an unchanged file.
    figure.savefig(directory / f"{name}.svg", metadata={"Date": None})
    pyplot.close(figure)
    return f"{PLOTS_DIR}/{name}.svg"


def _paired_ratios(results: dict, program: str, label: str, reference: str) -> list[float]:
    """Per-round ratios label / reference (the same round), the spread of a ratio of medians."""
    row = results["times"].get(program, {})
    if label not in row or reference not in row:
        return []
    return [a / b for a, b in zip(row[label]["wall_s"], row[reference]["wall_s"])]


def _grouped_bars(axes, groups: list[str], series: dict[str, list[tuple[float, float, float] | None]]) -> None:
    """Bars per group, one per series, each (value, low, high) with the low..high spread drawn."""
    width = 0.8 / max(len(series), 1)
    for index, (name, values) in enumerate(series.items()):
        positions = [group + (index - (len(series) - 1) / 2) * width for group in range(len(groups))]
        shown = [(x, v) for x, v in zip(positions, values) if v is not None]
        if not shown:
            continue
        xs, triples = zip(*shown)
        heights = [v[0] for v in triples]
        errors = [[max(v[0] - v[1], 0) for v in triples], [max(v[2] - v[0], 0) for v in triples]]
        # tab10 repeats after ten series; two compilers' engines are more.
        colour = (f"C{index}" if len(series) <= 10 else _tab20_colour(index))
        axes.bar(xs, heights, width, label=name, color=colour, yerr=errors, capsize=1.5, error_kw={"linewidth": 0.6})
    axes.set_xticks(range(len(groups)))
    axes.set_xticklabels(groups, rotation=30, ha="right")


def _tab20_colour(index: int):
    from matplotlib import colormaps
    return colormaps["tab20"](index % 20)


def _relative_series(results: dict, labels: list[str], reference_of) -> tuple[list[str], dict]:
    times = medians(results)
    programs = list(times)
    series = {}
    for label in labels:
        values = []
        for program in programs:
            reference = reference_of(label)
            paired = _paired_ratios(results, program, label, reference)
            if not paired:
                values.append(None)
                continue
            values.append((times[program][label] / times[program][reference], min(paired), max(paired)))
        measured = [value[0] for value in values if value]
        values.append((geometric_mean(measured), geometric_mean(measured), geometric_mean(measured))
                      if measured else None)
        series[label] = values
    return programs + ["geometric mean"], series


def _engines_vs_switch(pyplot, results: dict):
    toolchains = [t["label"] for t in results["toolchains"]]
    figure, axes_list = pyplot.subplots(len(toolchains), 1, figsize=(10, 3.6 * len(toolchains)), squeeze=False)
    for axes, toolchain in zip(axes_list[:, 0], toolchains):
        vm = [c for c in results["contenders"] if c["kind"] == "vm" and c["toolchain"] == toolchain]
        switch = next((c["label"] for c in vm if c["engine"] == BASELINE_ENGINE), None)
        if switch is None:
            axes.set_title(f"{toolchain}: no switch engine measured")
            continue
        groups, series = _relative_series(results, [c["label"] for c in vm if c["label"] != switch],
                                          lambda label: switch)
        _grouped_bars(axes, groups, series)
        axes.axhline(1, color="black", linewidth=0.8)
        axes.set_ylabel("median wall time / switch")
        axes.set_title(f"{toolchain}: time relative to the switch engine (below 1 = faster; whiskers: "
                       "per-round ratios, min to max)")
        axes.legend(fontsize=7, ncol=3)
    return figure


def _engines_vs_lua(pyplot, results: dict):
    labels = [c["label"] for c in results["contenders"] if c["kind"] in ("vm", "interp")
              or (c["kind"] == "lua" and c["label"] != LUA_REFERENCE)]
    if not any(c["label"] == LUA_REFERENCE for c in results["contenders"]):
        return None
    groups, series = _relative_series(results, labels, lambda label: LUA_REFERENCE)
    keep = [index for index, group in enumerate(groups[:-1])
            if any(values[index] for values in series.values())] + [len(groups) - 1]
    groups = [groups[index] for index in keep]
    series = {label: [values[index] for index in keep] for label, values in series.items()}
    figure, axes = pyplot.subplots(figsize=(10, 4))
    _grouped_bars(axes, groups, series)
    axes.axhline(1, color="black", linewidth=0.8)
    axes.set_yscale("log")
    axes.set_ylabel("median wall time / Lua 5.4 (log scale)")
    axes.set_title("Time relative to Lua 5.4 on the programs with a Lua peer (below 1 = faster than Lua; "
                   "whiskers: per-round ratios)")
    axes.legend(fontsize=6, ncol=4)
    return figure


def _counter_totals(results: dict, label: str) -> dict | None:
    rows = [row[label] for row in results.get("counters", {}).values() if isinstance(row.get(label), dict)]
    if not rows:
        return None
    return {key: sum(row.get(key, 0) for row in rows) for key in ("instructions", "branches", "mispredictions")} | {
        "bytecodes": sum(row["bytecodes"] for row in rows) if all(row.get("bytecodes") for row in rows) else 0}


def _counters(pyplot, results: dict):
    tool = results.get("counter_tool")
    if not tool or not results.get("counters"):
        return None
    labels = [c["label"] for c in results["contenders"] if c["kind"] == "vm"]
    programs = [program for program, row in results["counters"].items() if row]
    figure, (per_bytecode, mispredicted) = pyplot.subplots(2, 1, figsize=(10, 7))
    def per_bytecode_of(program: str, label: str) -> tuple[float, float, float] | None:
        entry = results["counters"][program].get(label)
        if not isinstance(entry, dict) or not entry.get("bytecodes"):
            return None
        return (entry["instructions"] / entry["bytecodes"],) * 3

    series = {label: [per_bytecode_of(program, label) for program in programs] for label in labels}
    _grouped_bars(per_bytecode, programs, series)
    per_bytecode.set_ylabel("machine instructions\nper bytecode instruction")
    per_bytecode.set_title(f"Machine instructions per executed bytecode instruction ({tool['name']}, start-up "
                           "subtracted)")
    per_bytecode.legend(fontsize=6, ncol=4)
    totals = {label: _counter_totals(results, label) for label in labels}
    shown = [label for label in labels if totals[label]]
    millions = [totals[label]["mispredictions"] / 1e6 for label in shown]
    bars = mispredicted.bar(range(len(shown)), millions, color="tab:red")
    for bar, label in zip(bars, shown):
        rate = 100 * totals[label]["mispredictions"] / totals[label]["branches"] if totals[label]["branches"] else 0
        mispredicted.annotate(f"{rate:.1f}%", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                              ha="center", va="bottom", fontsize=6)
    mispredicted.set_xticks(range(len(shown)))
    mispredicted.set_xticklabels(shown, rotation=30, ha="right")
    mispredicted.set_ylabel("branch mispredictions\n(millions, all programs)")
    source = "simulated by cachegrind" if tool["name"] == "cachegrind" else "perf stat"
    mispredicted.set_title(f"Branch mispredictions per engine ({source}; label: % of branches)")
    return figure


def _compilers(pyplot, results: dict):
    toolchains = [t["label"] for t in results["toolchains"]]
    if len(toolchains) < 2:
        return None
    engines = list(dict.fromkeys(engine for t in results["toolchains"] for engine in t["engines"]))
    by_engine = {(c["toolchain"], c["engine"]): c["label"] for c in results["contenders"] if c["kind"] == "vm"}
    times = medians(results)
    figure, (timed, counted) = pyplot.subplots(1, 2, figsize=(10, 3.8))
    for axes, value, title in ((timed, lambda label: geometric_mean(
            [row[label] for row in times.values() if label in row]), "geometric mean of median wall times (ms)"),
                               (counted, lambda label: (_counter_totals(results, label) or {}).get("instructions"),
                                "machine instructions, all programs (millions)")):
        scale = 1000 if axes is timed else 1e-6
        series = {}
        for toolchain in toolchains:
            values = []
            for engine in engines:
                label = by_engine.get((toolchain, engine))
                measured = value(label) if label else None
                values.append((measured * scale,) * 3 if measured else None)
            series[toolchain] = values
        _grouped_bars(axes, engines, series)
        axes.set_title(title)
        axes.legend(fontsize=7)
    figure.suptitle("gcc against clang, engine by engine (lower is better)", fontsize=9)
    return figure


def _forest(axes, names: list[str], triples: list[tuple[float, float, float]], judged: list[str], threshold: float,
            title: str) -> None:
    """Changes in percent with their intervals, one row per name, coloured by verdict, the
    threshold band shaded."""
    colours = {"slower": "tab:red", "faster": "tab:green"}
    positions = range(len(names))
    for position, (ratio, low, high), verdict in zip(positions, triples, judged):
        axes.errorbar([100 * (ratio - 1)], [position], xerr=[[100 * (ratio - low)], [100 * (high - ratio)]],
                      fmt="o", color=colours.get(verdict, "tab:gray"), markersize=3, capsize=2, linewidth=0.8)
    axes.axvspan(-100 * threshold, 100 * threshold, color="tab:gray", alpha=0.15)
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set_yticks(list(positions))
    axes.set_yticklabels(names, fontsize=6)
    axes.invert_yaxis()
    axes.set_xlabel("change against the baseline (%)")
    axes.set_title(title)


def _baseline(pyplot, results: dict):
    from .verdicts import INSTRUCTION_THRESHOLD, TIME_THRESHOLD
    comparison = results.get("comparison")
    if not comparison:
        return None
    timed = [v for v in comparison["verdicts"] if v["time_ratio"] is not None]
    counted = [v for v in comparison["verdicts"] if v["instruction_ratio"] is not None]
    if not timed and not counted:
        return None
    panels = [panel for panel in (timed, counted) if panel]
    figure, axes_list = pyplot.subplots(1, len(panels), figsize=(10, 0.9 + 0.16 * max(map(len, panels))),
                                        squeeze=False)
    axes_iter = iter(axes_list[0])
    if timed:
        _forest(next(axes_iter), [f"{v['program']} {v['contender']}" for v in timed],
                [(v["time_ratio"], v["time_low"], v["time_high"]) for v in timed], [v["time_verdict"] for v in timed],
                TIME_THRESHOLD, "time (shift taken out), with its rank interval")
    if counted:
        _forest(next(axes_iter), [f"{v['program']} {v['contender']}" for v in counted],
                [(v["instruction_ratio"],) * 3 for v in counted], [v["instruction_verdict"] for v in counted],
                INSTRUCTION_THRESHOLD, "machine instructions")
    figure.suptitle(f"Against baseline {comparison.get('name', '')} (red: slower, green: faster, grey: unchanged; "
                    "shaded: threshold)", fontsize=9)
    return figure


def _ablations(pyplot, results: dict):
    rows = (results.get("ablations") or {}).get("rows") or []
    if not rows:
        return None
    ablations = list(dict.fromkeys(row["ablation"] for row in rows))
    contenders = list(dict.fromkeys(row["contender"] for row in rows))
    has_instructions = any(row.get("instruction_ratio") for row in rows)
    figure, axes_list = pyplot.subplots(1, 2 if has_instructions else 1, figsize=(10, 3.8), squeeze=False)
    for axes, key, title in zip(axes_list[0], ("time_ratio", "instruction_ratio"),
                                ("time, ablated / full build", "machine instructions, ablated / full build")):
        series = {}
        for contender in contenders:
            values = []
            for ablation in ablations:
                row = next((r for r in rows if r["ablation"] == ablation and r["contender"] == contender), None)
                value = row.get(key) if row else None
                low = (row.get("time_low") if key == "time_ratio" else None) or value
                high = (row.get("time_high") if key == "time_ratio" else None) or value
                values.append((value, low, high) if value else None)
            series[contender] = values
        _grouped_bars(axes, ablations, series)
        axes.axhline(1, color="black", linewidth=0.8)
        axes.set_title(title)
        axes.legend(fontsize=7)
    figure.suptitle("Ablations: what each optimisation is worth (above 1 = slower without it)", fontsize=9)
    return figure


def _history(pyplot, entries: list[dict]):
    names = [name for name in dict.fromkeys(n for entry in entries for n in entry["contenders"]) if name != INTERP]
    figure, (timed, counted) = pyplot.subplots(1, 2, figsize=(10, 3.8))
    runs = [f"{entry['generated'][:10]}\n{entry['commit'][:7]}" for entry in entries]
    for axes, key, scale, title in ((timed, "wall_ms", 1, "geometric mean wall time (ms)"),
                                    (counted, "instructions", 1e-6, "machine instructions, all programs (millions)")):
        for name in names:
            points = [(index, entry["contenders"][name][key] * scale) for index, entry in enumerate(entries)
                      if entry["contenders"].get(name, {}).get(key)]
            if points:
                axes.plot(*zip(*points), marker="o", markersize=3, linewidth=1, label=name)
        axes.set_xticks(range(len(runs)))
        axes.set_xticklabels(runs, fontsize=6)
        axes.set_title(title)
    timed.legend(fontsize=6, ncol=2)
    figure.suptitle("History per engine, one point per stored run (perf/history/)", fontsize=9)
    return figure

