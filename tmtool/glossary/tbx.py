"""TBX 2019 (ISO 30042:2019), TBX-Basic dialect, DCA style: ``conceptEntry/langSec/termSec``.

Kept: entry id, subjectField, concept definition (+source), notes; language-level definitions (+source);
per term: text, administrativeStatus (see :mod:`.status`), partOfSpeech, termType, context examples
(+source), source, notes. Not kept: transacGrp (dates, responsibility), xref/xGraphic, refObjectSec,
language-level notes and admin data.
"""

from __future__ import annotations

from pathlib import Path

from .model import Glossary
from ._tbxread import read_tbx_any
from ._tbxwrite import TBX2019, write_tbx_any

__all__ = ["read_tbx", "write_tbx"]


def read_tbx(path: str | Path) -> Glossary:
    """Read a TBX file (TBX 2019 DCA; TBX v2 martif files are read too)."""
    return read_tbx_any(path)


def write_tbx(glossary: Glossary, path: str | Path, *, source_lang: str | None = None) -> int:
    """Write TBX 2019 TBX-Basic DCA; returns the number of entries."""
    return write_tbx_any(glossary, path, TBX2019, source_lang=source_lang)
