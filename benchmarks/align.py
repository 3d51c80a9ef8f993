"""Aligner benchmark: quality on the gold sets, confidence calibration, speed and memory against Gale-Church.

``python -m benchmarks.align [--quick]``. Reads ../shared/eval in place (nothing is copied). Prints:
strict/lax F1 per UN 6-way pair (development data, tuned on), Text+Berg dev and test, Bible en-zh (verses
merged as Bertalign's evaluation does), ParIce en-is; the share of wrong links below the review threshold; and
time/memory of tmtool against nltk's length-only Gale-Church on the same input, measured in this run.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import resource
import sys
import time
from pathlib import Path

from tmtool.align import (REVIEW_THRESHOLD, CollectionCounts, align_pairs, align_segments, ladder_from_links,
                          merge_by_units, read_ladder, score_pairs)
from tmtool.align.dictionary import has_dictionary

EVAL = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
UN_LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
TARGET_UN, TARGET_TB, TARGET_BIBLE = 0.97, 0.90, 0.95


def lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    out = text.split("\n")
    return out[:-1] if out and out[-1] == "" else out


GLOSSARY = None  # tmtool.glossary.model.Glossary given with --glossary, used for every alignment of the run
DEFAULT_GLOSSARY = True  # the shipped UN glossaries when no --glossary is given (off: --no-default-glossary)
DICTIONARY = True  # Chinese and Arabic start from their dictionaries (off: --no-dictionary)
TWO_FILES = False  # UN pairs from their two files only, without the other versions as bridges (--two-files)
COLLECTION = False  # the documents of a set learn their lexicon together (--collection, tmtool.align.collection)
WORDLISTS: list = []  # bilingual word lists given with --dictionary (tmtool.align.wordlists), for every alignment
LEXICON = None  # co-occurrence counts given with --lexicon (a counts file, a TMX file, a TM), for every alignment
GOLD_LEXICON = False  # gold links of development data as a translation memory (--gold-lexicon; see its help)


def plus(counts, more):
    """``counts + more`` where either may be None (no counts)."""
    if more is None or counts is None:
        return more if counts is None else counts
    return counts + more


def with_lexicon(background):
    """``background`` (what the other documents of a collection taught, or None) plus the --lexicon counts."""
    return plus(background, LEXICON)


def pair_ladder(src: list[str], tgt: list[str], a: str, b: str, background=None, learnt=None):
    links = align_segments({a: src, b: tgt}, glossary=GLOSSARY, default_glossary=DEFAULT_GLOSSARY,
                           dictionary=DICTIONARY, background=with_lexicon(background), learnt=learnt,
                           wordlists=WORDLISTS)
    return ladder_from_links(links, a, b), links


def each_document(count: int, align_one):
    """``align_one(k, background, learnt)`` for every document: on its own, or with ``--collection`` in the two
    sweeps of :func:`tmtool.align.collection.align_collection` (each document learns from the others too)."""
    if COLLECTION:
        from tmtool.align.collection import align_collection

        return align_collection(count, align_one)
    return [align_one(k, None, None) for k in range(count)]


def judge(links, gold, a: str, b: str, judged: list[tuple[float, bool]]) -> None:
    """Add each link's (confidence, whether the gold holds it) to ``judged``."""
    gold_set = set(gold)
    judged.extend((link.confidence, (tuple(link.segments[a]), tuple(link.segments[b])) in gold_set) for link in links)


def un_pairs(docs: list[str], pairs: list[tuple[str, str]], judged: list, root: Path = EVAL / "unpc-6way-dev"):
    """Strict/lax scores per UN pair. By default each pair is aligned from the six files of its document (the
    other four versions serve as bridges, ``align_pairs``); with ``--two-files`` from its two files only.
    ``root`` holds the files and gold ladders (the dev set; ``benchmarks.un_heldout`` passes its held-out set)."""
    rows = []
    items: dict[tuple[str, str], list] = {pair: [] for pair in pairs}

    def align_one(k: int, background, learnt):
        segs = {lang: lines(root / f"{docs[k]}.{lang}") for lang in UN_LANGS}
        if GOLD_LEXICON:  # the gold links of the dev files as a memory: of the other three for a dev file
            dev = EVAL / "unpc-6way-dev"
            tm = un_memory(tuple(f"doc{j}" for j in range(4) if root != dev or f"doc{j}" != docs[k]),
                           tuple(pairs))
            background = plus(background, tm)
        if TWO_FILES:
            return {(a, b): pair_ladder(segs[a], segs[b], a, b, background, learnt)[1] for a, b in pairs}
        return align_pairs(segs, pairs=pairs, glossary=GLOSSARY, default_glossary=DEFAULT_GLOSSARY,
                           dictionary=DICTIONARY, background=with_lexicon(background), learnt=learnt,
                           wordlists=WORDLISTS)

    for d, found in zip(docs, each_document(len(docs), align_one)):
        for a, b in pairs:
            gold = read_ladder(root / f"{d}.{a}-{b}")
            links = found[a, b]
            items[a, b].append((gold, ladder_from_links(links, a, b)))
            judge(links, gold, a, b, judged)
    for a, b in pairs:
        rows.append((f"UN 6-way {a}-{b}", score_pairs(items[a, b]).as_dict(), TARGET_UN))
    return rows


# the UN pairs a dictionary seeds: ar-en, ar-es, ar-fr, ar-ru, en-zh, es-zh, fr-zh, ru-zh
DICTIONARY_PAIRS = [pair for pair in itertools.combinations(UN_LANGS, 2) if has_dictionary(*pair)]


def un_joined(pairs: list[tuple[str, str]]) -> list[str]:
    """Longer documents: the UN dev files aligned one, two and four at a time as one document (two files, files
    joined in order, gold ladders shifted), mean strict F1 over ``pairs`` at each length."""
    root = EVAL / "unpc-6way-dev"
    out = []
    for label, groups in (("each file alone", [[0], [1], [2], [3]]), ("two at a time", [[0, 1], [2, 3]]),
                          ("all four as one", [[0, 1, 2, 3]])):
        f1 = {}
        for a, b in pairs:
            for group in groups:
                src, tgt, gold = [], [], []
                for k in group:
                    gold += [(tuple(i + len(src) for i in s), tuple(j + len(tgt) for j in t))
                             for s, t in read_ladder(root / f"doc{k}.{a}-{b}")]
                    src += lines(root / f"doc{k}.{a}")
                    tgt += lines(root / f"doc{k}.{b}")
                f1[a, b, tuple(group)] = score_pairs([(gold, pair_ladder(src, tgt, a, b)[0])]).strict_f1
        out.append(f"UN dev files {label} (two files): mean strict F1 over {len(pairs)} pairs "
                   f"{sum(f1.values()) / len(f1):.4f}")
    return out


@functools.lru_cache(maxsize=8)
def un_memory(docs: tuple[str, ...], pairs: tuple[tuple[str, str], ...]):
    """The counts the gold links of these UN dev files teach, every pair's links as memory units (--gold-lexicon)."""
    root = EVAL / "unpc-6way-dev"
    tm = CollectionCounts()
    for d in docs:
        texts = {lang: lines(root / f"{d}.{lang}") for lang in UN_LANGS}
        for a, b in pairs:
            tm.update(gold_counts(texts[a], texts[b], read_ladder(root / f"{d}.{a}-{b}"), a, b))
    return tm


def un_joint(docs: list[str]):
    """All six versions aligned at once (one alignment.json), then projected onto each pair: its links as they are,
    and cut into the pair's own links where these fall inside an automatic link (``Alignment.pair_units``, what a
    TMX of two languages gets)."""
    from tmtool.align import align_documents
    from tmtool.documents import read_document

    plain: dict[tuple[str, str], list] = {pair: [] for pair in itertools.combinations(UN_LANGS, 2)}
    cut: dict[tuple[str, str], list] = {pair: [] for pair in plain}
    for d in docs:
        documents = [read_document(EVAL / "unpc-6way-dev" / f"{d}.{lang}", lang=lang, input_format="lines")
                     for lang in UN_LANGS]
        alignment = align_documents(documents, glossary=GLOSSARY, default_glossary=DEFAULT_GLOSSARY,
                                    dictionary=DICTIONARY, wordlists=WORDLISTS)
        for a, b in plain:
            gold = read_ladder(EVAL / "unpc-6way-dev" / f"{d}.{a}-{b}")
            plain[a, b].append((gold, ladder_from_links(alignment.links, a, b)))
            cut[a, b].append((gold, [(link.segments[a], link.segments[b]) for _, link in alignment.pair_units(a, b)]))
    f1 = [score_pairs(items).strict_f1 for items in plain.values()]
    f2 = [score_pairs(items).strict_f1 for items in cut.values()]
    return (f"UN 6-way, six files aligned jointly, projected to the 15 pairs: strict F1 min {min(f1):.3f}, mean "
            f"{sum(f1) / len(f1):.3f}; cut into each pair's own links (a TMX of two languages): min {min(f2):.3f}, "
            f"mean {sum(f2) / len(f2):.3f}")


def textberg(names: list[str], label: str, target: float | None, judged: list | None = None):
    """Text+Berg documents each aligned alone (or, with ``--collection``, together); ``judged`` (optional) receives
    each link's confidence and rightness."""
    base = EVAL / "textberg_de-fr"
    tm = None
    if GOLD_LEXICON and "dev" not in names:  # the dev document's gold links as a TM for the test documents
        tm = gold_counts(lines(base / "dev.de"), lines(base / "dev.fr"), read_ladder(base / "dev.defr"))

    def align_one(k: int, bg, learnt):
        return pair_ladder(lines(base / f"{names[k]}.de"), lines(base / f"{names[k]}.fr"), "de", "fr", plus(bg, tm),
                           learnt)

    found = each_document(len(names), align_one)
    golds = [read_ladder(base / f"{n}.defr") for n in names]
    for gold, (_, links) in zip(golds, found):
        judge(links, gold, "de", "fr", judged if judged is not None else [])
    items = [(gold, test) for gold, (test, _) in zip(golds, found)]
    return (label, score_pairs(items).as_dict(), target)


def gold_cuts(gold, n: int) -> list[int]:
    """Where to cut a gold ladder in ``n`` parts: the gold links nearest the even cut points that hold both sides,
    and the end."""
    cuts = [0]
    for q in range(1, n):
        m = len(gold) * q // n
        while not (gold[m][0] and gold[m][1]):
            m += 1
        cuts.append(m)
    return cuts + [len(gold)]


def cut_parts(src: list[str], tgt: list[str], gold, n: int) -> list[tuple[list[str], list[str], list]]:
    """``src``, ``tgt`` and their gold cut in ``n`` parts (:func:`gold_cuts`), each part's gold numbered from 0."""
    cuts = gold_cuts(gold, n)
    parts = []
    for a, b in zip(cuts, cuts[1:]):
        si, ti = gold[a][0][0], gold[a][1][0]
        se, te = (gold[b][0][0], gold[b][1][0]) if b < len(gold) else (len(src), len(tgt))
        parts.append((src[si:se], tgt[ti:te], [([i - si for i in s], [j - ti for j in t]) for s, t in gold[a:b]]))
    return parts


def textberg_parts(n: int = 2) -> tuple[float, list[float]]:
    """Strict F1 of Text+Berg dev cut in ``n`` parts at the gold links nearest the cut points, each part aligned on
    its own (with ``--collection``: the parts as a collection; with ``--gold-lexicon``: each also learning from the
    gold links of the other parts, as from a translation memory): the whole and per part."""
    base = EVAL / "textberg_de-fr"
    src, tgt, gold = lines(base / "dev.de"), lines(base / "dev.fr"), read_ladder(base / "dev.defr")
    cuts = gold_cuts(gold, n)
    parts = cut_parts(src, tgt, gold, n)
    tm = [gold_counts(src, tgt, [link for j in range(n) if j != k for link in gold[cuts[j]:cuts[j + 1]]])
          if GOLD_LEXICON else None for k in range(n)]

    def align_one(k: int, bg, learnt):
        return pair_ladder(parts[k][0], parts[k][1], "de", "fr", plus(bg, tm[k]), learnt)[0]

    tests = each_document(n, align_one)
    items = [(g, t) for (_, _, g), t in zip(parts, tests)]
    return score_pairs(items).strict_f1, [score_pairs([item]).strict_f1 for item in items]


def gold_counts(src: list[str], tgt: list[str], links, a: str = "de", b: str = "fr"):
    """The co-occurrence counts a translation memory holding these gold links (``a`` -> ``b``, both sides
    non-empty, each link one unit) teaches, counted as ``tmtool align --lexicon FILE.tmx`` counts a TMX file (every
    pair kept, where tmtool align keeps those the document can still learn: the same lexicon)."""
    from tmtool.align.tmlexicon import units_counts
    from tmtool.tmx import TranslationUnit, Variant

    units = [TranslationUnit((Variant(a, " ".join(src[i] for i in s)), Variant(b, " ".join(tgt[j] for j in t))))
             for s, t in links if s and t]
    return units_counts(units, [a, b])


def dev_folds(docs: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """The development sets in parts (see --dev-folds)."""
    global TWO_FILES
    cut = {n: textberg_parts(n) for n in (2, 3, 4, 5, 6, 8)}
    out = [f"Text+Berg dev strict F1: whole {textberg(['dev'], '', None)[1]['strict']['f1']:.4f}, halves "
           + " ".join(f"{f:.4f}" for f in cut[2][1])]
    for n, (whole, parts) in cut.items():
        out.append(f"Text+Berg dev in {n} parts{' (a collection)' if COLLECTION else ''}: {whole:.4f} "
                   f"(parts {' '.join(f'{f:.4f}' for f in parts)})")
    # parts of 58-156 lines, as long as the test documents (36-293 lines): the nearest the dev set comes to them
    short = [cut[n][0] for n in (3, 4, 5, 6, 8)]
    out.append(f"Text+Berg dev in 3, 4, 5, 6 and 8 parts, mean: {sum(short) / len(short):.4f}")
    for two, label in ((False, "six files"), (True, "two files")):
        TWO_FILES = two
        means = []
        for d in docs:
            f1 = [s["strict"]["f1"] for _, s, _ in un_pairs([d], pairs, [])]
            means.append(f"{d} {sum(f1) / len(f1):.4f}")
        out.append(f"UN dev, mean strict F1 of the {len(pairs)} pairs per file, {label}: " + " ".join(means))
    TWO_FILES = False
    return out


def hash_noise(salts: list[str], docs: list[str], pairs: list[tuple[str, str]]) -> list[str]:
    """The development figures under other hash functions (see --hash-salts): a line per salt and the spread."""
    global TWO_FILES
    from tmtool.align import pairwise

    out, tb, used = [], [], pairwise.HASH_SALT
    for salt in salts:
        pairwise.HASH_SALT = salt
        whole = textberg(["dev"], "", None)[1]["strict"]["f1"]
        short = [textberg_parts(n)[0] for n in (3, 4, 5, 6, 8)]
        TWO_FILES = True
        un = []
        for d in docs:
            f1 = [s["strict"]["f1"] for _, s, _ in un_pairs([d], pairs, [])]
            un.append(sum(f1) / len(f1))
        TWO_FILES = False
        tb.append(sum(short) / len(short))
        out.append(f"salt {salt!r:6} Text+Berg dev whole {whole:.4f}, 3-8 parts mean {tb[-1]:.4f}; UN dev two files "
                   + " ".join(f"{d} {f:.4f}" for d, f in zip(docs, un)))
    pairwise.HASH_SALT = used
    mean = sum(tb) / len(tb)
    out.append(f"Text+Berg dev 3-8 parts mean over {len(tb)} salts: {mean:.4f} (lowest {min(tb):.4f}, highest "
               f"{max(tb):.4f})")
    return out


def bible():
    base = EVAL / "bible_en-zh"
    test, _ = pair_ladder(lines(base / "en" / "001"), lines(base / "zh" / "001"), "en", "zh")
    sv = dict(enumerate(lines(base / "en.verse")))
    tv = dict(enumerate(lines(base / "zh.verse")))
    merged = merge_by_units(test, sv, tv)
    return ("Bible en-zh (verses merged)", score_pairs([(read_ladder(base / "gold" / "001.align"), merged)]).as_dict(), TARGET_BIBLE)


def parice(judged: list | None = None):
    base = EVAL / "parice_en-is"

    def strip(p: Path) -> list[str]:
        return [ln.split("\t", 1)[1] if "\t" in ln else ln for ln in lines(p)]

    golds = [f for f in sorted((base / "gold").iterdir()) if (base / "eng" / f.name).exists()]
    found = each_document(len(golds), lambda k, bg, learnt: pair_ladder(
        strip(base / "eng" / golds[k].name), strip(base / "isl" / golds[k].name), "en", "is", bg, learnt))
    items = [(read_ladder(f), test) for f, (test, _) in zip(golds, found)]
    for (gold, _), (_, links) in zip(items, found):
        judge(links, gold, "en", "is", judged if judged is not None else [])
    return ("ParIce en-is (10 docs)", score_pairs(items).as_dict(), None)


def speed_input(n: int) -> tuple[list[str], list[str]]:
    """n x n-ish segments from the real UN dev paragraphs (en, fr), documents repeated in turn."""
    src: list[str] = []
    tgt: list[str] = []
    docs = [(lines(EVAL / "unpc-6way-dev" / f"doc{k}.en"), lines(EVAL / "unpc-6way-dev" / f"doc{k}.fr")) for k in range(4)]
    k = 0
    while len(src) < n:
        s, t = docs[k % 4]
        src.extend(s)
        tgt.extend(t)
        k += 1
    return src[:n], tgt[: int(n * len(tgt) / len(src))]


def timed(fn):
    """(result, seconds, process peak RSS in bytes so far): the big input runs last, so its peak is its own."""
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    return out, dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def speed(n_gc: int, n_big: int) -> list[str]:
    try:
        from nltk.translate.gale_church import align_blocks
    except ImportError:  # the baseline is the extra `bench`, which `make bench` installs
        return ["skipped: nltk, the Gale-Church baseline, is not installed (run `make bench`, or "
                "`.venv/bin/python -m pip install -e '.[bench]'`)"]

    from tmtool.align.features import char_length

    rows = []
    src, tgt = speed_input(n_gc)
    _, t_gc, _ = timed(lambda: align_blocks([max(1, int(x)) for x in char_length(src)], [max(1, int(x)) for x in char_length(tgt)]))
    _, t_us, peak = timed(lambda: align_segments({"en": src, "fr": tgt}, default_glossary=DEFAULT_GLOSSARY))
    rows.append(f"{len(src)} x {len(tgt)} segments: nltk Gale-Church {t_gc:.1f} s, tmtool {t_us:.1f} s "
                f"(tmtool/GC time ratio {t_us / t_gc:.2f}); tmtool {(len(src) + len(tgt)) / t_us:.0f} segments/s, "
                f"peak RSS {peak / 2**20:.0f} MiB")
    if DEFAULT_GLOSSARY:  # what the default glossary costs (its first use above includes reading it)
        _, t_no, _ = timed(lambda: align_segments({"en": src, "fr": tgt}, default_glossary=False))
        rows.append(f"  same input without the default glossary: {t_no:.1f} s (with it: {t_us / t_no:.2f}x the time)")
    src, tgt = speed_input(n_big)
    _, t_big, peak = timed(lambda: align_segments({"en": src, "fr": tgt}, default_glossary=DEFAULT_GLOSSARY))
    gc_est = t_gc * (len(src) * len(tgt)) / (n_gc * n_gc)
    rows.append(f"{len(src)} x {len(tgt)} segments: tmtool {t_big:.1f} s, {(len(src) + len(tgt)) / t_big:.0f} segments/s, "
                f"peak RSS {peak / 2**20:.0f} MiB; nltk Gale-Church is quadratic "
                f"(extrapolated from the run above: ~{gc_est:.0f} s, ratio ~{t_big / gc_est:.3f})")
    return rows


def fit_confidence() -> None:
    """Refit the link-confidence weights (tmtool.align.pairwise.WEIGHTS) on the development sets and print them."""
    import numpy as np

    from tmtool.align.pairwise import PairAligner, link_features
    from tmtool.align.search import search

    xs, ys = [], []

    def collect(pa: PairAligner, src: list[str], tgt: list[str], gold, extra=None) -> None:
        pa.align(src, tgt, extra=extra)  # learns the length model and lexicon
        inp, _, _ = pa._input(src, tgt, {}, extra)
        beads = search(inp, pa.params)
        gold_set = set(gold)
        xs.append(link_features(inp, beads, pa.params))
        ys.append(np.array([(tuple(range(b[0], b[1])), tuple(range(b[2], b[3]))) in gold_set for b in beads]))

    from tmtool.align.bridges import bridge_features
    from tmtool.align.shipped import default_glossary
    from tmtool.align.terms import term_marker

    terms = term_marker(default_glossary(UN_LANGS))
    un = EVAL / "unpc-6way-dev"
    for d in ("doc0", "doc1"):
        segs = {lang: lines(un / f"{d}.{lang}") for lang in UN_LANGS}
        sizes = {lang: len(v) for lang, v in segs.items()}
        first = {}
        for a, b in itertools.combinations(UN_LANGS, 2):  # each pair from its two files alone
            first[a, b] = PairAligner(a, b, terms=terms).align(segs[a], segs[b])
            collect(PairAligner(a, b, terms=terms), segs[a], segs[b], read_ladder(un / f"{d}.{a}-{b}"))
        for a, b in itertools.combinations(UN_LANGS, 2):  # and with the other four versions as bridges
            extra = bridge_features(first, a, b, sizes)
            collect(PairAligner(a, b, terms=terms), segs[a], segs[b], read_ladder(un / f"{d}.{a}-{b}"), extra)
    x, y = np.vstack(xs), np.concatenate(ys).astype(float)
    w = np.zeros(x.shape[1])
    for _ in range(100):  # Newton steps of a lightly regularised logistic regression
        p = 1 / (1 + np.exp(-(x @ w)))
        h = (x * (p * (1 - p))[:, None]).T @ x + 1e-3 * np.eye(len(w))
        w += np.linalg.solve(h, x.T @ (y - p) - 1e-3 * w)
    shift = float(np.quantile((x @ w)[y == 0], 0.8))
    w[0] -= shift
    print(f"{len(y)} links, {int((1 - y).sum())} wrong; WEIGHTS = {np.round(w, 3).tolist()} (bias shifted by {shift:.3f})")


def confidence_summary(judged: list[tuple[float, bool]], label: str = "UN dev links") -> str:
    """How the review threshold splits the judged (confidence, right) links."""
    wrong = [c for c, ok in judged if not ok]
    low = [c for c, ok in judged if c < REVIEW_THRESHOLD]
    high_wrong = sum(c >= REVIEW_THRESHOLD for c in wrong)
    return (f"confidence ({label}): {len(low) / max(1, len(judged)):.1%} of links are below the review threshold "
            f"{REVIEW_THRESHOLD}; they hold {(len(wrong) - high_wrong) / max(1, len(wrong)):.1%} of the {len(wrong)} "
            f"wrong links (strict); links at or above it are {1 - high_wrong / max(1, len(judged) - len(low)):.1%} right")


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.align", description=__doc__)
    ap.add_argument("--quick", action="store_true", help="doc0 and 3 UN pairs, no Bible, small speed inputs")
    ap.add_argument("--fit-confidence", action="store_true", help="refit the confidence weights and print them")
    ap.add_argument("--glossary", action="append", default=[], metavar="FILE",
                    help="align with this glossary (repeatable), as `tmtool align --glossary` does")
    ap.add_argument("--un-only", action="store_true", help="only the UN 6-way pairs (no other sets, no speed)")
    ap.add_argument("--docs", default="doc0,doc1,doc2,doc3", help="UN dev files to use (comma-separated)")
    ap.add_argument("--pairs", default="", help="UN pairs to use, e.g. en-zh,ar-ru (default: all 15)")
    ap.add_argument("--no-default-glossary", action="store_true",
                    help="align without the shipped UN glossaries (the baseline before they became the default)")
    ap.add_argument("--no-dictionary", action="store_true",
                    help="align Chinese and Arabic without their dictionaries (CC-CEDICT, Buckwalter's lexicon)")
    ap.add_argument("--two-files", action="store_true",
                    help="align each UN pair from its two files only (no bridges through the other four versions)")
    ap.add_argument("--collection", action="store_true",
                    help="align the documents of each set as a collection that learns its lexicon together (the "
                         "four UN files, the seven Text+Berg test documents, the ten ParIce ones; two sweeps)")
    ap.add_argument("--bridge-weight", type=float, default=None,
                    help="multiply the weight of bridge features (tmtool.align.pairwise.BRIDGE_WEIGHT)")
    ap.add_argument("--glossary-weight", type=float, default=None,
                    help="multiply the weight of glossary anchors (tmtool.align.pairwise.GLOSSARY_WEIGHT)")
    ap.add_argument("--dictionary", action="append", default=[], metavar="FILE",
                    help="a bilingual word list for every alignment of the run (repeatable; as tmtool align "
                         "--dictionary), e.g. the FreeDict German-French files that `make freedict` fetches")
    ap.add_argument("--lexicon", action="append", default=[], metavar="FILE",
                    help="co-occurrence counts for every alignment of the run (repeatable; as tmtool align "
                         "--lexicon): a counts file, a TMX file or a tmtool TM folder (all its word pairs kept)")
    ap.add_argument("--gold-lexicon", action="store_true",
                    help="learn also from gold links of development data, as from a translation memory given with "
                         "--lexicon: each Text+Berg dev part (--dev-folds) from the other parts, the Text+Berg test "
                         "documents from Text+Berg dev, each UN dev file from the other three (benchmarks.un_heldout: "
                         "the unseen files from all four)")
    ap.add_argument("--joined", action="store_true",
                    help="longer documents: the UN dev files aligned one, two and four at a time (two files), for the "
                         "pairs a dictionary seeds (or --pairs)")
    ap.add_argument("--dev-folds", action="store_true",
                    help="the development sets in parts: Text+Berg dev whole and in 2 to 8 parts, each UN dev file "
                         "on its own (six files and two files): is a change a plateau or a spike?")
    ap.add_argument("--coarse-to-fine", action="store_true",
                    help="search every input coarse-to-fine, in a band around a path found on blocks of segments, as "
                         "only inputs over tmtool.align.search.FULL_LIMIT cells are (the Bible is): does the band lose "
                         "links the full search finds?")
    ap.add_argument("--hash-salts", default="", metavar="SALTS",
                    help="the noise floor: Text+Berg dev (whole and the mean of 3-8 parts) and each UN dev file (two "
                         "files) aligned with each of these hash salts (comma-separated; an empty one is the salt in "
                         "use, tmtool.align.pairwise.HASH_SALT): how far hash collisions alone move the figures; "
                         "with --collection, the Text+Berg parts as collections")
    ap.add_argument("--hash-dim", type=int, default=None, metavar="N",
                    help="hash every input into N dimensions (tmtool.align.pairwise.HASH_DIMS sets them by length)")
    args = ap.parse_args()
    from tmtool.align import pairwise, search

    if args.glossary_weight is not None:
        pairwise.GLOSSARY_WEIGHT = args.glossary_weight
    if args.bridge_weight is not None:
        pairwise.BRIDGE_WEIGHT = args.bridge_weight
    if args.coarse_to_fine:
        search.FULL_LIMIT = 0
    if args.hash_dim is not None:
        pairwise.HASH_DIMS = ((sys.maxsize, args.hash_dim),)
    global GLOSSARY, DEFAULT_GLOSSARY, TWO_FILES, DICTIONARY, COLLECTION, WORDLISTS, LEXICON, GOLD_LEXICON
    COLLECTION = args.collection
    GOLD_LEXICON = args.gold_lexicon
    if args.lexicon:
        from tmtool.align.tmlexicon import read_lexicon

        LEXICON = CollectionCounts()
        for path in args.lexicon:
            LEXICON.update(read_lexicon(path))
    if args.dictionary:
        from tmtool.align import read_wordlist

        WORDLISTS = [read_wordlist(path) for path in args.dictionary]
    DEFAULT_GLOSSARY = not args.no_default_glossary
    DICTIONARY = not args.no_dictionary
    TWO_FILES = args.two_files
    if args.glossary:
        from tmtool.glossary import read_glossary
        from tmtool.glossary.model import Glossary

        loaded = [read_glossary(g) for g in args.glossary]
        GLOSSARY = Glossary(tuple(e for g in loaded for e in g.entries))
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} not found")
        return 0
    if args.fit_confidence:
        fit_confidence()
        return 0
    judged: list[tuple[float, bool]] = []
    others: dict[str, list[tuple[float, bool]]] = {"Text+Berg dev links": [], "Text+Berg test links": [],
                                                   "ParIce links": []}  # two versions of other kinds
    pairs = list(itertools.combinations(UN_LANGS, 2))
    if args.pairs:
        pairs = [tuple(p.split("-")) for p in args.pairs.split(",")]
    if args.joined:
        for line in un_joined(pairs if args.pairs else DICTIONARY_PAIRS):
            print(line)
        return 0
    if args.dev_folds:
        for line in dev_folds(args.docs.split(","), pairs):
            print(line)
        return 0
    if args.hash_salts:
        for line in hash_noise(args.hash_salts.split(","), args.docs.split(","), pairs):
            print(line)
        return 0
    if args.un_only:
        rows = un_pairs(args.docs.split(","), pairs, judged)
        for label, s, _ in rows:
            print(f"{label:34} strict F1 {s['strict']['f1']:.4f}  lax F1 {s['lax']['f1']:.4f}")
        f1 = [s["strict"]["f1"] for _, s, _ in rows]
        print(f"mean strict F1 over {len(f1)} pairs: {sum(f1) / len(f1):.4f}")
        print(confidence_summary(judged))
        return 0
    if args.quick:
        rows = un_pairs(["doc0"], [("en", "fr"), ("en", "zh"), ("ar", "ru")], judged)
        rows.append(textberg(["dev"], "Text+Berg de-fr dev", None))
    else:
        rows = un_pairs(["doc0", "doc1", "doc2", "doc3"], pairs, judged)
        rows.append(textberg(["dev"], "Text+Berg de-fr dev", None, others["Text+Berg dev links"]))
        rows.append(textberg([f"test{k}" for k in range(7)], "Text+Berg de-fr test (7 docs)", TARGET_TB,
                             others["Text+Berg test links"]))
        rows.append(bible())
        rows.append(parice(others["ParIce links"]))
    print(f"{'set':34} {'strict P':>9} {'R':>6} {'F1':>6}   {'lax F1':>6}  target")
    for label, s, target in rows:
        mark = "" if target is None else (f">= {target:.2f} {'met' if s['strict']['f1'] >= target else 'NOT met'}")
        print(f"{label:34} {s['strict']['p']:9.3f} {s['strict']['r']:6.3f} {s['strict']['f1']:6.3f}   {s['lax']['f1']:6.3f}  {mark}")
    if not args.quick:
        print(un_joint(["doc0", "doc1", "doc2", "doc3"]))
    if judged:
        print("\n" + confidence_summary(judged))
    for label, links in others.items():
        if links:
            print(confidence_summary(links, label))
    print("\nspeed (one process, 2 shared cores; Gale-Church = nltk.translate.gale_church, lengths only):")
    for r in speed(300 if args.quick else 1000, 2000 if args.quick else 10_000):
        print("  " + r)
    print(f"  process max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
