"""Finding a glossary's entries by the text of a term, as a termbase's search box does.

The query and every term are compared on a search key: case folded, accents and other marks dropped, the
apostrophes, quotes, dashes and spaces of the typographic styles made one (``Cote d'Ivoire`` finds
« Côte d’Ivoire », ``turkiye`` finds Türkiye). A term matches when the query's words run, whole, inside it
(``Korea`` finds Republic of Korea and Democratic People's Republic of Korea, not Koreans); in a script
written without spaces (Chinese, Japanese) when the query is part of it (``朝鲜`` finds 朝鲜民主主义人民共和国).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..languages import base
from .model import Entry, Glossary
from .normalise import without_arabic_marks

__all__ = ["search_key", "entries_with_term"]

_SAME = str.maketrans({
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'", "\u201c": '"', "\u201d": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ", "ё": "е",
})  # fmt: skip
_SPACES = re.compile(r"\s+")
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]")


def search_key(text: str) -> str:
    """``text`` as the search compares it: folded case, no marks, one style of apostrophe, quote, dash, space."""
    text = without_arabic_marks(text).translate(_SAME).casefold()
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _matcher(query: str):  # type: ignore[no-untyped-def]
    key = search_key(query)
    if not key:
        return lambda term: False
    if _UNSPACED.search(key):
        return lambda term: key in term
    pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
    return lambda term: pattern.search(term) is not None


def entries_with_term(glossary: Glossary, query: str, langs: Sequence[str] | None = None) -> list[Entry]:
    """The entries, in the glossary's order, with a term (in ``langs`` when given: base languages such as
    ``fr``) that holds ``query`` as :func:`search_key` compares them."""
    matches = _matcher(query)
    wanted = {base(lang) for lang in langs} if langs else None
    return [e for e in glossary.entries
            if any((wanted is None or base(t.lang) in wanted) and matches(search_key(t.text))
                   for t in e.terms)]
