"""What lookups return, and the language choice they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl

from ..errors import UsageError, shown
from ..languages import base
from .index import TMIndex
from .store import lang_of_column, select_tags, text_column

__all__ = ["Hit", "resolve_langs", "make_hits"]


@dataclass
class Hit:
    """One unit found by a lookup. Spans are ``(start, end)`` character offsets into ``source`` / ``target``."""

    score: int
    source: str
    target: str | None
    origin: str | None
    count: int = 1
    documents: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    target_span: tuple[int, int] | None = None
    unit: int = -1

    def to_json(self) -> dict[str, Any]:
        return {"score": self.score, "source": self.source, "target": self.target, "origin": self.origin,
                "count": self.count, "documents": self.documents,
                "source_spans": [list(s) for s in self.source_spans],
                "target_span": list(self.target_span) if self.target_span else None}


def _select(index: TMIndex, lang: str) -> list[str]:
    return select_tags(lang, [t for c in index.columns if (t := lang_of_column(c))])


def resolve_langs(index: TMIndex, src: str, tgt: str | None) -> tuple[list[str], list[str]]:
    """Store tags for ``src`` and ``tgt``. Without ``tgt``: the language other than ``src`` with most units."""
    present = sorted({t for c in index.columns if (t := lang_of_column(c))})
    src_tags = _select(index, src)
    if not src_tags:
        have = ", ".join(present) or "nothing"
        raise UsageError(f"language {shown(src)} is not in the translation memory (it has: {have})")
    if tgt is not None:
        tgt_tags = _select(index, tgt)
        if not tgt_tags:
            raise UsageError(f"language {shown(tgt)} is not in the translation memory (it has: {', '.join(present)})")
        if set(tgt_tags) & set(src_tags):
            raise UsageError(f"--src and --tgt select the same language ({', '.join(src_tags)})")
        return src_tags, tgt_tags
    others = [t for t in present if t not in src_tags and base(t) != base(src_tags[0])]
    if not others:
        return src_tags, []
    best = max(others, key=lambda t: int(index.column(text_column(t)).is_not_null().sum()))
    return src_tags, select_tags(base(best), present)  # with its regional variants


def make_hits(index: TMIndex, uids, src_tags: list[str], tgt_tags: list[str], scores: list[int]) -> list[Hit]:
    """:class:`Hit` objects for units ``uids`` (columns gathered once for all of them)."""
    idx = pl.Series([int(u) for u in uids], dtype=pl.Int64)
    if not len(idx):
        return []
    sources = index.texts(src_tags).gather(idx).to_list()
    targets = index.texts(tgt_tags).gather(idx).to_list() if tgt_tags else [None] * len(idx)
    origins = index.column("origin_label").gather(idx).to_list()
    counts = index.column("count").gather(idx).to_list()
    docs = index.column("documents").gather(idx).to_list()
    origin_lists = index.column("origins").gather(idx).to_list()
    return [
        Hit(score=int(scores[i]), source=sources[i], target=targets[i], origin=origins[i], count=int(counts[i]),
            documents=_as_list(docs[i]), origins=_as_list(origin_lists[i]), unit=int(idx[i]))
        for i in range(len(idx))
    ]


def _as_list(value) -> list[str]:
    return [] if value is None else [str(v) for v in value]
