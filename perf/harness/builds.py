"""The release builds the runner measures: for each C++ compiler, one pure build per dispatch
engine (`-Ddispatch=ENGINE`, only that engine's code in the binary) and one counting build
(`-Ddispatch=all -Dvm_count_instructions=true`) whose `nyash --version` says which engines the
compiler supports and whose `--vm-stats` counts executed bytecode instructions.

Build directories are perf/builds/<toolchain>/<engine> and perf/builds/<toolchain>/count; an
existing directory is reused (ninja rebuilds what changed).
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .programs import PERF_DIR

SOURCE_DIR = PERF_DIR.parent
BUILDS_DIR = PERF_DIR / "builds"
COUNT_BUILD = "count"
VERSION_ENGINES = re.compile(r"dispatch engines: (?P<engines>[^;)]*)")
VERSION_COMPILER = re.compile(r"compiler: (?P<compiler>[^;)]*)")


class BuildError(RuntimeError):
    pass


@dataclass
class Toolchain:
    command: str  # the C++ compiler meson is given (CXX), e.g. "c++" or "clang++"
    label: str  # e.g. "gcc-12": names the build directories and, with several, the columns
    compiler: str = ""  # as the binary reports it, e.g. "gcc 12.2.0"
    engines: list[str] = field(default_factory=list)  # supported, in the binary's order
    binaries: dict[str, Path] = field(default_factory=dict)  # engine (or COUNT_BUILD) -> nyash

    @property
    def counting_nyash(self) -> Path:
        return self.binaries[COUNT_BUILD]


def describe_compiler(command: str) -> str | None:
    """A short label such as gcc-12 or clang-14 for a compiler command; None when it is missing."""
    words = shlex.split(command)  # CXX may be a command line such as "ccache g++"
    try:
        version = subprocess.run([*words, "--version"], capture_output=True, text=True, check=True).stdout
        major = subprocess.run([*words, "-dumpversion"], capture_output=True, text=True,
                               check=True).stdout.strip().split(".")[0]
    except (OSError, subprocess.CalledProcessError):
        return None
    family = "clang" if "clang" in version.lower() else "gcc" if "Free Software Foundation" in version else \
        Path(words[-1]).name
    return f"{family}-{major}"


def build(toolchain: Toolchain, name: str, options: list[str]) -> Path:
    """Sets up (once) and builds perf/builds/<toolchain>/<name>; returns its nyash binary."""
    directory = BUILDS_DIR / toolchain.label / name
    started = time.monotonic()
    if not (directory / "build.ninja").exists():
        directory.parent.mkdir(parents=True, exist_ok=True)
        # The builds differ in a few files: ccache compiles the rest once for all of them.
        cached = shutil.which("ccache") and "ccache" not in toolchain.command
        compiler = f"ccache {toolchain.command}" if cached else toolchain.command
        _run(["meson", "setup", str(directory), str(SOURCE_DIR), "-Dbuildtype=release", *options],
             env={**os.environ, "CXX": compiler}, what=f"meson setup {directory}")
    _run(["ninja", "-C", str(directory), "nyash"], env=os.environ, what=f"ninja -C {directory}")
    print(f"  build {toolchain.label}/{name}: ready ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return directory / "nyash"


def _run(command: list[str], env: dict, what: str) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-15:])
        raise BuildError(f"{what} failed:\n{tail}")


def prepare(command: str, wanted_engines: list[str] | None) -> Toolchain | None:
    """Builds the counting build and one pure build per supported (and wanted) engine. Returns
    None when the compiler is missing or its counting build fails; an engine whose pure build
    fails is left out with a warning."""
    label = describe_compiler(command)
    if label is None:
        print(f"warning: compiler {command} not found: skipped", file=sys.stderr)
        return None
    toolchain = Toolchain(command, label)
    try:
        counting = build(toolchain, COUNT_BUILD, ["-Ddispatch=all", "-Dvm_count_instructions=true"])
    except BuildError as error:
        print(f"warning: {label}: {error}\n{label} skipped", file=sys.stderr)
        return None
    toolchain.binaries[COUNT_BUILD] = counting
    version = subprocess.run([str(counting), "--version"], capture_output=True, text=True, check=True).stdout
    toolchain.compiler = VERSION_COMPILER.search(version)["compiler"].strip()
    supported = [name.strip() for name in VERSION_ENGINES.search(version)["engines"].split(",") if name.strip()]
    for engine in supported:
        if wanted_engines is not None and engine not in wanted_engines:
            continue
        try:
            toolchain.binaries[engine] = build(toolchain, engine, [f"-Ddispatch={engine}"])
            toolchain.engines.append(engine)
        except BuildError as error:
            print(f"warning: {label}: {error}\nengine {engine} skipped", file=sys.stderr)
    return toolchain
