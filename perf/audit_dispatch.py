#!/usr/bin/env python3
"""Codegen audit of the dispatch engines: disassembles the nyash binary, or a library of the engines'
object files (objdump -d -C), finds each engine's dispatch function(s) and counts their indirect-jump
and indirect-call sites.

What each engine must compile to (docs/engines.md, "The codegen audit"):
  switch           one shared indirect jump (the switch's table), informational only
  call             an indirect call in the loop of run_call
  goto             about one indirect jump per handler; compilers like to merge them into one
                   shared jump, which would make it a switch in disguise
  goto-predecoded  the same
  tail             one indirect jump (the guaranteed tail call) per handler function; a
                   superinstruction's (vm/superinstructions.def) may instead tail-jump
                   directly into its second opcode's handler (FALL_INTO)

  jit              (with --jit-programs DIR, on the nyash binary) the machine code `nyash --dump-jit`
                   shows for every program in DIR: each compiled function starts with
                   `push rbp; mov rbp, rsp` (the frame-pointer chain) and contains no indirect
                   jump (nothing left to dispatch); judged in every build, since the JIT's code
                   does not depend on how nyash was compiled

Exits non-zero when an engine in the binary breaks its rule (goto: fewer indirect jumps than half
the handlers). An unoptimised build (--optimization 0 or g) is only reported: at -O0 the compiler
shares code freely, and the audit is about the code that gets measured. Unoptimised meson builds
therefore also compile the engines as a release build does, into a library that the test
dispatch-audit-release judges (dispatch_variants/meson.build).
"""
import argparse
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

FUNCTION_HEADER = re.compile(r"^[0-9a-f]+ <(?P<name>.+)>:$")
INDIRECT_JUMP = re.compile(r"\s(?:notrack\s+)?(?:bnd\s+)?jmpq?\s+\*")
INDIRECT_CALL = re.compile(r"\s(?:notrack\s+)?(?:bnd\s+)?callq?\s+\*")
# A jump to the first byte of a named function (no +offset): a direct tail call.
DIRECT_TAIL_JUMP = re.compile(r"\sjmpq?\s+[0-9a-f]+ <(?P<target>[^>]+?\))>$")
SUPERINSTRUCTION = re.compile(r"^SUPERINSTRUCTION\((?P<fused>\w+),\s*\w+,\s*(?P<second>\w+)\)")
UNOPTIMISED = {"0", "g"}


@dataclass
class Engine:
    name: str
    symbol: re.Pattern  # matches the demangled names of its dispatch function(s)
    rule: str


ENGINES = [
    Engine("switch", re.compile(r"^nyash::vm::run_switch\("),
           "informational (GCC keeps one shared jump, Clang copies it into the handlers)"),
    Engine("call", re.compile(r"^nyash::vm::(run_call\(|\(anonymous namespace\)::handler_function_)"),
           "run_call makes an indirect call"),
    Engine("goto", re.compile(r"^nyash::vm::run_goto\("), "indirect jumps >= handlers / 2"),
    Engine("goto-predecoded", re.compile(r"^nyash::vm::run_goto_predecoded\("), "indirect jumps >= handlers / 2"),
    Engine("tail", re.compile(r"^nyash::vm::\(anonymous namespace\)::tail_handler_"),
           "one indirect jump per handler function (or a superinstruction's jump into its second)"),
]


@dataclass
class Function:
    name: str
    indirect_jumps: int = 0
    indirect_calls: int = 0
    tail_jump_targets: set[str] = field(default_factory=set)


@dataclass
class Report:
    engine: Engine
    functions: list[Function] = field(default_factory=list)

    @property
    def indirect_jumps(self) -> int:
        return sum(f.indirect_jumps for f in self.functions)

    @property
    def indirect_calls(self) -> int:
        return sum(f.indirect_calls for f in self.functions)


def disassemble(binary: Path) -> list[Function]:
    listing = subprocess.run(["objdump", "-d", "--no-show-raw-insn", "-C", str(binary)],
                             capture_output=True, text=True, check=True).stdout
    functions: list[Function] = []
    for line in listing.splitlines():
        header = FUNCTION_HEADER.match(line)
        if header:
            functions.append(Function(header.group("name")))
        elif functions:
            if INDIRECT_JUMP.search(line):
                functions[-1].indirect_jumps += 1
            elif INDIRECT_CALL.search(line):
                functions[-1].indirect_calls += 1
            elif direct := DIRECT_TAIL_JUMP.search(line):
                functions[-1].tail_jump_targets.add(direct.group("target"))
    return functions


def count_handlers(opcodes: Path) -> int:
    return sum(1 for line in opcodes.read_text().splitlines() if line.startswith("OPCODE("))


# Opcodes whose handler never dispatches: it always raises (vm/handlers.inc), so its function
# ends in the call that throws, not in a tail jump.
RAISING_OPCODES = {"THROW"}


def raises_only(function: Function) -> bool:
    return any(f"_handler_{opcode}(" in function.name for opcode in RAISING_OPCODES)


def is_main_part(function: Function) -> bool:
    """False for compiler-split cold parts ([clone .cold]): they hold slow paths, not dispatch."""
    return "[clone .cold]" not in function.name


def second_opcodes(superinstructions: Path) -> dict[str, str]:
    """{fused opcode: the opcode whose handler it falls into}, from vm/superinstructions.def."""
    if not superinstructions.exists():
        return {}
    return {m.group("fused"): m.group("second") for line in superinstructions.read_text().splitlines()
            if (m := SUPERINSTRUCTION.match(line))}


def falls_into_second(function: Function, seconds: dict[str, str]) -> bool:
    """A superinstruction's tail handler that jumps directly into its second opcode's handler."""
    fused = re.search(r"tail_handler_(\w+)\(", function.name)
    second = seconds.get(fused.group(1)) if fused else None
    return second is not None and any(f"tail_handler_{second}(" in target for target in function.tail_jump_targets)


def violation(report: Report, handlers: int, seconds: dict[str, str]) -> str | None:
    name = report.engine.name
    if name in ("goto", "goto-predecoded") and report.indirect_jumps < handlers / 2:
        return f"{report.indirect_jumps} indirect jumps for {handlers} handlers: the compiler merged the dispatch jumps"
    if name == "call":
        loop = [f for f in report.functions if f.name.startswith("nyash::vm::run_call(")]
        if sum(f.indirect_calls for f in loop) == 0:
            return "run_call makes no indirect call"
    if name == "tail":
        handler_parts = [f for f in report.functions if is_main_part(f)]
        missing = [f.name for f in handler_parts
                   if f.indirect_jumps == 0 and not raises_only(f) and not falls_into_second(f, seconds)]
        if len(handler_parts) < handlers or missing:
            return f"{len(handler_parts)} handler functions for {handlers} opcodes; without a tail jump: {missing[:3]}"
    return None


JIT_FUNCTION = re.compile(r"^function (?P<name>.+) \(id ")
JIT_CODE = re.compile(r"^ {6,}[0-9a-f]+  (?P<insn>.+)$")  # bytecode lines are indented by 2
JIT_INDIRECT_JUMP = re.compile(r"^jmp (?:r\w+|qword ptr)")


def audit_jit(nyash: Path, programs: Path) -> list[str]:
    """The JIT's rules over every program's --dump-jit; the problems found."""
    problems = []
    functions = 0
    generic: dict[str, int] = {}
    for program in sorted(programs.glob("*.nyash")):
        dump = subprocess.run([str(nyash.resolve()), "--dump-jit", str(program)], capture_output=True, text=True)
        if dump.returncode != 0:
            problems.append(f"{program.name}: --dump-jit failed: {dump.stderr.strip()}")
            continue
        name, code = None, []
        for line in dump.stdout.splitlines() + ["function <end> (id "]:
            header = JIT_FUNCTION.match(line)
            if header:
                if name is not None:
                    functions += 1
                    if code[:2] != ["push rbp", "mov rbp, rsp"]:
                        problems.append(f"{program.name}: {name} does not start with push rbp; mov rbp, rsp")
                    jumps = [insn for insn in code if JIT_INDIRECT_JUMP.match(insn)]
                    if jumps:
                        problems.append(f"{program.name}: {name} has indirect jumps: {jumps[:3]}")
                name, code = header.group("name"), []
            elif (insn := JIT_CODE.match(line)) and name is not None:
                code.append(insn.group("insn").strip())
            elif line.endswith("[generic]"):
                opcode = line.split()[1]
                generic[opcode] = generic.get(opcode, 0) + 1
    fallbacks = ", ".join(f"{op} {n}" for op, n in sorted(generic.items())) or "none"
    print(f"{'jit':<16} {functions:>9} functions compiled; instructions on the generic fallback: {fallbacks}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("code", type=Path, help="the nyash binary, or a static library of engine objects")
    parser.add_argument("--opcodes", type=Path, default=Path(__file__).resolve().parent.parent / "vm" / "opcodes.def",
                        help="vm/opcodes.def, for the handler count")
    parser.add_argument("--optimization", default="2",
                        help="the optimisation level the engines were compiled at (meson's `optimization`); "
                             "0 and g are only reported")
    parser.add_argument("--verbose", action="store_true", help="list every function with its counts")
    parser.add_argument("--jit-programs", type=Path,
                        help="also audit the JIT's code for the programs in this directory (the code is the "
                             "nyash binary and has the jit engine)")
    arguments = parser.parse_args()

    judged = arguments.optimization not in UNOPTIMISED
    handlers = count_handlers(arguments.opcodes)
    seconds = second_opcodes(arguments.opcodes.parent / "superinstructions.def")
    functions = disassemble(arguments.code)
    reports = [Report(engine, [f for f in functions if engine.symbol.search(f.name)]) for engine in ENGINES]

    print(f"{'engine':<16} {'functions':>9} {'indirect jmp':>12} {'indirect call':>13}  rule ({handlers} handlers)")
    failures = []
    for report in reports:
        if not report.functions:
            print(f"{report.engine.name:<16} {'-':>9} {'-':>12} {'-':>13}  not compiled in")
            continue
        problem = violation(report, handlers, seconds)
        verdict = "ok" if not problem else f"FAIL: {problem}" if judged else f"not judged: {problem}"
        print(f"{report.engine.name:<16} {len(report.functions):>9} {report.indirect_jumps:>12} "
              f"{report.indirect_calls:>13}  {report.engine.rule}: {verdict}")
        if arguments.verbose:
            for function in report.functions:
                print(f"    {function.indirect_jumps:>4} jmp {function.indirect_calls:>4} call  {function.name}")
        if problem:
            failures.append(report.engine.name)

    if arguments.jit_programs is not None:
        jit_problems = audit_jit(arguments.code, arguments.jit_programs)
        for problem in jit_problems:
            print(f"jit: FAIL: {problem}")
        if jit_problems:
            print("jit audit failed")
            return 1
        print("jit audit passed")

    if not judged:
        print(f"unoptimised build (optimization={arguments.optimization}): reported only; "
              "the audit judges the code of optimised builds")
        return 0
    if failures:
        print("dispatch audit failed for: " + ", ".join(failures))
        return 1
    print("dispatch audit passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
