"""The glossary model: concept entries holding terms per language, each with a status."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..languages import base

__all__ = ["STATUSES", "APPROVED", "NOT_TO_USE", "Example", "Definition", "Term", "Entry", "Glossary", "GlossaryWarning",
           "generated_id", "refuse_duplicate_terms", "same_term", "warn_skipped"]

# Ordered from best to worst; "proposed" is what extraction produces.
STATUSES = ("preferred", "admitted", "proposed", "deprecated", "forbidden")
# Statuses a translator may use as a rendering.
APPROVED = ("preferred", "admitted")
# Statuses a translator must not use: a check's problem, a reviewer's warning.
NOT_TO_USE = ("deprecated", "forbidden")


class GlossaryWarning(UserWarning):
    """Something a reader skipped (rows without a term...); the CLI prints each as ``tmtool: warning: ...``."""


def warn_skipped(path: object, lines: list[int], what: str) -> None:
    """One :class:`GlossaryWarning` for the rows of ``path`` at ``lines`` that a reader skipped or read in part:
    ``g.txt: 2 row(s) without a term dropped (first at line 4)``; nothing when ``lines`` is empty."""
    if lines:
        import warnings

        warnings.warn(f"{path}: {len(lines)} {what} (first at line {lines[0]})", GlossaryWarning, stacklevel=3)


@dataclass(frozen=True)
class Example:
    """A usage example of a term, with the document symbol it comes from."""

    text: str
    source: str = ""


@dataclass(frozen=True)
class Definition:
    """A language-level definition (TBX ``langSec``/``langSet`` descrip), with its source."""

    text: str
    lang: str = ""
    source: str = ""


@dataclass(frozen=True)
class Term:
    """One term in one language."""

    text: str
    lang: str
    status: str = "preferred"
    part_of_speech: str = ""
    note: str = ""
    examples: tuple[Example, ...] = ()
    # Added for lossless round trips: TBX termType (fullForm, acronym, entryTerm, synonym ...),
    # a term-level source, and the format's finer status when it maps onto a coarser one of
    # STATUSES (e.g. "superseded" read as status "deprecated").
    term_type: str = ""
    source: str = ""
    status_detail: str = ""
    # TBX elements of the term that the model has no field for (transacGrp history, xref, other
    # termNote/admin types...), as namespace-free XML, written back by the TBX writers and the CSV
    extra_xml: str = ""


@dataclass(frozen=True)
class Entry:
    """One concept: its terms in every language it has, plus concept-level data."""

    id: str
    terms: tuple[Term, ...]
    subject: str = ""
    definition: str = ""
    note: str = ""
    source: str = ""
    definitions: tuple[Definition, ...] = ()
    # TBX elements the model has no field for, as namespace-free XML: of the entry (transacGrp, xref
    # xGraphic...) and of each language section, ``(lang, xml)``
    extra_xml: str = ""
    lang_extra_xml: tuple[tuple[str, str], ...] = ()

    def terms_in(self, lang: str) -> list[Term]:
        """Terms of this entry in ``lang``. A language without a region takes every variety (``fr`` matches
        ``fr-FR`` and ``fr-CA``); a tag with one takes its own terms and those of the bare language, and another
        variety's only where the entry has none of its own (a fr-CA text is not held to fr-FR's « e-mail »)."""
        want = base(lang)
        same = [t for t in self.terms if base(t.lang) == want]
        tag = lang.casefold()
        if tag == want or not any(t.lang.casefold() == tag for t in same):
            return same
        return [t for t in same if t.lang.casefold() in (tag, want)]

    def approved(self, lang: str) -> list[Term]:
        """Preferred and admitted terms in ``lang``, preferred first."""
        order = {"preferred": 0, "admitted": 1}
        return sorted((t for t in self.terms_in(lang) if t.status in order), key=lambda t: order[t.status])


@dataclass(frozen=True)
class Glossary:
    """A set of entries, with where it was read from."""

    entries: tuple[Entry, ...]
    path: str = ""
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def languages(self) -> list[str]:
        seen: dict[str, None] = {}
        for e in self.entries:
            for t in e.terms:
                seen.setdefault(t.lang, None)
        return list(seen)


def same_term(term: Term, earlier: dict[Term, int], line: int) -> int | None:
    """The line of a term of the same entry equal to ``term`` in every field (text, language, status, part of
    speech, notes...), else None after noting ``term`` at ``line`` in ``earlier``: the one rule of every reader
    (the same text twice in one language is allowed when some other field differs, e.g. noun and verb)."""
    if term in earlier:
        return earlier[term]
    earlier[term] = line
    return None


def refuse_duplicate_terms(glossary: Glossary) -> None:
    """Raise :class:`~tmtool.errors.FormatError` if an entry holds the same term twice, equal in every field: what
    every reader refuses (:func:`same_term`), so no writer writes it (a glossary built in Python can hold it)."""
    from ..errors import FormatError

    for entry in glossary.entries:
        earlier: dict[Term, int] = {}
        for n, term in enumerate(entry.terms, start=1):
            if (first := same_term(term, earlier, n)) is not None:
                raise FormatError(f"duplicate term {term.text!r} ({term.lang}) in entry {entry.id!r}: the same in every "
                                  f"field as its term {first}; not written", glossary.path or None)  # fmt: skip


def generated_id(n: int, taken: set[str]) -> str:
    """An id for the ``n``-th entry of a file that gives it none: ``e<n>``, or ``e<n>-2``, ``-3``... when the file
    (``taken``: its own ids, to which the result is added) already uses it."""
    eid, k = f"e{n}", 1
    while eid in taken:
        k += 1
        eid = f"e{n}-{k}"
    taken.add(eid)
    return eid
