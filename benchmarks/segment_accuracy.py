"""Sentence-boundary accuracy of ``tmtool.segment.split_sentences`` on the UN Parallel Corpus dev set.

Each line of ``UNv1.0.devset.<lang>`` is one sentence; ``UNv1.0.devset.ids`` gives its document and
``paragraph:sentence`` per language. The sentences of one paragraph of one document are joined (with a space;
without one in Chinese) and the splitter must give them back. A boundary is the position, counted in non-space
characters, where one sentence ends; precision, recall and F1 are over the boundaries inside paragraphs, summed
over all paragraphs. pysbd alone (the library tmtool builds on) is the baseline measured in the same run.

    .venv/bin/python -m benchmarks.segment_accuracy            # all six languages, the whole dev set
    .venv/bin/python -m benchmarks.segment_accuracy --quick    # the first 800 lines
    .venv/bin/python -m benchmarks.segment_accuracy --errors 5 --lang fr   # show a few mistakes
    .venv/bin/python -m benchmarks.segment_accuracy --held-out  # the test set, once, as a check (never tune on it)
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

LANGS = ("ar", "en", "es", "fr", "ru", "zh")
DEVSET = Path(__file__).resolve().parent.parent.parent / "shared/corpora-src/unpc-v1.0-testsets/devset"


def load_paragraphs(folder: Path, lang: str, limit: int | None = None, name: str = "devset") -> list[list[str]]:
    """The paragraphs of ``lang`` in ``UNv1.0.<name>.*`` as lists of gold sentences, in file order."""
    col = LANGS.index(lang) + 1
    ids = (folder / f"UNv1.0.{name}.ids").read_text(encoding="utf-8").splitlines()
    sents = (folder / f"UNv1.0.{name}.{lang}").read_text(encoding="utf-8").splitlines()
    if limit:
        ids, sents = ids[:limit], sents[:limit]
    groups: dict[tuple[str, str], list[tuple[int, str]]] = defaultdict(list)
    for id_line, sent in zip(ids, sents, strict=True):
        fields = id_line.split()
        _, para, num = fields[col].split(":")
        groups[(fields[0], para)].append((int(num), sent.strip()))
    return [[s for _, s in sorted(v)] for v in groups.values()]


def _cuts(sentences: list[str]) -> set[int]:
    out, total = set(), 0
    for s in sentences[:-1]:
        total += sum(1 for ch in s if not ch.isspace())
        out.add(total)
    return out


def score(paragraphs: list[list[str]], lang: str, split: Callable[[str, str], list[str]], errors: int = 0):
    """(precision, recall, f1) of ``split`` on the paragraphs; prints up to ``errors`` wrong paragraphs."""
    joiner = "" if lang == "zh" else " "
    tp = fp = fn = 0
    shown = 0
    for gold in paragraphs:
        got = split(joiner.join(gold), lang)
        g, s = _cuts(gold), _cuts(got)
        tp += len(g & s)
        fp += len(s - g)
        fn += len(g - s)
        if g != s and shown < errors:
            shown += 1
            print(f"--- {lang} gold:", *gold, sep="\n  | ", file=sys.stderr)
            print("    got:", *got, sep="\n  | ", file=sys.stderr)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def pysbd_split(text: str, lang: str) -> list[str]:
    """The baseline: pysbd alone, as shipped."""
    from tmtool.segment.splitter import _segmenter

    return [s for s in _segmenter(lang).segment(text) if s.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="only the first 800 dev-set lines")
    parser.add_argument("--lang", action="append", choices=LANGS, help="language(s) to measure (default: all)")
    parser.add_argument("--errors", type=int, default=0, help="print this many wrong paragraphs per language")
    parser.add_argument("--devset", type=Path, default=DEVSET, help="folder holding UNv1.0.devset.*")
    parser.add_argument("--held-out", action="store_true",
                        help="measure on the test set instead (a held-out check: never tune on it)")
    args = parser.parse_args(argv)
    name = "testset" if args.held_out else "devset"
    folder = args.devset.parent / "testset" if args.held_out else args.devset
    if not (folder / f"UNv1.0.{name}.ids").exists():
        print(f"{name} not found in {folder}", file=sys.stderr)
        return 1
    from tmtool.segment import split_sentences

    limit = 800 if args.quick else None
    print(f"{'lang':4} {'paras':>6} {'P':>6} {'R':>6} {'F1':>6}   {'pysbd P':>7} {'R':>6} {'F1':>6}   F1 ratio")
    worst = 1.0
    for lang in args.lang or LANGS:
        paras = load_paragraphs(folder, lang, limit, name)
        p, r, f = score(paras, lang, split_sentences, args.errors)
        bp, br, bf = score(paras, lang, pysbd_split)
        worst = min(worst, f)
        print(f"{lang:4} {len(paras):6d} {p:6.3f} {r:6.3f} {f:6.3f}   {bp:7.3f} {br:6.3f} {bf:6.3f}   {f / bf:6.3f}x")
    print(f"lowest F1: {worst:.3f} (target 0.98)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
