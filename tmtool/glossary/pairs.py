"""Aligned segment pairs for extraction and checking, from an alignment or from translation units.

The glossary package does not import the aligner or the TM store (they import it): an alignment and units
are used through their attributes; the CLI reads the files and opens the store.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import LanguageError
from ..languages import base

__all__ = ["SegmentPair", "pairs_from_alignment", "pairs_from_units"]


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


def pairs_from_alignment(alignment: Any, src: str, tgt: str, path: str = "") -> Iterator[SegmentPair]:
    """Pairs of one :class:`~tmtool.align.model.Alignment`, each side's segments joined as a TM unit joins them
    (no space in Chinese: :meth:`~tmtool.align.model.Alignment.unit_text`); links empty on either side are skipped."""
    s, t = _pick(alignment.langs, src, path), _pick(alignment.langs, tgt, path)
    for n, link in enumerate(alignment.links):
        if link.segments.get(s) and link.segments.get(t):
            yield SegmentPair(alignment.unit_text(link, s), alignment.unit_text(link, t), f"{path}#{n}")


def pairs_from_units(units: Iterable[Any], src: str, tgt: str, where: str = "") -> Iterator[SegmentPair]:
    """Pairs of translation units (anything with ``variants`` of ``lang``/``text``, e.g. from a TM store)."""
    for n, unit in enumerate(units):
        s = next((v.text for v in unit.variants if base(v.lang) == base(src)), None)
        t = next((v.text for v in unit.variants if base(v.lang) == base(tgt)), None)
        if s and t:
            yield SegmentPair(s, t, f"{where}#{getattr(unit, 'tuid', None) or n}")
