"""Translation-memory lexicon benchmark (`tmtool align --lexicon FILE.tmx`, tmtool/align/tmlexicon.py).

``python -m benchmarks.memory [--quick]``. Builds a six-language TMX in a temporary folder from the UN Parallel
Corpus 6-way sets in ../shared/corpora-src (devset and testset: 8,000 units, read in place, never copied into the
project), then times, in this run and this process:

- reading it as a memory (``read_memory``: TMX -> the aligner's word types of every unit);
- counting it for one UN dev document in six languages (``memory_counts``: 15 language pairs, only the word pairs
  that can be learnt for the document, with numpy and polars), against the baseline of the same counts with
  Python counters (``Cooccurrence.of`` and the same filter), checked equal.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpora-src" / "unpc-v1.0-testsets"
DEV = SHARED / "eval" / "unpc-6way-dev"
LANGS = ("ar", "en", "es", "fr", "ru", "zh")


def build(path: Path, limit: int | None) -> int:
    """Write the corpus's sentences as six-language units (line k of every language is one unit)."""
    from tmtool.tmx import TranslationUnit, Variant, write_tmx

    def units():
        for split in ("devset", "testset"):
            files = [(CORPUS / split / f"UNv1.0.{split}.{lang}").read_text("utf-8").splitlines() for lang in LANGS]
            for row in zip(*files, strict=True):
                yield TranslationUnit(tuple(Variant(lang, text) for lang, text in zip(LANGS, row)))

    return write_tmx(itertools.islice(units(), limit), path, srclang="en")


def baseline(memory, texts):
    """The counts of ``memory_counts`` with Python counters: every pair of every unit, then the same filter (a
    word of the document, and a chance to be learnt with the document's own links)."""
    from tmtool.align.features import words
    from tmtool.align.lexicon import MIN_DICE, MIN_PAIR_COUNT, Cooccurrence
    from tmtool.align.pairwise import LEARN_SAMPLE

    held = {lang: Counter(w for t in segs for w in words(t, lang)) for lang, segs in texts.items()}
    out = {}
    for a, b in itertools.combinations(sorted(held), 2):
        c = Cooccurrence.of((u[a], u[b]) for u in memory if u.get(a) and u.get(b))

        def learnable(x: str, y: str, n: int) -> bool:
            most = n + min(held[a][x], held[b][y], LEARN_SAMPLE)  # what the texts' own 1-1 links can add
            return (x in held[a] or y in held[b]) and most >= MIN_PAIR_COUNT \
                and 2 * most >= MIN_DICE * (c.src[x] + c.tgt[y])

        c.pairs = Counter({(x, y): n for (x, y), n in c.pairs.items() if learnable(x, y, n)})
        out[a, b] = c
    return out


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.memory", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="1,000 units")
    args = ap.parse_args()
    if not CORPUS.is_dir() or not DEV.is_dir():
        print(f"skipped: {CORPUS} or {DEV} not found")
        return 0
    from tmtool.align.tmlexicon import memory_counts, read_memory

    texts = {lang: (DEV / f"doc0.{lang}").read_text("utf-8").splitlines() for lang in LANGS}
    with tempfile.TemporaryDirectory() as tmp:
        tmx = Path(tmp) / "memory.tmx"
        count = build(tmx, 1000 if args.quick else None)
        t0 = time.perf_counter()
        memory = read_memory(tmx)
        t_read = time.perf_counter() - t0
    t0 = time.perf_counter()
    fast = memory_counts(memory, texts)
    t_fast = time.perf_counter() - t0
    t0 = time.perf_counter()
    slow = baseline(memory, texts)
    t_slow = time.perf_counter() - t0
    for (a, b), c in slow.items():
        got = fast.get(a, b)
        assert (got.src, got.tgt, got.pairs) == (c.src, c.tgt, c.pairs), f"{a}-{b} differs"
    pairs = sum(len(c.pairs) for c in slow.values())
    print(f"memory: {count} units in {len(LANGS)} languages (UN 6-way devset + testset), {len(memory)} read")
    print(f"  reading it as a memory (TMX -> word types): {t_read:.1f} s")
    print(f"  counting it for UN dev doc0 (15 pairs, {pairs} word pairs kept): numpy and polars {t_fast:.2f} s, "
          f"Python counters {t_slow:.2f} s (ratio {t_fast / t_slow:.2f}); the same counts")
    print(f"  process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
