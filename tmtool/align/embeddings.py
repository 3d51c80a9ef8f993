"""Sentence embeddings as extra evidence for the aligner: optional, off by default, never needed.

tmtool aligns without any model. A user who has a multilingual sentence-embedding model on disk (LaBSE, LASER-
like or multilingual E5 models in the sentence-transformers format) can add its evidence: the search then also
weighs the cosine of the summed embeddings of the segments of each candidate link (``Params.embed_weight``), as it
weighs the cosine of their lexical features. This is the evidence of neural aligners such as Vecalign and
Bertalign. An *embedder* is any callable that maps a list of texts to an array of one row per text;
:func:`load_embedder` makes one from a sentence-transformers model (``pip install 'tmtool[embeddings]'``), never
downloading anything: the model must be a local folder or already in the local cache.

What the aligner does with the rows (:func:`segment_vectors`): each side's mean is taken off when the side has at
least :data:`CENTRE_MIN` segments (what every segment of a document shares, its topic and the model's own bias,
says nothing about which segments translate each other), then each row is scaled to length 1; a row of an empty
segment or a layout line stays zero. Not measured on a real multilingual model: none can be had on the machines
tmtool is built on (docs/alignment.md, "Sentence embeddings").

A model that does not know both languages of a pair (an English-only model given for German and French, say) adds
noise, not evidence: on Text+Berg dev such a model cost 0.03-0.06 F1. So each pair alignment first checks the model
on its own sure links (:func:`embedding_fit`) and leaves it out where it does not pick the partner of at least
:data:`EMBED_MIN_FIT` of them among their neighbours (:meth:`.pairwise.PairAligner.align`). A
:class:`MemoEmbedder` keeps each language pair's figure, so that one run checks a pair once and treats it alike
throughout (every round of the bridges, each pair's own links, the sentences); the public functions of
:mod:`.api` then warn once about the pairs of their documents left out (:meth:`MemoEmbedder.left_out`).
"""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from ..errors import AlignmentError, InputError, TmtoolError
from .features import is_boilerplate

__all__ = [
    "CENTRE_MIN", "EMBED_MIN_FIT", "FIT_MIN_LINKS", "FIT_WINDOW", "Embedder", "MemoEmbedder", "embedding_fit",
    "load_embedder", "segment_vectors", "unit_rows",
]

Embedder = Callable[[Sequence[str]], np.ndarray]  # texts -> (len(texts), dim) array
CENTRE_MIN = 8  # segments a side needs for its mean to be taken off (a short group's mean is mostly its own rows)
# The model check (:func:`embedding_fit`), set on the development sets with the simulated models of
# benchmarks.embeddings and a real English-only model (all-MiniLM-L6-v2; docs/alignment.md, "Sentence embeddings"),
# each part of Text+Berg dev checked alone: the simulated model that lifts it most (noise 1.0) picks 0.98-1.0 of
# the partners, one about neutral (noise 2.0) 0.90-0.98, one that mostly costs (noise 3.0) 0.46-0.75; the
# English-only model 0.73-0.90 there, where it cost 0.03-0.06 F1, and on the UN dev files 0.25-0.69 but for en-fr,
# en-es and es-fr (0.84-0.92).
EMBED_MIN_FIT = 0.9  # share of picks a model needs to be used
FIT_WINDOW = 3  # neighbours each side of the partner among which the model picks
FIT_MIN_LINKS = 8  # sure links needed to judge (16 picks): with fewer the model is used unchecked


class MemoEmbedder:
    """An embedder that embeds each distinct text once: the aligner asks again for the same texts (every pair of
    several versions, then the sentences inside the paragraph links)."""

    def __init__(self, embed: Embedder) -> None:
        self.embed = embed
        self.rows: dict[str, np.ndarray] = {}
        self.dim: int | None = None  # the row size of the first call: every later one must give the same
        # the model check (:func:`embedding_fit`) of each language pair that had enough sure links to judge it
        self.fits: dict[frozenset[str], float] = {}

    def left_out(self, langs: Iterable[str]) -> list[tuple[str, str, float]]:
        """The pairs of ``langs`` the model failed its check for, as ``(a, b, fit)``, sorted."""
        within = set(langs)
        out = []
        for pair, fit in self.fits.items():
            if fit < EMBED_MIN_FIT and pair <= within:
                a, b = sorted(pair)
                out.append((a, b, fit))
        return sorted(out)

    def __call__(self, texts: Sequence[str]) -> np.ndarray:
        new = list(dict.fromkeys(t for t in texts if t not in self.rows))
        if new:
            rows = _checked(self.embed(new), len(new))
            if self.dim is not None and rows.shape[1] != self.dim:
                raise AlignmentError(f"the embedding model gave rows of {rows.shape[1]} numbers, earlier of {self.dim}")
            self.dim = rows.shape[1]
            self.rows.update(zip(new, rows))
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.stack([self.rows[t] for t in texts])


def _checked(rows: object, count: int) -> np.ndarray:
    """``rows`` as a float32 matrix of ``count`` rows, or :class:`AlignmentError`."""
    out = np.asarray(rows, dtype=np.float32)
    if out.ndim != 2 or out.shape[0] != count:
        raise AlignmentError(f"the embedding model gave an array of shape {out.shape} for {count} texts "
                             f"(expected {count} rows)")
    if not np.isfinite(out).all():
        raise AlignmentError("the embedding model gave values that are not finite numbers")
    return out


def segment_vectors(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """The rows the search compares for ``texts``: embedded, then :func:`unit_rows`."""
    if not texts:
        return np.zeros((0, 1), dtype=np.float32)
    return unit_rows(_checked(embedder(list(texts)), len(texts)).copy(), texts)


def unit_rows(rows: np.ndarray, texts: Sequence[str], empty: np.ndarray | None = None) -> np.ndarray:
    """``rows`` (one per text; changed in place) as the search compares them: zero for empty texts and layout lines
    (``features.is_boilerplate``: page and job numbers, running headers, whose lexical features are left out too)
    and where ``empty`` (optional) is set; the mean of the other rows taken off them (from :data:`CENTRE_MIN`
    texts); scaled to length 1."""
    if not len(rows):
        return np.zeros((0, 1), dtype=np.float32)
    blank = np.array([not t.strip() or is_boilerplate(t) for t in texts], dtype=bool)
    if empty is not None:
        blank |= empty
    rows[blank] = 0.0
    if len(texts) - blank.sum() >= CENTRE_MIN:
        rows[~blank] -= rows[~blank].mean(axis=0)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.where(norms > 0, rows / np.where(norms > 0, norms, 1.0), 0.0).astype(np.float32)


def embedding_fit(
    eu: np.ndarray, ev: np.ndarray, links: Sequence[tuple[int, int]], window: int = FIT_WINDOW
) -> float:
    """How well the rows ``eu``, ``ev`` of two versions (as :func:`segment_vectors` gives them) know the 1-1
    ``links`` found without them: the share of picks in which the partner of a link has the highest cosine among
    the ``window`` segments each side of it, picked both ways (the source's partner among target segments, and the
    target's among source segments). Links with a zero row (empty or layout lines) are left out. NaN when fewer
    than :data:`FIT_MIN_LINKS` links are left: too few to judge."""
    pairs = np.array([(i, j) for i, j in links if eu[i].any() and ev[j].any()], dtype=np.int64).reshape(-1, 2)
    if len(pairs) < FIT_MIN_LINKS:
        return math.nan
    picks = [_picked(eu, ev, pairs[:, 0], pairs[:, 1], window), _picked(ev, eu, pairs[:, 1], pairs[:, 0], window)]
    return float(np.concatenate(picks).mean())


def _picked(rows: np.ndarray, others: np.ndarray, own: np.ndarray, partner: np.ndarray, window: int) -> np.ndarray:
    """For each link, whether ``others[partner]`` is the row of ``others`` within ``window`` of the partner most
    like ``rows[own]`` (ties go to the partner). Offset by offset, so that memory stays one row per link."""
    mine = rows[own]
    best = np.einsum("kd,kd->k", mine, others[partner])
    ok = np.ones(len(own), dtype=bool)
    for offset in range(-window, window + 1):
        near = partner + offset
        inside = (offset != 0) & (near >= 0) & (near < len(others))
        cos = np.einsum("kd,kd->k", mine, others[np.clip(near, 0, len(others) - 1)])
        ok &= ~inside | (cos <= best)
    return ok


def _first_line(err: Exception) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


def load_embedder(model: str, *, batch_size: int = 32, threads: int | None = None) -> MemoEmbedder:
    """An embedder from a sentence-transformers model: a local folder, or a model name already in the local
    Hugging Face cache (nothing is downloaded). :class:`TmtoolError` when sentence-transformers is not installed,
    :class:`InputError` when the model cannot be loaded. ``threads``: the CPU threads the model may use (PyTorch's
    own default is every core, which processes running side by side share badly: ``tmtool batch`` gives each
    worker its share)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never fetch a model: tmtool needs no network
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")  # no loading bars among tmtool's one-line messages
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise TmtoolError("--embeddings needs the optional package sentence-transformers: "
                          "pip install 'tmtool[embeddings]'") from None
    try:
        encoder = SentenceTransformer(model)
    except Exception as err:  # the library raises OSError, ValueError, HFValidationError, ... for a bad model
        raise InputError(f"cannot load the embedding model (a sentence-transformers model folder, or a model "
                         f"name in the local cache): {_first_line(err)}", path=model) from None
    torch = sys.modules.get("torch")  # sentence-transformers runs on PyTorch, which it has imported by now
    if threads and torch is not None:
        torch.set_num_threads(threads)

    def embed(texts: Sequence[str]) -> np.ndarray:
        try:
            return encoder.encode(list(texts), batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
        except Exception as err:  # out of memory, a broken tokenizer, ...: the model's failure, told in one line
            raise AlignmentError(f"the embedding model {model} failed: {_first_line(err)}") from None

    return MemoEmbedder(embed)
