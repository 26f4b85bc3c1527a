"""Where a run was measured: the machine, the source commit and the time, stored with every
result so that a baseline or a history entry says what it is comparable with."""
import datetime
import os
import platform
import subprocess
from pathlib import Path

from .programs import PERF_DIR

SOURCE_DIR = PERF_DIR.parent


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "kernel": platform.release(), "host": platform.node()}


def load_average() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def commit() -> str:
    """The checked-out commit (12 hex digits), with "-dirty" when tracked files differ from it;
    "unknown" outside a git checkout."""
    def git(*arguments: str) -> subprocess.CompletedProcess:
        return subprocess.run(["git", "-C", str(SOURCE_DIR), *arguments], capture_output=True, text=True)
    try:
        head = git("rev-parse", "--short=12", "HEAD")
        if head.returncode != 0:
            return "unknown"
        dirty = git("diff", "--quiet", "HEAD", "--").returncode != 0
    except OSError:
        return "unknown"
    return head.stdout.strip() + ("-dirty" if dirty else "")


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)
