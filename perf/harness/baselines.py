"""Stored runs to compare later runs with: perf/baselines/NAME.json is a run's whole results.json
(machine, CPU, compilers, commit, date, every timed sample in wall and CPU time, instruction,
branch and misprediction counts) under a name chosen by the user."""
import json
import re
from pathlib import Path

from .programs import PERF_DIR

BASELINES_DIR = PERF_DIR / "baselines"
VALID_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class BaselineError(ValueError):
    pass


def path_of(name: str) -> Path:
    if not VALID_NAME.fullmatch(name):
        raise BaselineError(f"baseline name {name!r}: use letters, digits, '.', '_' and '-'")
    return BASELINES_DIR / f"{name}.json"


def save(results: dict, name: str) -> Path:
    path = path_of(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    return path


def load(name: str) -> dict:
    path = path_of(name)
    if not path.exists():
        stored = sorted(p.stem for p in BASELINES_DIR.glob("*.json"))
        raise BaselineError(f"no baseline {name!r} in {BASELINES_DIR} (stored: {', '.join(stored) or 'none'})")
    try:
        results = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise BaselineError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(results, dict) or "times" not in results or "contenders" not in results:
        raise BaselineError(f"{path}: not a perf/compare results file")
    return results
