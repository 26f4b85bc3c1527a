"""The benchmark programs (perf/programs/*.nyash), their Lua peers (perf/peers/NAME.lua) and the
smaller inputs used for the machine-counter runs.

Each program names its input size on one line:

    local size = 32000000  // @size 1600000

The literal is the size timed; the number after `@size` is the size counted under valgrind,
where a run is about 50 times slower (perf/README.md).
"""
import fnmatch
import re
from dataclasses import dataclass
from pathlib import Path

PERF_DIR = Path(__file__).resolve().parent.parent
PROGRAMS_DIR = PERF_DIR / "programs"
PEERS_DIR = PERF_DIR / "peers"

SIZE_LINE = re.compile(r"^(?P<head>\s*local\s+\w+\s*=\s*)(?P<size>\d+)(?P<tail>\s*//\s*@size\s+(?P<small>\d+)\b.*)$",
                       re.MULTILINE)


@dataclass(frozen=True)
class Program:
    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def peer(self) -> Path | None:
        """The Lua version of this program, when there is one."""
        lua = PEERS_DIR / f"{self.name}.lua"
        return lua if lua.exists() else None

    def source(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def sizes(self) -> tuple[int, int]:
        """(timed size, counted size) from the program's @size line."""
        match = _size_line(self.path, self.source())
        return int(match["size"]), int(match["small"])

    def write_small(self, directory: Path) -> Path:
        """A copy of the program with its counted size in place of the timed one, in `directory`
        under the same file name."""
        source = self.source()
        match = _size_line(self.path, source)
        small = source[:match.start()] + match["head"] + match["small"] + match["tail"] + source[match.end():]
        copy = directory / self.path.name
        copy.write_text(small, encoding="utf-8")
        return copy


def _size_line(path: Path, source: str) -> re.Match:
    matches = list(SIZE_LINE.finditer(source))
    if len(matches) != 1:
        raise ValueError(f"{path}: expected exactly one `local NAME = N  // @size M` line, found {len(matches)}")
    return matches[0]


def select_programs(patterns: list[str]) -> list[Program]:
    """The programs whose name (without .nyash) matches one of the glob patterns, sorted by name."""
    every = sorted(PROGRAMS_DIR.glob("*.nyash"))
    chosen = [Program(path) for path in every if any(fnmatch.fnmatchcase(path.stem, p) for p in patterns)]
    if not chosen:
        raise ValueError(f"no program in {PROGRAMS_DIR} matches {', '.join(patterns)}")
    return chosen
