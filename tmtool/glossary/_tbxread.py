"""One reader for both TBX generations: TBX 2019 DCA (conceptEntry/langSec/termSec) and TBX v2
``martif`` (termEntry/langSet/tig or ntig/termGrp). Element names are matched without namespace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import FormatError, LanguageError, shown
from ..languages import base, language_tag
from ._xml import fragment_xml, local, parse_xml, text_of
from .model import STATUSES, Definition, Entry, Example, Glossary, Term, generated_id, same_term
from .status import MARKER_RE, from_tbx

__all__ = ["read_tbx_any"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ENTRY = {"conceptEntry", "termEntry"}
_LANG = {"langSec", "langSet"}
_TERM = {"termSec", "tig", "ntig"}
_TERM_NOTES = {"administrativeStatus", "normativeAuthorization", "partOfSpeech", "termType"}


def _own_lang(el: Any, path: Path) -> str | None:
    """The element's own xml:lang, normalised (``EN-us``, ``en_US`` -> ``en-US``); None when it has none. A
    two-letter language must be one CLDR knows, as in the CSV readers (``xx`` is refused)."""
    raw = el.get(XML_LANG) or el.get("lang")
    if not raw:
        return None
    tag = language_tag(raw)
    if tag is None:
        raise LanguageError(f"not a language tag: {shown(raw)}", path, el.sourceline)
    return tag


def _term_langs(sec: Any, own: str | None, path: Path) -> dict[Any, str]:
    """The xml:lang of each termSec/tig/ntig of a language section that has one (on it or on its ``term``);
    a base language other than the section's own (``own``, its :func:`_own_lang`) is an error (one entry's
    language section holds one language)."""
    found: dict[Any, str] = {}
    for sub in sec:
        if local(sub) not in _TERM:
            continue
        labelled = (sub, *(t for t in sub.iter() if local(t) == "term"))
        langs = [(el, lang) for el in labelled if (lang := _own_lang(el, path))]
        for el, lang in langs:
            if own and base(lang) != base(own):
                raise FormatError(f"<{local(el)}> xml:lang {lang!r} differs from its <{local(sec)}>'s {own!r}",
                                  path, el.sourceline)  # fmt: skip
            if base(lang) != base(langs[0][1]):
                raise FormatError(f"<{local(el)}> xml:lang {lang!r} differs from its <{local(sub)}>'s "
                                  f"{langs[0][1]!r}", path, el.sourceline)  # fmt: skip
        if langs:
            found[sub] = langs[-1][1]  # the innermost: the most specific
    return found


def _group(el: Any) -> tuple[str, str, str]:
    """``(type, text, source)`` of a descrip or a descripGrp (descrip + admin source)."""
    if local(el) == "descrip":
        return el.get("type", ""), text_of(el), ""
    kind = text = source = ""
    for child in el:
        name = local(child)
        if name == "descrip":
            kind, text = child.get("type", ""), text_of(child)
        elif name == "admin" and child.get("type") == "source":
            source = text_of(child)
    return kind, text, source


def _term(container: Any, lang: str, path: Path) -> Term:
    fields: dict[str, Any] = {"text": None, "status": "preferred", "status_detail": ""}
    notes: list[str] = []
    examples: list[Example] = []
    extra: list[Any] = []  # elements the model has no field for: kept as XML
    marked: str | None = None

    def visit(el: Any) -> None:
        nonlocal marked
        for child in el:
            name, kind = local(child), child.get("type", "")
            if name == "term":
                fields["text"] = text_of(child)
                fields["line"] = child.sourceline
            elif name == "termGrp":
                visit(child)
            elif name == "termNote" and kind in ("administrativeStatus", "normativeAuthorization"):
                mapped = from_tbx(text_of(child))
                if mapped is None:
                    raise FormatError(f"unknown {kind} {text_of(child)!r}", path, child.sourceline)
                fields["status"], fields["status_detail"] = mapped
            elif name == "termNote" and kind == "partOfSpeech":
                fields["part_of_speech"] = text_of(child)
            elif name == "termNote" and kind == "termType":
                fields["term_type"] = text_of(child)
            elif name == "termNote" and kind not in _TERM_NOTES:
                extra.append(child)
            elif name in ("descrip", "descripGrp"):
                dtype, text, source = _group(child)
                if dtype == "context" and text:
                    examples.append(Example(text, source))
                else:
                    extra.append(child)
            elif name == "admin" and kind == "source":
                fields["source"] = text_of(child)
            elif name == "note":
                text = text_of(child)
                m = MARKER_RE.match(text)
                if m and m.group(1) in STATUSES:
                    marked = m.group(1)
                elif text:
                    notes.append(text)
            elif name:  # transacGrp, xref, ref, other admin types...
                extra.append(child)

    visit(container)
    if not fields.get("text"):
        raise FormatError(f"<{local(container)}> without a term", path, container.sourceline)
    fields.pop("line", None)
    if marked:
        fields["status"], fields["status_detail"] = marked, ""
    return Term(lang=lang, note="\n".join(notes), examples=tuple(examples), extra_xml=fragment_xml(extra), **fields)


def read_tbx_any(path: str | Path) -> Glossary:
    """Read a TBX 2019 (DCA) or TBX v2 (martif) file."""
    p = Path(path)
    root = parse_xml(p)
    kind = local(root)
    if kind not in ("tbx", "martif"):
        raise FormatError(f"not a TBX file (root element <{kind}>)", p, root.sourceline)
    if root.get("style", "dca").lower() == "dct":
        raise FormatError("TBX DCT style is not supported (use DCA)", p, root.sourceline)
    default_lang = _own_lang(root, p)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    elements = [e for e in root.iter() if local(e) in _ENTRY]
    taken = {e.get("id") for e in elements if e.get("id")}
    for n, el in enumerate(elements, start=1):
        eid = el.get("id") or generated_id(n, taken)
        if eid in seen:
            raise FormatError(f"duplicate entry id {eid!r} (first at line {seen[eid]})", p, el.sourceline)
        seen[eid] = el.sourceline or 0
        subjects: list[str] = []
        notes: list[str] = []
        definition = source = ""
        definitions: list[Definition] = []
        terms: list[Term] = []
        earlier: dict[Term, int] = {}
        extra: list[Any] = []  # elements the model has no field for (transacGrp, xref xGraphic...): kept as XML
        lang_extra: dict[str, list[Any]] = {}
        for child in el:
            name, ctype = local(child), child.get("type", "")
            if name in ("descrip", "descripGrp"):
                dtype, text, src = _group(child)
                if dtype == "subjectField":
                    subjects.append(text)
                elif dtype == "definition" and not definition:
                    definition, source = text, src or source
                else:
                    extra.append(child)
            elif name == "note":
                notes.append(text_of(child))
            elif name == "admin" and ctype == "source" and not source:
                source = text_of(child)
            elif name in _LANG:
                own = _own_lang(child, p)
                term_langs = _term_langs(child, own, p)
                lang = own or next(iter(term_langs.values()), None) or default_lang
                if not lang:
                    raise LanguageError(f"<{name}> has no xml:lang", p, child.sourceline)
                for sub in child:
                    sname = local(sub)
                    if sname in ("descrip", "descripGrp") and _group(sub)[0] == "definition":
                        dtype, text, src = _group(sub)
                        definitions.append(Definition(text, lang, src))
                    elif sname in _TERM:
                        t = _term(sub, term_langs.get(sub, lang), p)
                        if (first := same_term(t, earlier, sub.sourceline or 0)) is not None:
                            raise FormatError(f"duplicate term {t.text!r} ({t.lang}) in entry {eid!r}: the same in "
                                              f"every field as line {first}", p, sub.sourceline)  # fmt: skip
                        terms.append(t)
                    elif sname:
                        lang_extra.setdefault(lang, []).append(sub)
            elif name:
                extra.append(child)
        if not terms:
            continue
        entries.append(
            Entry(
                id=eid,
                terms=tuple(terms),
                subject="; ".join(subjects),
                definition=definition,
                note="\n".join(notes),
                source=source,
                definitions=tuple(definitions),
                extra_xml=fragment_xml(extra),
                lang_extra_xml=tuple((lang, fragment_xml(els)) for lang, els in lang_extra.items()),
            )
        )
    if not any(local(e) == "body" for e in root.iter()):
        raise FormatError("no <text><body> in this TBX file", p)
    metadata = {"format": "tbx" if kind == "tbx" else "tbx2"}
    back = [e for e in root.iter() if local(e) == "back"]
    if back and len(back[0]):
        metadata["tbx_back"] = fragment_xml(list(back[0]))  # refObjectSec (people, ...) that entries point to
    return Glossary(tuple(entries), path=str(p), metadata=metadata)
