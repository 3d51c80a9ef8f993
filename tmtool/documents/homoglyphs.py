"""Letters typed on the wrong keyboard layout: Latin look-alikes inside Cyrillic words and the reverse.

A typist who switches layouts mid-word leaves words such as ``cекретаря`` (Latin c), ``рeализации`` (Latin e) or
``Комиcсии``: they read right and match nothing (a search for секретаря, a glossary term). A word of mostly
one script whose letters of the other are all look-alikes gets them in its own script. Left alone: words whose
other-script letters are not all look-alikes (``VIPдне``, ``ХабитатIII``), and a single Latin letter ending a
Cyrillic word, which is a footnote mark (``ресурсыa``, ``Федерацииa``).
"""

from __future__ import annotations

import re

__all__ = ["fix_homoglyphs"]

_LATIN = "aceopxyACEHKMOPTXB"
_CYRILLIC = "асеорхуАСЕНКМОРТХВ"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)
_MIXED_RE = re.compile(r"(?=[^\W\d_]*[а-яёА-ЯЁ])(?=[^\W\d_]*[a-zA-Z])[^\W\d_]+")
_CYR_RE = re.compile("[а-яёА-ЯЁ]")
_LAT_RE = re.compile("[a-zA-Z]")


def _fix(word: str) -> str:
    cyrillic, latin = len(_CYR_RE.findall(word)), len(_LAT_RE.findall(word))
    if cyrillic > latin:
        body, mark = (word[:-1], word[-1]) if _LAT_RE.fullmatch(word[-1]) and _CYR_RE.match(word[-2]) else (word, "")
        strays = _LAT_RE.findall(body)
        if strays and all(c in _LATIN for c in strays):
            return body.translate(_TO_CYRILLIC) + mark
    elif latin > cyrillic and all(c in _CYRILLIC for c in _CYR_RE.findall(word)):
        return word.translate(_TO_LATIN)
    return word


def fix_homoglyphs(text: str) -> str:
    """``text`` with the look-alike letters of mixed-script words put in the word's script (see the module)."""
    if not _MIXED_RE.search(text):
        return text
    return _MIXED_RE.sub(lambda m: _fix(m.group()), text)
