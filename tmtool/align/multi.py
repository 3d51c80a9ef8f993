"""Aligning the versions of one document in several languages at once: pivot, merge, fill the gaps.

Every language is aligned with a pivot (English when present, else the first given). The pairwise links are
merged into links spanning all languages (a link grows until its pivot segments agree across languages).
Segments that the pivot lacks (its version lost a paragraph) are aligned among the other languages in a
second round, recursively, so a paragraph missing from one version is still linked in all the others.
With three or more versions, each is aligned with the pivot using the others as bridges (``bridges.py``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..languages import base
from .bridges import align_all_pairs
from .evidence import Evidence
from .model import Link
from .pairwise import PairAligner, ScoredBead

__all__ = ["align_multi", "choose_pivot"]


def choose_pivot(langs: Sequence[str]) -> str:
    """English when present, else the first language."""
    for lang in langs:
        if base(lang) == "en":
            return lang
    return langs[0]


def align_multi(
    segments: Mapping[str, Sequence[str]],
    *,
    evidence: Evidence = Evidence(),
    aligners: dict[tuple[str, str], PairAligner] | None = None,
    learn: bool = True,
    bridges: bool = True,
    cache: dict | None = None,
) -> list[Link]:
    """Links over all languages of ``segments`` (every segment once, in order).

    With three or more languages and ``bridges`` (and ``learn``), each language is aligned with the pivot using
    the other versions as bridges (:mod:`tmtool.align.bridges`): better links, at the cost of aligning every
    pair once more (15 pair alignments instead of 5 for six languages). ``evidence``: glossary terms,
    dictionaries, word lists, what other documents taught and what this one teaches, embeddings
    (:class:`~tmtool.align.evidence.Evidence`); without ``learn``, what documents teach is left out.
    ``aligners``, ``cache``: as for :func:`tmtool.align.bridges.align_all_pairs`.
    """
    aligners = aligners if aligners is not None else {}
    ids = {lang: list(range(len(segs))) for lang, segs in segments.items()}
    return _align(segments, ids, evidence if learn else evidence.without_counts(), aligners, learn,
                  bridges and learn, cache)


def _pair(aligners: dict, a: str, b: str, evidence: Evidence) -> PairAligner:
    key = (a, b)
    if key not in aligners:
        aligners[key] = evidence.aligner(a, b)
    return aligners[key]


def _align(
    segments: Mapping[str, Sequence[str]],
    ids: Mapping[str, list[int]],
    evidence: Evidence,
    aligners: dict,
    learn: bool,
    bridged: bool = False,
    cache: dict | None = None,
) -> list[Link]:
    langs = [lang for lang in segments if ids[lang]]
    every = list(segments)
    if not langs:
        return []
    if len(langs) == 1:
        (lang,) = langs
        return [_link(every, {lang: [i]}, 1.0) for i in ids[lang]]
    pivot = choose_pivot(langs)
    ptexts = [segments[pivot][i] for i in ids[pivot]]
    others = [lang for lang in langs if lang != pivot]
    pair_beads: dict[str, list[Any]] = {}
    if bridged and len(langs) >= 3:
        local = {lang: [segments[lang][i] for i in ids[lang]] for lang in langs}
        found = align_all_pairs(local, evidence=evidence, pairs=[(pivot, lang) for lang in others],
                                aligners=aligners, cache=cache)
        pair_beads = {lang: found[pivot, lang] for lang in others}
    for lang in others:
        if lang not in pair_beads:
            texts = [segments[lang][i] for i in ids[lang]]
            aligner = _pair(aligners, pivot, lang, evidence)
            pair_beads[lang] = aligner.align(ptexts, texts, learn=learn)
            if learn and evidence.learnt is not None and aligner.counts:
                evidence.learnt.add(pivot, lang, aligner.counts.cooccurrence())
    # groups of pivot segments: merge the pivot spans of the links of every language
    n = len(ptexts)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for beads in pair_beads.values():
        for b in beads:
            for k in b.src[1:]:
                parent[find(k)] = find(b.src[0])
    group_of = [find(i) for i in range(n)]
    first: dict[int, int] = {}
    for i, g in enumerate(group_of):
        first.setdefault(g, i)
    starts = sorted(first.values())
    gindex = {group_of[s]: k for k, s in enumerate(starts)}
    members: list[dict[str, list[int]]] = [{pivot: []} for _ in starts]
    conf: list[float] = [1.0 for _ in starts]
    for i in range(n):
        members[gindex[group_of[i]]][pivot].append(ids[pivot][i])
    # orphans of each language, by the gap they fall in (gap k: after group k-1, before group k)
    gaps: list[dict[str, list[int]]] = [{} for _ in range(len(starts) + 1)]
    for lang, beads in pair_beads.items():
        groups = [gindex[group_of[b.src[0]]] if b.src else None for b in beads]
        nxt: list[int | None] = [None] * len(beads)
        following = None
        for k in range(len(beads) - 1, -1, -1):
            nxt[k] = following
            if groups[k] is not None:
                following = groups[k]
        prev_group = None
        for k, b in enumerate(beads):
            local = [ids[lang][t] for t in b.tgt]
            g = groups[k]
            if g is None and prev_group is not None and nxt[k] == prev_group:
                g = prev_group  # unlinked, but inside a group that other languages made larger
            if g is not None:
                members[g].setdefault(lang, []).extend(local)
                if b.src:
                    conf[g] = min(conf[g], b.confidence)
                prev_group = g
            elif local:
                gaps[0 if prev_group is None else prev_group + 1].setdefault(lang, []).extend(local)
    # the links each language's own pair alignment gave its unlinked segments, by their first segment
    unlinked = {lang: {ids[lang][b.tgt[0]]: b for b in beads if not b.src and b.tgt}
                for lang, beads in pair_beads.items()}
    links: list[Link] = []
    for k in range(len(starts) + 1):
        if gaps[k]:
            sub_ids = {lang: gaps[k].get(lang, []) for lang in segments}
            if sum(1 for v in sub_ids.values() if v) >= 2:
                links.extend(_align(segments, sub_ids, evidence.without_counts(), aligners, learn=False))
            else:
                for lang, v in sub_ids.items():
                    links.extend(_orphans(every, lang, v, unlinked.get(lang, {}), ids[lang]))
        if k < len(starts):
            m = members[k]
            # a pivot group that only some languages link is less certain
            links.append(_link(every, m, conf[k]))
    return links


def _orphans(every: list[str], lang: str, global_ids: list[int], unlinked: Mapping[int, ScoredBead],
             local_ids: list[int]) -> list[Link]:
    """Links for the unlinked segments ``global_ids`` of one language, keeping the pair aligner's grouping of cut
    pieces (``unlinked``: its links without a pivot segment, by their first segment), in document order."""
    out = []
    for i in sorted(global_ids):
        b = unlinked.get(i)
        if b is not None:
            out.append(_link(every, {lang: [local_ids[t] for t in b.tgt]}, b.confidence))
    return out


def _link(every: list[str], segs: Mapping[str, list[int]], confidence: float) -> Link:
    return Link(
        segments={lang: tuple(sorted(segs.get(lang, ()))) for lang in every},
        confidence=round(float(confidence), 4),
    )
