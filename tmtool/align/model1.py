"""Word pairs learnt by IBM Model 1 from the aligner's links: what a link's other words leave unexplained.

The lexicon of :mod:`.lexicon` keeps a word pair by how often its two words share a link (Dice over
co-occurrence counts): a pair seen once says nothing there, and a word seen twice beside the same frequent partner
is easily mistaken for it. IBM Model 1 (Brown et al., *The mathematics of statistical machine translation*, 1993)
instead shares each word of a link's one side out among the words of the other side, by how well each explains it
across all the links, and re-estimates by expectation maximisation: where the other words of a link are explained
by pairs seen elsewhere, what is left pairs up ("explaining away"), even from a single link. Both directions are
learnt (each side's words explain the other's, with an empty word that explains words without a counterpart), and a
word pair is kept where each direction gives it a probability of at least :data:`MODEL1_THRESHOLD`.

The pairs are added to the Dice lexicon's (:meth:`.pairwise.PairAligner._learn`), never replace them. Measured in
the twenty-fourth round (docs/alignment-rounds.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .collection import spread

__all__ = ["MODEL1_ITERATIONS", "MODEL1_MAX_PAIRS", "MODEL1_THRESHOLD", "model1_pairs"]

MODEL1_ITERATIONS = 10  # rounds of expectation maximisation
MODEL1_THRESHOLD = 0.2  # a pair is kept where p(target | source) and p(source | target) both reach this
MODEL1_MAX_PAIRS = 1_000_000  # word pairs over all links at most, for time (links are spread evenly down to it)


def model1_pairs(
    links: Sequence[tuple[Sequence[str], Sequence[str]]], iterations: int = MODEL1_ITERATIONS,
    threshold: float = MODEL1_THRESHOLD,
) -> list[tuple[str, str]]:
    """The word pairs ``(source, target)`` that Model 1, learnt both ways over ``links`` (each the word types of
    its source side and of its target side), gives a probability of at least ``threshold`` in each direction.
    Links with an empty side teach nothing and are left out."""
    links = [(a, b) for a, b in links if a and b]
    size = sum(len(a) * len(b) for a, b in links)
    if size > MODEL1_MAX_PAIRS:
        keep = int(len(links) * MODEL1_MAX_PAIRS / size)
        links = [links[k] for k in spread(len(links), keep)] if keep else []
    if not links:
        return []
    src_ids: dict[str, int] = {}
    tgt_ids: dict[str, int] = {}
    coded = [(np.array([src_ids.setdefault(w, len(src_ids)) for w in dict.fromkeys(a)], dtype=np.int64),
              np.array([tgt_ids.setdefault(w, len(tgt_ids)) for w in dict.fromkeys(b)], dtype=np.int64))
             for a, b in links]
    n_src, n_tgt = len(src_ids), len(tgt_ids)
    forward = _translation(coded, n_src, n_tgt, iterations, threshold)
    backward = _translation([(b, a) for a, b in coded], n_tgt, n_src, iterations, threshold)
    both = np.intersect1d(forward, (backward % n_src) * n_tgt + backward // n_src)  # as source * n_tgt + target
    src_words, tgt_words = list(src_ids), list(tgt_ids)
    return [(src_words[x], tgt_words[y]) for x, y in zip((both // n_tgt).tolist(), (both % n_tgt).tolist())]


def _translation(
    links: list[tuple[np.ndarray, np.ndarray]], n_src: int, n_tgt: int, iterations: int, threshold: float
) -> np.ndarray:
    """The word pairs to which Model 1 over ``links`` (word ids of each side) gives ``p(target | source) >=
    threshold``, as ``source * n_tgt + target``. The empty word is source id ``n_src``; it starts from the uniform
    distribution over the pairs seen."""
    src_len = np.array([len(a) + 1 for a, _ in links])  # with the empty word
    tgt_len = np.array([len(b) for _, b in links])
    sources = np.concatenate([np.append(a, n_src) for a, _ in links])
    targets = np.concatenate([b for _, b in links])
    # one group per target word of each link: the word beside each source word of its link (and the empty word)
    size = np.repeat(src_len, tgt_len)
    starts = np.concatenate(([0], np.cumsum(size)[:-1]))
    first_source = np.repeat(np.repeat(np.cumsum(src_len) - src_len, tgt_len), size)
    x = sources[first_source + np.arange(size.sum()) - np.repeat(starts, size)]
    y = np.repeat(targets, size)
    pairs, pair_of = np.unique(x * n_tgt + y, return_inverse=True)  # each (source, target) once
    pair_src = pairs // n_tgt
    t = np.ones(len(pairs))
    for _ in range(iterations):
        p = t[pair_of]
        share = p / np.repeat(np.add.reduceat(p, starts), size)  # of each target word, the part each source explains
        counts = np.bincount(pair_of, weights=share, minlength=len(pairs))
        t = counts / np.bincount(pair_src, weights=counts, minlength=n_src + 1)[pair_src]
    return pairs[(t >= threshold) & (pair_src < n_src)]
