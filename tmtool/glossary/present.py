"""How ``tmtool glossary show`` presents an entry: a JSON object and readable text lines.

Brief (what ``show`` printed before December 2026, and prints with ``--brief``): per entry the id and subject,
then one line per language with its terms and their statuses. Full (the default): the same lines, and under each
language line its definition and one line per term that has more than a text and a status (part of speech, term
type, finer status, note, source, examples), then the entry's definition, note and source and a count of the TBX
elements kept as XML (transaction history, graphics...). Every detail line is indented deeper than the language
lines or starts with a word that is no language tag (``entry note: ...``), so a language line reads as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .model import Entry, Term

__all__ = ["entry_json", "entry_lines"]

Keep = Callable[[str], bool]


def _term_json(t: Term, brief: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"text": t.text, "status": t.status}
    if not brief:
        out.update(status_detail=t.status_detail, part_of_speech=t.part_of_speech, term_type=t.term_type,
                   note=t.note, source=t.source,
                   examples=[{"text": x.text, "source": x.source} for x in t.examples], xml=t.extra_xml)  # fmt: skip
    return out


def entry_json(entry: Entry, keep: Keep, brief: bool = False) -> dict[str, Any] | None:
    """``entry`` as ``show --format json`` writes it, with the terms of the languages ``keep`` accepts; None when
    it has none. Brief: ``id``, ``subject``, ``terms`` (``{lang: [{text, status}]}``). Full: also the term fields
    ``status_detail``, ``part_of_speech``, ``term_type``, ``note``, ``source``, ``examples`` (``[{text, source}]``),
    ``xml`` (kept TBX XML), and the entry's ``definition``, ``note``, ``source``, ``definitions``
    (``{lang: [{text, source}]}``), ``xml``, ``lang_xml`` (``{lang: xml}``); every key always present."""
    terms: dict[str, list[dict[str, Any]]] = {}
    for t in entry.terms:
        if keep(t.lang):
            terms.setdefault(t.lang, []).append(_term_json(t, brief))
    if not terms:
        return None
    out: dict[str, Any] = {"id": entry.id, "subject": entry.subject, "terms": terms}
    if brief:
        return out
    definitions: dict[str, list[dict[str, str]]] = {}
    for d in entry.definitions:
        if keep(d.lang):
            definitions.setdefault(d.lang, []).append({"text": d.text, "source": d.source})
    lang_xml = {lang: xml for lang, xml in entry.lang_extra_xml if keep(lang)}
    out.update(definition=entry.definition, note=entry.note, source=entry.source, definitions=definitions,
               xml=entry.extra_xml, lang_xml=lang_xml)
    return out


def _flat(text: str, indent: str) -> str:
    """A multi-line cell on lines of its own, each continuation line indented under the first."""
    return text.strip().replace("\r\n", "\n").replace("\n", "\n" + indent)


def _term_line(t: Term, indent: str) -> str | None:
    """``indent + "galactic cluster — noun; superseded; note: ...; source: ..."``, None for a term that has
    nothing but a text and a status."""
    facets = [x for x in (t.part_of_speech, t.term_type, t.status_detail) if x]
    more = indent + "  "
    facets += [f"note: {_flat(t.note, more)}"] if t.note.strip() else []
    facets += [f"source: {t.source}"] if t.source else []
    facets += [f"example: {_flat(x.text, more)}" + (f" [{x.source}]" if x.source else "") for x in t.examples]
    facets += ["kept TBX: " + _counts(t.extra_xml)] if t.extra_xml else []
    return f"{indent}{t.text} — " + "; ".join(facets) if facets else None


def _counts(*fragments: str) -> str:
    """The TBX elements of kept XML fragments in a line: an element holding text only as ``type: text``
    (``productSubset: Retail Store Solutions``), the others counted by name (``2 transacGrp, 1 xGraphic``)."""
    from ._xml import local, parse_fragment, text_of

    said: list[str] = []
    counts: dict[str, int] = {}
    for fragment in fragments:
        for top in parse_fragment(fragment):
            name = top.get("type") if top.get("type") else local(top)
            if len(top) == 0 and text_of(top):
                said.append(f"{name}: {text_of(top)}")
            else:
                counts[name] = counts.get(name, 0) + 1
    return "; ".join(said + [", ".join(f"{n} {name}" for name, n in sorted(counts.items(),
                                                                          key=lambda x: (-x[1], x[0])))]).strip("; ")


def _status(t: Term) -> str:
    return t.text + ("" if t.status == "preferred" else f" ({t.status})")


def entry_lines(entry: Entry, keep: Keep, brief: bool = False) -> list[str]:
    """The text lines of ``entry`` (languages ``keep`` accepts; none when it has no term there)."""
    by_lang: dict[str, list[Term]] = {}
    for t in entry.terms:
        if keep(t.lang):
            by_lang.setdefault(t.lang, []).append(t)
    if not by_lang:
        return []
    lines = [entry.id + (f"  [{entry.subject}]" if entry.subject else "")]
    for lang, terms in by_lang.items():
        lines.append(f"  {lang}: " + "; ".join(_status(t) for t in terms))
        if brief:
            continue
        for d in entry.definitions:
            if d.lang == lang:
                lines.append("      definition: " + _flat(d.text, " " * 8) + (f" [{d.source}]" if d.source else ""))
        lines += [x for t in terms if (x := _term_line(t, " " * 6))]
        kept = [xml for x, xml in entry.lang_extra_xml if x == lang and xml]
        lines += ["      kept TBX: " + _counts(*kept)] if kept else []
    if not brief:
        for d in entry.definitions:  # a language-level definition in a language without a term line here
            if d.lang not in by_lang and keep(d.lang):
                text = _flat(d.text, " " * 6) + (f" [{d.source}]" if d.source else "")
                lines.append(f"    definition {d.lang}: {text}")
        # indented deeper than the language lines: "  TAG: terms" stays the one line of two spaces (scripts read it)
        for name, value in (("definition", entry.definition), ("note", entry.note), ("source", entry.source)):
            if value.strip():
                lines.append(f"    entry {name}: " + _flat(value, " " * 6))
        if entry.extra_xml:
            lines.append("    entry kept TBX: " + _counts(entry.extra_xml))
    return lines
