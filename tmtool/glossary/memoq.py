"""memoQ-style CSV: one row per entry, one column per language code.

Header cells: ``id``, ``subject``, ``note``, ``definition`` (all optional), a language code (``en``,
``fr-CA``) for a term column (repeat the code for synonyms), and ``<code>_status`` right after a term
column for that term's status. The writer adds status columns only for languages where some term is not
preferred. Kept: terms, status, entry id, subject, note, concept definition. Not kept: part of speech,
term notes, examples, sources.

The reader also takes memoQ's own export: ``Entry_ID``, ``Entry_Subject``, ``Entry_Domain``, ``Entry_Note``
and the other ``Entry_`` columns; per language ``<Name>_Def`` (a language-level definition) and ``<Name>``
(a term; memoQ's English names: ``English_United_States``, ``Chinese_PRC``), each term followed by
``Term_Info`` (a forbidden flag makes the term forbidden), ``Term_Example`` and ``Term_Note``.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from pathlib import Path

from ..errors import FormatError, LanguageError, shown
from ..fileio import atomic_write_text
from ..fileio import csv_rows
from ..languages import language_tag, tag_from_name
from ._text import read_text
from .model import (Definition, Entry, Example, Glossary, Term, generated_id, same_term,
                    warn_skipped)
from .status import from_tbx, parse_status, to_tbx, unknown_status

__all__ = ["read_memoq", "write_memoq"]

_ENTRY_COLS = ("id", "subject", "note", "definition")
# memoQ's own export: its entry columns tmtool keeps (Entry_Domain stands in for an empty subject) and its
# term columns (after each term); the others (client, project, dates, users) are not kept.
_MEMOQ_ENTRY = {"entry_id": "id", "entry_subject": "subject", "entry_domain": "domain", "entry_note": "note"}
_MEMOQ_TERM = ("info", "example", "note")


def _kept(entry: Entry, lang: str) -> list[Term]:
    """The terms of ``entry`` in ``lang`` as memoQ keeps them: one per text and status (terms that differed only
    in what memoQ has no column for, "record" noun and verb, become one)."""
    seen: dict[tuple[str, str, str], Term] = {}
    for t in entry.terms:
        if t.lang == lang:
            seen.setdefault((t.text, t.status, t.status_detail), t)
    return list(seen.values())


def _status_cell(term: Term) -> str:
    """A term's status cell: the TBX value that keeps a finer status (``supersededTerm-admn-sts``) where one names
    the term's own status, else the status itself (TBX has no proposed, and writes forbidden as deprecated with a
    note, which this format has no room for)."""
    value = to_tbx(term.status, term.status_detail)[0] if term.status_detail else None
    found = from_tbx(value) if value else None
    return value if value and found and found[0] == term.status else term.status


def write_memoq(glossary: Glossary, path: str | Path, *, bom: bool = False) -> int:
    """Write the memoQ-style CSV (UTF-8; with ``bom`` a byte order mark first, for Excel); returns the number of
    entries."""
    langs = glossary.languages
    width = {lang: max(len(_kept(e, lang)) for e in glossary.entries) for lang in langs}
    with_status = {lang: any(t.status != "preferred" for e in glossary.entries for t in e.terms if t.lang == lang)
                   for lang in langs}  # fmt: skip
    header = list(_ENTRY_COLS)
    for lang in langs:
        for _ in range(width[lang]):
            header.append(lang)
            if with_status[lang]:
                header.append(f"{lang}_status")
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for e in glossary.entries:
        row = [e.id, e.subject, e.note, e.definition]
        for lang in langs:
            terms = _kept(e, lang)
            for i in range(width[lang]):
                t = terms[i] if i < len(terms) else None
                row.append(t.text if t else "")
                if with_status[lang]:
                    row.append(_status_cell(t) if t else "")
        w.writerow(row)
    atomic_write_text(path, ("\ufeff" if bom else "") + buf.getvalue())
    return len(glossary.entries)


def _lang_of(cell: str) -> str | None:
    """The language a header cell names: a code (``en``, ``fr-CA``) or memoQ's English name
    (``English_United_States``, ``Chinese_PRC``); None if neither."""
    return language_tag(cell) or tag_from_name(cell)


def _header(header: list[str], p: Path) -> list[tuple[str, str]]:
    """What each header cell holds: ``(kind, key)`` with kind entry, term, status, definition, term-field or
    ignored."""
    kinds: list[tuple[str, str]] = []
    for i, cell in enumerate(header):
        low = cell.lower()
        if low in _ENTRY_COLS:
            kinds.append(("entry", low))
        elif low.startswith("entry_"):  # memoQ's own export
            kinds.append(("entry", _MEMOQ_ENTRY[low]) if low in _MEMOQ_ENTRY else ("ignored", low))
        elif low.startswith("term_"):  # memoQ's fields of the term column before it
            if not any(k == "term" for k, _ in kinds):
                raise FormatError(f"column {i + 1} {cell!r} comes before any term column", p, 1)
            kinds.append(("term-field", low[5:]) if low[5:] in _MEMOQ_TERM else ("ignored", low))
        elif low.endswith("_status"):
            prev = kinds[-1] if kinds else ("", "")
            if prev[0] != "term" or prev[1] != _lang_of(cell[:-7]):
                raise FormatError(f"column {i + 1} {cell!r} does not follow a {cell[:-7]!r} term column", p, 1)
            kinds.append(("status", prev[1]))
        elif low.endswith("_def") and (lang := _lang_of(cell[:-4])):
            kinds.append(("definition", lang))
        elif lang := _lang_of(cell):
            kinds.append(("term", lang))
        else:
            raise LanguageError(f"column {i + 1} {shown(cell)} is not a language code (en, fr-CA ...) or a memoQ "
                                "language name (English_United_States ...)", p, 1)
    if not any(k == "term" for k, _ in kinds):
        raise FormatError("no language columns in the header", p, 1)
    return kinds


def _term_info(term: Term, info: str) -> Term:
    """memoQ's ``Term_Info`` (flags separated by semicolons: case, matching, forbidden): a forbidden term."""
    flags = {f.strip().lower() for f in re.split(r"[;|,\s]+", info)}
    if flags & {"forbidden", "forbidden=true", "forbidden=yes", "forbidden=1"}:
        return replace(term, status="forbidden", status_detail="")
    return term


def read_memoq(path: str | Path, *, encoding: str | None = None) -> Glossary:
    """Read a memoQ CSV (comma, semicolon or tab separated): tmtool's memoQ-style columns, or memoQ's own export
    (``Entry_ID``, ``Entry_Subject``, ``English_United_States_Def``, ``English_United_States``, ``Term_Info``,
    ``Term_Example``...)."""
    p = Path(path)
    text = read_text(p, encoding)
    reader = csv_rows(text, p)
    try:
        header = [h.strip() for h in next(reader)[1]]
    except StopIteration:
        raise FormatError("empty file", p) from None
    kinds = _header(header, p)
    rows: list[tuple[int, dict[str, str], list[Term], list[Definition]]] = []
    termless: list[int] = []  # rows with cells but no term: dropped
    orphans: list[int] = []  # status or Term_ cells after an empty term cell: ignored
    for line, row in reader:
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(kinds):
            raise FormatError(f"{len(row)} cells but {len(kinds)} columns in the header", p, line)
        fields: dict[str, str] = {}
        terms: list[Term] = []
        definitions: list[Definition] = []
        filled = False  # whether the term column last seen held a term (its status and memoQ fields follow it)
        for (kind, key), cell in zip(kinds, row):
            cell = cell.strip()
            if kind == "term":
                filled = bool(cell)
                if cell:
                    terms.append(Term(cell, key))
            elif not cell or kind == "ignored":
                continue
            elif kind == "entry":
                fields[key] = cell
            elif kind == "definition":
                definitions.append(Definition(cell, key))
            elif not filled:  # the status or a field of a term cell left empty: of no term
                orphans.append(line)
            elif kind == "status":
                mapped = parse_status(cell)
                if mapped is None:
                    raise FormatError(unknown_status(cell), p, line)
                terms[-1] = replace(terms[-1], status=mapped[0], status_detail=mapped[1])
            elif key == "info":  # a memoQ field of the term just read
                terms[-1] = _term_info(terms[-1], cell)
            elif key == "example":
                terms[-1] = replace(terms[-1], examples=(Example(cell),))
            else:
                terms[-1] = replace(terms[-1], note=cell)
        if terms:
            rows.append((line, fields, terms, definitions))
        else:
            termless.append(line)
    for lines, what in ((termless, "row(s) without a term dropped"),
                        (orphans, "status or term field cell(s) whose term cell is empty ignored")):  # fmt: skip
        warn_skipped(p, lines, what)
    taken = {fields["id"] for _, fields, _, _ in rows if fields.get("id")}
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line, fields, terms, definitions in rows:
        eid = fields.get("id") or generated_id(len(entries) + 1, taken)
        if eid in seen:
            raise FormatError(f"duplicate entry {eid!r} (first at line {seen[eid]})", p, line)
        seen[eid] = line
        earlier: dict[Term, int] = {}
        for t in terms:
            if same_term(t, earlier, line) is not None:
                raise FormatError(f"duplicate term {t.text!r} ({t.lang}) in entry {eid!r}: the same in every field "
                                  "(give the second a different status, or drop it)", p, line)  # fmt: skip
        entries.append(Entry(eid, tuple(terms), subject=fields.get("subject") or fields.get("domain", ""),
                             note=fields.get("note", ""), definition=fields.get("definition", ""),
                             definitions=tuple(definitions)))  # fmt: skip
    return Glossary(tuple(entries), path=str(p), metadata={"format": "memoq"})
