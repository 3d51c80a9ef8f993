"""What writing a glossary in a format loses of the model's fields, counted, so that ``glossary convert`` can say so.

The TBX elements kept as XML are counted by :func:`~tmtool.glossary.io.dropped_by`; this module counts the fields
of the model itself that a format has no place for (docs/glossary.md, "Formats and what each keeps"):

- ``memoq``: a term's part of speech, type, note, source and examples, language-level definitions, the entry's
  source; terms that differ only in those fields are written once;
- ``omegat``: the terms of other languages; part of speech, type, source, examples and the finer TBX status
  (``superseded`` is written as deprecated) of the pair's terms; the notes of source terms; every definition;
  the notes of deprecated and forbidden targets (listed in the comment by their text) and of a target on the
  entry's first row only when the entry has a note; the entry's subject and source (OmegaT has no entry ids
  either: the reader numbers its entries);
- ``tbx``, ``tbx2``: a language-level definition in a language where the entry has no term (a ``langSec`` must
  hold a term);
- ``csv``: nothing of the model.
"""

from __future__ import annotations

from .model import APPROVED, Entry, Glossary, Term

__all__ = ["lost_fields"]


def _add(counts: dict[str, int], name: str, n: int) -> None:
    if n:
        counts[name] = counts.get(name, 0) + n


def _term_fields(counts: dict[str, int], terms: list[Term], *, detail: bool) -> None:
    _add(counts, "part of speech", sum(bool(t.part_of_speech) for t in terms))
    _add(counts, "term type", sum(bool(t.term_type) for t in terms))
    _add(counts, "term source", sum(bool(t.source) for t in terms))
    _add(counts, "example", sum(len(t.examples) for t in terms))
    if detail:
        _add(counts, "finer status", sum(bool(t.status_detail) for t in terms))


def _target_notes_lost(entry: Entry, sources: list[Term], targets: list[Term]) -> int:
    """Notes of target terms the OmegaT writer has no row for: a deprecated or forbidden target (listed in the
    comment by its text only), or a target only on an entry's first row when the entry has a note (which goes
    there)."""
    usable = [t for t in targets if t.status in APPROVED + ("proposed",)]
    if not sources or not usable:
        return 0
    lost = sum(bool(t.note.strip()) for t in targets if t not in usable)
    rows = [t for _ in sources for t in usable]
    if entry.note.strip() and rows[0].note.strip() and all(t is not rows[0] for t in rows[1:]):
        lost += 1
    return lost


def lost_fields(glossary: Glossary, format: str, src_lang: str | None = None,
                tgt_lang: str | None = None) -> dict[str, int]:  # fmt: skip
    """What writing ``glossary`` as ``format`` drops of the model's fields: a readable name -> how many (``{"example":
    12, "part of speech": 9}``); empty when nothing is lost. ``src_lang``/``tgt_lang``: the OmegaT pair, as given to
    the writer."""
    counts: dict[str, int] = {}
    if format in ("tbx", "tbx2"):
        for e in glossary.entries:
            langs = {t.lang for t in e.terms}
            _add(counts, "definition in a language without a term", sum(d.lang not in langs for d in e.definitions))
    elif format == "memoq":
        from .memoq import _kept

        for e in glossary.entries:
            _term_fields(counts, list(e.terms), detail=False)
            _add(counts, "term note", sum(bool(t.note.strip()) for t in e.terms))
            _add(counts, "language-level definition", len(e.definitions))
            _add(counts, "entry source", bool(e.source))
            kept = sum(len(_kept(e, lang)) for lang in {t.lang for t in e.terms})  # the writer's own rule
            _add(counts, "term written once (differs only in fields memoQ lacks)", len(e.terms) - kept)
    elif format == "omegat":
        from ..languages import base
        from .omegat import pair_languages

        src, tgt = pair_languages(glossary, src_lang, tgt_lang)
        for e in glossary.entries:
            sources, targets = e.terms_in(src), e.terms_in(tgt)
            pair = {id(t) for t in sources + targets}
            _add(counts, "term in another language", sum(base(t.lang) not in (base(src), base(tgt)) for t in e.terms))
            _term_fields(counts, sources + targets, detail=True)
            _add(counts, "source term note", sum(bool(t.note.strip()) for t in sources))
            _add(counts, "target term note", _target_notes_lost(e, sources, targets))
            _add(counts, "definition", len(e.definitions) + bool(e.definition))
            _add(counts, "subject", bool(e.subject))
            _add(counts, "entry source", bool(e.source))
            _add(counts, "term of another variety", sum(id(t) not in pair and base(t.lang) in (base(src), base(tgt))
                                                         for t in e.terms))  # fmt: skip
    return counts
