"""Review UI speed: start-up to first paint and scrolling on a 2,000-link six-language alignment.

``python -m benchmarks.review [--quick]``. The baseline, measured in the same run, is what any tool must pay
to open the file: ``json`` load + invariant check (``read_alignment``). Figures are printed in milliseconds
and as ratios to that baseline. The alignment is synthetic (random words in each language's script, paragraph
lengths 40-600 characters, one link in ten 1-2), written to a temporary folder.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
ALPHABETS = {
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "en": "abcdefghijklmnopqrstuvwxyz",
    "es": "abcdefghijklmnñopqrstuvwxyzáéíóú",
    "fr": "abcdefghijklmnopqrstuvwxyzéèàçê",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщыьэюя",
    "zh": "".join(chr(c) for c in range(0x4E00, 0x4E00 + 800)),  # CJK unified ideographs
}


def _paragraph(rng: random.Random, lang: str) -> str:
    letters = ALPHABETS[lang]
    size = rng.choice([40, 80, 120, 200, 300, 600])
    if lang == "zh":
        return "".join(rng.choice(letters) for _ in range(size // 3)) + "。"
    words = []
    length = 0
    while length < size:
        word = "".join(rng.choice(letters) for _ in range(rng.randint(2, 10)))
        words.append(word)
        length += len(word) + 1
    return " ".join(words).capitalize() + "."


def make_alignment(n_links: int, path: Path) -> None:
    from tmtool.align import AlignedDocument, Alignment, Link, write_alignment

    rng = random.Random(7)
    segments = {lang: [] for lang in LANGS}
    links = []
    for _ in range(n_links):
        seg = {}
        for lang in LANGS:
            count = 2 if (lang == "fr" and rng.random() < 0.1) else 1
            start = len(segments[lang])
            segments[lang] += [_paragraph(rng, lang) for _ in range(count)]
            seg[lang] = tuple(range(start, start + count))
        links.append(Link(seg, round(rng.random(), 2), "auto"))
    docs = tuple(AlignedDocument(lang, tuple(segments[lang]), path=f"doc.{lang}.txt") for lang in LANGS)
    write_alignment(Alignment(docs, tuple(links)), path)


def baseline(path: Path, repeat: int) -> float:
    from tmtool.align import read_alignment

    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        read_alignment(path)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


COLD = """
import sys, time, asyncio
t0 = time.perf_counter()
from tmtool.review.app import ReviewApp
from tmtool.review.session import ReviewSession
glossaries = []
if len(sys.argv) > 2:
    from tmtool.glossary import read_glossary
    glossaries = [read_glossary(sys.argv[2])]
async def main():
    session = ReviewSession.open(sys.argv[1], force=True)
    app = ReviewApp(session, glossaries=glossaries)
    async with app.run_test(size=(200, 50)) as pilot:
        table = app.screen.table
        while table.painted_at is None:
            await asyncio.sleep(0.001)
        print(table.painted_at - t0, time.process_time(), flush=True)
    session.close(save=False)
asyncio.run(main())
"""


def cold_start(path: Path, glossary: Path | None) -> tuple[float, float]:
    """Seconds from the interpreter running our code (imports included) to the table's first paint, and the
    CPU seconds the process used until then (interpreter start-up included; less sensitive to a busy machine)."""
    args = [sys.executable, "-c", COLD, str(path)] + ([str(glossary)] if glossary else [])
    out = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, check=True)
    wall, cpu = out.stdout.strip().splitlines()[-1].split()
    return float(wall), float(cpu)


async def scrolling(path: Path, presses: int, glossary: Path | None) -> dict[str, float]:
    from tmtool.review.app import ReviewApp
    from tmtool.review.session import ReviewSession

    glossaries = []
    if glossary:
        from tmtool.glossary import read_glossary

        glossaries = [read_glossary(glossary)]
    session = ReviewSession.open(path, force=True)
    app = ReviewApp(session, glossaries=glossaries)
    out = {}
    async with app.run_test(size=(200, 50)) as pilot:
        await pilot.pause()
        table = app.screen.table

        async def timed(*keys: str) -> float:
            """Key press to the end of the last repaint it caused (the screen has settled)."""
            t0 = time.perf_counter()
            await pilot.press(*keys)
            await pilot.pause()
            return max(0.0, table.last_painted_at - t0)

        for key in ("pagedown", "down"):
            out[key] = statistics.median([await timed(key) for _ in range(presses)])
        out["end"] = await timed("end")
        out["home"] = await timed("home")
        out["first_op"] = await timed("m")  # merge the first row with the next (first decision: journal starts)
        out["undo"] = await timed("u")
        out["op"] = await timed("m")
    session.close(save=False)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.review", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="300 links instead of 2,000")
    args = parser.parse_args()
    n = 300 if args.quick else 2000
    glossary = ROOT / "glossaries" / "un-organs.tbx"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "alignment.json"
        make_alignment(n, path)
        size_mb = path.stat().st_size / 1e6
        base = baseline(path, 3 if args.quick else 5)
        print(f"alignment: {n} links x 6 languages, {size_mb:.1f} MB")
        print(f"baseline read_alignment (json + validate): {base * 1000:.0f} ms; load average "
              f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs (figures scale with it)")
        rows = {}
        for label, g in (("no glossary", None), ("with un-organs.tbx", glossary if glossary.exists() else None)):
            runs = [cold_start(path, g) for _ in range(1 if args.quick else 3)]
            cold = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            scroll = asyncio.run(scrolling(path, 5 if args.quick else 20, g))
            rows[label] = {"cold_start_s": cold, "cold_start_cpu_s": cpu, **scroll}
            print(f"[{label}] start-up to first paint (imports included): {cold * 1000:.0f} ms "
                  f"= {cold / base:.1f}x baseline (CPU {cpu * 1000:.0f} ms); "
                  f"target < 1000 ms: {'ok' if cold < 1 else 'MISSED'}")
            print(f"[{label}] page down {scroll['pagedown'] * 1000:.1f} ms, row down {scroll['down'] * 1000:.1f} ms, "
                  f"jump to end {scroll['end'] * 1000:.1f} ms, to top {scroll['home'] * 1000:.1f} ms, "
                  f"first decision {scroll['first_op'] * 1000:.0f} ms "
                  f"(copies the file beside the journal), later decision {scroll['op'] * 1000:.1f} ms, "
                  f"undo {scroll['undo'] * 1000:.1f} ms "
                  f"(median key-to-repaint; page down = {scroll['pagedown'] / base:.2f}x baseline)")
        print(json.dumps({"links": n, "baseline_s": base, **rows}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
