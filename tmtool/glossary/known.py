"""Candidates a glossary already holds: ``glossary extract --glossary`` marks them, so that a terminologist
reads the new ones first and sees where the text renders a known term otherwise than the glossary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from .extract import Candidate
from .matching import find_terms
from .model import APPROVED, Entry, Glossary, Term

__all__ = ["glossary_status", "mark_known"]


def _whole(glossary: Glossary, text: str, lang: str) -> dict[str, tuple[Entry, Term]]:
    """Entries (by id) with a term that ``text`` is, whole, in any form the matcher knows (inflected too)."""
    text = text.strip()
    out: dict[str, tuple[Entry, Term]] = {}
    for m in find_terms(glossary, text, lang, overlapping=True):  # equal spans come best status first
        if m.start == 0 and m.end == len(text):
            out.setdefault(m.entry.id, (m.entry, m.term))
    return out


def glossary_status(candidate: Candidate, glossary: Glossary, src: str, tgt: str) -> str:
    """What ``glossary`` says of a candidate pair: ``""`` (its source term is in no entry: new), ``known``
    (one entry has both terms, the target approved), ``known, <status> target`` (the target is a deprecated,
    forbidden or proposed term of that entry), ``other target: A; B`` (an entry has the source term, with the
    approved targets A, B, not this one) or ``known source, no <tgt> term``."""
    sources = _whole(glossary, candidate.source, src)
    if not sources:
        return ""
    targets = _whole(glossary, candidate.target, tgt)
    for entry_id in sources:
        if entry_id in targets:
            status = targets[entry_id][1].status
            return "known" if status in APPROVED else f"known, {status} target"
    approved = dict.fromkeys(t.text for entry, _ in sources.values() for t in entry.approved(tgt))
    return f"other target: {'; '.join(approved)}" if approved else f"known source, no {tgt} term"


def mark_known(candidates: Iterable[Candidate], glossary: Glossary, src: str, tgt: str) -> list[Candidate]:
    """The candidates with :attr:`Candidate.glossary` set by :func:`glossary_status`."""
    return [replace(c, glossary=glossary_status(c, glossary, src, tgt)) for c in candidates]
