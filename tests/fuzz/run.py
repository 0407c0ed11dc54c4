"""The long fuzzing run: every target in turn, 500 new inputs at a time, until the time is up.

    .venv/bin/python tests/fuzz/run.py --seconds 600

Prints how many inputs each target has seen after each turn; stops at the first failure, showing the
smallest input hypothesis found for it, and exits with status 1.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent.parent)]

import targets  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600, help="how long to run (default 600)")
    parser.add_argument("--batch", type=int, default=500, help="inputs per target per turn (default 500)")
    args = parser.parse_args()
    started = time.monotonic()
    while time.monotonic() - started < args.seconds:
        for name in targets.fuzz_targets():
            targets.fuzz(name, args.batch)
        print(progress(time.monotonic() - started), flush=True)
    print(f"{progress(time.monotonic() - started)}; no failure")
    return 0


def progress(seconds: float) -> str:
    counts = ", ".join(f"{name} {count:,}" for name, count in targets.EXAMPLES.items())
    return f"fuzzed for {seconds:.0f} s: {sum(targets.EXAMPLES.values()):,} inputs ({counts})"


if __name__ == "__main__":
    sys.exit(main())
