"""Glossary concepts found in a segment, as alignment anchors.

Every language goes through :func:`tmtool.glossary.find_terms` (so inflected forms count), except one-word
Arabic terms: they must be the word itself once its prefixed clitics (``و ف ب ل ك ال``) are off, because the
glossary's stemmer lets ``المالية`` (financial) match Mali ``مالي`` and ``التركيز`` (focus) match Turkey
``تركيا``. Those are looked up in a table, which also spares stemming every Arabic word (slow, pure Python):
only segments holding the first word of a multiword Arabic term go through ``find_terms``. As in ``find_terms``, a
one-word place name takes no article it does not have (المالي is "the financial", not Mali), and a place name that
its context shows to be a common word (دعم مالي "financial support": :mod:`tmtool.glossary.homographs`) is no
anchor.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..glossary.homographs import common_word
from ..glossary.normalise import fold, proclitic_forms
from ..languages import base

if TYPE_CHECKING:
    from ..glossary.model import Glossary

__all__ = ["TermMarker", "ar_forms", "term_marker"]

TermMarker = Callable[[str, str], list[str]]  # (text, lang) -> glossary concept ids found in text

USED = ("preferred", "admitted")
_AR_WORD = re.compile("[\u0621-\u064a\u0660-\u0669\u066e-\u06d3\u064b-\u065f\u0670\u0640]+")


def _norm(word: str) -> str:
    return fold(word, "ar")  # the glossary's own Arabic folding: harakat, tatweel, alef/ya/ta marbuta forms


def ar_forms(word: str) -> list[str]:
    """An Arabic word (diacritics off, hamza-carrying alefs folded) and what is left of it once prefixed
    clitics are taken off in each possible way (``وبالمالية`` -> ``بالمالية``, ``المالية``, ``مالية``, ...)."""
    word = _norm(word)
    out = [word]
    for conj in ("", "و", "ف"):
        for prep in ("", "ب", "ل", "ك"):
            for art in ("", "ال", "ل"):
                head = conj + prep + art
                if head and word.startswith(head) and len(word) - len(head) >= 2 and (art != "ل" or prep == "ل"):
                    out.append(word[len(head):])
    return out


def _term_keys(term: str) -> list[str]:
    t = _norm(term.strip())
    return [t, t[2:]] if t.startswith("ال") and len(t) > 3 else [t]


class _Arabic:
    """One-word Arabic terms by their core; multiword ones through find_terms, only when their first word occurs."""

    def __init__(self, glossary: Glossary) -> None:
        from ..glossary.model import Entry, Glossary

        self.single: dict[str, list[str]] = {}
        self.names: dict[str, tuple[str, frozenset[str]]] = {}  # a place name's key: its term, its written forms
        self.places = frozenset(e.id for e in glossary.entries if e.subject == "place-name")
        multi: list[Entry] = []
        self.starts: set[str] = set()
        for entry in glossary.entries:
            terms = [t for t in entry.terms if base(t.lang) == "ar" and t.status in USED]
            longer = [t for t in terms if len(t.text.split()) > 1]
            for t in terms:
                if len(t.text.split()) == 1:
                    for key in _term_keys(t.text):
                        self.single.setdefault(key, []).append(entry.id)
                    if entry.subject == "place-name":
                        key = _norm(t.text.strip())
                        self.names.setdefault(key, (t.text.strip(), frozenset(proclitic_forms(key))))
            if longer:
                multi.append(Entry(entry.id, tuple(longer)))
                self.starts.update(k[:2] for t in longer for k in _term_keys(t.text.split()[0]))
        self.multi = Glossary(tuple(multi))

    def __call__(self, text: str, lang: str) -> list[str]:
        from ..glossary import find_terms

        words = [(m.start(), m.end(), ar_forms(m.group())) for m in _AR_WORD.finditer(text)]
        spans: list[tuple[int, int]] = []
        place_ends: set[int] = set()  # where a place name ends: the word before an Arabic adjective is no noun
        out: list[str] = []
        if self.multi.entries and any(f[:2] in self.starts for w in words for f in w[2]):
            for m in find_terms(self.multi, text, lang):
                out.append(m.entry.id)
                spans.append((m.start, m.end))
                if m.entry.id in self.places:
                    place_ends.add(m.end)  # بوركينا فاسو ومالي: Mali after a name of two words
        found: list[tuple[int, int, str, list[str]]] = []
        for start, end, forms in words:
            key = next((f for f in forms if f in self.single), None)
            if key is not None and not any(s <= start and end <= e for s, e in spans):
                found.append((start, end, key, self.single[key]))
        place_ends.update(end for _, end, key, _ in found if key in self.names)
        for start, end, key, ids in found:
            name = self.names.get(key)
            if name is not None and (_norm(text[start:end]) not in name[1]
                                     or common_word(text, start, end, name[0], lang, place_ends.__contains__)):
                continue  # المالي (the article), دعم مالي (an adjective): not the place
            out.append(ids[0])
        return out


_MARKERS: dict[int, tuple[Glossary, TermMarker]] = {}  # the last few markers, by glossary (held, so ids stay unique)


def term_marker(glossary: Glossary | None) -> TermMarker | None:
    """A function giving the concepts (entry ids) of ``glossary`` found in a text; None without a glossary.

    The same glossary object gives the same marker, so that pair alignments made with it can be reused."""
    if glossary is None or not glossary.entries:
        return None
    hit = _MARKERS.get(id(glossary))
    if hit is not None and hit[0] is glossary:
        return hit[1]
    mark = _new_marker(glossary)
    if len(_MARKERS) >= 4:
        _MARKERS.pop(next(iter(_MARKERS)))
    _MARKERS[id(glossary)] = (glossary, mark)
    return mark


def _new_marker(glossary: Glossary) -> TermMarker:
    from ..glossary import find_terms

    arabic: list[_Arabic] = []

    def mark(text: str, lang: str) -> list[str]:
        if base(lang) == "ar":
            if not arabic:
                arabic.append(_Arabic(glossary))
            return arabic[0](text, lang)
        return [m.entry.id for m in find_terms(glossary, text, lang) if m.term.status in USED]

    return mark
