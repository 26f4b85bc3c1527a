#!/usr/bin/env python3
"""What tests/fuzz/differential.py does when differential_batch misbehaves (docs/testing.md, "In
process"): stand-in drivers that list the real driver's configurations but crash on a batch, or
flag a program that separate processes run identically, must each make it fail, after rerunning
the programs one process per configuration.

  check_fallback.py --nyash build/nyash --batch-driver build/tests/fuzz/in_process/differential_batch
"""
import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

DIFFERENTIAL = Path(__file__).resolve().parents[1] / "differential.py"
SEEDS = ("--seed", "0", "--count", "2", "--batch-size", "2", "--jobs", "1", "--opt-levels", "2")

# The stand-in: the real driver answers --list-configurations; batches get MODE.
STAND_IN = '''#!/usr/bin/env python3
import os, signal, sys
if "--list-configurations" in sys.argv:
    os.execv({real!r}, [{real!r}] + sys.argv[1:])
if {mode!r} == "crash":
    os.kill(os.getpid(), signal.SIGSEGV)
print("FAIL\\t" + sys.argv[-1] + "\\t" + {config!r} + "\\tstdout\\tplanted")
sys.exit(1)
'''


def run_with(stand_in: Path, nyash: str) -> tuple[int, str]:
    done = subprocess.run([sys.executable, str(DIFFERENTIAL), "--nyash", nyash, "--batch-driver", str(stand_in),
                           *SEEDS], capture_output=True, text=True, check=False)
    return done.returncode, done.stdout + done.stderr


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nyash", required=True)
    parser.add_argument("--batch-driver", required=True, type=Path)
    arguments = parser.parse_args()
    real = str(arguments.batch_driver.resolve())
    config = subprocess.run([real, "--opt-levels", "2", "--list-configurations"], capture_output=True, text=True,
                            check=True).stdout.split("\n")[0]
    expectations = {
        "crash": ["batch driver failed", "killed by SIGSEGV", "seeds 0..1"],
        "flag": ["in process only: stdout", "seed 1 on " + config, "planted"],
    }
    failures = 0
    with tempfile.TemporaryDirectory(prefix="nyash-fallback-") as directory:
        for mode, expected in expectations.items():
            stand_in = Path(directory) / f"{mode}_driver"
            stand_in.write_text(STAND_IN.format(real=real, mode=mode, config=config))
            stand_in.chmod(0o755)
            status, output = run_with(stand_in, arguments.nyash)
            missing = [text for text in expected if text not in output]
            if status != 1 or missing:
                failures += 1
                print(f"FAIL {mode}: status {status}, missing {missing}\n{output}")
            else:
                print(f"ok   {mode}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
