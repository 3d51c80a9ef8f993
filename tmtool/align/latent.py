"""A space both versions map into, learnt from the document's own links (cross-language latent semantic indexing).

The lexicon (:mod:`.lexicon`) keeps a word pair only when the document's links show it several times; most words of
a short document occur once or twice, and say nothing there. Here every link the aligner found after a pass is one
"document" holding the word types of both its sides (Dumais et al., *Automatic cross-language retrieval using latent
semantic indexing*, 1997). The leading eigenvectors of the links' Gram matrix span a space in which a word sits by
the links it occurs in, so two segments whose words keep company with the same links land close, in either
language, even when no word pair between them was seen often enough for the lexicon. Each segment becomes the
inverse-document-frequency weighted sum of its words' places; the search weighs the cosine of a candidate link's
summed vectors as it weighs sentence embeddings (``PairInput.eu``/``ev``).

Nothing is downloaded or stored: the space is learnt anew by each alignment from its own links, and forgotten
after it. Measured in the twenty-third round (docs/alignment-rounds.md).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .collection import spread
from .embeddings import unit_rows

__all__ = ["LatentSpace", "learn_latent", "LATENT_DIM", "LATENT_LINKS", "LATENT_MIN_LINKS"]

LATENT_DIM = 100  # dimensions kept (twenty-third round: 50 and 1,000, i.e. all, within 0.001 on Text+Berg dev parts)
LATENT_LINKS = 1000  # links learnt from at most, evenly spread over the document (the Gram matrix grows as the square)
LATENT_MIN_LINKS = 20  # fewer links than this teach no space
_CHUNK = 4096  # segments folded in at a time (bounds the temporary arrays on long documents)

Bead = tuple[int, int, int, int]


@dataclass(frozen=True)
class _Side:
    """One language's words in the space: ``vocab`` word -> row of ``places`` (word place x idf), ``idf``."""

    vocab: dict[str, int]
    idf: np.ndarray  # (V,)
    places: np.ndarray  # (V, K) float32: each word's place in the space, times its idf


@dataclass(frozen=True)
class LatentSpace:
    """A latent space learnt from the links of one alignment (:func:`learn_latent`)."""

    src: _Side
    tgt: _Side

    def vectors(self, texts: Sequence[str], wordbags: Sequence[Sequence[str]], side: int) -> np.ndarray:
        """One row per segment of ``side`` (0 source, 1 target): its words' places summed (idf-weighted, over the
        length of its idf vector), then as :func:`~tmtool.align.embeddings.unit_rows` gives them to the search."""
        s = (self.src, self.tgt)[side]
        rows = np.zeros((len(wordbags), s.places.shape[1]), dtype=np.float32)
        for start in range(0, len(wordbags), _CHUNK):
            seg, col = [], []
            for i, ws in enumerate(wordbags[start : start + _CHUNK]):
                for w in ws:
                    j = s.vocab.get(w)
                    if j is not None:
                        seg.append(i)
                        col.append(j)
            if not seg:
                continue
            seg_a, col_a = np.array(seg), np.array(col)
            block = rows[start : start + _CHUNK]
            np.add.at(block, seg_a, s.places[col_a])
            norm2 = np.bincount(seg_a, weights=s.idf[col_a] ** 2, minlength=len(block))
            block /= np.sqrt(np.where(norm2 > 0, norm2, 1.0))[:, None]
        empty = np.array([not ws for ws in wordbags], dtype=bool)
        return unit_rows(rows, texts, empty)


def _side(bags: list[list[str]], links: int) -> tuple[dict[str, int], np.ndarray, np.ndarray]:
    """The words of one side over the links (``bags``: each link's word types): those in at least two links and
    in fewer than half of them; and the links' rows (idf weights, each row at length 1)."""
    df: dict[str, int] = {}
    for bag in bags:
        for w in bag:
            df[w] = df.get(w, 0) + 1
    kept = sorted(w for w, c in df.items() if 2 <= c < 0.5 * links)
    vocab = {w: k for k, w in enumerate(kept)}
    idf = np.array([math.log(links / df[w]) for w in kept], dtype=np.float32)
    x = np.zeros((len(bags), len(kept)), dtype=np.float32)
    for i, bag in enumerate(bags):
        cols = [vocab[w] for w in bag if w in vocab]
        x[i, cols] = idf[cols]
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    x /= np.where(norms > 0, norms, 1.0)
    return vocab, idf, x


def learn_latent(
    beads: Sequence[Bead], ws: Sequence[Sequence[str]], wt: Sequence[Sequence[str]],
    layout: tuple[np.ndarray, np.ndarray], dim: int = LATENT_DIM,
) -> LatentSpace | None:
    """The space of the links ``beads`` (``(s0, s1, t0, t1)``, a chain over both sides) with the word types ``ws``,
    ``wt`` of each segment: links with both sides and no layout line (``layout``: each side's flags of page and
    job numbers), at most :data:`LATENT_LINKS` of them; None with fewer than :data:`LATENT_MIN_LINKS`."""
    stray_s, stray_t = layout
    links = [b for b in beads if b[1] > b[0] and b[3] > b[2] and not stray_s[b[0]:b[1]].any()
             and not stray_t[b[2]:b[3]].any()]
    if len(links) < LATENT_MIN_LINKS:
        return None
    links = [links[k] for k in spread(len(links), LATENT_LINKS)]
    n = len(links)
    vs, idf_s, xs = _side([list(dict.fromkeys(w for i in range(s0, s1) for w in ws[i])) for s0, s1, _, _ in links], n)
    vt, idf_t, xt = _side([list(dict.fromkeys(w for j in range(t0, t1) for w in wt[j])) for _, _, t0, t1 in links], n)
    gram = (xs @ xs.T + xt @ xt.T).astype(np.float64)  # n x n: how much two links share, on both sides
    values, vectors = np.linalg.eigh(gram)
    top = np.argsort(values)[::-1][: min(dim, n)]
    # the links' coordinates scaled by 1/sigma: a word's place is then its row of U = X V / sigma (the left
    # singular vectors), and a segment's fold-in the sum of its words' places
    proj = (vectors[:, top] / np.sqrt(np.maximum(values[top], 1e-9))).astype(np.float32)
    return LatentSpace(_Side(vs, idf_s, (xs.T @ proj) * idf_s[:, None]),
                       _Side(vt, idf_t, (xt.T @ proj) * idf_t[:, None]))
