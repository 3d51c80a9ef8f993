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
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence

import numpy as np

from ..errors import AlignmentError, InputError, TmtoolError
from .features import is_boilerplate

__all__ = ["CENTRE_MIN", "Embedder", "MemoEmbedder", "load_embedder", "segment_vectors", "unit_rows"]

Embedder = Callable[[Sequence[str]], np.ndarray]  # texts -> (len(texts), dim) array
CENTRE_MIN = 8  # segments a side needs for its mean to be taken off (a short group's mean is mostly its own rows)


class MemoEmbedder:
    """An embedder that embeds each distinct text once: the aligner asks again for the same texts (every pair of
    several versions, then the sentences inside the paragraph links)."""

    def __init__(self, embed: Embedder) -> None:
        self.embed = embed
        self.rows: dict[str, np.ndarray] = {}
        self.dim: int | None = None  # the row size of the first call: every later one must give the same

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
