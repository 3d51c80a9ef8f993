"""TM lookup speed: concordance and fuzzy top-10 per query on a generated 1,000,000-unit TM.

    .venv/bin/python -m benchmarks.tm_lookup [--quick] [--units N] [--workdir DIR] [--keep]

The TM is generated in a temporary folder (nothing is shipped) from the real UN sentences of
``../shared/corpora-src/unpc-v1.0-testsets/devset`` (en, fr, zh) with variation: nine units in ten join two
random sentences, numbers are replaced consistently in every language, and some units repeat (so the
duplicate merging is exercised). Queries: 1-3 word n-grams of the devset (concordance) and devset/testset
sentences with an edit (fuzzy). Each query is run as ``tmtool lookup --queries`` runs it (lookup plus the
JSON line), with the index built once first. The baseline, measured in the same run on the same TM, is a
naive polars scan (``str.contains`` of a case-insensitive whole-word regex; rapidfuzz ``process.extract``
over every source for fuzzy). Targets: concordance p50 <= 50 ms, fuzzy top-10 p50 <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora-src" / "unpc-v1.0-testsets"
LANGS = ("en", "fr", "zh")


def _read(kind: str, lang: str) -> list[str]:
    return (SHARED / kind / f"UNv1.0.{kind}.{lang}").read_text(encoding="utf-8").splitlines()


def generate(n: int, seed: int = 7):
    """Yield ``n`` TranslationUnits varied from the devset sentences."""
    from tmtool.tmx.model import TranslationUnit, Variant

    dev = {lang: _read("devset", lang) for lang in LANGS}
    ids = _read("devset", "ids")
    rng = np.random.default_rng(seed)
    m = len(dev["en"])
    num = re.compile(r"\d+")
    firsts = rng.integers(0, m, n)
    seconds = rng.integers(0, m, n)
    joins = rng.random(n) < 0.9
    shifts = rng.integers(1, 5000, n)
    for i in range(n):
        a, b = int(firsts[i]), int(seconds[i])
        texts = {}
        for lang in LANGS:
            t = dev[lang][a]
            if joins[i]:
                t = t + ("" if lang == "zh" else " ") + dev[lang][b]
            texts[lang] = t
        if i % 10 < 6:  # vary the numbers, the same way in every language
            k = int(shifts[i])
            texts = {lang: num.sub(lambda mo: str(int(mo.group()) + k) if len(mo.group()) < 9 else mo.group(), t)
                     for lang, t in texts.items()}
        doc = ids[a].split()[0]
        yield TranslationUnit(tuple(Variant(lang, texts[lang]) for lang in LANGS), props=(("x-document", doc),))


def queries(count: int, seed: int = 11) -> tuple[list[str], list[str]]:
    """Concordance queries (1-3 word n-grams with a word of 5+ letters) and fuzzy queries (edited sentences)."""
    rng = np.random.default_rng(seed)
    dev, test = _read("devset", "en"), _read("testset", "en")
    conc: list[str] = []
    while len(conc) < count:
        words = re.findall(r"[A-Za-z][\w-]*", dev[int(rng.integers(len(dev)))])
        if len(words) < 3:
            continue
        k = int(rng.integers(1, 4))
        start = int(rng.integers(0, len(words) - k + 1))
        gram = words[start : start + k]
        if any(len(w) >= 5 for w in gram):
            conc.append(" ".join(gram))
    fuzzy: list[str] = []
    while len(fuzzy) < count:
        if rng.random() < 0.25:
            fuzzy.append(test[int(rng.integers(len(test)))])
            continue
        words = dev[int(rng.integers(len(dev)))].split()
        if len(words) < 6:
            continue
        j = int(rng.integers(len(words)))
        edit = rng.random()
        if edit < 0.4:
            del words[j]
        elif edit < 0.7:
            words[j] = words[j].upper()
        else:
            words.insert(j, "also")
        fuzzy.append(" ".join(words))
    return conc, fuzzy


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q)) * 1000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="100,000 units, 60 queries of each kind")
    ap.add_argument("--units", type=int, default=None)
    ap.add_argument("--queries", type=int, default=None)
    ap.add_argument("--baseline-queries", type=int, default=None)
    ap.add_argument("--workdir", type=Path, default=None, help="where to put the TM (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep (and reuse) the TM in --workdir")
    args = ap.parse_args(argv)
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found", file=sys.stderr)
        return 0
    n = args.units or (100_000 if args.quick else 1_000_000)
    nq = args.queries or (60 if args.quick else 200)
    nb = args.baseline_queries or (10 if args.quick else 20)

    import polars as pl
    from rapidfuzz import fuzz, process

    from tmtool.tm import TMStore, concordance, fuzzy
    from tmtool.tm.index import drop_cache, open_index

    work = args.workdir or Path(tempfile.mkdtemp(prefix="tm-bench-"))
    tm_dir = work / f"tm-{n}"
    try:
        if not (args.keep and (tm_dir / "manifest.json").exists()):
            shutil.rmtree(tm_dir, ignore_errors=True)
            t0 = time.perf_counter()
            store = TMStore.open(tm_dir)
            store.add_units(generate(n), origin="generated")
            print(f"generated TM: {n:,} units added in {time.perf_counter() - t0:.1f} s", flush=True)
        store = TMStore.open(tm_dir, create=False)
        shutil.rmtree(tm_dir / "index", ignore_errors=True)
        drop_cache()
        t0 = time.perf_counter()
        index = open_index(store)
        t_units = time.perf_counter() - t0
        index.lang(["en"])
        t_en = time.perf_counter() - t0 - t_units
        index.lang(["fr"])
        t_build = time.perf_counter() - t0
        stats = store.stats()
        print(f"TM: {stats['units']:,} distinct units ({stats['occurrences']:,} added), "
              f"{stats['bytes'] / 1e6:.0f} MB parts, index {stats['index_bytes'] / 1e6:.0f} MB")
        print(f"index build (once): {t_build:.1f} s (merge+rank {t_units:.1f} s, en {t_en:.1f} s, "
              f"fr {t_build - t_units - t_en:.1f} s)")
        conc_q, fuzzy_q = queries(nq)

        def run_conc(q: str) -> str:
            res = concordance(store, q, "en", "fr", limit=20)
            results = [{"score": h.score, "source": h.source, "target": h.target, "origin": h.origin} for h in res.hits]
            return json.dumps({"query": q, "results": results, "total": res.total,
                               "renderings": [{"text": r.text, "count": r.count} for r in res.renderings]},
                              ensure_ascii=False)

        def run_fuzzy(q: str) -> str:
            hits = fuzzy(store, q, "en", "fr", threshold=70, limit=10)
            results = [{"score": h.score, "source": h.source, "target": h.target, "origin": h.origin} for h in hits]
            return json.dumps({"query": q, "results": results}, ensure_ascii=False)

        run_conc(conc_q[0])  # load the columns used by every query, as the first --queries line does
        run_fuzzy(fuzzy_q[0])
        timings: dict[str, list[float]] = {"concordance": [], "fuzzy": []}
        found = {"concordance": 0, "fuzzy": 0}
        for kind, qs, fn in (("concordance", conc_q, run_conc), ("fuzzy", fuzzy_q, run_fuzzy)):
            for q in qs:
                t = time.perf_counter()
                line = fn(q)
                timings[kind].append(time.perf_counter() - t)
                found[kind] += bool(json.loads(line)["results"])
        # baseline: a naive scan of the same units, same run
        sources = index.texts(["en"])
        frame = pl.DataFrame({"en": sources, "fr": index.texts(["fr"])})
        base: dict[str, list[float]] = {"concordance": [], "fuzzy": []}
        src_list = sources.to_list()
        for q in conc_q[:nb]:
            t = time.perf_counter()
            pattern = r"(?i)\b" + r"\W+".join(re.escape(w) for w in q.split()) + r"\b"
            frame.filter(pl.col("en").str.contains(pattern)).head(20)
            base["concordance"].append(time.perf_counter() - t)
        for q in fuzzy_q[:nb]:
            t = time.perf_counter()
            process.extract(q, src_list, scorer=fuzz.ratio, limit=10, score_cutoff=70)
            base["fuzzy"].append(time.perf_counter() - t)
        targets = {"concordance": 50.0, "fuzzy": 100.0}
        print(f"\nper query, --queries mode, {n:,}-unit TM ({nq} queries each; baseline on {nb}):")
        heads = ("p50 ms", 8), ("p95 ms", 8), ("target", 8), ("baseline p50", 13), ("speed-up", 9), ("with hits", 10)
        print(f"{'':12} " + " ".join(f"{h:>{w}}" for h, w in heads))
        ok = True
        for kind in ("concordance", "fuzzy"):
            p50, p95 = pct(timings[kind], 50), pct(timings[kind], 95)
            b50 = pct(base[kind], 50)
            ok &= p50 <= targets[kind]
            print(f"{kind:12} {p50:8.1f} {p95:8.1f} {targets[kind]:8.0f} {b50:13.1f} {b50 / p50:8.1f}x "
                  f"{found[kind]:>5}/{len(timings[kind])}")
        mean = statistics.mean(timings["concordance"]) * 1000
        print(f"\ntargets {'met' if ok else 'NOT met'}; mean concordance {mean:.1f} ms")
        return 0 if ok else 1
    finally:
        if not args.keep:
            shutil.rmtree(work if args.workdir is None else tm_dir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
