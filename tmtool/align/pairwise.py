"""Aligning two segment lists: calibrate length, bootstrap a lexicon, search, give each link a confidence.

Pass 1 scores links by length agreement (ratio and variance learnt from the documents), anchors and cognates.
The confident 1-1 links of pass 1 then teach the length model and a word-association lexicon (Dice over
co-occurrence, mutual best pairs; from two versions where no dictionary seeds the pair, also the pairs IBM Model 1
learns from the same links: :mod:`.model1`), and pass 2 re-aligns with the lexicon as extra shared features.
Where a bilingual dictionary exists for the pair (Chinese or Arabic with English, French, Spanish or Russian:
:mod:`.dictionary`), its pairs found in the two texts are shared features from pass 1 on, as are the pairs of the
word lists the user gives (:mod:`.wordlists`). Where no dictionary exists, pass 2 on also weighs the cosine of the
segments in a latent space learnt from the links of the pass before (:mod:`.latent`). With an embedding model
(optional, :mod:`.embeddings`), the cosine of the segments' sentence embeddings is weighed beside the lexical one in
every pass, in the latent space's place, once the model has passed a check on the sure links of a first search made
without it (:func:`.embeddings.embedding_fit`); a model that fails it is left out for the pair.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

import numpy as np

from ..languages import base, dominant_script
from .collection import spread
from .dictionary import seed_lexicon, unrefuted
from .embeddings import EMBED_MIN_FIT, Embedder, MemoEmbedder, embedding_fit, segment_vectors
from .features import (
    FeatureHasher, anchors, char_length, cognates, cut_after, end_marks, is_boilerplate, is_debris, joined_at,
    leading_name, names, skeletons, words,
)
from .latent import learn_latent
from .lexicon import MIN_PAIR_COUNT, Cooccurrence, LinkCounts, lexicon_tables
from .model1 import model1_pairs
from .posterior import TEMPERATURE, link_posteriors
from .search import Bead, PairInput, Params, bead_terms, search
from .wordlists import WordList, WordListFeatures, wordlist_features

__all__ = ["Extra", "PairAligner", "ScoredBead", "TermMarker"]

TermMarker = Callable[[str, str], list[str]]  # (text, lang) -> glossary concept ids found in text
Extra = tuple[Sequence[Sequence[str]], Sequence[Sequence[str]]]  # extra features per segment, per side

SKELETONS = True  # consonant skeletons of names in pairs with Arabic
MERGE_BOTH_CUT = True  # join two 1-1 links when both versions are cut at the same place (gold: one 2-2)
RARE_ANCHOR = 2  # merge_crossing_anchors: an anchor held by at most this many segments of each side (3: lower)
RARE_WINDOW = 20  # ... within this many segments of the crossing (a name that recurs far away is still rare here)
CROSSING_MAX = 3  # merge_crossing_anchors: segments a side of a joined link at most
# a word-list pair stops counting once the lexicon (learnt from this document, or in a collection from the others
# too) holds one of its words, and weighs half its rarity. Text+Berg dev with FreeDict German-French (docs/
# alignment-rounds.md, "Fourteenth round"): without the back-off at weight 1 the whole document fell 0.9202 -> 0.8859
# (with it 0.9000); at 0.5 (and stems, compound heads) its parts alone gain 0.024, as collections 0.005, the whole
# document -0.004
WORDLIST_BACKOFF = True
WORDLIST_WEIGHT = 0.5
# once the document has taught a lexicon, a dictionary pair drops where the links the lexicon was learnt from hold its
# words but never together (dictionary.unrefuted; twenty-first round: UN dev documents two and four at a time +0.003)
SEED_REFUTE = True
# where a dictionary seeds the pair, the learnt lexicon keeps word pairs seen in this many links, not MIN_PAIR_COUNT:
# the dictionary already gives the sure pairs, and a pair seen twice is more often chance than help (twenty-second
# round: UN dev two files +0.0010, files joined two and four at a time +0.002 and +0.0004, six files equal; 4: lower)
SEEDED_MIN_PAIR_COUNT = 3
LEARN_SAMPLE = 4000  # links used to learn the lexicon at most
# where no dictionary seeds the pair, each pass after the first also weighs a latent space learnt from the last
# pass's links (latent.py), with LATENT_WEIGHT of the similarity's weight (twenty-third round: Text+Berg dev in 3-8
# parts 0.8826 -> 0.8971, rebuilt UN dev split two files 0.9670 -> 0.9686, six 0.9869 -> 0.9876; where a dictionary
# seeds the pair the Chinese pairs fell, en-zh from two files 0.9676 -> 0.9642). Off with sentence embeddings.
LATENT = True
LATENT_WEIGHT = 3.0
# where no dictionary seeds the pair and the pair is aligned from its two versions alone, the lexicon also takes the
# word pairs IBM Model 1 learns from the same links (model1.py; twenty-fourth round: Text+Berg dev in 3-8 parts
# 0.8971 -> 0.9004, as collections 0.9036 -> 0.9094, rebuilt UN dev split two files 1,357 -> 1,349 wrong links)
MODEL1 = True
# The first lexicon is learnt only from 1-1 links sharing some anchor or cognate (similarity >= 0.1): a link that
# fits the lengths but shares nothing is where the first pass errs, and its word pairs would hold that error in
# place (Text+Berg dev: 0.03-0.2 all give the same, 0.3 nothing). Later lexicons learn from every well-fitting 1-1
# link: a second filter (similarity >= 0) rose only on the whole Text+Berg dev document, not on either half of it nor
# on the UN documents taken one by one (docs/alignment-rounds.md, "Fifth round").
LEARN_MIN_SIM = 0.1
GLOSSARY_WEIGHT = 2.0  # multiplies the inverse-document-frequency weight of glossary concepts (UN dev: 1.0-3.0 tried)
FIT_MIN_CONFIDENCE = 0.5  # the links the embedding model is checked on: 1-1, at least this sure (the review threshold)
BRIDGE_WEIGHT = 0.5  # multiplies the weight of bridge features (links through a third version, see bridges.py);
# 0.75 until the eighth round, whose English readings carry part of what the bridges carried
# Put before every feature before it is hashed (features.FeatureHasher): "" in use; another salt draws another hash
# function, whose collisions move Text+Berg dev by up to 0.01 at 1,024 dimensions and 0.003 at 4,096 (the noise
# floor of a tuning comparison: `python -m benchmarks.align --hash-salts`, docs/alignment-rounds.md, 26th round).
HASH_SALT = ""
# (most segments on the longer side, hashing dimensions): fewer as documents grow, to bound memory and time (a side of
# 5,000 segments takes 80 MB at 4,096); 256 beyond. 1,024 up to 20,000 until the 26th round, when 4,096 for the
# shorter inputs narrowed the spread that collisions leave fourfold (Text+Berg dev in 3-8 parts, mean over eight salts
# 0.8975 (0.8912-0.9018) -> 0.9002 (0.8991-0.9018); UN dev six files 0.9867 -> 0.9877; short inputs take 1.4x as long).
# Not beyond 5,000: at 4,096 the 10,000-segment speed input takes 1.4x the time and 2.3x the peak memory (860 MiB;
# 28th round), and no development input is longer to show a gain.
HASH_DIMS = ((5_000, 4096), (20_000, 1024), (60_000, 512))
CENTRE_BLOCK = 1 << 20  # _centred: values a block of rows holds at most (8 MB of float64 sums)


@dataclass(frozen=True)
class ScoredBead:
    """A link between the two sides with its confidence (0..1)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float


SMALL = 30  # segments: below this the length ratio comes from the table, not the text
# characters per English character in UN documents (as features.char_length counts them), for short texts only
_CHAR_RATIO = {"en": 1.0, "fr": 1.17, "es": 1.16, "ru": 1.12, "ar": 0.93, "zh": 0.29, "de": 1.12, "ja": 0.45}


def _prior_ratio(a: str, b: str) -> float | None:
    ra, rb = _CHAR_RATIO.get(base(a)), _CHAR_RATIO.get(base(b))
    return rb / ra if ra and rb else None


def _centred(
    entries: tuple[np.ndarray, np.ndarray, np.ndarray], n: int, dim: int, alpha: float, width: int = 6,
    block_values: int = CENTRE_BLOCK,
) -> np.ndarray:
    """The hashed rows (``n`` x ``dim``, float32), each less ``alpha`` times the mean of the rows within ``width`` of
    it: what a passage shares with its neighbours (its topic) then counts less than what is particular to it;
    featureless rows stay empty. Built from the rows' nonzero terms (:meth:`FeatureHasher.entries`, in row order):
    each term goes to its own row and, scaled, to every row whose window holds it, so the work grows with the terms
    and not with rows times dimensions. A block of about ``block_values`` values (64 rows at least) at a time, so the
    float64 sums take a few MB whatever the length."""
    rows, cols, vals = entries
    out = np.empty((n, dim), dtype=np.float32)
    centre = alpha > 0 and n >= 3
    i = np.arange(n)
    count = (np.minimum(n, i + width + 1) - np.maximum(0, i - width)).astype(np.float64)
    shifts = range(-width, width + 1) if centre else ()
    block = max(64, block_values // max(1, dim))
    for a in range(0, n, block):
        b = min(n, a + block)
        lo, hi = np.searchsorted(rows, [a - width, b + width])  # the terms of the rows the block's windows read
        r, c, v = rows[lo:hi], cols[lo:hi], vals[lo:hi]
        own = (r >= a) & (r < b)
        keys, weights = [(r[own] - a) * dim + c[own]], [v[own]]
        for d in shifts:
            t = r + d
            inside = (t >= a) & (t < b)
            keys.append((t[inside] - a) * dim + c[inside])
            weights.append(-alpha * v[inside] / count[t[inside]])
        sums = np.bincount(np.concatenate(keys), np.concatenate(weights), minlength=(b - a) * dim)
        out[a:b] = sums.reshape(b - a, dim)
    if centre:
        featureless = np.ones(n, dtype=bool)
        featureless[rows] = False
        out[featureless] = 0.0
    return out


def _skip_costs(texts: Sequence[str], stray: np.ndarray, lengths: np.ndarray, p: Params) -> np.ndarray:
    """Cost of leaving each segment unlinked: low for layout lines and debris, else :attr:`Params.skip`."""
    debris = np.fromiter((is_debris(t) for t in texts), dtype=bool, count=len(texts))
    out = np.where((stray > 0) | debris, p.skip_boilerplate, p.skip)
    if p.short_fraction > 0 and len(texts) > 10:
        short = (lengths < p.short_fraction * np.median(lengths)) & (out == p.skip)
        out = np.where(short, p.skip * p.short_skip, out)
    return out


def _layout(
    texts: Sequence[str], p: Params
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray | None]:
    """Per segment of one side: length, layout line (1.0/0.0), cost of leaving it unlinked, cut before the next,
    two units joined in it, how it ends (only where the search uses it: ``p.end_gap``)."""
    stray = np.fromiter((is_boilerplate(t) for t in texts), dtype=np.float64, count=len(texts))
    lengths = char_length(texts)
    return (lengths, stray, _skip_costs(texts, stray, lengths, p), cut_after(texts), joined_at(texts),
            end_marks(texts) if p.end_gap else None)


def _has_number(bags: Sequence[Sequence[str]], weight: dict[str, float]) -> np.ndarray:
    """Per segment, 1.0 when it holds a number (anchor ``N:``) that the other version holds somewhere too."""
    return np.fromiter((any(f.startswith("N:") and f in weight for f in bag) for bag in bags), dtype=np.float64,
                       count=len(bags))


def _dim(n: int) -> int:
    """Hashing dimensions for a side of ``n`` segments (:data:`HASH_DIMS`)."""
    return next((dim for most, dim in HASH_DIMS if n <= most), 256)


@dataclass
class PairAligner:
    """Aligns texts of one language pair; keeps what it learnt (length model, lexicon) for later calls."""

    src_lang: str
    tgt_lang: str
    terms: TermMarker | None = None
    params: Params = field(default_factory=Params)
    ratio: float | None = None
    var: float | None = None
    lexicon: dict[str, list[str]] = field(default_factory=dict)  # src word -> pair features
    lexicon_t: dict[str, list[str]] = field(default_factory=dict)  # tgt word -> pair features
    passes: int = 3
    # features of one language's texts, shared by the aligners of several pairs over the same texts (the
    # caller guarantees that every aligner given the same dict sees the same texts for a language)
    shared: dict | None = field(default=None, repr=False, compare=False)
    # learn the lexicon only from links with some similarity (LEARN_MIN_SIM); the first round of the bridges does
    # better without (UN dev six files: mean 0.9669 with it, 0.9689 without; bridges.py)
    filter_lexicon: bool = True
    # start from the dictionary pairs found in the texts, where the pair has a dictionary (:mod:`.dictionary`)
    dictionary: bool = True
    # word lists the user gave (:mod:`.wordlists`): their pairs found in the two texts are shared features
    wordlists: tuple[WordList, ...] = ()
    # word co-occurrence counts learnt from other documents of the pair (a collection), added to this document's
    # own when the lexicon is learnt; ``counts`` keeps this document's own from the last learning
    background: Cooccurrence | None = field(default=None, repr=False, compare=False)
    counts: LinkCounts | None = field(default=None, repr=False, compare=False)
    # give each link a confidence (False: NaN, sparing the posterior's two passes, for links no one reads: those of
    # the first round of the bridges, which serve only as bridges)
    confidence: bool = True
    # sentence embeddings (optional, :mod:`.embeddings`): their cosine is weighed beside the lexical similarity
    embedder: Embedder | None = field(default=None, repr=False, compare=False)
    # the embedding model's check for this pair (:func:`.embeddings.embedding_fit`): None before it is made (or
    # found in the MemoEmbedder's figures), NaN where too few sure links could judge it; under EMBED_MIN_FIT the
    # model is left out
    embedding_fit: float | None = field(default=None, compare=False)
    # where no dictionary seeds the pair, add the word pairs IBM Model 1 learns from the same links to the lexicon
    # (:mod:`.model1`); the pair alignments of several versions go without (bridges.py): twenty-fourth round
    model1: bool = True

    # -- features -------------------------------------------------------------------------------------
    def _base(
        self, texts: Sequence[str], lang: str, extra: Sequence[Sequence[str]] | None = None
    ) -> tuple[list[list[str]], list[list[str]]]:
        """Features that do not depend on what was learnt (anchors, cognates, glossary, ``extra`` given per
        segment, such as bridge features) and word types."""
        skeleton = SKELETONS and "ar" in (base(self.src_lang), base(self.tgt_lang))
        key = (lang, skeleton, id(texts), len(texts))
        if self.shared is not None and key in self.shared:
            bags, wordbags = self.shared[key]
        else:
            script = dominant_script(" ".join(texts[:200]))[0] if texts else "Latin"
            bags, wordbags = [], []
            for t in texts:
                if is_boilerplate(t):
                    bags.append([])
                    wordbags.append([])
                    continue
                bag = anchors(t) + cognates(t, script)
                if skeleton:
                    bag += skeletons(t, script)
                if self.terms is not None:
                    bag += ["G:" + c for c in self.terms(t, lang)]
                bags.append(bag)
                wordbags.append(words(t, lang))
            if self.shared is not None:
                self.shared[key] = (bags, wordbags)
        if extra is not None:
            bags = [bag if is_boilerplate(t) else bag + list(e) for bag, e, t in zip(bags, extra, texts)]
        return bags, wordbags

    def _bags(
        self, own: tuple[list[list[str]], list[list[str]]], seed: dict[str, list[str]], side: int
    ) -> list[list[str]]:
        """The features of each segment of one side: its own (``own``: that side's features and word types from
        :meth:`_base`), plus the pairs of the lexicon and of the dictionary (``seed``, that side's table of
        :func:`~tmtool.align.dictionary.seed_lexicon`) that its words take part in."""
        tables = [t for t in ((self.lexicon, self.lexicon_t)[side], seed) if t]
        if not tables:
            return own[0]
        out = []
        for bag, ws in zip(*own):
            extra = [f for table in tables for w in ws for f in table.get(w, ())]
            out.append(bag + extra if extra else bag)
        return out

    def _seed(self, cache: dict) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The dictionary pairs of these texts (``cache["seed"]``); once this document has taught a lexicon, those
        that its learning links do not refute (:func:`~tmtool.align.dictionary.unrefuted`, :data:`SEED_REFUTE`)."""
        seed = cache["seed"]
        if not SEED_REFUTE or self.counts is None or not (seed[0] or seed[1]):
            return seed
        if cache.get("seed_counts") is not self.counts:  # the counts of the last learning, kept alive by the cache
            cache["seed_counts"], cache["seed_unrefuted"] = self.counts, unrefuted(seed, self.counts)
        return cache["seed_unrefuted"]

    def _wordlist_bags(
        self, bs: list[list[str]], bt: list[list[str]], found: WordListFeatures
    ) -> tuple[list[list[str]], list[list[str]]]:
        """``bs``, ``bt`` with the word-list pairs (``found``: :func:`~tmtool.align.wordlists.wordlist_features`)
        whose words the learnt lexicon does not hold yet: where the document has taught the aligner a word (one of
        the words of the texts behind the pair, as a lexicon word type), its own evidence replaces the word
        list's (WORDLIST_BACKOFF)."""
        def taught(surface: frozenset[str], lang: str, lexicon: dict[str, list[str]]) -> bool:
            return any(t in lexicon for w in surface for t in words(w, lang))

        kept = set(found.words)
        if WORDLIST_BACKOFF and (self.lexicon or self.lexicon_t):
            kept = {f for f, (xs, ys) in found.words.items()
                    if not (taught(xs, self.src_lang, self.lexicon) or taught(ys, self.tgt_lang, self.lexicon_t))}

        def add(bags: list[list[str]], extra: list[list[str]]) -> list[list[str]]:
            return [bag + [f for f in e if f in kept] if e else bag for bag, e in zip(bags, extra)]

        return add(bs, found.src), add(bt, found.tgt)

    def _features(self, src: Sequence[str], tgt: Sequence[str], cache: dict, extra: Extra | None) -> None:
        """Fill ``cache`` with what does not change between passes: each side's :meth:`_base` features and word
        types, and the dictionary pairs of these texts (what the lexicon holds before anything is learnt)."""
        if "s" not in cache:
            cache["s"] = self._base(src, self.src_lang, extra[0] if extra else None)
            cache["t"] = self._base(tgt, self.tgt_lang, extra[1] if extra else None)
            cache["seed"] = seed_lexicon(self.src_lang, self.tgt_lang, cache["s"][1], cache["t"][1]) \
                if self.dictionary else ({}, {})
            if self.wordlists:
                found = wordlist_features(self.wordlists, self.src_lang, self.tgt_lang, src, tgt)
                cache["wl"] = found._replace(
                    src=[[] if is_boilerplate(t) else w for w, t in zip(found.src, src)],
                    tgt=[[] if is_boilerplate(t) else w for w, t in zip(found.tgt, tgt)])

    def _input(
        self, src: Sequence[str], tgt: Sequence[str], cache: dict | None = None, extra: Extra | None = None,
        *, model: bool = True,
    ) -> tuple[PairInput, list[list[str]], list[list[str]]]:
        cache = cache if cache is not None else {}
        self._features(src, tgt, cache, extra)
        seed = self._seed(cache)
        bs, ws = self._bags(cache["s"], seed[0], 0), cache["s"][1]
        bt, wt = self._bags(cache["t"], seed[1], 1), cache["t"][1]
        if "wl" in cache:
            bs, bt = self._wordlist_bags(bs, bt, cache["wl"])
        df_s = Counter(f for b in bs for f in set(b))
        df_t = Counter(f for b in bt for f in set(b))
        total = len(src) + len(tgt) + 1
        weight = {f: math.log(total / (df_s[f] + df_t[f])) for f in df_s.keys() & df_t.keys()}
        for f in weight:
            if f.startswith("G:"):
                weight[f] *= GLOSSARY_WEIGHT
            elif f.startswith("B:"):
                weight[f] *= BRIDGE_WEIGHT
            elif f.startswith("W:"):
                weight[f] *= WORDLIST_WEIGHT
        hasher = FeatureHasher(_dim(max(len(src), len(tgt))), HASH_SALT)
        if "layout" not in cache:  # what does not change between the passes of one alignment
            cache["layout"] = _layout(src, self.params), _layout(tgt, self.params)
        (ls, stray_s, skip_s, cut_s, join_s, end_s), (lt, stray_t, skip_t, cut_t, join_t, end_t) = cache["layout"]
        ratio = self.ratio
        if ratio is None:
            a, b = ls[stray_s == 0].sum(), lt[stray_t == 0].sum()
            ratio = float(b / a) if a > 0 and b > 0 else 1.0
            prior = _prior_ratio(self.src_lang, self.tgt_lang)
            if prior is not None and min(len(src), len(tgt)) < SMALL:
                ratio = prior  # a few omissions would skew the ratio of a short text
        var = self.var if self.var is not None else 6.8 * ratio * ratio
        p = self.params
        eu = ev = None
        if self._embeddings_on():
            if "embedded" not in cache:
                cache["embedded"] = segment_vectors(self.embedder, src), segment_vectors(self.embedder, tgt)
            if model:  # False: the model check's first search, which goes without the model
                eu, ev = cache["embedded"]
        latent = cache.get("latent")  # only where no embedding model is used (:meth:`align`)
        if latent is not None:
            eu, ev = latent.vectors(src, ws, 0), latent.vectors(tgt, wt, 1)
        inp = PairInput(
            u=_centred(hasher.entries(bs, weight), len(bs), hasher.dim, p.centre),
            v=_centred(hasher.entries(bt, weight), len(bt), hasher.dim, p.centre),
            len_s=ls,
            len_t=lt,
            skip_s=skip_s,
            skip_t=skip_t,
            stray_s=stray_s,
            stray_t=stray_t,
            cut_s=cut_s,
            cut_t=cut_t,
            ratio=ratio,
            var=var,
            join_s=join_s,
            join_t=join_t,
            num_s=_has_number(bs, weight) if p.number_gap else None,  # only where the search uses them
            num_t=_has_number(bt, weight) if p.number_gap else None,
            end_s=end_s,
            end_t=end_t,
            eu=eu,
            ev=ev,
        )
        return inp, ws, wt

    # -- learning -------------------------------------------------------------------------------------
    def _learn(
        self, inp: PairInput, beads: list[Bead], ws: list[list[str]], wt: list[list[str]], min_sim: float = -math.inf,
        background: Cooccurrence | None = None, min_count: int = MIN_PAIR_COUNT, model1: bool = False,
    ) -> None:
        """Learn the length model from the 80% best-fitting 1-1 links, and the lexicon from those of them with a
        similarity of at least ``min_sim``, their word counts added to ``background`` (other documents'): the word
        pairs seen in at least ``min_count`` of them (:meth:`~tmtool.align.lexicon.Cooccurrence.lexicon_pairs`),
        and with ``model1`` those IBM Model 1 learns from the document's own links (:mod:`.model1`)."""
        ones = [b for b in beads if b[1] - b[0] == 1 and b[3] - b[2] == 1 and not inp.stray_s[b[0]]]
        if len(ones) < 5:
            return
        terms = [bead_terms(inp, b) for b in ones]
        ls = np.array([inp.len_s[b[0]] for b in ones])
        lt = np.array([inp.len_t[b[2]] for b in ones])
        d2 = np.array([t[1] for t in terms])
        good = d2 <= np.quantile(d2, 0.8)
        if good.sum() >= 5:
            self.ratio = float(lt[good].sum() / max(ls[good].sum(), 1.0))
            var = inp.var * float(np.median(d2[good])) / 0.455 / 0.8  # median of chi2(1) is 0.455
            self.var = float(min(max(var, 0.02 * self.ratio), 40 * self.ratio * self.ratio))
        sims = np.array([t[0] for t in terms])
        chosen = [b for b, g, s in zip(ones, good, sims) if g and s >= min_sim]
        chosen = [chosen[k] for k in spread(len(chosen), LEARN_SAMPLE)]
        links = [(ws[s0], wt[t0]) for s0, _, t0, _ in chosen]
        self.counts = LinkCounts.of(links)
        if background is not None:
            pairs = (self.counts.cooccurrence() + background).lexicon_pairs(min_count)
        else:
            pairs = self.counts.lexicon_pairs(min_count)
        if model1:
            pairs += model1_pairs(links)
        self.lexicon, self.lexicon_t = lexicon_tables(pairs)

    # -- alignment ------------------------------------------------------------------------------------
    def align(
        self, src: Sequence[str], tgt: Sequence[str], *, learn: bool = True, extra: Extra | None = None
    ) -> list[ScoredBead]:
        """Align ``src`` with ``tgt``; with ``learn``, bootstrap the length model and lexicon first.

        ``extra``: more shared features per segment of each side (``(src_bags, tgt_bags)``), e.g. the bridge
        features of :mod:`tmtool.align.bridges`."""
        cache: dict = {}
        self._features(src, tgt, cache, extra)
        background = None
        seeded = bool(cache["seed"][0] or cache["seed"][1])  # a dictionary seeds the pair (:mod:`.dictionary`)
        min_count = SEEDED_MIN_PAIR_COUNT if seeded else MIN_PAIR_COUNT
        if learn and self.background:
            # what other documents taught, cut once to what these texts can use (the same lexicon features)
            background = self.background.restricted(_types(cache["s"][1]), _types(cache["t"][1]))
            if not self.lexicon:
                self.lexicon, self.lexicon_t = background.lexicon(min_count)  # from pass 1 on
        inp, ws, wt, beads = self._first_search(src, tgt, cache, extra)
        latent = LATENT and not self._embeddings_on() and not seeded
        model1 = MODEL1 and self.model1 and not seeded
        for k in range(self.passes - 1 if learn else 0):
            if len(beads) < 5:
                break
            self._learn(inp, beads, ws, wt, LEARN_MIN_SIM if k == 0 and self.filter_lexicon else -math.inf,
                        background=background, min_count=min_count, model1=model1)
            if latent:
                cache["latent"] = learn_latent(beads, ws, wt, (inp.stray_s, inp.stray_t))
            inp, ws, wt = self._input(src, tgt, cache)
            beads = search(inp, self._params(cache))
        beads = merge_crossing_anchors(beads, _crossing(cache["s"][0], src), _crossing(cache["t"][0], tgt))
        return self._finish(inp, beads, src, tgt, self._params(cache))

    def _first_search(
        self, src: Sequence[str], tgt: Sequence[str], cache: dict, extra: Extra | None
    ) -> tuple[PairInput, list[list[str]], list[list[str]], list[Bead]]:
        """Pass 1, the search before anything is learnt. With an embedding model not yet checked for this pair, it
        runs without the model, the model is checked on its links (:meth:`_check_embeddings`), and it runs again
        with the model where the model passes."""
        if self.embedding_fit is None and isinstance(self.embedder, MemoEmbedder):  # checked earlier in this run
            self.embedding_fit = self.embedder.fits.get(frozenset((self.src_lang, self.tgt_lang)))
        check = self.embedder is not None and self.embedding_fit is None
        inp, ws, wt = self._input(src, tgt, cache, extra, model=not check)
        beads = search(inp, self.params)
        if check:
            self._check_embeddings(inp, beads, cache["embedded"])
            if self._embeddings_on():
                inp, ws, wt = self._input(src, tgt, cache)
                beads = search(inp, self.params)
        return inp, ws, wt, beads

    def _embeddings_on(self) -> bool:
        """Whether the embedding model's cosine enters the search: a model is given and has not failed its check."""
        fit = self.embedding_fit
        return self.embedder is not None and not (fit is not None and fit < EMBED_MIN_FIT)

    def _check_embeddings(self, inp: PairInput, beads: list[Bead], rows: tuple[np.ndarray, np.ndarray]) -> None:
        """Check the embedding model (``rows``: both sides' :func:`~.embeddings.segment_vectors`) on the sure 1-1
        links of ``beads``, found without it (:func:`~.embeddings.embedding_fit`); a :class:`MemoEmbedder` keeps
        the figure for the rest of the run."""
        sure = confidences(link_features(inp, beads, self.params)) >= FIT_MIN_CONFIDENCE
        links = [(b[0], b[2]) for b, ok in zip(beads, sure) if ok and b[1] - b[0] == 1 and b[3] - b[2] == 1]
        self.embedding_fit = embedding_fit(rows[0], rows[1], links)
        if isinstance(self.embedder, MemoEmbedder) and not math.isnan(self.embedding_fit):
            self.embedder.fits[frozenset((self.src_lang, self.tgt_lang))] = self.embedding_fit

    def _params(self, cache: dict) -> Params:
        """The search's weights: with a latent space (:mod:`.latent`) in ``cache``, :data:`LATENT_WEIGHT` of the
        similarity's weight goes to the cosine of its vectors."""
        if cache.get("latent") is None:
            return self.params
        return replace(self.params, sim_weight=self.params.sim_weight - LATENT_WEIGHT, embed_weight=LATENT_WEIGHT)

    def _finish(
        self, inp: PairInput, beads: list[Bead], src: Sequence[str], tgt: Sequence[str], params: Params,
    ) -> list[ScoredBead]:
        conf = confidences(link_features(inp, beads, params)) if self.confidence else np.full(len(beads), np.nan)
        out = [ScoredBead(tuple(range(b[0], b[1])), tuple(range(b[2], b[3])), float(c)) for b, c in zip(beads, conf)]
        return merge_cut_orphans(out, src, tgt, (inp.cut_s, inp.cut_t))


FEATURES = ("bias", "length", "skip", "skip_layout", "extra_segments", "next_to_irregular", "posterior")
# Logistic weights fitted on the development set (UN 6-way doc0-doc1, all 15 pairs, each aligned both from its two
# files alone and with the other four versions as bridges) to predict "this link is exactly a gold link"; the bias
# is then lowered so that links under confidence 0.5 hold most errors. Fitted with `python -m benchmarks.align
# --fit-confidence` (nineteenth round; before it, the link's similarity and its similarity if 1-1 were features
# too: given the posterior, which sums the similarity of every rival, they took negative weights, so that a sure
# link of high similarity fell under the threshold): 14,092 links, 530 wrong; bias 0.927 shifted by -2.873 so that
# on the fitting links 80% of the wrong ones fall under 0.5.
WEIGHTS = np.array([-1.946, -0.075, 0.174, 10.762, -0.291, 0.35, 0.956])
POSTERIOR_CAP = 6.0  # the posterior enters as its log-odds, within +-6 (0.0025..0.9975)


def link_features(inp: PairInput, beads: list[Bead], params: Params) -> np.ndarray:
    """One row of :data:`FEATURES` per link of the chain ``beads`` (which covers both sides)."""
    x = np.zeros((len(beads), len(FEATURES)))
    temperature = TEMPERATURE
    if inp.eu is not None and params.sim_weight > 0:
        # sentence embeddings add a second similarity term: costs spread the more, and the posterior would grow
        # surer of every link, right or wrong; the temperature grows with them, so that the weights fitted without
        # embeddings keep their meaning (a simulated model on Text+Berg dev, benchmarks.embeddings: links under 0.5
        # 16% holding 22 of 38 wrong ones at the plain temperature, 46% holding 35 of 38 with it; none: 43%, 30)
        temperature *= (params.sim_weight + params.embed_weight) / params.sim_weight
    post = link_posteriors(inp, params, beads, temperature)
    with np.errstate(divide="ignore"):
        x[:, -1] = np.clip(np.log(post) - np.log1p(-post), -POSTERIOR_CAP, POSTERIOR_CAP)
    irregular = np.array([(b[1] - b[0]) != 1 or (b[3] - b[2]) != 1 for b in beads], dtype=bool)
    for k, b in enumerate(beads):
        s0, s1, t0, t1 = b
        a, c = s1 - s0, t1 - t0
        d2 = bead_terms(inp, b)[1]
        skip = a == 0 or c == 0
        layout = bool(inp.stray_s[s0:s1].sum() + inp.stray_t[t0:t1].sum())
        near = (k > 0 and irregular[k - 1]) or (k + 1 < len(beads) and irregular[k + 1])
        x[k, :-1] = (1.0, min(math.log1p(d2 / 2), 5.0), skip and not layout, skip and layout,
                     max(0, a + c - 2) if not skip else 0, near)
    return x


def confidences(x: np.ndarray) -> np.ndarray:
    """Confidence of each link (0..1) from its :func:`link_features`."""
    return 1.0 / (1.0 + np.exp(-(x @ WEIGHTS)))


def _list_item(text: str) -> bool:
    """Ends like an item of a list whose items end in commas or semicolons (not a piece of a cut paragraph)."""
    return text.rstrip()[-1:] in (",", ";", "，", "；", "،", "؛", "、")


def _types(wordbags: Sequence[Sequence[str]]) -> set[str]:
    """Every word type of one side."""
    return {w for ws in wordbags for w in ws}


class Crossing(NamedTuple):
    """Per segment of one side, what :func:`merge_crossing_anchors` looks at."""

    cross: Sequence[frozenset[str]]  # anchors that can cross two links: numbers and names
    held: Sequence[frozenset[str]]  # anchors that hold a crossing back: numbers and every cognate stem
    leading: Sequence[frozenset[str]]  # a name that may be only a capitalised first word (features.leading_name)


def _crossing(bags: Sequence[Sequence[str]], texts: Sequence[str]) -> Crossing:
    """The :class:`Crossing` of one side (``Parties`` in one version is ``parties`` in the other, so every cognate
    stem holds a crossing back)."""
    numbers = [frozenset(f for f in bag if f.startswith("N:")) for bag in bags]
    held = [frozenset(f for f in bag if f.startswith(("N:", "C:"))) for bag in bags]
    return Crossing([n | frozenset(names(t)) for n, t in zip(numbers, texts)], held,
                    [frozenset(leading_name(t)) for t in texts])


def _positions(sets: Sequence[frozenset[str]]) -> dict[str, list[int]]:
    """Each anchor's segment numbers, ascending."""
    out: dict[str, list[int]] = {}
    for k, held in enumerate(sets):
        for f in held:
            out.setdefault(f, []).append(k)
    return out


def merge_crossing_anchors(beads: list[Bead], src: Crossing, tgt: Crossing) -> list[Bead]:
    """Join two consecutive links when a rare anchor (a number or a name) crosses them: it is in the source of one
    and the target of the other, and neither the other side of its own link nor of the other link holds it (nor a
    word of the same cognate stem). Translators keep numbers and names but not sentence boundaries: ``... hatten
    Stunden gekostet, 250 Höhenmeter erforderten zwei Tage.`` / ``... coûtèrent des heures d'efforts.`` + ``Il
    fallut deux jours pour gravir 250 m. ...`` is one 2-2 link, not two 1-1 links; so is ``G.O.Dyhrenfurth :`` +
    ``« Dämon Himalaya » ( Basel :`` + ``Benno Schwabe 1935 ) .`` / ``G.O.Dyhrenfurth , Dämon Himalaya .`` +
    ``Benno Schwabe , Basel 1935 .`` (``Basel`` crosses).
    On one of the two crossed sides the name may be the first word (``7. Kangchenjunga ... Chef Ch.Evans ;`` +
    ``équipes du sommet G.Band-J .`` / ``7. Kangchendzönga ... Leiter Ch .`` + ``Evans , Gipfelmannschaften G.
    Band-J .``), not on both: any sentence capitalises its first word. An anchor is rare when at most
    :data:`RARE_ANCHOR` segments of each side within :data:`RARE_WINDOW` segments of the first link hold it (the
    leader of an expedition is named throughout a report, but rarely twice in one passage); the joined link holds at
    most :data:`CROSSING_MAX` segments a side. (Numbers, eleventh round: Text+Berg dev 0.8785 -> 0.8840; names,
    twelfth round: 0.8945 -> 0.9060; first words and the window, thirteenth round: 0.9060 -> 0.9202; UN material
    equal within noise.)"""
    wide_s = [c | f for c, f in zip(src.cross, src.leading)]
    wide_t = [c | f for c, f in zip(tgt.cross, tgt.leading)]
    at_s, at_t = _positions(wide_s), _positions(wide_t)

    def rare(f: str, s: int, t: int) -> bool:
        """At most RARE_ANCHOR segments of each side within RARE_WINDOW of source ``s`` and target ``t`` hold f."""
        return all(bisect_right(at, k + RARE_WINDOW) - bisect_left(at, k - RARE_WINDOW) <= RARE_ANCHOR
                   for at, k in ((at_s[f], s), (at_t[f], t)))

    def side(sets: Sequence[frozenset[str]], lo: int, hi: int) -> set[str]:
        return set().union(*sets[lo:hi])

    def crossed(s0: int, s1: int, t0: int, t1: int) -> set[str]:
        """Anchors of source segments s0:s1 and target segments t0:t1, a name or number on at least one side."""
        return (side(src.cross, s0, s1) & side(wide_t, t0, t1)) | (side(wide_s, s0, s1) & side(tgt.cross, t0, t1))

    out: list[Bead] = []
    for b in beads:
        if out:
            p = out[-1]
            if (p[1] > p[0] and p[3] > p[2] and b[1] > b[0] and b[3] > b[2]
                    and b[1] - p[0] <= CROSSING_MAX and b[3] - p[2] <= CROSSING_MAX):
                # source of p with target of b, and source of b with target of p, less what the straight sides hold
                across = crossed(p[0], p[1], b[2], b[3]) - side(tgt.held, p[2], p[3]) - side(src.held, b[0], b[1])
                across |= crossed(b[0], b[1], p[2], p[3]) - side(tgt.held, b[2], b[3]) - side(src.held, p[0], p[1])
                if any(rare(f, p[0], p[2]) for f in across):
                    out[-1] = (p[0], b[1], p[2], b[3])
                    continue
        out.append(b)
    return out


def merge_cut_orphans(
    beads: list[ScoredBead], src: Sequence[str], tgt: Sequence[str], cuts: tuple[np.ndarray, np.ndarray]
) -> list[ScoredBead]:
    """Join two consecutive unlinked pieces of one side when a page break looks to have cut them apart (``cuts``:
    :func:`.features.cut_after` of both sides, as the search used them)."""
    strong = (cut_after(src, strict=True), cut_after(tgt, strict=True))
    out: list[ScoredBead] = []
    for b in beads:
        if out:
            prev = out[-1]
            joined = None
            if prev.src and b.src and not prev.tgt and not b.tgt and cuts[0][prev.src[-1]] and len(prev.src) == 1:
                joined = ScoredBead(prev.src + b.src, (), min(prev.confidence, b.confidence))
            elif prev.tgt and b.tgt and not prev.src and not b.src and cuts[1][prev.tgt[-1]] and len(prev.tgt) == 1:
                joined = ScoredBead((), prev.tgt + b.tgt, min(prev.confidence, b.confidence))
            elif (MERGE_BOTH_CUT and prev.src and prev.tgt and b.src and b.tgt and strong[0][prev.src[-1]]
                  and strong[1][prev.tgt[-1]] and len(prev.src) + len(b.src) + len(prev.tgt) + len(b.tgt) == 4
                  and not _list_item(src[b.src[0]]) and not _list_item(tgt[b.tgt[0]])):
                # both versions cut at the same place: the pieces are one paragraph on each side
                joined = ScoredBead(prev.src + b.src, prev.tgt + b.tgt, min(prev.confidence, b.confidence))
            if joined is not None:
                out[-1] = joined
                continue
        out.append(b)
    return out
