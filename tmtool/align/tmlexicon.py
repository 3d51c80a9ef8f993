"""Word co-occurrence counts from a translation memory the user already has (a TMX file or a tmtool TM).

A short document teaches the aligner few word pairs (:mod:`.lexicon`). A translation memory of the same field
holds units that people have already aligned: each unit that holds two of the languages being aligned counts as
one aligned link of that pair, and its words' co-occurrences add to what the document teaches, as the counts of
the other documents of a collection do (the aligner's ``background``; ``tmtool align --lexicon FILE.tmx`` or
``--lexicon TM_FOLDER``).
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
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from itertools import combinations
from pathlib import Path

import numpy as np

from ..languages import base
from ..tmx.model import TranslationUnit
from .features import is_boilerplate, words
from .lexicon import CollectionCounts, Cooccurrence, read_counts
from .model import AlignmentWarning

__all__ = ["MAX_UNITS", "MemoryWords", "is_memory", "is_tmx", "memory_counts", "memory_words", "read_lexicon",
           "read_memory", "units_counts"]

# units counted at most (a sample beyond): the aligner learns from 4,000 links of a document at most; 50,000 units
# of a memory of the field teach far more and keep the counts of a six-language unit's 15 pairs within a few GB
MAX_UNITS = 50_000
CHUNK = 4096  # units whose word pairs are counted at once


MemoryWords = list[dict[str, list[str]]]  # per unit (of a sample), the word types of each base language


def memory_words(
    units: Iterable[TranslationUnit], langs: Sequence[str] | None = None, *, max_units: int = MAX_UNITS
) -> MemoryWords:
    """The word types of each unit by base language (its first variant of each; boilerplate and languages not
    in ``langs`` left out), for the units that hold two languages: all of them, or a reservoir sample of
    ``max_units`` (fixed seed). What :func:`memory_counts` counts for each set of documents to align."""
    wanted = {base(lang) for lang in langs} if langs is not None else None
    rng = random.Random(0)
    kept: list[dict[str, str]] = []  # texts first: words only for the units sampled
    seen = 0
    for unit in units:
        found: dict[str, str] = {}
        for v in unit.variants:
            lang = base(v.lang)
            if lang in found or (wanted is not None and lang not in wanted) or not v.text.strip() \
                    or is_boilerplate(v.text):
                continue
            found[lang] = v.text
        if len(found) < 2:
            continue
        seen += 1
        if len(kept) < max_units:
            kept.append(found)
        else:
            k = rng.randrange(seen)
            if k < max_units:
                kept[k] = found
    out: MemoryWords = []
    for texts in kept:
        ws = {lang: words(text, lang) for lang, text in texts.items()}
        if sum(1 for w in ws.values() if w) >= 2:
            out.append(ws)
    return out


def memory_counts(
    memory: MemoryWords, texts: Mapping[str, Sequence[str]] | None = None, langs: Sequence[str] | None = None
) -> CollectionCounts:
    """Co-occurrence counts of every pair of languages of ``memory`` (:func:`memory_words`; only ``langs`` when
    given), one link per unit holding both. ``texts``: the segments to be aligned, by language; when given,
    only its languages count, and only word pairs with a word of them."""
    vocab: dict[str, set[str]] | None = None
    wanted = {base(lang) for lang in langs} if langs is not None else None
    if texts is not None:
        vocab = {}
        for lang, segs in texts.items():
            vocab.setdefault(base(lang), set()).update(w for t in segs for w in words(t, lang))
        wanted = set(vocab) if wanted is None else wanted & set(vocab)
    out = CollectionCounts()
    for a, b in sorted({pair for found in memory for pair in combinations(sorted(found), 2)}):
        if wanted is not None and not (a in wanted and b in wanted):
            continue
        both = [(found[a], found[b]) for found in memory if found.get(a) and found.get(b)]
        if both:
            va, vb = (None, None) if vocab is None else (vocab[a], vocab[b])
            out.add(a, b, _cooccurrence(both, va, vb))
    return out


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
    return memory_counts(memory_words(units, langs, max_units=max_units), texts)


class _Words:
    """Integer ids of the words of one language, and whether each is one of the documents' (``vocab``)."""

    def __init__(self, vocab: set[str] | None) -> None:
        self.ids: dict[str, int] = {}
        self.vocab = vocab

    def encode(self, ws: Sequence[str]) -> list[int]:
        return [self.ids.setdefault(w, len(self.ids)) for w in ws]

    def words(self) -> list[str]:
        return list(self.ids)

    def wanted(self) -> np.ndarray:
        if self.vocab is None:
            return np.ones(len(self.ids), dtype=bool)
        return np.array([w in self.vocab for w in self.ids], dtype=bool)


def _cooccurrence(links: Sequence[tuple[Sequence[str], Sequence[str]]], vocab_a: set[str] | None,
                  vocab_b: set[str] | None) -> Cooccurrence:
    """:meth:`Cooccurrence.of` ``links``, the word pairs counted with numpy (a memory of 50,000 units holds some
    30 million pair occurrences); with vocabularies, only pairs with a word of one of them."""
    sa, sb = _Words(vocab_a), _Words(vocab_b)
    ua, wa, ub, wb = [], [], [], []
    for k, (xs, ys) in enumerate(links):
        wa.extend(sa.encode(xs))
        ua.extend([k] * len(xs))
        wb.extend(sb.encode(ys))
        ub.extend([k] * len(ys))
    unit_a, word_a = np.array(ua, dtype=np.int64), np.array(wa, dtype=np.int64)
    unit_b, word_b = np.array(ub, dtype=np.int64), np.array(wb, dtype=np.int64)
    keep_a, keep_b = sa.wanted(), sb.wanted()
    codes, firsts, counts = [], [], []
    offset = 0  # pairs of the earlier chunks
    starts_a = np.searchsorted(unit_a, np.arange(0, len(links) + CHUNK, CHUNK))
    starts_b = np.searchsorted(unit_b, np.arange(0, len(links) + CHUNK, CHUNK))
    for c in range(len(starts_a) - 1):
        ra, rb = slice(starts_a[c], starts_a[c + 1]), slice(starts_b[c], starts_b[c + 1])
        x, y = _pairs(unit_a[ra], word_a[ra], unit_b[rb], word_b[rb])
        if vocab_a is not None or vocab_b is not None:
            mask = keep_a[x] | keep_b[y]
            x, y = x[mask], y[mask]
        found, first, n = np.unique((x << 32) | y, return_index=True, return_counts=True)
        codes.append(found)
        firsts.append(first + offset)
        counts.append(n)
        offset += len(x)
    empty = np.zeros(0, dtype=np.int64)
    code = np.concatenate(codes) if codes else empty
    total, inverse = np.unique(code, return_inverse=True)
    n = np.bincount(inverse, weights=np.concatenate(counts) if counts else None).astype(np.int64)
    # in the order the pairs first occur, as Cooccurrence.of counts them: the lexicon breaks ties by that order
    first = np.full(len(total), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first, inverse, np.concatenate(firsts) if firsts else empty)
    order = np.argsort(first, kind="stable")
    total, n = total[order], n[order]
    names_a, names_b = sa.words(), sb.words()
    pairs = Counter(dict(zip(((names_a[i], names_b[j]) for i, j in zip((total >> 32).tolist(),
                                                                        (total & 0xFFFFFFFF).tolist())),
                             n.tolist())))
    return Cooccurrence(Counter(dict(zip(names_a, np.bincount(word_a, minlength=len(names_a)).tolist()))),
                        Counter(dict(zip(names_b, np.bincount(word_b, minlength=len(names_b)).tolist()))), pairs)


def _pairs(unit_a: np.ndarray, word_a: np.ndarray, unit_b: np.ndarray, word_b: np.ndarray
           ) -> tuple[np.ndarray, np.ndarray]:
    """Every (a word, b word) of the same unit: ``unit_*`` the (sorted) unit of each word, ``word_*`` its id."""
    if not len(unit_a) or not len(unit_b):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    lo = min(unit_a[0], unit_b[0])
    size = max(unit_a[-1], unit_b[-1]) - lo + 1
    per_b = np.bincount(unit_b - lo, minlength=size)
    first_b = np.concatenate(([0], np.cumsum(per_b)[:-1]))
    reps = per_b[unit_a - lo]  # each a word meets every b word of its unit
    x = np.repeat(word_a, reps)
    step = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    y = word_b[np.repeat(first_b[unit_a - lo], reps) + step]
    return x, y


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


def is_memory(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` holds translation units: a folder (a tmtool TM, ``tmtool tm``) or a TMX file
    (:func:`is_tmx`); otherwise it is a counts file."""
    return Path(path).is_dir() or is_tmx(path)


def read_memory(path: str | os.PathLike[str], langs: Sequence[str] | None = None) -> MemoryWords:
    """:func:`memory_words` of the TMX file or tmtool TM folder at ``path`` (errors name the file and line)."""
    if Path(path).is_dir():
        from ..tm.store import TMStore

        return memory_words(TMStore.open(path, create=False).iter_units(), langs)
    from ..tmx.reader import iter_units

    return memory_words(iter_units(path), langs)


def read_lexicon(
    path: str | os.PathLike[str],
    langs: Sequence[str] | None = None,
    texts: Mapping[str, Sequence[str]] | None = None,
) -> CollectionCounts:
    """The co-occurrence counts in ``path``: a counts file (:func:`~tmtool.align.lexicon.write_counts`) as it
    is, or the units of a TMX file or tmtool TM folder counted by :func:`units_counts` (``langs``, ``texts`` as
    there). Warns (:class:`AlignmentWarning`) when a memory holds no unit with two of ``langs``. Errors name the
    file."""
    if not is_memory(path):
        return read_counts(path)
    counts = memory_counts(read_memory(path, langs), texts)
    if not counts.by_pair:
        which = f" with two of {', '.join(sorted({base(lang) for lang in langs}))}" if langs else ""
        warnings.warn(f"{path}: no translation unit{which}: it teaches the aligner nothing", AlignmentWarning,
                      stacklevel=2)
    return counts
