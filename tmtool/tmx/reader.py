"""Streaming TMX reader (TMX 1.1 to 1.4b).

:func:`iter_units` reads plain units through a fast path (:mod:`tmtool.tmx.fastpath`: string splitting
and patterns compiled per unit layout) and everything else with lxml's ``iterparse``, dropping every
``<tu>`` once it has been turned into a :class:`~tmtool.tmx.model.TranslationUnit`, so memory stays flat
whatever the file size. Both ways give identical units. What it accepts:

- UTF-8 or UTF-16 (LE/BE, with or without BOM), ``xml:lang`` (1.4) or ``lang`` (1.1) on ``<tuv>``;
- language codes in any case: ``Variant.lang`` keeps them as written, :func:`lang_key` normalises them;
- ``srclang`` on a ``<tu>`` overrides the header's; ``*all*`` is kept as is;
- inline codes (``bpt ept it ph ut hi sub``): ``Variant.text`` is the plain text (code content dropped,
  ``hi`` content kept), ``Variant.markup`` the inner XML of ``<seg>`` so a writer can put it back;
- other elements inside ``<seg>`` (XLIFF's ``<g>``, ``<x/>`` left in by a converter) are unwrapped: their
  text stays in ``text`` and ``markup``, the element itself is dropped (TMX 1.4 does not allow it);
- unknown elements and attributes elsewhere are tolerated (attributes kept in ``attrs``).

Hostile XML is refused before parsing (see :mod:`tmtool.tmx.safety`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from typing import Any

from lxml import etree

from ..errors import FormatError, InputError, UnsafeXMLError
from ..fileio import regular_file
from .model import TranslationUnit, Variant
from .fastpath import Fallback, fast_units
from .safety import Prolog, check_prolog, safe_parser_options

__all__ = ["INLINE_TAGS", "XML_LANG", "iter_units", "read_header", "lang_key", "seg_parts", "unknown_tags"]

# the elements TMX 1.4 allows inside <seg> and its inline elements
INLINE_TAGS = frozenset({"bpt", "ept", "it", "ph", "hi", "ut", "sub"})
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TU_SKIP = frozenset({"tuid", "srclang"})
_TUV_SKIP = frozenset({XML_LANG, "lang"})


def lang_key(tag: str) -> str:
    """A language code normalised for matching: lower case, ``_`` as ``-`` (``"EN_us" -> "en-us"``)."""
    return tag.strip().replace("_", "-").lower()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _plain(elem: Any) -> str:
    """Text of ``elem`` without inline codes: code content is native markup, ``hi`` content is text."""
    parts = [elem.text or ""]
    for child in elem:
        if child.tag == "hi":
            parts.append(_plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


def unknown_tags(seg: Any) -> set[str]:
    """Names of the elements inside ``seg`` that TMX does not define (``g``, ``x``, ``{ns}b``...)."""
    return {el.tag for el in seg.iterdescendants() if isinstance(el.tag, str) and el.tag not in INLINE_TAGS}


def seg_parts(seg: Any) -> tuple[str, str | None]:
    """``(text, markup)`` of a ``<seg>`` element: markup is ``None`` when the segment holds no element.

    Elements TMX does not define are unwrapped first (their content kept, on a copy of ``seg``)."""
    if len(seg) == 0:
        return seg.text or "", None
    unknown = unknown_tags(seg)
    if unknown:
        seg = copy.deepcopy(seg)
        etree.strip_tags(seg, *unknown)
        if len(seg) == 0:
            return seg.text or "", None
    markup = _escape(seg.text or "") + "".join(
        etree.tostring(child, encoding="unicode", with_tail=True) for child in seg
    )
    return _plain(seg), markup


def _props_notes(elem: Any) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    props = []
    notes = []
    for child in elem:
        tag = child.tag
        if tag == "prop":
            props.append((child.get("type") or "", child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    return tuple(props), tuple(notes)


def _variant(tuv: Any) -> Variant:
    lang = tuv.get(XML_LANG) or tuv.get("lang") or ""
    text = ""
    markup = None
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    for child in tuv:
        tag = child.tag
        if tag == "seg":
            text, markup = seg_parts(child)
        elif tag == "prop":
            props.append((child.get("type") or "", child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    attrib = tuv.attrib
    attrs = tuple((k, v) for k, v in attrib.items() if k not in _TUV_SKIP)
    return Variant(lang, text, markup, tuple(props), tuple(notes), attrs)


def _unit(tu: Any, header_srclang: str | None) -> TranslationUnit:
    variants = []
    props: list[tuple[str, str]] = []
    notes: list[str] = []
    for child in tu:
        tag = child.tag
        if tag == "tuv":
            variants.append(_variant(child))
        elif tag == "prop":
            props.append((child.get("type") or "", child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    attrib = tu.attrib
    if attrib:
        tuid = attrib.get("tuid")
        srclang = attrib.get("srclang") or header_srclang
        attrs = tuple((k, v) for k, v in attrib.items() if k not in _TU_SKIP)
    else:
        tuid, srclang, attrs = None, header_srclang, ()
    return TranslationUnit(tuple(variants), tuid, srclang, tuple(props), tuple(notes), attrs)


def _header_dict(header: Any, root: Any) -> dict[str, Any]:
    out: dict[str, Any] = dict(header.attrib) if header is not None else {}
    out["version"] = root.get("version") if root is not None else None
    if header is not None:
        props, notes = _props_notes(header)
        out["props"] = list(props)
        out["notes"] = list(notes)
    else:
        out["props"] = []
        out["notes"] = []
    return out


def _open_events(path: Path, tags: tuple[str, ...], prolog: Prolog | None = None):
    prolog = prolog or check_prolog(path)
    return etree.iterparse(
        str(path), events=("end",), tag=tags, encoding=prolog.encoding, remove_comments=True,
        remove_pis=True, **safe_parser_options()
    )


def _syntax_error(exc: etree.XMLSyntaxError, path: Path, log=None) -> InputError:
    # iterparse sometimes raises a generic message; its own error log (not the exception's, which can hold
    # earlier errors of other parsers in this thread) has the real one
    entries = [e for e in (log if log is not None else exc.error_log or []) if e.level_name in ("ERROR", "FATAL")]
    if entries:
        first = entries[0]
        msg, line, column = first.message, first.line or None, first.column or None
    else:
        msg = exc.msg or str(exc)
        line, column = exc.position if exc.position and exc.position[0] else (exc.lineno or None, None)
    if re.search(r"Entity '[^']*' not defined", msg):
        return UnsafeXMLError(f"entity reference refused (tmtool expands no entity): {msg}", path, line, column)
    return FormatError(f"not well-formed XML: {msg}", path, line, column)


def _check_root(elem: Any, path: Path) -> Any:
    root = elem.getroottree().getroot()
    if root.tag != "tmx":
        raise FormatError(f"not a TMX file: root element is <{root.tag}>, not <tmx>", path, root.sourceline)
    return root


def iter_units(path: str | PathLike[str], *, fast: bool = True) -> Iterator[TranslationUnit]:
    """Yield the translation units of a TMX file one by one, in file order, in bounded memory.

    Each unit's ``srclang`` is its own ``srclang`` attribute or, failing that, the header's.
    Raises :class:`FormatError` for malformed XML or a non-TMX file, :class:`UnsafeXMLError` for hostile XML.
    Plain units are read by the fast path (:mod:`tmtool.tmx.fastpath`), other units by lxml one at a time;
    if the file is malformed the lxml reader takes over where the fast path stopped and gives the error
    (``fast=False``: lxml only). Both give the same units.
    """
    p = regular_file(path)
    prolog = check_prolog(p)
    done = 0
    if fast:
        try:
            for unit in fast_units(p, prolog.encoding, _unit):
                done += 1
                yield unit
            return
        except Fallback as exc:
            done = exc.count
    yield from _lxml_units(p, prolog, skip=done)


def _lxml_units(p: Path, prolog: Prolog, skip: int = 0) -> Iterator[TranslationUnit]:
    """The units by lxml; the first ``skip`` (already yielded by the fast path) are parsed, not converted."""
    header_srclang: str | None = None
    root = None
    events = _open_events(p, ("header", "tu"), prolog)
    try:
        for _event, elem in events:
            if root is None:
                root = _check_root(elem, p)
            if elem.tag == "tu" and skip:
                skip -= 1
                elem.clear()
                parent = elem.getparent()
                while elem.getprevious() is not None:
                    del parent[0]
            elif elem.tag == "tu":
                for tuv in elem.iterchildren("tuv"):
                    if not (tuv.get(XML_LANG) or tuv.get("lang")):
                        raise FormatError("<tuv> without a language (xml:lang)", p, tuv.sourceline)
                unit = _unit(elem, header_srclang)
                elem.clear()
                parent = elem.getparent()
                while elem.getprevious() is not None:
                    del parent[0]
                yield unit
            else:
                header_srclang = elem.get("srclang")
                elem.clear()
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, p, getattr(events, "error_log", None)) from None
    if root is None:
        # no header and no tu: still make sure this was TMX
        try:
            tree_root = events.root
        except AttributeError:  # pragma: no cover - very old lxml
            tree_root = None
        if tree_root is not None and tree_root.tag != "tmx":
            raise FormatError(f"not a TMX file: root element is <{tree_root.tag}>, not <tmx>", p)


def read_header(path: str | Path) -> dict[str, Any]:
    """The ``<header>`` of a TMX file as a dict: its attributes as written, plus ``version`` (of ``<tmx>``),
    ``props`` (list of ``(type, value)``) and ``notes``. Stops reading at the end of the header."""
    p = regular_file(path)
    events = _open_events(p, ("header", "tu"))
    try:
        for _event, elem in events:
            root = _check_root(elem, p)
            if elem.tag == "header":
                return _header_dict(elem, root)
            raise FormatError("TMX file has no <header> before its first <tu>", p, elem.sourceline)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(exc, p, getattr(events, "error_log", None)) from None
    raise FormatError("TMX file has no <header>", p)
