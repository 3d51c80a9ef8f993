"""Word co-occurrence counts, the evidence the aligner's translation lexicon is learnt from.

The aligner bootstraps its lexicon from the confident 1-1 links of one document (:mod:`.pairwise`). A short
document teaches little: 36 sentences hold few word pairs seen twice. Counts add up across documents, so a
collection of documents of one language pair can teach one lexicon: :class:`Cooccurrence` holds the counts of one
oriented pair, :class:`CollectionCounts` those of every pair of a collection (what other documents taught, given
to the aligner as ``background``; see :func:`tmtool.align.collection.align_collection`).
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..errors import FormatError
from ..fileio import atomic_write_bytes, regular_file
from ..languages import base

__all__ = [
    "MIN_DICE", "MIN_PAIR_COUNT", "CollectionCounts", "Cooccurrence", "LinkCounts", "lexicon_tables", "read_counts",
    "write_counts",
]

MIN_PAIR_COUNT = 2  # a word pair must be seen in this many links
MIN_DICE = 0.25  # and reach this Dice coefficient


@dataclass
class Cooccurrence:
    """Word co-occurrence counts over aligned 1-1 links of one language pair (source -> target): how many links
    hold each source word type, each target word type, and each pair of them. Counts add (``a + b``) and
    subtract (``a - b``, for leaving one document's own counts out)."""

    src: Counter[str] = field(default_factory=Counter)
    tgt: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    @classmethod
    def of(cls, links: Iterable[tuple[Sequence[str], Sequence[str]]]) -> Cooccurrence:
        """Counts over ``links``, each given as the word types of its source side and of its target side."""
        return LinkCounts.of(links).cooccurrence()

    def __add__(self, other: Cooccurrence) -> Cooccurrence:
        return Cooccurrence(self.src + other.src, self.tgt + other.tgt, self.pairs + other.pairs)

    def __sub__(self, other: Cooccurrence) -> Cooccurrence:
        return Cooccurrence(self.src - other.src, self.tgt - other.tgt, self.pairs - other.pairs)

    def __bool__(self) -> bool:
        return bool(self.pairs)

    def copy(self) -> Cooccurrence:
        return Cooccurrence(Counter(self.src), Counter(self.tgt), Counter(self.pairs))

    def restricted(self, src_words: Iterable[str], tgt_words: Iterable[str]) -> Cooccurrence:
        """The counts a document with these source and target words can use: the pairs with at least one of
        their words in it (with their words' counts). Learning from ``own + restricted`` gives the same lexicon
        features for the document as ``own + self``: a pair with neither word in it never fires, and every pair
        that can compete for one of its words is kept, so "the best for one of its words" is judged the same."""
        xs, ys = set(src_words), set(tgt_words)
        pairs = Counter({(x, y): n for (x, y), n in self.pairs.items() if x in xs or y in ys})
        kept_s = {x for x, _ in pairs}
        kept_t = {y for _, y in pairs}
        return Cooccurrence(Counter({x: self.src[x] for x in kept_s}), Counter({y: self.tgt[y] for y in kept_t}),
                            pairs)

    def swapped(self) -> Cooccurrence:
        """The same counts seen from the other language."""
        return Cooccurrence(self.tgt, self.src, Counter({(y, x): c for (x, y), c in self.pairs.items()}))

    def lexicon(self, min_count: int = MIN_PAIR_COUNT) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The pairs of :meth:`lexicon_pairs` as pair features (:func:`lexicon_tables`)."""
        return lexicon_tables(self.lexicon_pairs(min_count))

    def lexicon_pairs(self, min_count: int = MIN_PAIR_COUNT) -> list[tuple[str, str]]:
        """The word pairs seen in at least ``min_count`` links with a Dice coefficient of at least
        :data:`MIN_DICE`, kept when the pair is the best for one of its two words."""
        return _lexicon_pairs(((k, c) for k, c in self.pairs.items() if c >= min_count), self.src, self.tgt)

    def pair_count(self, x: str, y: str) -> int:
        """The number of links that hold both ``x`` and ``y``."""
        return self.pairs.get((x, y), 0)


def _lexicon_pairs(counted: Iterable[tuple[tuple[str, str], int]], src: Counter[str], tgt: Counter[str]
                   ) -> list[tuple[str, str]]:
    """:meth:`Cooccurrence.lexicon_pairs` of the pairs ``counted`` (each with its count, those seen often enough, in
    the order they first occur: ties go to the first) and the words' counts ``src``, ``tgt``."""
    best_s: dict[str, tuple[float, str]] = {}
    best_t: dict[str, tuple[float, str]] = {}
    scored = []
    for (x, y), c in counted:
        dice = 2 * c / (src[x] + tgt[y])
        if dice < MIN_DICE:
            continue
        scored.append((x, y))
        if dice > best_s.get(x, (0.0, ""))[0]:
            best_s[x] = (dice, y)
        if dice > best_t.get(y, (0.0, ""))[0]:
            best_t[y] = (dice, x)
    # the best pair for one of its words (a stricter "and nearly the best for the other word" rule was tried on
    # dev: UN +0.001, Text+Berg -0.001, fr-zh -0.007 to -0.009; not kept)
    return [(x, y) for x, y in scored if best_s[x][1] == y or best_t[y][1] == x]


class LinkCounts:
    """The :class:`Cooccurrence` counts of one document's learning links, its word pairs kept as two numpy arrays
    (each pair as one integer code, and its count, in the order the pairs first occur) instead of a Counter of
    tuples: a link of two paragraphs of a hundred words holds ten thousand pairs, most seen once, and the aligner
    keeps the counts of every language pair it learnt (some 100 MB a pair as tuples for 800 such links). What the
    aligner asks of them, the lexicon and whether a pair was seen, is answered without building the tuples;
    :meth:`cooccurrence` builds them (for a collection's counts)."""

    def __init__(self, src: Counter[str], tgt: Counter[str], names_a: list[str], names_b: list[str],
                 code: np.ndarray, count: np.ndarray, first: np.ndarray) -> None:
        self.src, self.tgt = src, tgt
        self._names_a, self._names_b = names_a, names_b
        # each pair as one code (a's id << 32 | b's id), sorted, with its count and the place it first occurs
        self._code, self._count, self._order = code, count, np.argsort(first)
        self._ids: tuple[dict[str, int], dict[str, int]] | None = None  # word -> id, made on first use

    @classmethod
    def of(cls, links: Iterable[tuple[Sequence[str], Sequence[str]]]) -> LinkCounts:
        """Counts over ``links``, each given as the word types of its source side and of its target side (what
        ``Counter.update(product(a, b))`` over the links counts, in the same order)."""
        src: Counter[str] = Counter()
        tgt: Counter[str] = Counter()
        ids_a: dict[str, int] = {}
        ids_b: dict[str, int] = {}
        codes = [np.zeros(0, np.int64)]
        for a, b in links:
            src.update(a)
            tgt.update(b)
            x = np.fromiter((ids_a.setdefault(w, len(ids_a)) for w in a), np.int64, len(a))
            y = np.fromiter((ids_b.setdefault(w, len(ids_b)) for w in b), np.int64, len(b))
            codes.append(((x << 32)[:, None] | y).ravel())  # in product(a, b)'s order
        code, first, count = np.unique(np.concatenate(codes), return_index=True, return_counts=True)
        return cls(src, tgt, list(ids_a), list(ids_b), code, count, first)

    def __bool__(self) -> bool:
        return bool(len(self._code))

    def _pairs(self, min_count: int = 0) -> Iterator[tuple[tuple[str, str], int]]:
        """Each pair seen in ``min_count`` links or more, with its count, in the order the pairs first occur."""
        order = self._order if min_count <= 1 else self._order[self._count[self._order] >= min_count]
        code, names_a, names_b = self._code[order], self._names_a, self._names_b
        words = zip(map(names_a.__getitem__, (code >> 32).tolist()),
                    map(names_b.__getitem__, (code & 0xFFFFFFFF).tolist()))
        return zip(words, self._count[order].tolist())

    def cooccurrence(self) -> Cooccurrence:
        """The same counts as a :class:`Cooccurrence` (a new one each time)."""
        return Cooccurrence(Counter(self.src), Counter(self.tgt), Counter(dict(self._pairs())))

    def lexicon_pairs(self, min_count: int = MIN_PAIR_COUNT) -> list[tuple[str, str]]:
        """What :meth:`Cooccurrence.lexicon_pairs` gives for these counts."""
        return _lexicon_pairs(self._pairs(min_count), self.src, self.tgt)

    def pair_count(self, x: str, y: str) -> int:
        """The number of links that hold both ``x`` and ``y``."""
        if self._ids is None:
            self._ids = ({w: i for i, w in enumerate(self._names_a)}, {w: i for i, w in enumerate(self._names_b)})
        i, j = self._ids[0].get(x), self._ids[1].get(y)
        if i is None or j is None:
            return 0
        code = (i << 32) | j
        at = int(np.searchsorted(self._code, code))
        return int(self._count[at]) if at < len(self._code) and self._code[at] == code else 0


def lexicon_tables(pairs: Iterable[tuple[str, str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Word pairs as the aligner's pair features (``L:src|tgt``), by source word and by target word; a pair given
    twice counts once."""
    lex: dict[str, list[str]] = {}
    lex_t: dict[str, list[str]] = {}
    for x, y in dict.fromkeys(pairs):
        f = f"L:{x}|{y}"
        lex.setdefault(x, []).append(f)
        lex_t.setdefault(y, []).append(f)
    return lex, lex_t


@dataclass
class CollectionCounts:
    """:class:`Cooccurrence` counts per language pair, keyed by base language (``fr-CA`` counts as ``fr``), for
    a collection of documents. ``get(a, b)`` gives them oriented ``a`` -> ``b`` whichever way they were added."""

    by_pair: dict[tuple[str, str], Cooccurrence] = field(default_factory=dict)

    def add(self, a: str, b: str, counts: Cooccurrence) -> None:
        """Add ``counts`` (oriented ``a`` -> ``b``) to those of the pair (in place; ``counts`` is not changed)."""
        key, flip = self._key(a, b)
        counts = counts.swapped() if flip else counts
        mine = self.by_pair.get(key)
        if mine is None:
            self.by_pair[key] = counts.copy()
        else:
            mine.src.update(counts.src)
            mine.tgt.update(counts.tgt)
            mine.pairs.update(counts.pairs)

    def get(self, a: str, b: str) -> Cooccurrence | None:
        """The counts of the pair oriented ``a`` -> ``b``, or None when the collection has none."""
        key, flip = self._key(a, b)
        found = self.by_pair.get(key)
        if not found:
            return None
        return found.swapped() if flip else found

    def update(self, other: CollectionCounts) -> None:
        """Add every pair's counts of ``other`` to these (in place)."""
        for (a, b), c in other.by_pair.items():
            self.add(a, b, c)

    def __add__(self, other: CollectionCounts) -> CollectionCounts:
        out = CollectionCounts()
        out.update(self)
        out.update(other)
        return out

    def __sub__(self, other: CollectionCounts) -> CollectionCounts:
        return CollectionCounts({key: c - other.by_pair[key] if key in other.by_pair else c.copy()
                                 for key, c in self.by_pair.items()})

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter(self.by_pair)

    @staticmethod
    def _key(a: str, b: str) -> tuple[tuple[str, str], bool]:
        a, b = base(a), base(b)
        return ((a, b), False) if a <= b else ((b, a), True)


_COLUMNS = ("src_lang", "tgt_lang", "src_word", "tgt_word", "count")


def _schema() -> dict:
    import polars as pl

    return {"src_lang": pl.Utf8, "tgt_lang": pl.Utf8, "src_word": pl.Utf8, "tgt_word": pl.Utf8, "count": pl.Int64}


def write_counts(counts: CollectionCounts, path: str | os.PathLike[str]) -> None:
    """Write ``counts`` to a Parquet file (atomically), one row per count: columns ``src_lang``, ``tgt_lang``
    (base languages, ``src_lang < tgt_lang``), ``src_word``, ``tgt_word``, ``count``; a row with only
    ``src_word`` (``tgt_word`` null) counts the links holding that source word, one with only ``tgt_word`` the
    target word's, one with both the pair's."""
    import polars as pl

    parts = []
    for (a, b), c in counts.by_pair.items():
        words = [(x, None, n) for x, n in c.src.items()] + [(None, y, n) for y, n in c.tgt.items()] \
            + [(x, y, n) for (x, y), n in c.pairs.items()]
        x, y, n = (list(col) for col in zip(*words)) if words else ([], [], [])
        parts.append(pl.DataFrame({"src_lang": [a] * len(n), "tgt_lang": [b] * len(n), "src_word": x,
                                   "tgt_word": y, "count": n}, schema=_schema()))
    frame = pl.concat(parts) if parts else pl.DataFrame(schema=_schema())
    buf = io.BytesIO()
    frame.write_parquet(buf)
    atomic_write_bytes(path, buf.getvalue())


def read_counts(path: str | os.PathLike[str]) -> CollectionCounts:
    """Read a file written by :func:`write_counts`; :class:`~tmtool.errors.FormatError` naming the file when it
    is not one."""
    import polars as pl

    if os.path.lexists(path):  # a FIFO was read until a writer came, forever without one
        regular_file(path)
    try:
        frame = pl.read_parquet(path)
    except FileNotFoundError:
        raise FormatError("no such lexicon counts file", path) from None
    except Exception as exc:  # polars raises several kinds for a file that is not Parquet
        raise FormatError(f"not a Parquet file ({' '.join(str(exc).split())[:120]})", path) from None
    missing = [c for c in _COLUMNS if c not in frame.columns]
    if missing:
        raise FormatError(f"not a lexicon counts file (no column {', '.join(missing)})", path)
    out = CollectionCounts()
    for (a, b), part in frame.group_by(["src_lang", "tgt_lang"], maintain_order=True):
        if a is None or b is None:
            raise FormatError("a row without its languages", path)
        bad = part.filter(pl.col("count").is_null() | (pl.col("count") <= 0)
                          | (pl.col("src_word").is_null() & pl.col("tgt_word").is_null()))
        if len(bad):
            raise FormatError(f"a bad row for {a}-{b}: {bad.row(0)}", path)
        src = part.filter(pl.col("tgt_word").is_null())
        tgt = part.filter(pl.col("src_word").is_null())
        pairs = part.filter(pl.col("src_word").is_not_null() & pl.col("tgt_word").is_not_null())
        # one string object per word (polars gives one per row): a million pair counts take half the memory
        words = {w: w for w in (*src["src_word"].to_list(), *tgt["tgt_word"].to_list())}
        xs = [words.setdefault(w, w) for w in pairs["src_word"].to_list()]
        ys = [words.setdefault(w, w) for w in pairs["tgt_word"].to_list()]
        c = Cooccurrence(
            Counter(dict(zip(src["src_word"].to_list(), src["count"].to_list()))),
            Counter(dict(zip(tgt["tgt_word"].to_list(), tgt["count"].to_list()))),
            Counter(dict(zip(zip(xs, ys), pairs["count"].to_list()))),
        )
        out.add(str(a), str(b), c)
    return out
