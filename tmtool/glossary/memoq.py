"""memoQ-style CSV: one row per entry, one column per language code.

Header cells: ``id``, ``subject``, ``note``, ``definition`` (all optional), a language code (``en``,
``fr-CA``) for a term column (repeat the code for synonyms), and ``<code>_status`` right after a term
column for that term's status. The writer adds status columns only for languages where some term is not
preferred. Kept: terms, status, entry id, subject, note, concept definition. Not kept: part of speech,
term notes, examples, sources.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import FormatError, LanguageError, UsageError
from ..fileio import atomic_write_text
from ..languages import normalise_tag
from ..fileio import csv_rows
from ._text import read_text
from .model import Entry, Glossary, Term
from .status import parse_status, to_tbx

__all__ = ["read_memoq", "write_memoq"]

_ENTRY_COLS = ("id", "subject", "note", "definition")


def write_memoq(glossary: Glossary, path: str | Path) -> int:
    """Write the memoQ-style CSV; returns the number of entries."""
    langs = glossary.languages
    width = {lang: max(len([t for t in e.terms if t.lang == lang]) for e in glossary.entries) for lang in langs}
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
            terms = [t for t in e.terms if t.lang == lang]
            for i in range(width[lang]):
                t = terms[i] if i < len(terms) else None
                row.append(t.text if t else "")
                if with_status[lang]:
                    row.append((to_tbx(t.status, t.status_detail)[0] if t.status_detail else t.status) if t else "")
        w.writerow(row)
    atomic_write_text(path, buf.getvalue())
    return len(glossary.entries)


def read_memoq(path: str | Path, *, encoding: str | None = None) -> Glossary:
    """Read a memoQ-style CSV (comma, semicolon or tab separated)."""
    p = Path(path)
    text = read_text(p, encoding)
    reader = csv_rows(text, p)
    try:
        header = [h.strip() for h in next(reader)[1]]
    except StopIteration:
        raise FormatError("empty file", p) from None
    kinds: list[tuple[str, str]] = []  # (kind, lang or field)
    for i, cell in enumerate(header):
        low = cell.lower()
        if low in _ENTRY_COLS:
            kinds.append(("entry", low))
        elif low.endswith("_status"):
            prev = kinds[-1] if kinds else ("", "")
            if prev[0] != "term" or prev[1].lower() != normalise_tag(cell[:-7]).lower():
                raise FormatError(f"column {i + 1} {cell!r} does not follow a {cell[:-7]!r} term column", p, 1)
            kinds.append(("status", prev[1]))
        else:
            try:
                tag = normalise_tag(cell)
                if not 2 <= len(tag.split("-")[0]) <= 3:
                    raise UsageError(tag)
                kinds.append(("term", tag))
            except UsageError:
                raise LanguageError(f"column {i + 1} {cell!r} is not a language code (en, fr-CA ...)", p, 1) from None
    if not any(k == "term" for k, _ in kinds):
        raise FormatError("no language columns in the header", p, 1)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for line, row in reader:
        if not any(c.strip() for c in row):
            continue
        if len(row) > len(kinds):
            raise FormatError(f"{len(row)} cells but {len(kinds)} columns in the header", p, line)
        fields: dict[str, str] = {}
        terms: list[Term] = []
        for (kind, key), cell in zip(kinds, row):
            cell = cell.strip()
            if kind == "entry":
                fields[key] = cell
            elif kind == "term" and cell:
                terms.append(Term(cell, key))
            elif kind == "status" and cell:
                mapped = parse_status(cell)
                if mapped is None:
                    raise FormatError(f"unknown status {cell!r}", p, line)
                if terms and terms[-1].lang == key:
                    terms[-1] = Term(terms[-1].text, key, status=mapped[0], status_detail=mapped[1])
        if not terms:
            continue
        eid = fields.get("id") or f"e{len(entries) + 1}"
        if eid in seen:
            raise FormatError(f"duplicate entry {eid!r} (first at line {seen[eid]})", p, line)
        seen[eid] = line
        entries.append(Entry(eid, tuple(terms), subject=fields.get("subject", ""),
                             note=fields.get("note", ""), definition=fields.get("definition", "")))  # fmt: skip
    return Glossary(tuple(entries), path=str(p), metadata={"format": "memoq"})
