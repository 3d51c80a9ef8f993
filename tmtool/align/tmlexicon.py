"""Word co-occurrence counts from a translation memory the user already has (a TMX file or a tmtool TM).

A short document teaches the aligner few word pairs (:mod:`.lexicon`). A translation memory of the same field
holds units that people have already aligned: each unit that holds two of the languages being aligned counts as
one aligned link of that pair, and its words' co-occurrences add to what the document teaches, as the counts of
the other documents of a collection do (the aligner's ``background``; ``tmtool align --lexicon FILE.tmx`` or
``--lexicon TM_FOLDER``).
Words are the aligner's own word types (:func:`~tmtool.align.features.words`).

Keeping every word pair of a large memory would take more memory than the aligner (8,000 UN units in six
languages hold tens of millions of pairs with a word of one UN document): given the texts to align, only the
pairs that can still enter the lexicon once the texts' own links are added are kept (a word of the texts, and a
chance to reach the lexicon's count and Dice thresholds: the same lexicon as keeping all), while every word's own
count is kept; and a memory of more than :data:`MAX_UNITS` units counts a sample of that many, spread over the
whole file (a fixed-seed reservoir sample: the same file gives the same counts).
"""

from __future__ import annotations

import os
import random
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import numpy as np

from ..fileio import regular_file
from ..languages import base
from ..tmx.model import TranslationUnit
from .features import is_boilerplate, words
from .lexicon import MIN_DICE, MIN_PAIR_COUNT, CollectionCounts, Cooccurrence, read_counts
from .model import AlignmentWarning
from .pairwise import LEARN_SAMPLE

__all__ = ["MAX_UNITS", "MemoryWords", "counts_for", "is_memory", "is_tmx", "memory_counts", "memory_words",
           "read_lexicon", "read_memory", "read_source", "units_counts"]

# units counted at most (a sample beyond): the aligner learns from 4,000 links of a document at most, and 50,000
# units of a memory of the field teach far more while reading and counting them stays within seconds
MAX_UNITS = 50_000
CHUNK = 4096  # units whose word pairs are grouped at once


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


def memory_counts(memory: MemoryWords, texts: Mapping[str, Sequence[str]] | None = None) -> CollectionCounts:
    """Co-occurrence counts of every pair of languages of ``memory`` (:func:`memory_words`), one link per unit
    holding both. ``texts``: the segments to be aligned, by language; when given, only its languages count, and
    only the word pairs that can enter the lexicon the aligner learns for these texts from the memory and the
    texts' own links (those with a word of the texts and a chance to reach the lexicon's thresholds; the same
    lexicon as counting all, when no other counts are added)."""
    held: dict[str, Counter[str]] | None = None  # per language, each word of the texts: segments holding it
    wanted = None
    if texts is not None:
        held = {}
        for lang, segs in texts.items():
            held.setdefault(base(lang), Counter()).update(w for t in segs for w in words(t, lang))
        wanted = set(held)
    langs_found = sorted({lang for found in memory for lang, ws in found.items() if ws})
    coded = {lang: _Coded.of(memory, lang) for lang in langs_found if wanted is None or lang in wanted}
    out = CollectionCounts()
    for a, b in combinations(sorted(coded), 2):
        both = coded[a].present & coded[b].present
        if both.any():
            ca, cb = coded[a].only(both), coded[b].only(both)
            out.add(a, b, _count(ca, cb, *((held[a], held[b]) if held is not None else (None, None))))
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
    ``texts``: the segments to be aligned, by language; when given, only the word pairs that can still be learnt
    for them are kept (:func:`memory_counts`). More than ``max_units`` units holding two of the languages: a
    sample of that many, spread over them all."""
    return memory_counts(memory_words(units, langs, max_units=max_units), texts)


@dataclass(frozen=True)
class _Coded:
    """The words of one language of a memory as integer ids: ``unit`` and ``word`` (per word occurrence, units in
    order), ``names`` (id -> word, in the order words first occur), ``present`` (per unit: it holds the language)."""

    unit: np.ndarray
    word: np.ndarray
    names: list[str]
    present: np.ndarray

    @classmethod
    def of(cls, memory: MemoryWords, lang: str) -> _Coded:
        ids: dict[str, int] = {}
        units: list[int] = []
        codes: list[int] = []
        present = np.zeros(len(memory), dtype=bool)
        for k, found in enumerate(memory):
            ws = found.get(lang)
            if ws:
                present[k] = True
                codes.extend(ids.setdefault(w, len(ids)) for w in ws)
                units.extend([k] * len(ws))
        return cls(np.array(units, dtype=np.int64), np.array(codes, dtype=np.int64), list(ids), present)

    def only(self, units: np.ndarray) -> _Coded:
        """The occurrences in the units ``units`` (a mask over all units) marks."""
        keep = units[self.unit]
        return _Coded(self.unit[keep], self.word[keep], self.names, units)


def _count(ca: _Coded, cb: _Coded, held_a: Counter[str] | None = None,
           held_b: Counter[str] | None = None) -> Cooccurrence:
    """:meth:`Cooccurrence.of` the units of ``ca`` and ``cb`` (the same units), the word pairs counted with numpy
    and polars (8,000 UN units hold 80 million pair occurrences over 15 language pairs).

    ``held_a``, ``held_b``: for the texts to align, per word the number of their segments that hold it. Then only
    the pairs that can still be learnt once the texts' own links are added are kept (:meth:`Cooccurrence.lexicon`:
    seen in :data:`~tmtool.align.lexicon.MIN_PAIR_COUNT` links, Dice at least
    :data:`~tmtool.align.lexicon.MIN_DICE`). The texts' own links can add to a pair of two of their words at most
    as many as the fewer segments holding one of them (and :data:`~tmtool.align.pairwise.LEARN_SAMPLE`), and
    nothing to a pair with a word they lack; a pair that cannot reach the thresholds with that never competes in
    the lexicon, so it is the same, and the counts a small share of all."""
    import polars as pl

    unit_a, word_a, unit_b, word_b = ca.unit, ca.word, cb.unit, cb.word
    restrict = held_a is not None or held_b is not None
    in_a = np.array([(held_a or {}).get(w, 0) for w in ca.names], dtype=np.int64)
    in_b = np.array([(held_b or {}).get(w, 0) for w in cb.names], dtype=np.int64)
    count_a = np.bincount(word_a, minlength=len(ca.names))
    count_b = np.bincount(word_b, minlength=len(cb.names))
    parts = []  # per chunk: each pair's code, count and first position (a hash group-by: several times np.unique)
    offset = 0  # pairs of the earlier chunks
    bounds = np.arange(0, len(ca.present) + CHUNK, CHUNK)
    starts_a, starts_b = np.searchsorted(unit_a, bounds), np.searchsorted(unit_b, bounds)
    for c in range(len(starts_a) - 1):
        ra, rb = slice(starts_a[c], starts_a[c + 1]), slice(starts_b[c], starts_b[c + 1])
        x, y = _pairs(unit_a[ra], word_a[ra], unit_b[rb], word_b[rb])
        if restrict:  # what can never be learnt, judged by the words' counts alone (a pair is seen at most as
            # often as its rarer word): the pairs of a frequent word with a rare one, of two words seen once
            low = np.minimum(count_a[x], count_b[y]) + np.minimum(np.minimum(in_a[x], in_b[y]), LEARN_SAMPLE)
            mask = ((in_a[x] > 0) | (in_b[y] > 0)) & (low >= MIN_PAIR_COUNT) \
                & (2 * low >= MIN_DICE * (count_a[x] + count_b[y]))
            x, y = x[mask], y[mask]
        frame = pl.DataFrame({"code": (x << 32) | y, "pos": np.arange(offset, offset + len(x), dtype=np.int64)})
        parts.append(frame.group_by("code").agg(pl.len().cast(pl.Int64).alias("n"), pl.col("pos").min()))
        offset += len(x)
    # summed over the chunks, in the order the pairs first occur, as Cooccurrence.of counts them: the lexicon
    # breaks ties between equally good pairs by that order
    merged = pl.concat(parts).group_by("code").agg(pl.col("n").sum(), pl.col("pos").min()).sort("pos") \
        if parts else pl.DataFrame({"code": [], "n": []}, schema={"code": pl.Int64, "n": pl.Int64})
    total, n = merged["code"].to_numpy(), merged["n"].to_numpy()
    if restrict:
        x, y = total >> 32, total & 0xFFFFFFFF
        most = n + np.minimum(np.minimum(in_a[x], in_b[y]), LEARN_SAMPLE)  # with the texts' own links at most
        learnable = (most >= MIN_PAIR_COUNT) & (2 * most >= MIN_DICE * (count_a[x] + count_b[y]))
        total, n = total[learnable], n[learnable]
    names_a, names_b = ca.names, cb.names
    pairs = Counter(dict(zip(((names_a[i], names_b[j]) for i, j in zip((total >> 32).tolist(),
                                                                        (total & 0xFFFFFFFF).tolist())),
                             n.tolist())))
    return Cooccurrence(Counter({names_a[i]: c for i, c in enumerate(count_a.tolist()) if c}),
                        Counter({names_b[j]: c for j, c in enumerate(count_b.tolist()) if c}), pairs)


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


def read_source(path: str | os.PathLike[str], langs: Sequence[str] | None = None) -> CollectionCounts | MemoryWords:
    """What ``path`` holds to teach the aligner: a counts file's counts (:func:`~tmtool.align.lexicon.read_counts`),
    or the units of a memory (:func:`is_memory`) as word types (:func:`read_memory`), counted later for the texts
    to align (:func:`memory_counts`). Errors name the file."""
    if os.path.exists(path) and not os.path.isdir(path):
        regular_file(path)  # a FIFO: its sniffing for TMX read until a writer came, forever without one
    return read_memory(path, langs) if is_memory(path) else read_counts(path)


def counts_for(source: CollectionCounts | MemoryWords, texts: Mapping[str, Sequence[str]] | None = None
               ) -> CollectionCounts:
    """What ``source`` (:func:`read_source`) teaches the aligner of ``texts``: a counts file's counts as they are, a
    memory counted by :func:`memory_counts` for ``texts``."""
    return source if isinstance(source, CollectionCounts) else memory_counts(source, texts)


def read_lexicon(
    path: str | os.PathLike[str],
    langs: Sequence[str] | None = None,
    texts: Mapping[str, Sequence[str]] | None = None,
) -> CollectionCounts:
    """:func:`counts_for` ``texts`` of what ``path`` holds (:func:`read_source`; ``langs``: the languages read).
    Warns (:class:`AlignmentWarning`) when a memory holds no unit with two of ``langs``. Errors name the file."""
    source = read_source(path, langs)
    counts = counts_for(source, texts)
    if not isinstance(source, CollectionCounts) and not counts.by_pair:
        which = f" with two of {', '.join(sorted({base(lang) for lang in langs}))}" if langs else ""
        warnings.warn(f"{path}: no translation unit{which}: it teaches the aligner nothing", AlignmentWarning,
                      stacklevel=2)
    return counts
