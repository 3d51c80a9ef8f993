"""TBX v2 (ISO 30042:2008, ``martif``) as OmegaT and translate-toolkit read it: ``termEntry/langSet/tig``.

Reading accepts ``tig`` and ``ntig/termGrp``, several ``langSet`` for one language (merged), ``xml:lang``
inherited from the root, any declared encoding. What is kept is as for :mod:`.tbx`.
"""

from __future__ import annotations

from pathlib import Path

from .model import Glossary
from ._tbxread import read_tbx_any
from ._tbxwrite import TBXV2, write_tbx_any

__all__ = ["read_tbx2", "write_tbx2"]


def read_tbx2(path: str | Path) -> Glossary:
    """Read a TBX v2 ``martif`` file (TBX 2019 files are read too)."""
    return read_tbx_any(path)


def write_tbx2(glossary: Glossary, path: str | Path, *, source_lang: str | None = None) -> int:
    """Write TBX v2 ``martif`` with ``tig`` elements; returns the number of entries."""
    return write_tbx_any(glossary, path, TBXV2, source_lang=source_lang)
