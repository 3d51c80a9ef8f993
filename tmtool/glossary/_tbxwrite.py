"""One TBX builder for both generations; :mod:`.tbx` and :mod:`.tbx2` choose the element names."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..fileio import atomic_write_bytes
from ..tmx.writer import clean_xml_text
from ._xml import parse_fragment
from .model import Entry, Glossary, Term
from .status import to_tbx

__all__ = ["Dialect", "TBX2019", "TBXV2", "write_tbx_any"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class Dialect:
    root: str
    header: str
    entry: str
    lang: str
    term: str
    namespace: str | None


TBX2019 = Dialect("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec", "urn:iso:std:iso:30042:ed-2")
TBXV2 = Dialect("martif", "martifHeader", "termEntry", "langSet", "tig", None)


def _sub(parent: Any, tag: str, text: str | None = None, **attrs: str) -> Any:
    """A child element; characters XML 1.0 cannot hold (a NUL or form feed in a spreadsheet cell, in an
    aligned segment) replaced as the TMX writer replaces them, where lxml would raise."""
    from lxml import etree

    attrs = {k: clean_xml_text(v) for k, v in attrs.items()}
    el = etree.SubElement(parent, parent.tag.rsplit("}", 1)[0] + "}" + tag if "}" in parent.tag else tag, attrs)
    if text is not None:
        el.text = clean_xml_text(text)
    return el


def _descrip(parent: Any, kind: str, text: str, source: str = "") -> None:
    if source:
        grp = _sub(parent, "descripGrp")
        _sub(grp, "descrip", text, type=kind)
        _sub(grp, "admin", source, type="source")
    else:
        _sub(parent, "descrip", text, type=kind)


def _notes(parent: Any, text: str) -> None:
    for line in text.split("\n"):
        if line.strip():
            _sub(parent, "note", line)


def _extra(parent: Any, d: Dialect, xml: str) -> None:
    """Append the kept XML elements (in the dialect's namespace)."""
    for el in parse_fragment(xml, d.namespace):
        parent.append(el)


def _term(parent: Any, d: Dialect, term: Term) -> None:
    sec = _sub(parent, d.term)
    _sub(sec, "term", term.text)
    if term.part_of_speech:
        _sub(sec, "termNote", term.part_of_speech, type="partOfSpeech")
    if term.term_type:
        _sub(sec, "termNote", term.term_type, type="termType")
    value, marker = to_tbx(term.status, term.status_detail)
    if value:
        _sub(sec, "termNote", value, type="administrativeStatus")
    for ex in term.examples:
        _descrip(sec, "context", ex.text, ex.source)
    if term.source:
        _sub(sec, "admin", term.source, type="source")
    if marker:
        _sub(sec, "note", marker)
    _notes(sec, term.note)
    _extra(sec, d, term.extra_xml)


_NOT_NAME_CHAR = re.compile(r"[^\w.\-]")


def _xml_id(entry_id: str, taken: set[str]) -> str:
    """``entry_id`` as a valid XML ID (an NCName, which TBX requires of entry ids), not in ``taken``.

    memoQ numbers its entries 0, 1, 2 and spreadsheets carry ids with spaces: ``"0" -> "_0"``,
    ``"place TR" -> "place_TR"``; a valid id is kept as it is; a clash gets ``-2``, ``-3``..."""
    out = _NOT_NAME_CHAR.sub("_", entry_id.strip()) or "_"
    if not (out[0].isalpha() or out[0] == "_"):
        out = "_" + out
    base, n = out, 1
    while out in taken:
        n += 1
        out = f"{base}-{n}"
    taken.add(out)
    return out


def _entry(body: Any, d: Dialect, entry: Entry, entry_id: str) -> None:
    el = _sub(body, d.entry, id=entry_id)
    if entry.subject:
        _sub(el, "descrip", entry.subject, type="subjectField")
    if entry.definition:
        _descrip(el, "definition", entry.definition, entry.source)
    elif entry.source:
        _sub(el, "admin", entry.source, type="source")
    _notes(el, entry.note)
    _extra(el, d, entry.extra_xml)
    lang_extra = dict(entry.lang_extra_xml)
    langs: dict[str, None] = {}
    for t in entry.terms:  # a langSec needs a term: definitions of languages without terms are not written
        langs.setdefault(t.lang, None)
    for lang in langs:
        sec = _sub(el, d.lang)
        sec.set(XML_LANG, lang)
        for df in entry.definitions:
            if df.lang == lang:
                _descrip(sec, "definition", df.text, df.source)
        _extra(sec, d, lang_extra.get(lang, ""))
        for t in entry.terms:
            if t.lang == lang:
                _term(sec, d, t)


def write_tbx_any(glossary: Glossary, path: str | Path, d: Dialect, *, source_lang: str | None = None) -> int:
    """Write ``glossary`` as TBX in dialect ``d``; returns the number of entries written."""
    from lxml import etree

    entries: Iterable[Entry] = glossary.entries
    nsmap = {None: d.namespace} if d.namespace else None
    root = etree.Element(f"{{{d.namespace}}}{d.root}" if d.namespace else d.root, nsmap=nsmap)
    if d.root == "tbx":
        root.set("type", "TBX-Basic")
        root.set("style", "dca")
    else:
        root.set("type", "TBX")
    root.set(XML_LANG, source_lang or (glossary.languages[0] if glossary.languages else "en"))
    header = _sub(root, d.header)
    fdesc = _sub(header, "fileDesc")
    sdesc = _sub(fdesc, "sourceDesc")
    _sub(sdesc, "p", glossary.metadata.get("description") or "Written by tmtool")
    if d.root == "martif":
        enc = _sub(header, "encodingDesc")
        _sub(enc, "p", "TBXBasicXCSV02.xcs", type="XCSURI")
    body = _sub(_sub(root, "text"), "body")
    n = 0
    taken: set[str] = set()
    for entry in entries:
        _entry(body, d, entry, _xml_id(entry.id, taken))
        n += 1
    if glossary.metadata.get("tbx_back"):
        _extra(_sub(root[-1], "back"), d, glossary.metadata["tbx_back"])
    data = etree.tostring(root, pretty_print=True, xml_declaration=True, encoding="UTF-8")
    atomic_write_bytes(path, data)
    return n
