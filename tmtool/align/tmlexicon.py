"""Word co-occurrence counts from a translation memory the user already has (a TMX file).

A short document teaches the aligner few word pairs (:mod:`.lexicon`). A translation memory of the same field
holds units that people have already aligned: each unit that holds two of the languages being aligned counts as
one aligned link of that pair, and its words' co-occurrences add to what the document teaches, as the counts of
the other documents of a collection do (the aligner's ``background``; ``tmtool align --lexicon FILE.tmx``).
Words are the aligner's own word types (:func:`~tmtool.align.features.words`).

Counting every word pair of a large memory would take more memory than the aligner: given the texts to align,
only the pairs with a word of these texts are counted (every pair that can fire or compete for one of their
words, as :meth:`~tmtool.align.lexicon.Cooccurrence.restricted` keeps), while every word's own count is kept;
and a memory of more than :data:`MAX_UNITS` units counts a sample of that many, spread over the whole file
(a fixed-seed reservoir sample: the same file gives the same counts).
"""

from __future__ import annotations

import os
import random
import warnings
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path

from ..languages import base
from ..tmx.model import TranslationUnit
from .features import is_boilerplate, words
from .lexicon import CollectionCounts, Cooccurrence, read_counts
from .model import AlignmentWarning

__all__ = ["MAX_UNITS", "is_tmx", "read_lexicon", "units_counts"]

# units counted at most (a sample beyond): the aligner learns from 4,000 links of a document at most; 50,000 units
# of a memory of the field teach far more and keep the counts of a six-language unit's 15 pairs within a few GB
MAX_UNITS = 50_000


def _sample(units: Iterable[TranslationUnit], wanted: set[str] | None, size: int) -> list[dict[str, list[str]]]:
    """The word types of each unit by base language (its first variant of each; boilerplate and languages not
    ``wanted`` left out), for the units that hold two languages: all of them, or a reservoir sample of ``size``."""
    rng = random.Random(0)
    kept: list[dict[str, list[str]]] = []
    seen = 0
    for unit in units:
        found: dict[str, list[str]] = {}
        for v in unit.variants:
            lang = base(v.lang)
            if lang in found or (wanted is not None and lang not in wanted) or is_boilerplate(v.text):
                continue
            found[lang] = words(v.text, lang)
        if sum(1 for ws in found.values() if ws) < 2:
            continue
        seen += 1
        if len(kept) < size:
            kept.append(found)
        else:
            k = rng.randrange(seen)
            if k < size:
                kept[k] = found
    return kept


def units_counts(
    units: Iterable[TranslationUnit],
    langs: Sequence[str] | None = None,
    texts: Mapping[str, Sequence[str]] | None = None,
    *,
    max_units: int = MAX_UNITS,
) -> CollectionCounts:
    """Co-occurrence counts of every pair of ``langs`` (base languages; None: every language of each unit) over
    ``units``, one link per unit holding both (its first variant of each language; boilerplate skipped).
    ``texts``: the segments to be aligned, by language; when given, only word pairs with a word of them count.
    More than ``max_units`` units holding two of the languages: a sample of that many, spread over them all."""
    wanted = {base(lang) for lang in langs} if langs is not None else None
    vocab = None
    if texts is not None:
        vocab = {}
        for lang, segs in texts.items():
            vocab.setdefault(base(lang), set()).update(w for t in segs for w in words(t, lang))
    counts: dict[tuple[str, str], Cooccurrence] = {}
    for found in _sample(units, wanted, max_units):
        for a, b in combinations(sorted(found), 2):
            xs, ys = found[a], found[b]
            if not xs or not ys:
                continue
            c = counts.get((a, b))
            if c is None:
                c = counts[a, b] = Cooccurrence()
            c.src.update(xs)
            c.tgt.update(ys)
            if vocab is None:
                c.pairs.update((x, y) for x in xs for y in ys)
            else:
                va, vb = vocab.get(a, set()), vocab.get(b, set())
                c.pairs.update((x, y) for x in xs for y in ys if x in va or y in vb)
    out = CollectionCounts()
    for (a, b), c in counts.items():
        out.add(a, b, c)
    return out


def is_tmx(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is to be read as TMX: not a Parquet file (magic ``PAR1``) and either named ``.tmx`` or
    starting with ``<`` (after a byte-order mark and blanks)."""
    p = Path(path)
    try:
        with p.open("rb") as f:
            head = f.read(512)
    except OSError:
        return p.suffix.lower() == ".tmx"
    if head.startswith(b"PAR1"):
        return False
    if p.suffix.lower() == ".tmx":
        return True
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            return True
    return head.lstrip().startswith(b"<")


def read_lexicon(
    path: str | os.PathLike[str],
    langs: Sequence[str] | None = None,
    texts: Mapping[str, Sequence[str]] | None = None,
) -> CollectionCounts:
    """The co-occurrence counts in ``path``: a counts file (:func:`~tmtool.align.lexicon.write_counts`) as it
    is, or a TMX file's units counted by :func:`units_counts` (``langs``, ``texts`` as there). Warns
    (:class:`AlignmentWarning`) when a TMX file holds no unit with two of ``langs``. Errors name the file."""
    if not is_tmx(path):
        return read_counts(path)
    from ..tmx.reader import iter_units

    counts = units_counts(iter_units(path), langs, texts)
    if not counts.by_pair:
        which = f" with two of {', '.join(sorted({base(lang) for lang in langs}))}" if langs else ""
        warnings.warn(f"{path}: no translation unit{which}: it teaches the aligner nothing", AlignmentWarning,
                      stacklevel=2)
    return counts
