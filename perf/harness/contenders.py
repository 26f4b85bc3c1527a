"""What gets measured: the interpreter, each dispatch engine of each toolchain (its own pure
build), and optionally the Lua peers. A contender turns a program into a command line."""
import shutil
from dataclasses import dataclass
from pathlib import Path

from .builds import Toolchain
from .programs import Program

INTERP = "interp"
BASELINE_ENGINE = "switch"


@dataclass(frozen=True)
class Contender:
    label: str  # the column heading
    kind: str  # "interp", "vm" or "lua"
    prefix: tuple[str, ...]  # the command before the script
    toolchain: str = ""  # vm: the toolchain label
    engine: str = ""  # vm: the dispatch engine

    def script(self, program: Program) -> Path | None:
        """The file this contender runs for `program`; None when it has no version of it."""
        return program.peer if self.kind == "lua" else program.path

    def command(self, script: Path) -> list[str]:
        return [*self.prefix, str(script)]


def nyash_contenders(toolchains: list[Toolchain]) -> list[Contender]:
    """The interpreter (from the first toolchain's first build), then every engine of every
    toolchain, the switch engine first as the baseline of its toolchain."""
    first = toolchains[0]
    contenders = [Contender(INTERP, INTERP, (str(first.binaries[first.engines[0]]), "--backend", "interp"))]
    several = len(toolchains) > 1
    for toolchain in toolchains:
        for engine in sorted(toolchain.engines, key=lambda name: name != BASELINE_ENGINE):
            label = f"{toolchain.label} {engine}" if several else engine
            prefix = (str(toolchain.binaries[engine]), "--backend", "vm", "--dispatch", engine)
            contenders.append(Contender(label, "vm", prefix, toolchain.label, engine))
    return contenders


def counting_contender(toolchain: Toolchain, timed: Contender) -> Contender:
    """The timed VM contender's engine in its toolchain's counting build, with --vm-stats."""
    prefix = (str(toolchain.counting_nyash), "--backend", "vm", "--dispatch", timed.engine, "--vm-stats")
    return Contender(timed.label, "vm", prefix, toolchain.label, timed.engine)


def lua_contenders() -> list[Contender]:
    """Lua 5.4, LuaJIT's interpreter (-joff) and LuaJIT with its JIT, those installed."""
    candidates = [("lua5.4", ("lua5.4",)), ("luajit -joff", ("luajit", "-joff")), ("luajit", ("luajit",))]
    return [Contender(label, "lua", (shutil.which(command[0]), *command[1:]))
            for label, command in candidates if shutil.which(command[0])]
