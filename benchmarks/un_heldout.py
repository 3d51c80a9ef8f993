"""A held-out UN 6-way set: the UN Parallel Corpus *test* split, damaged the way ``unpc-6way-dev`` is.

``python -m benchmarks.un_heldout [--split testset|devset] [--seeds 1,2,3] [--two-files] [--keep DIR] [--quick]``

The development set ``../shared/eval/unpc-6way-dev`` was built from the corpus's *devset*; its README says that
evaluation uses other, unseen material, and the aligner was tuned on it for six rounds. This module rebuilds the
same kind of material from the corpus's *testset* (never looked at while tuning), writes it to a temporary
folder in the dev set's layout (``docN.<lang>``, gold ``docN.<a>-<b>``) and scores every UN pair on it, so the
README can say how the aligner does on UN documents it has not seen. Nothing from ``../shared`` is copied into the
project: the sets are rebuilt in each run, deterministically from ``--seeds``.

How the material is built, following the dev set's README and what its files show (counted on the dev set with
a scratch script: about 228 units a file, 40 documents, per language 10-18 cuts, 10-18 joins, 9-14 lost units and
15-19 layout lines a file):

- the sampled sentences of one UN document, ordered by their English paragraph and sentence numbers, are units;
  the sentences of one English paragraph stay one unit in about one case in ten (4 of 45 in the dev files);
- 40 documents a file, 4 files, in a random order;
- each language version is then damaged on its own: a unit lost, a unit cut in two by a page break (the chance
  grows with the unit's length, so a long paragraph is often cut in several versions; at a comma near the middle
  60% of the time, 70% in Chinese, else at a space, or between two characters in Chinese), two neighbouring units
  of one document joined, and between documents a stray page number, job number or document symbol line;
- gold links join the lines of two versions that share a unit (a cut against a join gives a 2-1 or larger link),
  and a line sharing none is linked to nothing.

``--split devset`` builds the same kind of set from the dev split: its score next to the real dev set's tells
how far this construction is from the one the dev set had, and, being dev material, it may be tuned on (three
seeds are three times the dev set). The test split is for reporting only.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import random
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
CORPUS = SHARED / "corpora-src" / "unpc-v1.0-testsets"
LANGS = ["ar", "en", "es", "fr", "ru", "zh"]
FILES, DOCS_PER_FILE = 4, 40
KEEP_PARAGRAPH = 0.1  # an English paragraph's sentences stay one unit
STRAY = 0.4  # a layout line between two documents
# Per-unit damage rates of each language version, from the counts on the dev files (4 files of ~228 units).
LOST = {"ar": 0.049, "en": 0.060, "es": 0.045, "fr": 0.049, "ru": 0.058, "zh": 0.054}
CUT = {"ar": 0.059, "en": 0.056, "es": 0.049, "fr": 0.060, "ru": 0.053, "zh": 0.035}
JOIN = {"ar": 0.049, "en": 0.067, "es": 0.054, "fr": 0.046, "ru": 0.055, "zh": 0.078}
JOB_LETTER = {"ar": "A", "en": "E", "es": "S", "fr": "F", "ru": "R", "zh": "C"}
_COMMAS = {"ar": "،,;؛", "zh": "，；"}

Line = tuple[str, tuple[int, ...]]  # text, the units it holds (none for a layout line)


@functools.lru_cache(maxsize=2)  # several seeds build from the same split: read it once
def load(split: str) -> tuple[list[tuple[str, list[list[int]]]], dict[str, list[str]]]:
    """The corpus split as documents of units (lists of sentence numbers) and the sentences of each language."""
    folder = CORPUS / split
    ids = (folder / f"UNv1.0.{split}.ids").read_text(encoding="utf-8").split("\n")
    ids = [line.split() for line in ids if line.strip()]
    sents = {lang: (folder / f"UNv1.0.{split}.{lang}").read_text(encoding="utf-8").split("\n")[: len(ids)]
             for lang in LANGS}
    by_doc: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    for n, rec in enumerate(ids):
        en = next(f for f in rec[1:] if f.startswith("en:"))
        _, par, sent = en.split(":")
        by_doc[rec[0]].append((int(par), int(sent), n))
    docs = []
    rng = random.Random(f"units-{split}")
    for name in sorted(by_doc):
        rows = sorted(by_doc[name])
        units: list[list[int]] = []
        for _, group in itertools.groupby(rows, key=lambda r: r[0]):
            members = [n for _, _, n in group]
            if len(members) > 1 and rng.random() >= KEEP_PARAGRAPH:
                units.extend([n] for n in members)
            else:
                units.append(members)
        docs.append((name, units))
    return docs, sents


def _join(lang: str, parts: list[str]) -> str:
    return ("" if lang == "zh" else " ").join(p.strip() for p in parts)


def _cut(text: str, lang: str, rng: random.Random) -> tuple[str, str] | None:
    """Cut a unit in two as a page break does, or None when it is too short to cut."""
    if len(text) < (16 if lang == "zh" else 40):
        return None
    target = rng.uniform(0.3, 0.7) * len(text)
    lo, hi = 0.15 * len(text), 0.85 * len(text)
    commas = _COMMAS.get(lang, ",;")
    after_comma = [i + 1 for i, ch in enumerate(text) if ch in commas and lo <= i + 1 <= hi]
    if after_comma and rng.random() < (0.7 if lang == "zh" else 0.6):
        at = min(after_comma, key=lambda i: abs(i - target))
    elif lang == "zh":
        at = min((i for i in range(int(lo), int(hi) + 1) if not (text[i - 1].isdigit() and text[i].isdigit())),
                 key=lambda i: abs(i - target), default=None)
    else:
        at = min((i for i, ch in enumerate(text) if ch == " " and lo <= i <= hi),
                 key=lambda i: abs(i - target), default=None)
    if at is None:
        return None
    first, second = text[:at].strip(), text[at:].strip()
    return (first, second) if first and second else None


def _layout_line(doc: str, lang: str, rng: random.Random) -> str:
    kind = rng.choices(["symbol", "page", "job", "job-dash", "bare"], weights=[25, 25, 20, 20, 10])[0]
    if kind == "symbol":
        return "/".join(doc.split("/")[1:]).replace("_", "/").upper()
    if kind == "page":
        total = rng.randint(2, 50)
        return f"{rng.randint(1, total)}/{total}"
    if kind == "job":
        return f"{rng.randint(10000, 99999)} ({JOB_LETTER[lang]})"
    if kind == "job-dash":
        return f"15-{rng.randint(10000, 99999)}"
    return str(rng.randint(2, 60))


def damage(docs: list, sents: dict[str, list[str]], lang: str, rng: random.Random) -> list[Line]:
    """One language version of a file: its units as lines, some lost, cut or joined, layout lines between
    documents. Each line carries the numbers of the units it holds."""
    out: list[Line] = []
    unit_no = 0
    texts = [_join(lang, [sents[lang][n] for n in members]) for _, units in docs for members in units]
    mean_len = sum(map(len, texts)) / max(1, len(texts))
    for d, (name, units) in enumerate(docs):
        if d and rng.random() < STRAY:
            out.append((_layout_line(name, lang, rng), ()))
        doc_lines: list[Line] = []
        last_whole = False  # the last line is one whole unit (a cut piece or a join is never joined again)
        for members in units:
            text = texts[unit_no]
            u = unit_no
            unit_no += 1
            if rng.random() < LOST[lang] or not text:
                last_whole = False  # only neighbours are joined
                continue
            # a page break falls anywhere in the text: a long unit is cut more often, in every version
            pieces = _cut(text, lang, rng) if rng.random() < min(0.5, CUT[lang] * len(text) / mean_len) else None
            if pieces:
                doc_lines.extend((p, (u,)) for p in pieces)
                last_whole = False
            elif last_whole and rng.random() < JOIN[lang]:
                prev_text, prev_units = doc_lines[-1]
                doc_lines[-1] = (_join(lang, [prev_text, text]), prev_units + (u,))
                last_whole = False
            else:
                doc_lines.append((text, (u,)))
                last_whole = True
        out.extend(doc_lines)
    return out


def gold_ladder(a: list[Line], b: list[Line]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Links between two damaged versions: lines sharing a unit, grouped transitively; other lines alone."""
    owner_a: dict[int, list[int]] = defaultdict(list)
    owner_b: dict[int, list[int]] = defaultdict(list)
    for i, (_, units) in enumerate(a):
        for u in units:
            owner_a[u].append(i)
    for j, (_, units) in enumerate(b):
        for u in units:
            owner_b[u].append(j)
    parent = {("a", i): ("a", i) for i in range(len(a))} | {("b", j): ("b", j) for j in range(len(b))}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for u in set(owner_a) | set(owner_b):  # the two pieces of a unit the other version lost are one link too
        nodes = [("a", i) for i in owner_a[u]] + [("b", j) for j in owner_b[u]]
        for n in nodes[1:]:
            parent[find(n)] = find(nodes[0])
    groups: dict = defaultdict(lambda: ([], []))
    for node in parent:
        side, k = node
        groups[find(node)][0 if side == "a" else 1].append(k)
    links = [(tuple(sorted(x)), tuple(sorted(y))) for x, y in groups.values()]

    # a link sits at its first unit; a layout line just before the link of the next line of its own version
    key_of_line: dict[tuple[str, int], int] = {}
    for x, y in links:
        units = [u for i in x for u in a[i][1]] + [u for j in y for u in b[j][1]]
        if units:
            key_of_line.update({("a", i): min(units) for i in x} | {("b", j): min(units) for j in y})

    def position(link):
        side, version, first = ("a", a, link[0][0]) if link[0] else ("b", b, link[1][0])
        if (side, first) in key_of_line:
            return (key_of_line[side, first], 0)
        following = (key_of_line[side, k] for k in range(first + 1, len(version)) if (side, k) in key_of_line)
        return (next(following, 1 << 30), -1)

    return sorted(links, key=position)


def build(split: str, out: Path, seed: int = 1, files: int = FILES) -> list[str]:
    """Write the damaged files and gold ladders of ``split`` into ``out``; return the file stems (doc0..)."""
    docs, sents = load(split)
    rng = random.Random(f"{seed}-{split}")
    docs = [d for d in docs if d[1]]
    rng.shuffle(docs)
    out.mkdir(parents=True, exist_ok=True)
    stems = []
    for f in range(files):
        chunk = docs[f * DOCS_PER_FILE:(f + 1) * DOCS_PER_FILE]
        versions = {lang: damage(chunk, sents, lang, random.Random(f"{seed}-{split}-{f}-{lang}")) for lang in LANGS}
        stem = f"doc{f}"
        for lang, version in versions.items():
            (out / f"{stem}.{lang}").write_text("".join(t + "\n" for t, _ in version), encoding="utf-8")
        for a, b in itertools.combinations(LANGS, 2):
            ladder = gold_ladder(versions[a], versions[b])
            (out / f"{stem}.{a}-{b}").write_text(
                "".join(f"[{', '.join(map(str, x))}]:[{', '.join(map(str, y))}]\n" for x, y in ladder),
                encoding="utf-8")
        stems.append(stem)
    return stems


def main() -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.un_heldout", description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="testset", choices=["testset", "devset"],
                    help="the corpus split to build from (devset: a check of the builder against the real dev set)")
    ap.add_argument("--seeds", default="1,2,3",
                    help="damage seeds, comma-separated: each builds another 4-file set (default 1,2,3)")
    ap.add_argument("--keep", type=Path, default=None, metavar="DIR", help="write the built sets here (DIR/seedN)")
    ap.add_argument("--two-files", action="store_true", help="align each pair from its two files only")
    ap.add_argument("--no-dictionary", action="store_true",
                    help="align Chinese and Arabic without their dictionaries (CC-CEDICT, Buckwalter's lexicon)")
    ap.add_argument("--collection", action="store_true",
                    help="the four files of a seed learn their lexicon together (tmtool.align.collection)")
    ap.add_argument("--gold-lexicon", action="store_true",
                    help="the gold links of the four UN dev files teach the aligner, as a translation memory given "
                         "with tmtool align --lexicon would (never the held-out files' own)")
    ap.add_argument("--quick", action="store_true", help="one seed, one file: a smoke run")
    args = ap.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    from benchmarks import align as bench

    bench.TWO_FILES = args.two_files
    bench.COLLECTION = args.collection
    bench.GOLD_LEXICON = args.gold_lexicon
    bench.DICTIONARY = not args.no_dictionary
    seeds = [1] if args.quick else [int(x) for x in args.seeds.split(",")]
    pairs = list(itertools.combinations(LANGS, 2))
    judged: list[tuple[float, bool]] = []
    by_seed: list[list[float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for seed in seeds:
            root = (args.keep or Path(tmp)) / f"seed{seed}"
            stems = build(args.split, root, seed, files=1 if args.quick else FILES)
            rows = bench.un_pairs(stems, pairs, judged, root=root)
            by_seed.append([s["strict"]["f1"] for _, s, _ in rows])
    label = "held-out (test split)" if args.split == "testset" else "rebuilt dev split"
    print(f"UN 6-way {label}, strict F1, {'two files' if args.two_files else 'six files'} a pair"
          + (", each seed's files as a collection" if args.collection else "")
          + (", the UN dev gold links as a memory" if args.gold_lexicon else ""))
    print(f"{'pair':8}" + "".join(f"{'seed ' + str(s):>9}" for s in seeds) + f"{'mean':>9}")
    for k, (a, b) in enumerate(pairs):
        scores = [row[k] for row in by_seed]
        print(f"{a}-{b:5}" + "".join(f"{x:9.4f}" for x in scores) + f"{sum(scores) / len(scores):9.4f}")
    means = [sum(row) / len(row) for row in by_seed]
    print(f"{'mean':8}" + "".join(f"{m:9.4f}" for m in means) + f"{sum(means) / len(means):9.4f}")
    print(f"{'>= 0.97':8}" + "".join(f"{sum(x >= bench.TARGET_UN for x in row):>6} /15" for row in by_seed))
    print(bench.confidence_summary(judged, f"UN {label} links"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
