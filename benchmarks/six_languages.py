"""Six language versions of one long document, aligned at once: time and peak memory against two of them.

``python -m benchmarks.six_languages [--quick] [--paragraphs N]``. The input is built in a temporary folder from
the UN Parallel Corpus dev and test sets in ../shared (8,000 lines that translate each other in the six
languages; read in place, never copied into the project): lines grouped into paragraphs of 1-4, the same grouping
in every language, a blank line between paragraphs; so that the aligner has work, 0.5 % of the French paragraphs
are dropped, 0.5 % of the Russian ones of two lines or more split in two, 0.3 % of neighbouring Chinese ones
merged. Past 3,200 paragraphs the material repeats (each pass in another order, grouped afresh).

The baseline, measured in the same run on the same files, is ``tmtool align`` of the English and French versions
alone; the figures are the six-language run's wall time, CPU time and peak RSS, and their ratios to it (15
language pairs against one: a ratio well under 15 is what aligning them jointly saves). Each alignment runs in a
fresh interpreter so that peak memory does not mix. docs/alignment.md, "Six languages, long documents", has the
figures of larger inputs.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from itertools import groupby
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "corpora-src" / "unpc-v1.0-testsets"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")

# one `tmtool align` in this interpreter: the exit code, its own CPU seconds and peak RSS (KiB) as JSON on stdout
_CHILD = """
import json, resource, sys, time
from tmtool.cli import main
t0 = time.perf_counter()
try:
    main(sys.argv[1:])
    code = 0
except SystemExit as exc:
    code = exc.code or 0
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"code": code, "wall": time.perf_counter() - t0, "cpu": usage.ru_utime + usage.ru_stime,
                  "rss_kib": usage.ru_maxrss}))
"""


def _documents() -> list[list[dict[str, str]]]:
    """The dev and test sets' lines, in runs of one document id each."""
    runs = []
    for part in ("devset", "testset"):
        ids = (SOURCE / part / f"UNv1.0.{part}.ids").read_text(encoding="utf-8").splitlines()
        texts = {lang: (SOURCE / part / f"UNv1.0.{part}.{lang}").read_text(encoding="utf-8").splitlines()
                 for lang in LANGS}
        for _, rows in groupby(range(len(ids)), key=lambda i: ids[i].split()[0]):
            runs.append([{lang: texts[lang][i].strip() for lang in LANGS} for i in rows])
    return runs


def _joined(lang: str, lines: list[str]) -> str:
    return ("" if lang == "zh" else " ").join(lines)


def build_input(paragraphs: int, folder: Path) -> dict[str, Path]:
    """``report.<lang>.txt`` in ``folder``, ``paragraphs`` paragraphs a language before the damage."""
    runs = _documents()
    grouped: list[dict[str, list[str]]] = []
    passes = 0
    while len(grouped) < paragraphs:
        rng = random.Random(1000 + passes)
        order = runs[:]
        if passes:
            rng.shuffle(order)
        lines = [row for run in order for row in run]
        i = 0
        while i < len(lines) and len(grouped) < paragraphs:
            k = rng.randint(1, 4)
            grouped.append({lang: [row[lang] for row in lines[i : i + k] if row[lang]] for lang in LANGS})
            i += k
        passes += 1
    rng = random.Random(42)
    docs: dict[str, list[str]] = {lang: [] for lang in LANGS}
    merged_zh = False
    for n, para in enumerate(grouped):
        for lang in LANGS:
            lines = para[lang]
            if not lines:
                continue
            if lang == "fr" and rng.random() < 0.005:
                continue  # dropped
            if lang == "ru" and len(lines) > 1 and rng.random() < 0.005:
                cut = len(lines) // 2
                docs[lang] += [_joined(lang, lines[:cut]), _joined(lang, lines[cut:])]
                continue
            if lang == "zh":
                if merged_zh:
                    merged_zh = False
                    continue
                if n + 1 < len(grouped) and grouped[n + 1]["zh"] and rng.random() < 0.003:
                    docs[lang].append(_joined(lang, lines + grouped[n + 1]["zh"]))
                    merged_zh = True
                    continue
            docs[lang].append(_joined(lang, lines))
    files = {}
    for lang in LANGS:
        files[lang] = folder / f"report.{lang}.txt"
        files[lang].write_text("\n\n".join(docs[lang]) + "\n", encoding="utf-8")
    return files


def align(files: list[Path], out: Path) -> dict[str, float]:
    """``tmtool align FILES -o OUT`` in a fresh interpreter: wall and CPU seconds, peak RSS in MiB, links."""
    args = [sys.executable, "-c", _CHILD, "align", *map(str, files), "-o", str(out)]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT)
    if done.returncode != 0 or not done.stdout.strip():
        raise SystemExit(f"tmtool align failed: {done.stderr.strip().splitlines()[-1:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"tmtool align exited {result['code']}: {done.stderr.strip().splitlines()[-1:]}")
    links = len(json.loads((out / "alignment.json").read_text(encoding="utf-8"))["links"])
    return {"wall": result["wall"], "cpu": result["cpu"], "rss": result["rss_kib"] / 1024, "links": links}


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.six_languages", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 paragraphs a language")
    parser.add_argument("--paragraphs", type=int, default=None, help="paragraphs a language (default 300)")
    args = parser.parse_args()
    if not SOURCE.is_dir():
        print(f"six_languages: {SOURCE} is absent (the UN Parallel Corpus dev and test sets in ../shared): "
              "nothing measured")
        return 0
    paragraphs = args.paragraphs or (100 if args.quick else 300)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = build_input(paragraphs, folder)
        started = time.perf_counter()
        two = align([files["en"], files["fr"]], folder / "two")
        six = align([files[lang] for lang in LANGS], folder / "six")
        total = time.perf_counter() - started
    print(f"{paragraphs} paragraphs a language (UN dev+test lines, 1-4 a paragraph), measured in {total:.0f} s")
    print(f"  {'':<28} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'links':>6} {'paragraphs/s':>13}")
    for name, run, langs in (("en-fr alone (baseline)", two, 2), ("six languages at once", six, 6)):
        rate = paragraphs / run["wall"]
        print(f"  {name:<28} {run['wall']:>8.1f} {run['cpu']:>8.1f} {run['rss']:>9.0f} {run['links']:>6} {rate:>13.1f}")
    print(f"  ratio six / two: wall {six['wall'] / two['wall']:.1f}x, CPU {six['cpu'] / two['cpu']:.1f}x, "
          f"peak {six['rss'] / two['rss']:.1f}x (15 language pairs against 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
