#!/usr/bin/env python3
"""docs/seed_dumps.md shows `--dump-mir` and `--dump-bytecode` of a seed program; this checks
that both blocks are exactly what the built nyash prints, so the docs cannot drift from the code.

usage: docs_dumps.py NYASH DOC SEED"""
import subprocess
import sys


def block_after(text: str, heading: str) -> str:
    start = text.index("```\n", text.index(heading)) + 4
    return text[start:text.index("```", start)]


def main() -> int:
    nyash, doc, seed = sys.argv[1:4]
    text = open(doc, encoding="utf-8").read()
    failures = 0
    for heading, flag in (("## --dump-mir", "--dump-mir"), ("## --dump-bytecode", "--dump-bytecode")):
        printed = subprocess.run([nyash, flag, seed], capture_output=True, text=True, check=True).stdout
        if block_after(text, heading) != printed:
            print(f"{doc}: the {flag} block differs from what `nyash {flag} {seed}` prints; regenerate it")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
