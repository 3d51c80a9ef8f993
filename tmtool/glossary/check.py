"""Terminology QA over aligned segment pairs.

For each pair: every glossary term found in the source whose entry has an approved (preferred or admitted)
term in the target language must have one of them in the target (anywhere, also inside a longer term),
else the problem is ``missing``; every
deprecated or forbidden term found in the target is a problem of that name (and is not also reported as
missing). Matching is :func:`~tmtool.glossary.find_terms` (inflection, clitics, unspaced scripts).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from ..errors import LanguageError
from ..languages import base
from .matching import find_terms
from .model import APPROVED, Entry, Glossary
from .pairs import SegmentPair

__all__ = ["Problem", "check_pairs", "merge_glossaries"]


@dataclass(frozen=True)
class Problem:
    """One terminology problem in one target segment."""

    problem: str  # missing | deprecated | forbidden
    lang: str  # the target language
    term: str  # the glossary term: found in the source (missing) or in the target (deprecated/forbidden)
    expected: str  # the approved target term
    segment: str  # the target segment
    source: str = ""  # the source segment
    where: str = ""  # file#link
    entry: str = ""  # entry id
    found: str = ""  # the text as it appears (inflected form)

    def to_json(self) -> dict[str, str]:
        return asdict(self)


def merge_glossaries(glossaries: Sequence[Glossary]) -> Glossary:
    """One glossary holding the entries of all; clashing ids get the file name as prefix."""
    if len(glossaries) == 1:
        return glossaries[0]
    seen: set[str] = set()
    entries: list[Entry] = []
    for g in glossaries:
        for e in g.entries:
            if e.id in seen:
                from dataclasses import replace

                e = replace(e, id=f"{g.path}:{e.id}")
            seen.add(e.id)
            entries.append(e)
    return Glossary(tuple(entries), path=", ".join(g.path for g in glossaries))


def _require(glossary: Glossary, lang: str) -> None:
    if not any(base(x) == base(lang) for x in glossary.languages):
        raise LanguageError(
            f"the glossary has no terms in {lang!r} (it has {', '.join(glossary.languages) or 'none'})",
            glossary.path or None,
        )


def check_pairs(glossary: Glossary, pairs: Iterable[SegmentPair], src: str, tgt: str, *,
                allow_mirrored: bool = False) -> list[Problem]:  # fmt: skip
    """Problems found in ``pairs`` (source language ``src``, target ``tgt``), in pair order.

    One problem per entry and term per pair. With ``allow_mirrored``, a deprecated target term is not
    reported when the source uses a deprecated or forbidden term of the same entry (the translation
    mirrors the author's wording: "Russia" -> "Россия"); forbidden terms are always reported.
    """
    _require(glossary, src)
    _require(glossary, tgt)
    problems: list[Problem] = []
    for pair in pairs:
        in_source = find_terms(glossary, pair.src, src)
        in_target = find_terms(glossary, pair.tgt, tgt)
        # an approved rendering counts wherever it is, also inside a longer term (联合国 in 常驻联合国代表)
        approved_found = {m.entry.id for m in find_terms(glossary, pair.tgt, tgt, overlapping=True)
                          if m.term.status in APPROVED or m.term.status == "proposed"}  # fmt: skip
        mirrored = {m.entry.id for m in in_source if m.term.status in ("deprecated", "forbidden")}
        flagged: set[str] = set()
        seen: set[tuple[str, str]] = set()
        for m in in_target:
            if m.term.status in ("deprecated", "forbidden"):
                flagged.add(m.entry.id)
                if (m.entry.id, m.term.text) in seen or (
                    allow_mirrored and m.term.status == "deprecated" and m.entry.id in mirrored
                ):
                    continue
                seen.add((m.entry.id, m.term.text))
                expected = m.entry.approved(tgt)
                problems.append(
                    Problem(m.term.status, tgt, m.term.text, expected[0].text if expected else "", pair.tgt,
                            pair.src, pair.where, m.entry.id, m.text)  # fmt: skip
                )
        reported: set[str] = set()
        for m in in_source:
            e = m.entry
            expected = e.approved(tgt)
            if not expected or e.id in approved_found or e.id in flagged or e.id in reported:
                continue
            reported.add(e.id)
            problems.append(
                Problem("missing", tgt, m.term.text, expected[0].text, pair.tgt, pair.src, pair.where, e.id, m.text)
            )
    return problems
