"""TMX import benchmark: tmtool's streaming reader against translate-toolkit's TMX reader and a bare
expat pass over the same generated file (200,000 units in 3 languages, about 140 MB).

Run: ``.venv/bin/python -m benchmarks.tmx_import`` (``--quick``: 20,000 units). Each reader runs in its
own subprocess so that peak memory (``ru_maxrss``) is its own; figures are printed as ratios against
translate-toolkit and against the expat pass measured in the same run. Target (issue 4): at least 3x faster
than translate-toolkit and at most a tenth of its peak memory.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LANGS = ("en", "fr", "ru")
_WORDS = {
    "en": "the of and to in resolution assembly general council security member states united nations "
    "development human rights committee report secretary decides requests further implementation".split(),
    "fr": "le la les de et des à résolution assemblée générale conseil sécurité États membres nations "
    "unies développement droits homme comité rapport secrétaire décide prie application".split(),
    "ru": "и в на по резолюция ассамблея генеральная совет безопасности государства члены организации "
    "объединенных наций развития права человека комитет доклад генеральный секретарь постановляет".split(),
}


def generate(path: Path, units: int, seed: int = 1) -> int:
    """Write a ``units``-unit TMX in LANGS with tmtool's writer; return its size in bytes."""
    from tmtool.tmx import TranslationUnit, Variant, write_tmx

    rng = random.Random(seed)

    def sentence(lang: str, n: int) -> str:
        words = _WORDS[lang]
        return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."

    def gen():
        for i in range(units):
            n = rng.randint(8, 22)
            yield TranslationUnit(
                variants=tuple(Variant(lang, sentence(lang, n)) for lang in LANGS),
                tuid=str(i + 1),
                props=(("x-document", f"A/RES/{70 + i % 9}/{i % 300}"), ("x-status", "auto")),
            )

    write_tmx(gen(), path, srclang="en", creationdate="20250101T000000Z")
    return path.stat().st_size


def _run_tmtool(path: str) -> int:
    from tmtool.tmx import iter_units

    count = 0
    for unit in iter_units(path):
        for v in unit.variants:
            v.text  # noqa: B018 - touch the text as an importer does
        count += 1
    return count


def _run_tmtool_lxml(path: str) -> int:
    from tmtool.tmx import iter_units

    count = 0
    for unit in iter_units(path, fast=False):
        for v in unit.variants:
            v.text  # noqa: B018
        count += 1
    return count


def _run_ttk(path: str) -> int:
    from translate.storage import tmx

    with open(path, "rb") as fh:
        store = tmx.tmxfile(fh)
    count = 0
    for unit in store.units:
        unit.source  # noqa: B018
        unit.target  # noqa: B018
        count += 1
    return count


def _run_expat(path: str) -> int:
    from xml.parsers import expat

    parser = expat.ParserCreate()
    with open(path, "rb") as fh:
        parser.ParseFile(fh)
    return 0


_READERS = {
    "tmtool": _run_tmtool,
    "tmtool-lxml": _run_tmtool_lxml,
    "translate-toolkit": _run_ttk,
    "expat": _run_expat,
}
_IMPORTS = {
    "tmtool": "tmtool.tmx",
    "tmtool-lxml": "tmtool.tmx",
    "translate-toolkit": "translate.storage.tmx",
    "expat": "xml.parsers.expat",
}


def _peak_mb() -> float:
    """Peak resident memory of this process. ``ru_maxrss`` on Linux carries over the high-water mark of
    the parent across fork+exec, so the kernel's per-process ``VmHWM`` is preferred where it exists."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker(name: str, path: str) -> None:
    importlib.import_module(_IMPORTS[name])  # imports are not part of the timing
    start = time.perf_counter()
    units = _READERS[name](path)
    seconds = time.perf_counter() - start
    print(json.dumps({"reader": name, "seconds": seconds, "peak_mb": _peak_mb(), "units": units}))


def _measure(name: str, path: Path) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.tmx_import", "--worker", name, str(path)],
        check=True, capture_output=True, text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="20,000 units instead of 200,000")
    ap.add_argument("--units", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=1, help="runs per reader; the best time is kept")
    ap.add_argument("--worker", nargs=2, metavar=("READER", "FILE"), help=argparse.SUPPRESS)
    ap.add_argument("--generate", nargs=2, metavar=("FILE", "UNITS"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(*args.worker)
        return 0
    if args.generate:
        print(generate(Path(args.generate[0]), int(args.generate[1])))
        return 0
    if importlib.util.find_spec("translate") is None:  # the baseline: the extra `bench`, which `make bench` installs
        print("translate-toolkit, the baseline, is not installed: run `make bench`, or "
              "`.venv/bin/python -m pip install -e '.[bench]'` first", file=sys.stderr)
        return 2
    units = args.units or (20_000 if args.quick else 200_000)
    with tempfile.TemporaryDirectory(prefix="tmx-bench-") as tmp:
        path = Path(tmp) / "bench.tmx"
        t0 = time.perf_counter()
        # generated in a subprocess too, so that this process stays small (see _peak_mb)
        subprocess.run([sys.executable, "-m", "benchmarks.tmx_import", "--generate", str(path), str(units)],
                       check=True, capture_output=True)
        size = path.stat().st_size
        print(f"generated {units:,} units x {len(LANGS)} languages, {size / 1e6:.0f} MB "
              f"in {time.perf_counter() - t0:.1f} s (tmtool writer)")
        results = {}
        for name in ("expat", "tmtool", "translate-toolkit"):
            runs = [_measure(name, path) for _ in range(args.repeat)]
            results[name] = min(runs, key=lambda r: r["seconds"])
            r = results[name]
            print(f"{name:18s} {r['seconds']:7.2f} s  peak {r['peak_mb']:7.1f} MB  units {r['units']:,}")
    ours, ttk, bare = results["tmtool"], results["translate-toolkit"], results["expat"]
    speed = ttk["seconds"] / ours["seconds"]
    mem = ours["peak_mb"] / ttk["peak_mb"]
    print(f"tmtool vs translate-toolkit: {speed:.1f}x faster (target >= 3x), "
          f"{mem:.3f} of its peak memory (target <= 0.1)")
    print(f"tmtool vs bare expat pass:   {ours['seconds'] / bare['seconds']:.2f}x the time, "
          f"{ours['peak_mb'] / bare['peak_mb']:.1f}x the peak memory")
    full = units >= 200_000
    ok = speed >= 3 and (mem <= 0.1 or not full) and ours["units"] == ttk["units"] == units
    if not full:
        print("(smaller file: the memory target is defined for 200,000 units, where the fixed ~35 MB of "
              "imports no longer dominate; only the speed target is judged)")
    print("target met" if ok else "target NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
