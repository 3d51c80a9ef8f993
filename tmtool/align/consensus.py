"""Consensus of the pair alignments of several versions: an edge kept by the pair and most bridges.

Once every pair of versions is aligned (with bridges, see ``bridges.py``), the links of a pair ``a``-``b`` can be
checked against every third version ``x``: composing the links ``a``-``x`` and ``x``-``b`` gives another opinion on
which segments of ``a`` and ``b`` translate each other. An *edge* is a pair of segments (``i`` of ``a``, ``j`` of
``b``) inside one link. Each edge gets a vote from the pair's own alignment and one from each bridge; an edge is kept
when the pair's alignment and at least half of the bridges agree on it, or when every bridge does. The links are
then rebuilt as the connected groups of kept edges; neighbouring segments left unlinked stay one link when the
pair's links or half of the bridges' put them together (the pieces of a paragraph that the other version lost).
Damage hits the versions independently (a version that joins two paragraphs adds a wrong edge through it, one that
lost a paragraph removes one), so a majority corrects what a single version gets wrong.

The vote also informs the confidence: a link the pair's own alignment made and every bridge gives exactly (the
same segments, no edge of theirs leaving it) is lifted halfway to 1, above the review threshold. On the UN dev
set (six files, 14,353 links) 2,000 such links were under the threshold and 5 of them wrong: lifting them takes
the links to review from 34.1% to 20.2% and leaves 182 of the 211 wrong links under the threshold (187 before;
eighteenth round; since the confidence takes the search's posterior, nineteenth round, 10.8% are under it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from .pairwise import ScoredBead

__all__ = ["consensus_links"]

Links = Sequence[ScoredBead]
DISAGREEMENT_CONFIDENCE = 0.45  # a link the consensus changed: below the review threshold (0.5)


def _edges(links: Links) -> set[tuple[int, int]]:
    return {(i, j) for b in links for i in b.src for j in b.tgt}


def _composed(ax: Links, xb: Links) -> set[tuple[int, int]]:
    """Edges a-b through x: ``i`` and ``j`` linked to the same segment of x."""
    to_b: dict[int, list[int]] = defaultdict(list)
    for b in xb:
        for k in b.src:
            to_b[k].extend(b.tgt)
    return {(i, j) for b in ax for k in b.tgt for i in b.src for j in to_b.get(k, ())}


def consensus_links(direct: Links, bridges: Mapping[str, tuple[Links, Links]], n: int, m: int) -> list[ScoredBead]:
    """The links of a pair (``n`` and ``m`` segments) after the vote; ``direct`` when fewer than two bridges, or
    when the kept edges do not form links in document order (the pair's own links are then kept as they are).

    ``bridges`` maps each third language to its (``a``-``x``, ``x``-``b``) links.
    """
    if len(bridges) < 2:
        return list(direct)
    composed = [_composed(ax, xb) for ax, xb in bridges.values()]
    votes: dict[tuple[int, int], int] = defaultdict(int)
    for edges in composed:
        for e in edges:
            votes[e] += 1
    own = _edges(direct)
    half = (len(bridges) + 1) // 2
    kept = {e for e, v in votes.items() if v >= len(bridges) or (e in own and v >= half)}
    joins = (_grouped(bridges, 0, n), _grouped(bridges, 1, m))
    rebuilt = _rebuild(direct, kept, n, m, joins)
    links = rebuilt if rebuilt is not None else list(direct)
    made = {(b.src, b.tgt) for b in direct}
    indexes = [_by_segment(edges) for edges in composed]
    return [ScoredBead(b.src, b.tgt, (1.0 + b.confidence) / 2)
            if (b.src, b.tgt) in made and all(_gives(index, b) for index in indexes) else b for b in links]


def _by_segment(edges: set[tuple[int, int]]) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    """A bridge's composed edges by segment of ``a`` and by segment of ``b``."""
    by_a: dict[int, set[int]] = defaultdict(set)
    by_b: dict[int, set[int]] = defaultdict(set)
    for i, j in edges:
        by_a[i].add(j)
        by_b[j].add(i)
    return by_a, by_b


def _gives(index: tuple[dict[int, set[int]], dict[int, set[int]]], link: ScoredBead) -> bool:
    """Whether a bridge (its :func:`_by_segment` index) gives exactly ``link``: each of its segments has edges to
    all of the other side's and to no other segment (a link to nothing: its segments have no edge)."""
    by_a, by_b = index
    src, tgt = set(link.src), set(link.tgt)
    return (all(by_a.get(i, set()) == tgt for i in link.src)
            and all(by_b.get(j, set()) == src for j in link.tgt))


def _grouped(bridges: Mapping[str, tuple[Links, Links]], side: int, size: int) -> set[int]:
    """Segments ``k`` of one side that at least half of the bridges' alignments put in one link with ``k+1``
    (pieces of one paragraph: when both end up unlinked, they stay one link)."""
    votes = [0] * size
    for ax, xb in bridges.values():
        for b in ax if side == 0 else xb:
            for k in (b.src if side == 0 else b.tgt)[:-1]:
                votes[k] += 1
    need = (len(bridges) + 1) // 2
    return {k for k in range(size) if votes[k] >= need}


def _rebuild(
    direct: Links, kept: set[tuple[int, int]], n: int, m: int, joins: tuple[set[int], set[int]] = (set(), set())
) -> list[ScoredBead] | None:
    parent = list(range(n + m))  # a-segments 0..n-1, b-segments n..n+m-1

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in kept:
        parent[find(i)] = find(n + j)
    linked = {i for i, _ in kept} | {n + j for _, j in kept}
    groups: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for x in sorted(linked):
        side = 0 if x < n else 1
        groups[find(x)][side].append(x if side == 0 else x - n)
    beads = [(tuple(s), tuple(t)) for s, t in groups.values()]
    # unlinked segments: neighbours stay together when the pair's own links or the hints put them together
    for side, size, base in ((0, n, 0), (1, m, n)):
        together = set(joins[side])
        for b in direct:
            own, other = (b.src, b.tgt) if side == 0 else (b.tgt, b.src)
            if not other:
                together.update(own[:-1])
        run: list[int] = []
        for x in range(size):
            if base + x in linked:
                continue
            if run and run[-1] == x - 1 and run[-1] in together:
                run.append(x)
                continue
            if run:
                beads.append((tuple(run), ()) if side == 0 else ((), tuple(run)))
            run = [x]
        if run:
            beads.append((tuple(run), ()) if side == 0 else ((), tuple(run)))
    ordered = _in_order(beads, n, m)
    if ordered is None:
        return None
    conf = {(b.src, b.tgt): b.confidence for b in direct}
    return [ScoredBead(s, t, conf.get((s, t), DISAGREEMENT_CONFIDENCE)) for s, t in ordered]


def _in_order(beads: list[tuple[tuple[int, ...], tuple[int, ...]]], n: int, m: int):
    """The links in document order, or None when they cross or a link is not contiguous."""
    for s, t in beads:
        if (s and list(s) != list(range(s[0], s[0] + len(s)))) or (t and list(t) != list(range(t[0], t[0] + len(t)))):
            return None
    by_a = {s[0]: (s, t) for s, t in beads if s}
    by_b = {t[0]: (s, t) for s, t in beads if t}
    out = []
    i = j = 0
    while i < n or j < m:
        la, lb = by_a.get(i), by_b.get(j)
        if la is not None and (not la[1] or la == lb):
            out.append(la)
        elif lb is not None and not lb[0]:
            out.append(lb)
        else:
            return None
        i += len(out[-1][0])
        j += len(out[-1][1])
    return out
