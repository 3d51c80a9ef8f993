"""Strict and lax precision/recall/F1 of sentence alignments, as the Vecalign and Bertalign evaluations define them.

Precision looks at every test link (links empty on both sides are ignored): *strict* counts it right when the
gold has exactly that link; *lax* also counts it right when some source segment of it is, in the gold, linked to
some target segment of it. Recall is the same computation with gold and test swapped, after dropping links
that are empty on one side (insertions and deletions) from both. Counts are summed over all document pairs
before dividing (micro average); 0/0 counts as 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .ladder import Bead

__all__ = ["Counts", "Score", "count_links", "score_pairs", "merge_by_units"]


@dataclass
class Counts:
    """Strict/lax right/wrong counts of one direction (precision or recall)."""

    strict_ok: int = 0
    strict_bad: int = 0
    lax_ok: int = 0
    lax_bad: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.strict_ok += other.strict_ok
        self.strict_bad += other.strict_bad
        self.lax_ok += other.lax_ok
        self.lax_bad += other.lax_bad
        return self


def _ratio(ok: int, bad: int) -> float:
    return ok / (ok + bad) if ok + bad else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1, strict and lax."""

    precision: Counts
    recall: Counts

    def as_dict(self) -> dict[str, dict[str, float]]:
        out = {}
        for name, i_ok, i_bad in (("strict", "strict_ok", "strict_bad"), ("lax", "lax_ok", "lax_bad")):
            p = _ratio(getattr(self.precision, i_ok), getattr(self.precision, i_bad))
            r = _ratio(getattr(self.recall, i_ok), getattr(self.recall, i_bad))
            out[name] = {"p": p, "r": r, "f1": _f1(p, r)}
        return out

    @property
    def strict_f1(self) -> float:
        return self.as_dict()["strict"]["f1"]

    @property
    def lax_f1(self) -> float:
        return self.as_dict()["lax"]["f1"]


def _key(beads: Iterable[Bead]) -> set[Bead]:
    return {(tuple(a), tuple(b)) for a, b in beads if a or b}


def count_links(gold: Iterable[Bead], test: Iterable[Bead]) -> Counts:
    """Judge every test link against ``gold`` (the precision direction)."""
    gold_set = _key(gold)
    linked: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            linked[s].update(tgt)
    c = Counts()
    for src, tgt in _key(test):
        if (src, tgt) in gold_set:
            c.strict_ok += 1
            c.lax_ok += 1
            continue
        c.strict_bad += 1
        reachable: set[int] = set()
        for s in src:
            reachable |= linked.get(s, set())
        if reachable.intersection(tgt):
            c.lax_ok += 1
        else:
            c.lax_bad += 1
    return c


def score_pairs(pairs: Iterable[tuple[Sequence[Bead], Sequence[Bead]]]) -> Score:
    """Score ``(gold, test)`` ladder pairs, counts summed over all pairs."""
    p, r = Counts(), Counts()
    for gold, test in pairs:
        p += count_links(gold, test)
        r += count_links([b for b in test if b[0] and b[1]], [b for b in gold if b[0] and b[1]])
    return Score(p, r)


def merge_by_units(beads: Sequence[Bead], src_unit: Mapping[int, str], tgt_unit: Mapping[int, str]) -> list[Bead]:
    """Merge consecutive links lying inside one single unit (e.g. a Bible verse), as Bertalign's Bible evaluation.

    A link's unit is the one unit all its segments belong to (an empty side takes the other side's unit); links
    spanning several units, or whose sides disagree, have none and are never merged.
    """

    def unit(ids: tuple[int, ...], table: Mapping[int, str]) -> set[str] | None:
        return {table[i] for i in ids} if ids else None

    merged: list[list[list[int]]] = []
    last: str | None = None
    for src, tgt in beads:
        us, ut = unit(tuple(src), src_unit), unit(tuple(tgt), tgt_unit)
        kind: str | None = None
        if us is None and ut is not None and len(ut) == 1:
            kind = next(iter(ut))
        elif ut is None and us is not None and len(us) == 1:
            kind = next(iter(us))
        elif us is not None and ut is not None and len(us) == len(ut) == 1 and us == ut:
            kind = next(iter(us))
        if kind is not None and kind == last and merged:
            merged[-1][0].extend(src)
            merged[-1][1].extend(tgt)
        else:
            merged.append([list(src), list(tgt)])
        last = kind
    return [(tuple(a), tuple(b)) for a, b in merged]
