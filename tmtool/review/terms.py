"""Glossary terms for the review screen: which spans of a cell to highlight, and the side panel's list.

Matching is done by :func:`tmtool.glossary.find_terms` (inflection-aware) on demand, only for the rows the
reviewer sees, and cached. No UI code here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

__all__ = ["TermHit", "TermFinder", "RowTerm", "NOT_TO_USE"]


# tmtool.glossary.model.NOT_TO_USE, written again: importing the glossary package costs the review's start some
# 80 ms when no glossary is given (it is imported on first use); tests/review/test_review_terms.py checks they agree
NOT_TO_USE = ("deprecated", "forbidden")  # term statuses a reviewer must see as wrong, not as found


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a cell: character span, entry and term (as returned by ``find_terms``)."""

    start: int
    end: int
    entry: Any
    term: Any


@dataclass(frozen=True)
class RowTerm:
    """One concept found in a row: the approved renderings per language, whether each cell has one
    (``found``), and the deprecated or forbidden terms of the concept each cell uses instead (``wrong``:
    lang -> ``[(term, status), ...]``; a cell with only such a term is not ``found``)."""

    entry: Any
    label: str
    renderings: dict[str, list[str]]
    found: dict[str, bool]
    wrong: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    variant: dict[str, str] = field(default_factory=dict)  # lang -> a word derived from the name (« arménienne »)


class TermFinder:
    """Find glossary terms in cell texts, with a cache. ``find`` defaults to ``tmtool.glossary.find_terms``."""

    def __init__(self, glossaries: Sequence[Any] = (), find: Callable[[Any, str, str], list] | None = None,
                 derived: Callable[[Any, str, str], list] | None = None) -> None:
        self.glossaries = list(glossaries)
        if find is None and self.glossaries:
            from ..glossary import find_terms as find  # type: ignore[attr-defined,no-redef]
            from ..glossary.derived import find_derived as derived
        self._find = find
        self._derived = derived  # words derived from a place name: "Armenian", « arméniennes » (glossary check)
        self.matches = lru_cache(maxsize=8192)(self._matches)
        self.derived = lru_cache(maxsize=8192)(self._derived_words)

    def __bool__(self) -> bool:
        return bool(self.glossaries)

    def _matches(self, text: str, lang: str) -> tuple[TermHit, ...]:
        if not text or self._find is None:
            return ()
        hits = []
        for glossary in self.glossaries:
            for m in self._find(glossary, text, lang):
                hits.append(TermHit(int(m.start), int(m.end), m.entry, m.term))
        hits.sort(key=lambda h: (h.start, -h.end))
        return tuple(hits)

    def _derived_words(self, text: str, lang: str) -> dict[int, str]:
        """id(entry) -> the first word of ``text`` derived from that entry's place name (``tmtool glossary
        check`` counts it as a variant, not a missing term)."""
        out: dict[int, str] = {}
        if not text or self._derived is None:
            return out
        for glossary in self.glossaries:
            for m in self._derived(glossary, text, lang):
                out.setdefault(id(m.entry), str(m.text))
        return out

    def row_terms(self, texts: dict[str, str], langs: Sequence[str], prefer: str | None = None) -> list[RowTerm]:
        """The concepts found in any cell of a row (``texts``: lang -> cell text), in first-seen order.

        Each is labelled with its approved term in ``prefer`` (the reviewer's column) when it has one."""
        seen: dict[int, RowTerm] = {}
        found_in: dict[int, set[str]] = {}
        wrong_in: dict[int, dict[str, list[tuple[str, str]]]] = {}
        for lang in langs:
            for hit in self.matches(texts.get(lang, ""), lang):
                key = id(hit.entry)
                found_in.setdefault(key, set())
                status = getattr(hit.term, "status", "preferred")
                if status in NOT_TO_USE:  # "Baréin" where the UN writes "Bahrein": a problem, not a find
                    wrong = wrong_in.setdefault(key, {}).setdefault(lang, [])
                    if (hit.term.text, status) not in wrong:
                        wrong.append((hit.term.text, status))
                else:
                    found_in[key].add(lang)
                if key not in seen:
                    wanted = [*langs, prefer] if prefer and prefer not in langs else langs
                    renderings = {other: [t.text for t in hit.entry.approved(other)] for other in wanted}
                    label = (renderings.get(prefer or lang) or renderings.get(lang) or [hit.term.text])[0]
                    seen[key] = RowTerm(hit.entry, label, renderings, {})
        return [
            RowTerm(rt.entry, rt.label, rt.renderings, {lang: lang in found_in[key] for lang in langs},
                    wrong_in.get(key, {}), self._variants(key, texts, langs, found_in[key] | set(wrong_in.get(key, ()))))
            for key, rt in seen.items()
        ]

    def _variants(self, key: int, texts: dict[str, str], langs: Sequence[str], found: set[str]) -> dict[str, str]:
        """For the columns without a term of the concept ``key``: the word derived from its name they use."""
        out = {}
        for lang in langs:
            if lang not in found:
                word = self.derived(texts.get(lang, ""), lang).get(key)
                if word:
                    out[lang] = word
        return out

    def row_problem(self, texts: dict[str, str], langs: Sequence[str]) -> bool:
        """Whether the row needs a terminology look: a concept found in one column has no approved term in
        another column that could have one (the side panel's ✗), or a column uses a deprecated or forbidden
        term (``!``)."""
        return any(term.wrong or any(term.renderings[lang] and not term.found[lang] and lang not in term.variant
                                     for lang in langs)
                   for term in self.row_terms(texts, langs))
