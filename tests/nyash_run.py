"""Running the nyash binary from the Python test suites: one process, its outcome, and the
checks every suite applies to any run (no crash, no hang, no sanitizer report)."""
import re
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Sanitizer reports; UBSan's lines look like "file.cpp:12:5: runtime error: ...".
_SANITIZER_REPORT = re.compile(
    r"AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|^.*:\d+:\d+: runtime error: ",
    re.MULTILINE)


@dataclass
class Outcome:
    status: int | None  # exit status; None when killed by a signal or timed out
    stdout: bytes
    stderr: bytes
    signal_name: str | None = None
    timed_out_after: float | None = None

    def abnormal_end(self) -> str | None:
        """Why the run did not end with an exit status of its own, if it did not."""
        if self.timed_out_after is not None:
            return f"timed out after {self.timed_out_after:g} s"
        if self.signal_name is not None:
            return f"killed by {self.signal_name}"
        return None

    def sanitizer_report(self) -> str | None:
        """The first line of a sanitizer report on stderr, if there is one."""
        text = self.stderr.decode("utf-8", errors="replace")
        match = _SANITIZER_REPORT.search(text)
        if not match:
            return None
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.start())
        return text[line_start:line_end if line_end >= 0 else len(text)].strip()

    def problem(self) -> str | None:
        """A crash, hang or sanitizer report: failures whatever the program was meant to do."""
        return self.abnormal_end() or (
            f"sanitizer report: {report}" if (report := self.sanitizer_report()) else None)


def run_nyash(command: list[str], cwd: Path, timeout: float) -> Outcome:
    try:
        done = subprocess.run(command, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired as expired:
        return Outcome(None, expired.stdout or b"", expired.stderr or b"", timed_out_after=timeout)
    if done.returncode < 0:
        return Outcome(None, done.stdout, done.stderr, signal_name=_signal_name(-done.returncode))
    return Outcome(done.returncode, done.stdout, done.stderr)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def shorten(text: str, limit: int = 120) -> str:
    """repr() of text, cut to about `limit` characters for one-line failure reports."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[:limit] + "...'"
