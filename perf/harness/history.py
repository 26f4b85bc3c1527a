"""The history of runs: perf/history/<date>-<commit>.json, one small summary per `make compare`
(per contender: geometric mean of the median times, ratio to switch, machine instructions and
bytecode instructions over all programs), so the report can show each engine's trend."""
import json
from pathlib import Path

from .programs import PERF_DIR
from .report import geometric_mean, medians
from .verdicts import identity

HISTORY_DIR = PERF_DIR / "history"


def summarise(results: dict) -> dict:
    times, cpu_times = medians(results), medians(results, "cpu_s")
    contenders = {}
    for contender in results["contenders"]:
        label = contender["label"]
        entry = {"wall_ms": _geometric_ms(times, label), "cpu_ms": _geometric_ms(cpu_times, label),
                 "vs_switch": results["summary"].get(label, {}).get("vs_switch")}
        counted = [row[label] for row in results.get("counters", {}).values() if isinstance(row.get(label), dict)]
        if counted and len(counted) == len(results["programs"]):
            entry["instructions"] = sum(counts["instructions"] for counts in counted)
            entry["mispredictions"] = sum(counts["mispredictions"] for counts in counted)
            if all(counts.get("bytecodes") for counts in counted):
                entry["bytecodes"] = sum(counts["bytecodes"] for counts in counted)
        contenders[identity(contender)] = entry
    return {"generated": results["generated"], "commit": results["commit"], "command": results["command"],
            "cpu": results["machine"]["cpu"], "load_before": results["machine"]["load_before"],
            "rounds": results["rounds"], "counter_tool": (results.get("counter_tool") or {}).get("name"),
            "programs": [program["name"] for program in results["programs"]],
            "contenders": contenders}


def _geometric_ms(times: dict, label: str) -> float | None:
    mean = geometric_mean([row[label] for row in times.values() if label in row])
    return None if mean is None else 1000 * mean


def record(results: dict) -> Path:
    """Writes the run's summary; the file name sorts by date and names the commit."""
    stamp = results["generated"].replace(" UTC", "").replace(" ", "T").replace(":", "")
    path = HISTORY_DIR / f"{stamp}Z-{results['commit']}.json"
    HISTORY_DIR.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(summarise(results), indent=1, ensure_ascii=False) + "\n")
    return path


def load_matching(results: dict) -> list[dict]:
    """The stored summaries, oldest first, of runs over the same programs on the same CPU as
    `results` (others are not comparable with it)."""
    programs = [program["name"] for program in results["programs"]]
    entries = []
    for path in sorted(HISTORY_DIR.glob("*.json")):
        try:
            entry = json.loads(path.read_text())
        except (OSError, json.JSONDecodeError):
            continue
        if entry.get("programs") == programs and entry.get("cpu") == results["machine"]["cpu"]:
            entries.append(entry)
    return entries


def markdown(entries: list[dict], plot: str | None) -> str:
    """Each engine's trend: geometric-mean median wall time and machine instructions per run."""
    if not entries:
        return ""
    names = list(dict.fromkeys(name for entry in entries for name in entry["contenders"]))
    text = (f"\n## History\n\nThe {len(entries)} runs in perf/history/ over the same programs on this CPU, oldest "
            "first: geometric mean of the median wall times (ms; moves with the machine's load) and machine "
            "instructions over all programs (millions; steady for a given tree).\n\n")
    if plot:
        text += f"![history per engine]({plot})\n\n"
    for title, key, scale in (("Geometric mean wall time (ms)", "wall_ms", 1), ("Machine instructions (millions)",
                                                                                 "instructions", 1e6)):
        header = ["run", "commit"] + names
        lines = ["| " + " | ".join(header) + " |", "|---|---|" + "---:|" * len(names)]
        for entry in entries:
            cells = []
            for name in names:
                value = entry["contenders"].get(name, {}).get(key)
                cells.append("–" if value is None else f"{value / scale:.1f}")
            lines.append(f"| {entry['generated']} | {entry['commit']} | " + " | ".join(cells) + " |")
        text += f"#### {title}\n\n" + "\n".join(lines) + "\n\n"
    return text
