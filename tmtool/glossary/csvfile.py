"""The lossless CSV: one row per term, every field of the model in a column.

Columns (header required, order free, unknown columns ignored)::

    id, lang, term, status, status_detail, part_of_speech, term_type, note, source, examples,
    subject, definition, definition_source, entry_definition, entry_note, entry_source,
    xml, lang_xml, entry_xml

``examples`` is a JSON list of ``{"text", "source"}``; ``definition*`` are the language-level definition of
the row's language; ``subject`` and ``entry_*`` are concept-level (repeated on every row of the entry).
``xml``, ``lang_xml``, ``entry_xml`` hold the TBX elements of the term, of its language section and of
the entry that the model has no field for (transaction history ``transacGrp``, ``xref`` xGraphic...),
as XML without namespace, so that TBX -> CSV -> TBX loses nothing; ``lang_xml`` is repeated on every row
of the language, ``entry_xml`` on every row of the entry. These three columns are written only when
the glossary has such elements.
The rows of one entry are consecutive; an id that comes back after another entry is a duplicate entry.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..errors import FormatError, LanguageError, shown
from ..fileio import atomic_write_text
from ..languages import language_tag, tag_from_name
from ..fileio import csv_rows
from ._text import read_text
from ._xml import parse_fragment
from .model import Definition, Entry, Example, Glossary, Term, same_term
from .status import parse_status, unknown_status

__all__ = ["COLUMNS", "read_csv", "write_csv"]

COLUMNS = (
    "id", "lang", "term", "status", "status_detail", "part_of_speech", "term_type", "note", "source",
    "examples", "subject", "definition", "definition_source", "entry_definition", "entry_note", "entry_source",
    "xml", "lang_xml", "entry_xml",
)  # fmt: skip


def write_csv(glossary: Glossary, path: str | Path, *, bom: bool = False) -> int:
    """Write the lossless CSV (UTF-8, comma, RFC 4180 quoting; with ``bom`` a UTF-8 byte order mark first, so that
    Excel reads it as UTF-8); returns the number of entries."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    kept = any(e.extra_xml or e.lang_extra_xml or any(t.extra_xml for t in e.terms) for e in glossary.entries)
    width = len(COLUMNS) if kept else len(COLUMNS) - 3  # the XML columns only when there is XML to keep
    w.writerow(COLUMNS[:width])
    for e in glossary.entries:
        defs = {}
        for d in e.definitions:
            defs.setdefault(d.lang, d)
        lang_xml = dict(e.lang_extra_xml)
        for t in e.terms:
            d = defs.get(t.lang)
            examples = json.dumps([{"text": x.text, "source": x.source} for x in t.examples], ensure_ascii=False)
            w.writerow([
                e.id, t.lang, t.text, t.status, t.status_detail, t.part_of_speech, t.term_type, t.note,
                t.source, examples if t.examples else "", e.subject, d.text if d else "", d.source if d else "",
                e.definition, e.note, e.source, t.extra_xml, lang_xml.get(t.lang, ""), e.extra_xml,
            ][:width])  # fmt: skip
    atomic_write_text(path, ("\ufeff" if bom else "") + buf.getvalue())
    return len(glossary.entries)


def _examples(cell: str, path: Path, line: int) -> tuple[Example, ...]:
    if not cell.strip():
        return ()
    try:
        data = json.loads(cell)
        return tuple(Example(str(x["text"]), str(x.get("source", ""))) for x in data)
    except (ValueError, TypeError, KeyError):
        raise FormatError("examples column is not a JSON list of {text, source}", path, line) from None


def _xml(cell: str, path: Path, line: int) -> str:
    """A kept-XML cell, checked to parse (safely) so that a broken one is reported with its line."""
    parse_fragment(cell, None, path, line)
    return cell


def read_csv(path: str | Path, *, encoding: str | None = None) -> Glossary:
    """Read the lossless CSV."""
    p = Path(path)
    text = read_text(p, encoding)
    reader = csv_rows(text, p)
    try:
        header = [h.strip().lower() for h in next(reader)[1]]
    except StopIteration:
        raise FormatError("empty file", p) from None
    missing = [c for c in ("id", "lang", "term") if c not in header]
    if missing:
        raise FormatError(f"CSV header lacks column(s) {', '.join(missing)}", p, 1)
    col = {name: i for i, name in enumerate(header)}
    entries: list[Entry] = []
    rows: dict[str, dict] = {}
    order: list[str] = []
    first_line: dict[str, int] = {}
    current = None
    for line, row in reader:
        if not any(c.strip() for c in row):
            continue
        raw = lambda name: row[col[name]] if name in col and col[name] < len(row) else ""  # noqa: E731
        get = lambda name: raw(name).strip()  # noqa: E731
        eid, term = get("id"), get("term")
        if not eid or not term:
            raise FormatError("row without id or term", p, line)
        lang = language_tag(get("lang"))
        if lang is None:
            named = tag_from_name(get("lang"))  # a spreadsheet's "Chinese": say its code
            hint = f" ({get('lang')} is {named}: write the code)" if named else ""
            raise LanguageError(f"not a language tag: {shown(get('lang'))}{hint}", p, line)
        if eid != current and eid in rows:
            raise FormatError(f"duplicate entry {eid!r} (first at line {first_line[eid]}; the rows of one entry follow "
                              "each other: sort the rows by id if this is the same entry, else give it another id)",
                              p, line)  # fmt: skip
        mapped = parse_status(get("status"))
        if mapped is None:
            raise FormatError(unknown_status(get("status")), p, line)
        status, detail = mapped
        if current != eid:
            current = eid
            order.append(eid)
            first_line[eid] = line
            rows[eid] = {"terms": [], "defs": {}, "seen": {}, "subject": get("subject"),
                         "definition": get("entry_definition"), "note": get("entry_note"),
                         "source": get("entry_source"), "xml": _xml(get("entry_xml"), p, line),
                         "lang_xml": {}}  # fmt: skip
        rec = rows[eid]
        t = Term(
            text=term, lang=lang, status=status, status_detail=get("status_detail") or detail,
            part_of_speech=get("part_of_speech"), note=raw("note"),
            examples=_examples(get("examples"), p, line), term_type=get("term_type"), source=get("source"),
            extra_xml=_xml(get("xml"), p, line),
        )  # fmt: skip
        if (first := same_term(t, rec["seen"], line)) is not None:
            raise FormatError(f"duplicate term {term!r} ({lang}) in entry {eid!r}: the same in every field as "
                              f"line {first}", p, line)  # fmt: skip
        rec["terms"].append(t)
        if get("lang_xml") and lang not in rec["lang_xml"]:
            rec["lang_xml"][lang] = _xml(get("lang_xml"), p, line)
        if get("definition") and lang not in rec["defs"]:
            rec["defs"][lang] = Definition(get("definition"), lang, get("definition_source"))
    for eid in order:
        rec = rows[eid]
        entries.append(
            Entry(eid, tuple(rec["terms"]), subject=rec["subject"], definition=rec["definition"],
                  note=rec["note"], source=rec["source"], definitions=tuple(rec["defs"].values()),
                  extra_xml=rec["xml"], lang_extra_xml=tuple(rec["lang_xml"].items()))  # fmt: skip
        )
    return Glossary(tuple(entries), path=str(p), metadata={"format": "csv"})
