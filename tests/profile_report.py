#!/usr/bin/env python3
"""--profile-vm's report (docs/profiling.md): for each program, on the interpreter and on every
VM engine the binary lists, the profile run prints the program's own output unchanged on
stdout, the text report on stderr names every compile phase of the backend, the phase shares and
the run categories add up, and the --profile-json file is valid against docs/profile.schema.json
(checked by a small validator of the schema keywords that file uses, so no Python package is
needed). In a -Dvm_profile=true build the per-opcode counts must add up to the instructions
executed, and the VM must report calls.

usage: tests/profile_report.py --nyash NYASH --schema docs/profile.schema.json PROGRAM...
"""
import argparse
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

VM_PHASES = ["parse", "resolve", "MIR build", "devirtualization", "constant folding", "CFG simplification",
             "copy propagation", "dead-code elimination", "type inference", "renumbering", "encode"]
INTERP_PHASES = ["parse", "resolve", "class table"]
CATEGORIES = ["execution", "allocation", "freeing", "built-in methods", "output"]
TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "number": (int, float), "integer": int}


def validate(value, schema: dict, root: dict, where: str) -> list[str]:
    """The keywords docs/profile.schema.json uses: $ref, type, enum, minimum, required,
    properties, additionalProperties (false), items."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].split("/")[-1]]
    errors = []
    expected = schema.get("type")
    if expected:
        python_type = TYPES[expected]
        if not isinstance(value, python_type) or (expected in ("integer", "number") and isinstance(value, bool)):
            return [f"{where}: expected {expected}, got {type(value).__name__}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not in {schema['enum']}")
    if "minimum" in schema and value < schema["minimum"]:
        errors.append(f"{where}: {value} below {schema['minimum']}")
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        for name in schema.get("required", []):
            if name not in value:
                errors.append(f"{where}: missing {name}")
        for name, item in value.items():
            if name in properties:
                errors += validate(item, properties[name], root, f"{where}.{name}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected {name}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += validate(item, schema["items"], root, f"{where}[{i}]")
    return errors


def engines(nyash: str) -> list[str]:
    help_text = subprocess.run([nyash, "--help"], capture_output=True, text=True, check=True).stdout
    found = re.search(r"this binary has: ([^)]*)\)", help_text)
    return [name.strip() for name in found.group(1).split(",")]


def check(nyash: str, schema: dict, program: Path, backend: list[str], label: str, workdir: Path) -> list[str]:
    plain = subprocess.run([nyash, *backend, str(program)], capture_output=True, timeout=300)
    out = workdir / "profile.json"
    profiled = subprocess.run([nyash, *backend, "--benchmark", "--iterations", "3", "--profile-vm",
                               "--profile-json", str(out), str(program)], capture_output=True, timeout=300)
    where = f"{program.name} on {label}"
    if profiled.returncode != 0:
        return [f"{where}: status {profiled.returncode}: {profiled.stderr.decode(errors='replace')[-300:]}"]
    problems = []
    if profiled.stdout != plain.stdout:
        problems.append(f"{where}: stdout differs from a plain run")
    report = profiled.stderr.decode()
    data = json.loads(out.read_text())
    problems += [f"{where}: {error}" for error in validate(data, schema, schema, "$")]
    if problems:
        return problems

    names = [phase["name"] for phase in data["phases"]]
    expected = INTERP_PHASES if label == "interp" else VM_PHASES + (["JIT compile"] if label == "vm/jit" else [])
    if names != expected + ["run"]:
        problems.append(f"{where}: phases {names}, expected {expected + ['run']}")
    for name in names:
        if not re.search(rf"^  {re.escape(name)} +[0-9.]+ +[0-9.]+ +[0-9.]+%", report, re.MULTILINE):
            problems.append(f"{where}: the text report has no line for phase {name}")
    shares = [float(share) for share in re.findall(r"^  \S.*? ([0-9.]+)% +-?[0-9.]+ +-?[0-9.]+$", report, re.MULTILINE)]
    if len(shares) != len(names):
        problems.append(f"{where}: {len(shares)} phase shares in the text report for {len(names)} phases")
    elif abs(sum(shares) - 100) > 0.1 * len(shares) + 0.1:
        problems.append(f"{where}: phase shares add up to {sum(shares):.1f}%")
    categories = data["run"]["categories"]
    if [c["name"] for c in categories] != CATEGORIES:
        problems.append(f"{where}: run categories {[c['name'] for c in categories]}")
    if abs(sum(c["us"] for c in categories) - data["run"]["us"]) > 1e-3 * max(1.0, data["run"]["us"]):
        problems.append(f"{where}: run categories add up to {sum(c['us'] for c in categories)}, not {data['run']['us']}")
    opcodes = data["opcodes"]
    if opcodes["measured"]:
        if sum(op["count"] for op in opcodes["by_opcode"]) != opcodes["instructions"]:
            problems.append(f"{where}: opcode counts do not add up to the instructions executed")
        if not data["run"]["calls_measured"]:
            problems.append(f"{where}: a profiling build measured opcodes but not calls")
    if "per opcode" not in report or "heap objects" not in report or "peak RSS" not in report:
        problems.append(f"{where}: a section of the text report is missing")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True)
    parser.add_argument("--schema", required=True, type=Path)
    parser.add_argument("programs", nargs="+", type=Path)
    arguments = parser.parse_args()
    schema = json.loads(arguments.schema.read_text())
    configurations = [(["--backend", "interp"], "interp")]
    configurations += [(["--backend", "vm", "--dispatch", engine], f"vm/{engine}") for engine in engines(arguments.nyash)]
    problems = []
    checked = 0
    with tempfile.TemporaryDirectory(prefix="nyash-profile-") as directory:
        for program in arguments.programs:
            for backend, label in configurations:
                problems += check(arguments.nyash, schema, program, backend, label, Path(directory))
                checked += 1
    for problem in problems:
        print(problem)
    print(f"{checked} profile runs checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
