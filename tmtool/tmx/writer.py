"""Streaming TMX 1.4 writer.

Units are written one at a time to a temporary file that replaces the target only when everything went
well (:func:`tmtool.fileio.atomic_write`); no tree is built. The output is UTF-8 with the DOCTYPE of TMX 1.4
and validates against its DTD: required header attributes, ``(note|prop)*`` before ``tuv``, only attributes
the DTD knows, dates as ``YYYYMMDDThhmmssZ``.
"""

from __future__ import annotations

import re
import threading
from dataclasses import replace
from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import IO

from lxml import etree

from .. import __version__
from ..errors import UsageError
from ..fileio import atomic_write
from ..languages import base
from .model import TranslationUnit, Variant
from .profiles import Profile, get_profile
from .reader import _plain, lang_key, seg_parts, unknown_tags
from .safety import safe_parser_options
from .validate import lang_problem

__all__ = ["SEGTYPES", "TmxWriter", "write_tmx", "tmx_date", "clean_xml_text"]

SEGTYPES = ("block", "paragraph", "sentence", "phrase")
_TU_ATTRS = (
    "o-encoding", "datatype", "usagecount", "lastusagedate", "creationtool", "creationtoolversion",
    "creationdate", "creationid", "changedate", "segtype", "changeid", "o-tmf",
)
_TUV_ATTRS = frozenset(a for a in _TU_ATTRS if a != "segtype")
_TU_ATTRS_SET = frozenset(_TU_ATTRS)
_DATE_ATTRS = frozenset({"creationdate", "changedate", "lastusagedate"})
_DATE_RE = re.compile(r"^\d{8}T\d{6}Z$")
# characters XML 1.0 does not allow at all (not even as &#...;)
_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_FLUSH_EVERY = 2000


def tmx_date(when: datetime | None = None) -> str:
    """A TMX date, ``YYYYMMDDThhmmssZ`` in UTC (now by default)."""
    when = when or datetime.now(timezone.utc)
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.strftime("%Y%m%dT%H%M%SZ")


def _valid_date(value: str) -> bool:
    if not _DATE_RE.match(value):
        return False
    try:
        datetime.strptime(value, "%Y%m%dT%H%M%SZ")
    except ValueError:
        return False
    return True


def clean_xml_text(text: str) -> str:
    """``text`` with characters XML 1.0 cannot hold replaced: C0 controls (form feeds from PDFs, ...) by a
    space, anything else (lone surrogates, U+FFFE/U+FFFF) by U+FFFD."""
    if _INVALID.search(text) is None:
        return text
    text = _CONTROL.sub(" ", text)
    return _INVALID.sub("\ufffd", text)


def _text(text: str) -> str:
    text = clean_xml_text(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _attr(value: str) -> str:
    value = clean_xml_text(value)
    return (
        value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
        .replace("\t", "&#9;").replace("\n", "&#10;").replace("\r", "&#13;")
    )


_local = threading.local()  # one parser per thread (lxml parsers must not be shared between threads)


_IN_SEG = frozenset({"bpt", "ept", "it", "ph", "hi", "ut"})  # also the content of <hi> and <sub>
_IN_CODE = frozenset({"sub"})  # the content of bpt, ept, it, ph, ut
# element: (required attributes, allowed attributes), as the TMX 1.4 DTD declares them
_INLINE_ATTRS = {
    "bpt": ({"i"}, {"i", "x", "type"}), "ept": ({"i"}, {"i"}), "it": ({"pos"}, {"pos", "x", "type"}),
    "ph": (set(), {"x", "assoc", "type"}), "hi": (set(), {"x", "type"}), "ut": (set(), {"x"}),
    "sub": (set(), {"datatype", "type"}),
}


def _fits_dtd(elem, allowed: frozenset[str]) -> bool:
    """True when the elements inside ``elem`` are where the TMX 1.4 DTD allows them, with its attributes."""
    for child in elem:
        tag = child.tag
        if not isinstance(tag, str):  # comment or processing instruction
            continue
        if tag not in allowed:
            return False
        required, known = _INLINE_ATTRS[tag]
        names = set(child.attrib)
        if not required <= names or not names <= known:
            return False
        if tag == "it" and child.get("pos") not in ("begin", "end"):
            return False
        if not _fits_dtd(child, _IN_SEG if tag in ("hi", "sub") else _IN_CODE):
            return False
    return True


def _seg_markup(markup: str, text: str) -> str | None:
    """The ``<seg>`` content to write for ``markup``, or None to write ``text`` alone.

    ``markup`` is used when it is well-formed, its plain text is ``text`` and its elements are what the
    TMX 1.4 DTD allows inside ``<seg>``. Elements TMX does not define (XLIFF's ``<g>``, ``<x/>``) are
    unwrapped, their text kept; such markup also matches a ``text`` read without that text (by a
    tmtool older than this rule), and is then written with the text restored."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(**safe_parser_options())
    try:
        seg = etree.fromstring(f"<seg>{markup}</seg>", parser)
    except etree.XMLSyntaxError:
        return None
    unknown = unknown_tags(seg)
    if not unknown:
        if _plain(seg) != text or not _fits_dtd(seg, _IN_SEG):
            return None
        return seg_parts(seg)[1] if _pair_codes(seg) else markup
    plain_without_unknown = _plain(seg)
    plain, inner = seg_parts(seg)  # unknown elements unwrapped
    if text not in (plain, plain_without_unknown):
        return None
    if inner is None:
        return _text(plain)
    seg = etree.fromstring(f"<seg>{inner}</seg>", parser)
    if not _fits_dtd(seg, _IN_SEG):
        return None
    return seg_parts(seg)[1] if _pair_codes(seg) else inner


def _pair_codes(seg) -> bool:
    """Make the ``bpt``/``ept`` of ``seg`` pair as TMX 1.4b requires (each ``ept`` after a ``bpt`` of its ``i``, each
    ``i`` used by one pair in the segment); return True when something changed. An ``ept`` closes the latest
    open ``bpt`` of its ``i``; a later pair reusing an ``i`` gets a fresh one; an ``ept`` with no ``bpt`` before
    it becomes ``<it pos="end">``, a ``bpt`` never closed ``<it pos="begin">`` (the spec's isolated codes),
    their native code kept. Files written by other tools carry such codes (OmegaT's invalid.tmx test file)."""
    codes = list(seg.iter("bpt", "ept"))
    if not codes:
        return False
    open_: dict[str, list] = {}
    pairs: list[tuple] = []
    lone_ept = []
    for el in codes:
        stack = open_.setdefault(el.get("i"), [])
        if el.tag == "bpt":
            stack.append(el)
        elif stack:
            pairs.append((stack.pop(), el))
        else:
            lone_ept.append(el)
    lone_bpt = [b for stack in open_.values() for b in stack]
    pairs.sort(key=lambda pair: codes.index(pair[0]))
    numbers = [int(i) for i in open_ if i is not None and i.isdigit()]
    fresh = max(numbers, default=0)
    taken: set[str] = set()
    changed = bool(lone_ept or lone_bpt)
    for bpt, ept in pairs:
        if bpt.get("i") in taken:
            fresh += 1
            bpt.set("i", str(fresh))
            ept.set("i", str(fresh))
            changed = True
        taken.add(bpt.get("i"))
    for el, pos in [(e, "end") for e in lone_ept] + [(b, "begin") for b in lone_bpt]:
        keep = {k: el.get(k) for k in ("x", "type") if el.get(k) is not None}
        el.tag = "it"
        el.attrib.clear()
        el.set("pos", pos)
        for k, v in keep.items():
            el.set(k, v)
    return changed


class TmxWriter:
    """Write a TMX 1.4 document to an open text stream, one unit at a time.

    ``write_header()`` first, then ``write(unit)`` for each unit (returns False when the unit was skipped
    for having fewer than two variants with text), then ``close()``. ``count`` is the number written.
    """

    def __init__(
        self,
        stream: IO[str],
        *,
        srclang: str,
        profile: str | Profile = "generic",
        segtype: str = "sentence",
        datatype: str = "plaintext",
        o_tmf: str | None = None,
        adminlang: str = "en",
        header_props: Iterable[tuple[str, str]] = (),
        header_notes: Iterable[str] = (),
        creationdate: str | None = None,
    ) -> None:
        self.profile = get_profile(profile) if isinstance(profile, str) else profile
        if segtype not in SEGTYPES:
            raise UsageError(f"segtype must be one of {', '.join(SEGTYPES)}, not {segtype!r}")
        if srclang.strip().lower() == "*all*" and not self.profile.srclang_all:
            raise UsageError(f"the {self.profile.name} profile needs a real source language, not *all*")
        self.stream = stream
        self._codes: dict[str, str] = {}  # language as given -> as written, checked once
        self.srclang = self._checked(srclang, "the header's srclang", allow_all=True)
        self._src_key = lang_key(self.srclang)
        self.segtype = segtype
        self.datatype = datatype
        self.o_tmf = o_tmf or "tmtool"
        self.adminlang = self._checked(adminlang, "the header's adminlang")
        self.header_props = list(self.profile.header_props) + list(header_props)
        self.header_notes = list(header_notes)
        self.creationdate = creationdate or tmx_date()
        self.count = 0
        self.no_source = 0  # units left out: no text in the header's srclang, in a profile without *all*
        self._buf: list[str] = []
        self._tuids: set[str] = set()
        self._next_id = 0

    def _checked(self, lang: str, what: str, allow_all: bool = False) -> str:
        """``lang`` in the profile's form, or a :class:`UsageError` when that is no language code a TMX reader
        takes (``""`` or ``English`` were written as ``xml:lang=""``, ``xml:lang="english"``, which
        :func:`~tmtool.tmx.validate_tmx` and CAT tools then refuse)."""
        code = self._codes.get(lang)
        if code is None:
            code = lang.strip() if allow_all and lang.strip().lower() == "*all*" else self.profile.lang(lang)
            why = lang_problem(code, what, allow_all=allow_all)
            if why is not None:
                raise UsageError(f"cannot write TMX: {why}")
            self._codes[lang] = code
        return code

    def write_header(self) -> None:
        p = self.profile
        out = self._buf
        out.append('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
        attrs = [
            ("creationtool", "tmtool"),
            ("creationtoolversion", __version__),
            ("segtype", self.segtype),
            ("o-tmf", self.o_tmf),
            ("adminlang", self.adminlang),
            ("srclang", self.srclang),
            ("datatype", self.datatype),
            ("creationdate", self.creationdate),
        ]
        if p.creationid:
            attrs.append(("creationid", p.creationid))
        out.append("  <header " + " ".join(f'{k}="{_attr(v)}"' for k, v in attrs))
        if not self.header_notes and not self.header_props:
            out.append("/>\n")
        else:
            out.append(">\n")
            for note in self.header_notes:
                out.append(f"    <note>{_text(note)}</note>\n")
            for ptype, value in self.header_props:
                out.append(f'    <prop type="{_attr(ptype)}">{_text(value)}</prop>\n')
            out.append("  </header>\n")
        out.append("  <body>\n")

    def _tuid(self, wanted: str | None) -> str:
        """``wanted`` if it is still free, else a fresh id. Only given ids are remembered: generated ones
        are the numbers 1..n, so a given id is taken if it was given before or is one of those numbers."""
        if wanted and not self._taken(wanted):
            self._tuids.add(wanted)
            return wanted
        while True:
            self._next_id += 1
            tuid = f"{wanted}.{self._next_id}" if wanted else str(self._next_id)
            if tuid not in self._tuids:
                if wanted:
                    self._tuids.add(tuid)
                return tuid

    def _taken(self, tuid: str) -> bool:
        if tuid in self._tuids:
            return True
        return tuid.isdigit() and tuid[0] != "0" and int(tuid) <= self._next_id

    def _variant(self, v: Variant) -> str:
        lang = self.profile.lang(v.lang)
        attrs = "".join(
            f' {k}="{_attr(val)}"'
            for k, val in v.attrs
            if k in _TUV_ATTRS and (k not in _DATE_ATTRS or _valid_date(val))
        )
        parts = [f'    <tuv xml:lang="{_attr(lang)}"{attrs}>']
        for note in v.notes:
            parts.append(f"<note>{_text(note)}</note>")
        for ptype, value in v.props:
            parts.append(f'<prop type="{_attr(ptype)}">{_text(value)}</prop>')
        seg = _seg_markup(v.markup, v.text) if v.markup is not None else None
        if seg is None:
            seg = _text(v.text)
        parts.append(f"<seg>{seg}</seg></tuv>\n")
        return "".join(parts)

    def write(self, unit: TranslationUnit) -> bool:
        """Write one unit; skip it (return False) unless at least two languages have text.

        A unit with several variants in one language (alternatives) is written as several units, one
        variant per language each, so that every ``tu`` holds one ``tuv`` per language. A unit with no text in
        the header's ``srclang`` keeps its own ``srclang`` when it has a variant in it, else gets
        ``srclang="*all*"`` of its own where the profile allows ``*all*`` (generic); in the omegat profile a
        regional variant of the header's language (``en-US`` under ``en``) becomes the unit's ``srclang`` (OmegaT
        picks a tuv by language when the region differs); else it is left out and counted in
        :attr:`no_source` (Trados and memoQ want the source language in every unit).
        """
        variants = [v for v in unit.variants if v.text.strip()]
        groups: dict[str, list[Variant]] = {}
        for v in variants:
            groups.setdefault(lang_key(self._checked(v.lang, "a tuv's language")), []).append(v)
        if len(groups) < 2:
            return False
        if self._src_key != "*all*" and self._src_key not in groups:
            regional = next((v for v in variants if base(v.lang) == base(self._src_key)), None)
            if regional is not None and self.profile.source_by_base:  # en-US under srclang="en", for OmegaT
                unit = replace(unit, srclang=regional.lang)
            elif not self.profile.srclang_all:
                self.no_source += 1
                return False
            else:
                own = lang_key(self.profile.lang(unit.srclang)) if unit.srclang else None
                if own not in groups:  # a source of its own with a tuv in it stays (written by _write)
                    unit = replace(unit, srclang="*all*")
        depth = max(len(g) for g in groups.values())
        if depth == 1:
            self._write(unit, variants)
        else:
            for i in range(depth):
                self._write(unit, [g[i] if i < len(g) else g[0] for g in groups.values()])
        return True

    def _write(self, unit: TranslationUnit, variants: list[Variant]) -> None:
        p = self.profile
        attrs = [("tuid", self._tuid(unit.tuid))]
        for k, val in unit.attrs:
            if k in _TU_ATTRS_SET and (k not in _DATE_ATTRS or _valid_date(val)):
                if k == "segtype" and val not in SEGTYPES:
                    continue
                attrs.append((k, val))
        have = {k for k, _ in attrs}
        if "creationdate" not in have:
            attrs.append(("creationdate", self.creationdate))
        if p.creationid and "creationid" not in have:
            attrs.append(("creationid", p.creationid))
        if unit.srclang:
            src = p.lang(unit.srclang)
            src_key = lang_key(src)
            if src_key != self._src_key and (
                src_key == "*all*" and p.srclang_all or any(lang_key(p.lang(v.lang)) == src_key for v in variants)
            ):
                attrs.append(("srclang", src))
        out = ["  <tu", *(f' {k}="{_attr(v)}"' for k, v in attrs), ">\n"]
        notes, props = p.transform(unit.props, unit.notes)
        for note in notes:
            out.append(f"    <note>{_text(note)}</note>\n")
        for ptype, value in props:
            out.append(f'    <prop type="{_attr(ptype)}">{_text(value)}</prop>\n')
        out.extend(self._variant(v) for v in variants)
        out.append("  </tu>\n")
        self._buf.append("".join(out))
        self.count += 1
        if len(self._buf) >= _FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        self.stream.write("".join(self._buf))
        self._buf.clear()

    def close(self) -> None:
        self._buf.append("  </body>\n</tmx>\n")
        self.flush()


def write_tmx(
    units: Iterable[TranslationUnit],
    path: str | Path,
    *,
    srclang: str,
    profile: str = "generic",
    segtype: str = "sentence",
    datatype: str = "plaintext",
    o_tmf: str | None = None,
    adminlang: str = "en",
    header_props: Iterable[tuple[str, str]] = (),
    header_notes: Iterable[str] = (),
    creationdate: str | None = None,
    stats: dict[str, int] | None = None,
) -> int:
    """Write ``units`` as TMX 1.4 to ``path`` (atomically, streaming) and return how many were written;
    ``stats``, if given, receives ``no_source``, the units left out for want of the header's source language
    (:meth:`TmxWriter.write`).

    Units with text in fewer than two languages are skipped. ``srclang`` is the header source language
    (``*all*`` only where the profile allows it). Inline codes in ``Variant.markup`` are written back as
    they were read, unless the plain text no longer matches them (the text was edited) or they break the
    TMX 1.4 DTD (a code where it may not stand, a missing or unknown attribute): then the text is written
    without codes. Codes whose ``bpt``/``ept`` pairing is broken are paired (:func:`_pair_codes`). An element TMX does not define is never written: it is unwrapped, its text kept.
    """
    with atomic_write(path, "w", encoding="utf-8") as fh:
        writer = TmxWriter(
            fh, srclang=srclang, profile=profile, segtype=segtype, datatype=datatype, o_tmf=o_tmf,
            adminlang=adminlang, header_props=header_props, header_notes=header_notes,
            creationdate=creationdate,
        )
        writer.write_header()
        for unit in units:
            writer.write(unit)
        writer.close()
    if stats is not None:
        stats["no_source"] = writer.no_source
    return writer.count
