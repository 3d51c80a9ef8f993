"""Aligning a collection of documents so that each learns from the others.

The aligner learns its translation lexicon from the document it aligns (:mod:`.pairwise`); a short document
teaches little. Given several documents of the same language pairs (a batch of UN documents, the chapters of a
yearbook), :func:`align_collection` aligns them in two sweeps: the first aligns each document on its own and
keeps the word co-occurrence counts it learnt (:class:`~tmtool.align.lexicon.CollectionCounts`); the second
aligns each again with the counts of all the *other* documents added to its own, so a word pair seen once in
each of three documents counts three times, and no document's own chance pairs count twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .lexicon import CollectionCounts

__all__ = ["align_collection", "spread"]

T = TypeVar("T")
# align_one(k, background, learnt): align document k with ``background`` counts, adding its own to ``learnt``
AlignOne = Callable[[int, CollectionCounts | None, CollectionCounts | None], T]


def spread(count: int, sample: int | None) -> list[int]:
    """``sample`` indices spread evenly over ``range(count)`` (all of them when ``sample`` is None or not less)."""
    if sample is None or sample >= count:
        return list(range(count))
    return [int(k * count / sample) for k in range(max(sample, 1))]


def align_collection(count: int, align_one: AlignOne[T], *, sample: int | None = None) -> list[T]:
    """Align ``count`` documents in two sweeps and return the second sweep's results, in order.

    ``align_one(k, background, learnt)`` aligns document ``k``: it passes ``background`` and ``learnt`` on to
    :func:`~tmtool.align.align_segments` (or :func:`~tmtool.align.align_pairs`, :func:`~tmtool.align.align_documents`),
    which add what the document teaches to ``learnt`` when it is not None. ``sample``: learn from at most this
    many documents in the first sweep (evenly spread over the collection: the counts are kept in memory, 1.1
    million for a six-version UN document of 250 paragraphs), so a large batch costs ``count + sample``
    alignments, not ``2 * count``.
    With fewer than two documents there is nothing to share: one sweep.
    """
    if count < 2:
        return [align_one(k, None, None) for k in range(count)]
    chosen = spread(count, sample)
    own: dict[int, CollectionCounts] = {}
    for k in chosen:
        own[k] = CollectionCounts()
        align_one(k, None, own[k])
    total = CollectionCounts()
    for counts in own.values():
        total.update(counts)
    return [align_one(k, total - own[k] if k in own else total, None) for k in range(count)]
