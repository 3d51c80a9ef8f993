"""Aligned segment pairs for extraction and checking, from alignment.json files or a TM store."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import LanguageError, StoreError
from ..languages import base

__all__ = ["SegmentPair", "pairs_from_alignments", "pairs_from_tm", "pairs_from_alignment"]


@dataclass(frozen=True)
class SegmentPair:
    """A source and a target text linked together; ``where`` says where from (file and link number)."""

    src: str
    tgt: str
    where: str = ""


def _pick(langs: Sequence[str], lang: str, path: str) -> str:
    for tag in langs:
        if tag == lang:
            return tag
    for tag in langs:
        if base(tag) == base(lang):
            return tag
    raise LanguageError(f"no {lang!r} document in this alignment (it has {', '.join(langs)})", path)


def pairs_from_alignment(alignment, src: str, tgt: str, path: str = "") -> Iterator[SegmentPair]:  # type: ignore[no-untyped-def]
    """Pairs of one :class:`~tmtool.align.model.Alignment`; links empty on either side are skipped."""
    s, t = _pick(alignment.langs, src, path), _pick(alignment.langs, tgt, path)
    for n, link in enumerate(alignment.links):
        if link.segments.get(s) and link.segments.get(t):
            yield SegmentPair(alignment.texts(link, s), alignment.texts(link, t), f"{path}#{n}")


def pairs_from_alignments(paths: Sequence[str | Path], src: str, tgt: str) -> Iterator[SegmentPair]:
    """Pairs of several ``alignment.json`` files, in order."""
    from ..align.model import read_alignment

    for p in paths:
        yield from pairs_from_alignment(read_alignment(p), src, tgt, str(p))


def pairs_from_tm(directory: str | Path, src: str, tgt: str) -> Iterator[SegmentPair]:
    """Pairs of the units of a TM store that have both languages."""
    from ..tm import TMStore

    if not Path(directory).is_dir():
        raise StoreError(f"{directory}: no TM store here")
    store = TMStore.open(directory, create=False)
    for unit in store.iter_units([src, tgt]):
        s = next((v.text for v in unit.variants if base(v.lang) == base(src)), None)
        t = next((v.text for v in unit.variants if base(v.lang) == base(tgt)), None)
        if s and t:
            yield SegmentPair(s, t, f"{directory}#{unit.tuid or ''}")
