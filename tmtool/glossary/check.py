"""Terminology QA over aligned segment pairs.

For each pair: every glossary term found in the source whose entry has an approved (preferred or admitted)
term in the target language must have one of them in the target (anywhere, also inside a longer term),
else the problem is ``missing``; every
deprecated or forbidden term found in the target is a problem of that name (and is not also reported as
missing). Matching is :func:`~tmtool.glossary.find_terms` (inflection, clitics, unspaced scripts).

Place names may be rendered by a derived word (:mod:`.derived`: « forces armées arméniennes »,
антиазербайджанская). When the source uses the adjective ("Armenian"), the adjective stands for the entry
and the target may have the name or a derived word. When the source has the name and the target only a
derived word, the problem is ``variant`` with severity ``info`` (usually right; a reviewer may look),
never ``missing``; a source adjective rendered in no form is ``adjective``, severity ``info`` too. A source term
that stands as written in the target (« effectuée par Human Rights Watch », « Empresa Argentina de Soluciones
Satelitales » in Russian text) is part of a name left in its language: ``untranslated``, severity ``info``, not
``missing``. ``missing``, ``deprecated`` and ``forbidden`` have severity ``error``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from ..errors import LanguageError
from ..languages import base
from .derived import derivation_rules, find_derived
from .extract import same_language
from .matching import PLACE_SUBJECT, TermMatch, find_terms, non_overlapping
from .model import APPROVED, NOT_TO_USE, Entry, Glossary
from .pairs import SegmentPair

__all__ = ["PROBLEMS", "Problem", "check_pairs", "merge_glossaries"]

# the problem classes, worst first: errors, then the classes of severity info
PROBLEMS = ("missing", "deprecated", "forbidden", "variant", "adjective", "untranslated")


@dataclass(frozen=True)
class Problem:
    """One terminology problem in one target segment."""

    problem: str  # missing | deprecated | forbidden | variant | adjective | untranslated
    lang: str  # the target language
    term: str  # the glossary term: found in the source (missing) or in the target (deprecated/forbidden)
    expected: str  # the approved target term
    segment: str  # the target segment
    source: str = ""  # the source segment
    where: str = ""  # file#link
    entry: str = ""  # entry id
    found: str = ""  # the text as it appears (inflected form)
    severity: str = "error"  # error, or info for variant, adjective (derived forms: a rule) and untranslated

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
    :class:`UsageError` when ``src`` and ``tgt`` are one language, :class:`LanguageError` when the glossary has no
    terms in one of them.
    """
    same_language(src, tgt)
    _require(glossary, src)
    _require(glossary, tgt)
    problems: list[Problem] = []
    for pair in pairs:
        # one scan per side: every match, and of those the non-overlapping ones find_terms gives
        all_source = find_terms(glossary, pair.src, src, overlapping=True)
        all_target = find_terms(glossary, pair.tgt, tgt, overlapping=True)
        in_source, in_target = non_overlapping(all_source), non_overlapping(all_target)
        # an approved rendering counts wherever it is, also inside a longer term (联合国 in 常驻联合国代表), but a
        # place name inside another place's name is not that place (Congo in « République démocratique du Congo »)
        approved_found = {m.entry.id for m in all_target
                          if (m.term.status in APPROVED or m.term.status == "proposed")
                          and not _inside_other_place(m, in_target)}  # fmt: skip
        mirrored = {m.entry.id for m in in_source if m.term.status in NOT_TO_USE}
        flagged: set[str] = set()
        seen: set[tuple[str, str]] = set()
        for m in in_target:
            if m.term.status in NOT_TO_USE:
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
        derived = {m.entry.id: m for m in find_derived(glossary, pair.tgt, tgt)
                   if not _inside_other_place(m, in_target)}  # « República Dominicana » holds no word for Dominica
        reported: set[str] = set()
        for m in in_source:
            e = m.entry
            expected = e.approved(tgt)
            if not expected or e.id in approved_found or e.id in flagged or e.id in reported:
                continue
            reported.add(e.id)
            if e.id in derived and _prefixed(pair.src, m.start, src):
                continue  # "anti-Azerbaijan" -> « anti-azerbaïdjanaise »: the source uses the name as a modifier
            if e.id in derived:  # the target has an adjective of the name: right as a rule, worth a look
                problems.append(Problem("variant", tgt, m.term.text, expected[0].text, pair.tgt, pair.src,
                                        pair.where, e.id, derived[e.id].text, "info"))  # fmt: skip
                continue
            if _written_as(pair.tgt, m.text, e, in_target):  # "Human Rights Watch" kept in English: a name
                problems.append(Problem("untranslated", tgt, m.term.text, expected[0].text, pair.tgt, pair.src,
                                        pair.where, e.id, m.text, "info"))  # fmt: skip
                continue
            problems.append(
                Problem("missing", tgt, m.term.text, expected[0].text, pair.tgt, pair.src, pair.where, e.id, m.text)
            )
        seen_entries = approved_found | flagged | reported | set(derived)
        problems += _adjectives_missing(glossary, pair, src, tgt, all_source, seen_entries)
    return problems


def _inside_other_place(match: TermMatch, kept: list[TermMatch]) -> bool:
    """Whether ``match``, a place name, lies inside a longer match of another place-name entry among ``kept`` (the
    non-overlapping matches): Guinea in « Papouasie-Nouvelle-Guinée », 俄罗斯 in 白俄罗斯."""
    return _place_inside(match.entry, match.start, match.end, kept)


def _place_inside(entry: Entry, start: int, end: int, kept: list[TermMatch]) -> bool:
    """:func:`_inside_other_place` for the text ``start:end`` standing for ``entry``."""
    if entry.subject != PLACE_SUBJECT:
        return False
    return any(k.entry.id != entry.id and k.entry.subject == PLACE_SUBJECT and k.start <= start and end <= k.end
               and k.end - k.start > end - start for k in kept)  # fmt: skip


def _written_as(target: str, found: str, entry: Entry, kept: list[TermMatch]) -> bool:
    """Whether ``found`` (a source term of ``entry`` as the source writes it) stands in ``target`` as written, as
    whole words, and not as part of another place's name among ``kept`` (« République démocratique du Congo »)."""
    return any(not _place_inside(entry, hit.start(), hit.end(), kept)
               for hit in re.finditer(rf"(?<!\w){re.escape(found)}(?!\w)", target))


def _prefixed(text: str, start: int, lang: str) -> bool:
    """Whether the word at ``start`` follows a hyphenated prefix of the language ("anti-", "pro-")."""
    spec = derivation_rules().get(base(lang), {})
    before = text[max(0, start - 8) : start].casefold()
    return any(before.endswith(p + sep) for p in spec.get("prefixes", []) for sep in ("-", "\u2011"))


def _adjectives_missing(glossary: Glossary, pair: SegmentPair, src: str, tgt: str, in_source: list[TermMatch],
                        seen: set[str]) -> list[Problem]:  # fmt: skip
    """``adjective`` (severity info) for source words derived from a place name ("Armenian") whose entry the
    target has in no form (``in_source``: every glossary match in the source, nested ones too). A word derived
    from several names ("Nigerian": Niger, Nigeria) is reported when none is there. Info, not error: the
    derivation is a rule (a person called Ghani is not from Ghana)."""
    spans = [(m.start, m.end) for m in in_source]
    words: dict[tuple[int, int], list] = {}
    for m in find_derived(glossary, pair.src, src):
        if not any(a <= m.start and m.end <= b for a, b in spans):  # inside a term: "Dominican Republic"
            words.setdefault((m.start, m.end), []).append(m)
    out = []
    for ms in words.values():
        if any(m.entry.id in seen for m in ms):
            continue
        m = next((m for m in ms if m.entry.approved(tgt)), None)
        if m is None:
            continue
        seen.update(x.entry.id for x in ms)
        out.append(Problem("adjective", tgt, m.term.text, m.entry.approved(tgt)[0].text, pair.tgt, pair.src,
                           pair.where, m.entry.id, m.text, "info"))  # fmt: skip
    return out
