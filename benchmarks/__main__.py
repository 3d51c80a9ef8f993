"""Run every benchmark: ``python -m benchmarks [--quick] [AREA ...]``.

Each area is a module ``benchmarks/<area>.py`` runnable on its own (``python -m benchmarks.<area>``); this
runner calls them one after another in fresh interpreters so that peak-memory figures do not mix.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

AREAS = ["segment_accuracy", "align", "six_languages", "un_heldout", "udhr", "embeddings", "memory", "tmx_import",
         "tm_lookup", "review", "batch"]


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run")
    parser.add_argument("areas", nargs="*", metavar="AREA", help=f"any of: {', '.join(AREAS)} (default: all)")
    args = parser.parse_args()
    unknown = sorted(set(args.areas) - set(AREAS))
    if unknown:
        parser.error(f"unknown area(s): {', '.join(unknown)}")
    here = Path(__file__).resolve().parent
    failed = []
    for area in args.areas or AREAS:
        if not (here / f"{area}.py").exists():
            print(f"== {area}: not present, skipped", flush=True)
            continue
        print(f"== {area}", flush=True)
        cmd = [sys.executable, "-m", f"benchmarks.{area}"] + (["--quick"] if args.quick else [])
        if subprocess.call(cmd, cwd=here.parent) != 0:
            failed.append(area)
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
