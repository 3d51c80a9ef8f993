"""A fast path for reading TMX bodies: plain units by string splitting and compiled patterns.

Turning every XML element into Python objects costs several times what parsing costs, yet most TMX files
hold nothing but ``<tu>``/``<tuv>``/``<prop>``/``<note>``/``<seg>`` with plain text. :func:`fast_units`
decodes the file in 1 MB chunks, splits it at ``</tu>`` and reads each unit:

1. with the compiled pattern of the last unit layout seen (:mod:`tmtool.tmx.shape`), one C call per unit;
2. else with :func:`_block`, string splitting plus cached attribute parsing under a strict subset of XML
   (text without ``<``, references only to the five predefined entities or to characters XML allows,
   attribute values without ``<`` or ``&``, nothing but whitespace and comments between units); its
   layout then becomes the pattern for the next units;
3. else (inline codes, CDATA, comments inside the unit...) by lxml, for that unit alone, converted as the
   lxml reader does.

Anything malformed — or anything the three cannot place, such as a truncated file — raises
:class:`Fallback` with the number of units already yielded, and so does a file whose units mostly need
lxml (inline codes in most segments, as in tagged Trados exports: three quarters of a window of
:data:`_WINDOW` units), where parsing each unit alone costs more than the lxml reader; and :func:`tmtool.tmx.reader.iter_units`
finishes with the lxml reader, which gives the proper error. All paths give identical units. Units are
built by filling the instance dictionary of the frozen dataclasses (what their ``__init__`` does, at a
third of the cost).
"""

from __future__ import annotations

import codecs
import re
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from lxml import etree

from .model import TranslationUnit, Variant
from .safety import safe_parser_options
from .shape import compile_shape

__all__ = ["Fallback", "fast_units"]

CHUNK = 1 << 20
_MAX_UNIT = 64 << 20  # a single unit larger than this goes to lxml (and its size limits)
_MAX_SHAPES = 256  # unit layouts learnt per file before the fast path stops learning
_KEEP_SHAPES = 8  # layouts tried before a unit goes the general way
_WINDOW = 1024  # units; when more than 3/4 of a window went to lxml one by one, the lxml reader takes over

_WS = r"[ \t\n]*"
_ATTRS = r"""(?:[ \t\n]+[A-Za-z_][-\w.]*(?::[A-Za-z_][-\w.]*)?[ \t\n]*=[ \t\n]*(?:"[^"<&]*"|'[^'<&]*'))*[ \t\n]*"""
_TEXT = r"[^<&]*(?:&(?:amp|lt|gt|quot|apos|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});[^<&]*)*"
_PROPNOTE = rf"(?:<prop{_ATTRS}>{_TEXT}</prop>|<note{_ATTRS}>{_TEXT}</note>)"
_ATTRS_FULL = re.compile(_ATTRS)
_NAME_EQ = re.compile(r"[ \t\n]+([A-Za-z_][-\w.]*(?::[A-Za-z_][-\w.]*)?)[ \t\n]*=[ \t\n]*")
_KEYS: dict[tuple[str, ...], tuple[str, ...]] = {}  # attribute-name parts -> names (validated)
_NAMES: dict[str, str] = {}  # ' tuid=' -> 'tuid' (validated)
_PROP_TYPES: dict[str, str] = {}  # ' type="x-document"' -> 'x-document' (validated)
_TEXT_FULL = re.compile(_TEXT)
_PNS_FULL = re.compile(rf"{_WS}(?:{_PROPNOTE}{_WS})*")
_PN_RE = re.compile(rf"<(prop|note)({_ATTRS})>({_TEXT})</(?:prop|note)>")
_ATTR_RE = re.compile(r"""([A-Za-z_][-\w.]*(?::[A-Za-z_][-\w.]*)?)[ \t\n]*=[ \t\n]*(?:"([^"]*)"|'([^']*)')""")
_BETWEEN = re.compile(r"(?:[ \t\n]+|<!--[^-\x00-\x08\x0b\x0c\x0e-\x1f]*(?:-[^-\x00-\x08\x0b\x0c\x0e-\x1f]+)*-->)*")
_END = re.compile(r"</body[ \t\n]*>(?:[ \t\n]+|<!--[^-\x00-\x08\x0b\x0c\x0e-\x1f]*(?:-[^-\x00-\x08\x0b\x0c\x0e-\x1f]+)*-->)*</tmx[ \t\n]*>(?:[ \t\n]+|<!--[^-\x00-\x08\x0b\x0c\x0e-\x1f]*(?:-[^-\x00-\x08\x0b\x0c\x0e-\x1f]+)*-->|<\?[^?]*(?:\?+[^?>][^?]*)*\?+>)*\Z")
_BODY = re.compile(r"<body[ \t\n]*(/?)>")
_DECL = re.compile(r"^\ufeff?<\?xml[^>]*\?>")
_BAD_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_REF = re.compile(r"&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

_local = threading.local()  # one block parser per thread (lxml parsers must not be shared between threads)
_new = object.__new__
_set = object.__setattr__


class Fallback(Exception):
    """The fast path met something outside its grammar after yielding ``count`` units."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def _ref(m: re.Match) -> str:
    name = m.group(1)
    if name[0] != "#":
        return _NAMED[name]
    code = int(name[2:], 16) if name[1] == "x" else int(name[1:])
    if code > 0x10FFFF:
        raise ValueError(name)
    char = chr(code)
    if _BAD_CHAR.match(char):
        raise ValueError(name)
    return char


def _attrs(raw: str) -> list[tuple[str, str]]:
    out = []
    for name, dq, sq in _ATTR_RE.findall(raw):
        value = dq or sq
        if "\t" in value or "\n" in value:
            value = value.replace("\t", " ").replace("\n", " ")
        out.append((name, value))
    return out


def _split_attrs(raw: str, count: int) -> list[tuple[str, str]]:
    """Attributes of a start tag (the text between its name and ``>``), checked against the grammar."""
    if not raw:
        return []
    if "'" not in raw and "<" not in raw and "&" not in raw:
        pieces = raw.split('"')
        last = len(pieces) - 1
        if last % 2 or pieces[last].strip(" \t\n"):
            raise Fallback(count)
        out = []
        for i in range(0, last, 2):
            name = _NAMES.get(pieces[i])
            if name is None:
                name = _attr_name(pieces[i], count)
            value = pieces[i + 1]
            if "\t" in value or "\n" in value:
                value = value.replace("\t", " ").replace("\n", " ")
            out.append((name, value))
    else:
        if raw[0] not in " \t\n" or _ATTRS_FULL.fullmatch(raw) is None:
            raise Fallback(count)
        out = _attrs(raw)
    if len(out) > 1 and len({name for name, _ in out}) != len(out):
        raise Fallback(count)  # a repeated attribute: not well-formed, let lxml say so
    return out


def _attr_name(piece: str, count: int) -> str:
    m = _NAME_EQ.fullmatch(piece)
    if m is None:
        raise Fallback(count)
    if len(_NAMES) < 4096:
        _NAMES[piece] = m.group(1)
    return m.group(1)


def _props_notes(raw: str, count: int) -> tuple[tuple[tuple[str, str], ...], tuple[str, ...]]:
    """Props and notes from the text before the first ``<tuv>`` (or ``<seg>``), checked."""
    if "<note" in raw:
        if _PNS_FULL.fullmatch(raw) is None:
            raise Fallback(count)
        props = []
        notes = []
        for kind, attrs, text in _PN_RE.findall(raw):
            if kind == "prop":
                ptype = ""
                for name, value in _split_attrs(attrs, count):
                    if name == "type":
                        ptype = value
                props.append((ptype, _text(text, count)))
            else:
                notes.append(_text(text, count))
        return tuple(props), tuple(notes)
    pieces = raw.split("<prop")
    if pieces[0].strip(" \t\n"):
        raise Fallback(count)
    props = []
    for piece in pieces[1:]:
        k = piece.find(">")
        ptype = _PROP_TYPES.get(piece[:k])
        if ptype is None:
            if k < 0:
                raise Fallback(count)
            ptype = ""
            for name, value in _split_attrs(piece[:k], count):
                if name == "type":
                    ptype = value
            if len(_PROP_TYPES) < 4096:
                _PROP_TYPES[piece[:k]] = ptype
        e = piece.find("</prop>", k)
        if e < 0 or piece[e + 7:].strip(" \t\n"):
            raise Fallback(count)
        text = piece[k + 1:e]
        if "<" in text or "&" in text or ">" in text:
            text = _text(text, count)
        props.append((ptype, text))
    return tuple(props), ()


def _tuv_info(raw: str, count: int, cache: dict) -> tuple[str, tuple[tuple[str, str], ...]]:
    lang = None
    rest = []
    for name, value in _split_attrs(raw, count):
        if name == "xml:lang":
            lang = value
        elif name == "lang":
            if lang is None:
                lang = value
        elif ":" in name:
            raise Fallback(count)
        else:
            rest.append((name, value))
    if not lang:  # a tuv without a language: the lxml reader refuses it with its line
        raise Fallback(count)
    info = (lang, tuple(rest))
    if len(cache) < 4096:
        cache[raw] = info
    return info


def _text(raw: str, count: int) -> str:
    if "<" in raw or "]]>" in raw:
        raise Fallback(count)
    if "&" in raw:
        try:
            return _REF.sub(_ref, raw) if _TEXT_FULL.fullmatch(raw) else _bad(count)
        except ValueError:  # a character reference XML forbids
            raise Fallback(count) from None
    return raw


def _unescape_groups(groups: tuple[str, ...], texts: tuple[int, ...], count: int) -> list[str]:
    out = list(groups)
    for i in texts:
        if "&" in out[i] or "]]>" in out[i]:
            out[i] = _text(out[i], count)
    return out


def _bad(count: int) -> str:
    raise Fallback(count)


def _tu_attrs(raw: str, header_srclang: str | None, count: int) -> tuple[str | None, str | None, tuple]:
    """``(tuid, srclang, other attributes)`` of a ``<tu>`` start tag."""
    if "'" in raw or "<" in raw or "&" in raw:
        pairs = _split_attrs(raw, count)
    else:
        pieces = raw.split('"')
        key = tuple(pieces[0::2])
        names = _KEYS.get(key)
        if names is None:
            names = _names(key, count)
        values = pieces[1::2]
        if "\t" in raw or "\n" in raw:
            values = [v.replace("\t", " ").replace("\n", " ") for v in values]
        pairs = list(zip(names, values))
    tuid = None
    srclang = header_srclang
    rest = []
    for name, value in pairs:
        if name == "tuid":
            tuid = value
        elif name == "srclang":
            srclang = value or header_srclang
        elif ":" in name:
            raise Fallback(count)
        else:
            rest.append((name, value))
    return tuid, srclang, tuple(rest)


def _names(key: tuple[str, ...], count: int) -> tuple[str, ...]:
    """Validate the name parts of a double-quoted attribute list (``(' tuid=', ' creationdate=', '')``)."""
    if key[-1].strip(" \t\n"):
        raise Fallback(count)
    names = tuple(_attr_name(piece, count) for piece in key[:-1])
    if len(set(names)) != len(names):
        raise Fallback(count)  # a repeated attribute: not well-formed, let lxml say so
    if len(_KEYS) < 4096:
        _KEYS[key] = names
    return names


def _block(block: str, header_srclang: str | None, count: int, cache: dict) -> TranslationUnit:
    """One unit from the text between two ``</tu>`` (the closing tag itself excluded)."""
    i = block.find("<tu")
    if i < 0:
        raise Fallback(count)
    if i and block[:i].strip(" \t\n") and _BETWEEN.fullmatch(block, 0, i) is None:
        raise Fallback(count)
    parts = block[i + 3:].split("<tuv")
    first = parts[0]
    j = first.find(">")
    if j < 0 or len(parts) < 2:
        raise Fallback(count)
    if j:
        if first[0] not in " \t\n":
            raise Fallback(count)
        tuid, srclang, attrs = _tu_attrs(first[:j], header_srclang, count)
    else:
        tuid, srclang, attrs = None, header_srclang, ()
    after = first[j + 1:]
    if "<" in after:
        props, notes = _props_notes(after, count)
    elif after.strip(" \t\n"):
        raise Fallback(count)
    else:
        props = notes = ()
    variants = []
    for part in parts[1:]:
        k = part.find(">")
        info = cache.get(part[:k])
        if info is None:
            if k < 0:
                raise Fallback(count)
            info = _tuv_info(part[:k], count, cache)
        if part.startswith("<seg>", k + 1):
            e = part.find("</seg>", k + 6)
            seg = part[k + 6:e]
            v_props = v_notes = ()
        else:
            s = part.find("<seg>", k + 1)
            e = part.find("</seg>", s + 5)
            if s < 0:
                raise Fallback(count)
            before = part[k + 1:s]
            if "<" in before:
                v_props, v_notes = _props_notes(before, count)
            elif before.strip(" \t\n"):
                raise Fallback(count)
            else:
                v_props = v_notes = ()
            seg = part[s + 5:e]
        if e < 0 or part[e + 6:].strip(" \t\n") != "</tuv>":
            raise Fallback(count)
        if "<" in seg or "&" in seg or ">" in seg:
            seg = _text(seg, count)
        v = _new(Variant)
        _set(v, "__dict__", {
            "lang": info[0], "text": seg, "markup": None, "props": v_props, "notes": v_notes,
            "attrs": info[1],
        })
        variants.append(v)
    unit = _new(TranslationUnit)
    _set(unit, "__dict__", {
        "variants": tuple(variants), "tuid": tuid, "srclang": srclang, "props": props, "notes": notes,
        "attrs": attrs,
    })
    return unit


def _header(prefix: str) -> str | None:
    """Parse everything before ``<body>`` with lxml; return the header srclang. Fallback if not TMX."""
    parser = etree.XMLParser(remove_comments=True, **safe_parser_options())
    try:
        root = etree.fromstring((_DECL.sub("", prefix, count=1) + "</tmx>").encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        raise Fallback(0) from None
    if root.tag != "tmx":
        raise Fallback(0)
    header = root.find("header")
    return header.get("srclang") if header is not None else None


def _shape_at(shapes: list, region: str, pos: int):
    """The first known layout that matches the unit at ``pos`` (moved to the front), else ``None``."""
    for i, shape in enumerate(shapes):
        if shape.pattern.match(region, pos) is not None:
            if i:
                shapes.insert(0, shapes.pop(i))
            return shape
    return None


def _tree_unit(block: str, header_srclang: str | None, count: int, convert: Callable) -> TranslationUnit:
    """A unit the grammar does not cover (inline codes, comments, CDATA...): parse its block alone with
    lxml and convert it as the lxml reader does. Malformed XML: :class:`Fallback`, for the proper error."""
    head, sep, inner = block.partition("<tu")
    if not sep or (head.strip(" \t\n") and _BETWEEN.fullmatch(head) is None) or inner[:1] not in (" ", "\t", "\n", ">"):
        raise Fallback(count)
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = _local.parser = etree.XMLParser(remove_comments=True, remove_pis=True, **safe_parser_options())
    try:
        elem = etree.fromstring("<tu" + inner + "</tu>", parser)
    except etree.XMLSyntaxError:
        raise Fallback(count) from None
    unit = convert(elem, header_srclang)
    if any(not v.lang for v in unit.variants):  # the lxml reader refuses it with its line
        raise Fallback(count)
    return unit


def fast_units(path: Path, encoding: str | None, convert: Callable) -> Iterator[TranslationUnit]:
    """Units of ``path`` by the fast path; raises :class:`Fallback` where the grammar does not fit.

    ``encoding`` is the sniffed encoding (``None``: UTF-8 or as declared in the XML declaration);
    ``convert(tu_element, header_srclang)`` turns a ``<tu>`` parsed by lxml into a unit (for the units
    outside the grammar)."""
    count = 0
    with open(path, "rb") as fh:
        first = fh.read(CHUNK)
        codec = encoding or _declared(first)
        try:
            decoder = codecs.getincrementaldecoder(codec)(errors="strict")
        except LookupError:
            raise Fallback(0) from None
        held = ""  # a trailing "\r" waits for the next chunk

        def more(data: bytes, final: bool = False) -> str:
            nonlocal held
            try:
                text = held + decoder.decode(data, final)
            except UnicodeDecodeError:
                raise Fallback(count) from None
            held = ""
            if not final and text.endswith("\r"):
                held, text = "\r", text[:-1]
            if "\r" in text:
                text = text.replace("\r\n", "\n").replace("\r", "\n")
            if _bad_chars(data, text, codec):
                raise Fallback(count)
            return text

        text = more(first)
        if text.startswith("\ufeff"):
            text = text[1:]
        eof = not first
        # everything before <body>: lxml
        while True:
            m = _BODY.search(text)
            if m or eof:
                break
            data = fh.read(CHUNK)
            eof = not data
            text += more(data, eof)
        if not m:
            raise Fallback(0)
        header_srclang = _header(text[: m.start()])
        if m.group(1):  # <body/>
            text = text[m.end():] if eof else text[m.end():] + more(fh.read(), True)
            if not re.fullmatch(r"(?:[ \t\n]+|<!--[^-\x00-\x08\x0b\x0c\x0e-\x1f]*(?:-[^-\x00-\x08\x0b\x0c\x0e-\x1f]+)*-->)*</tmx[ \t\n]*>(?:[ \t\n]+|<!--[^-\x00-\x08\x0b\x0c\x0e-\x1f]*(?:-[^-\x00-\x08\x0b\x0c\x0e-\x1f]+)*-->|<\?[^?]*(?:\?+[^?>][^?]*)*\?+>)*", text):
                raise Fallback(0)
            return
        buf = text[m.end():]
        cache: dict = {}
        shapes: list = []  # unit layouts seen, most recent first
        shapes_made = 0
        window_end, tree_units = _WINDOW, 0  # units read one by one by lxml in the current window
        while True:
            cut = buf.rfind("</tu>")
            if cut >= 0:
                region, buf = buf[: cut + 5], buf[cut + 5:]
                pos = 0
                end = len(region)
                check = "&" in region or "]]>" in region
                while pos < end:
                    shape = _shape_at(shapes, region, pos)
                    if shape is not None:
                        # every unit of this layout from here on: one C call each (units are yielded
                        # one by one: collecting them first would make the garbage collector scan them)
                        scan = shape.pattern.scanner(region, pos).match
                        build, texts = shape.build, shape.texts
                        mt = scan()
                        while mt is not None:
                            if check and (region.find("&", *mt.span()) >= 0 or region.find("]]>", *mt.span()) >= 0):
                                unit = build(_unescape_groups(mt.groups(), texts, count), header_srclang)
                            else:
                                unit = build(mt.groups(), header_srclang)
                            pos = mt.end()
                            count += 1
                            yield unit
                            mt = scan()
                        continue
                    if count >= window_end:
                        if tree_units * 4 > _WINDOW * 3:
                            raise Fallback(count)  # mostly inline codes: the lxml reader is faster
                        window_end, tree_units = count + _WINDOW, 0
                    stop = region.find("</tu>", pos)
                    block = region[pos:stop]
                    pos = stop + 5
                    try:
                        unit = _block(block, header_srclang, count, cache)
                    except Fallback:
                        unit = _tree_unit(block, header_srclang, count, convert)
                        tree_units += 1
                    else:
                        if shapes_made < _MAX_SHAPES:
                            shapes_made += 1
                            new_shape = compile_shape(block)
                            if new_shape is not None:
                                shapes.insert(0, new_shape)
                                del shapes[_KEEP_SHAPES:]
                    count += 1
                    yield unit
            if eof:
                break
            if len(buf) > _MAX_UNIT:
                raise Fallback(count)
            data = fh.read(CHUNK)
            eof = not data
            buf += more(data, eof)
        if not _END.match(buf, _BETWEEN.match(buf).end()):
            raise Fallback(count)


_C0 = bytes(b for b in range(32) if b not in (9, 10, 13))
_ASCII_BASED = frozenset({"utf-8", "utf8", "ascii", "us-ascii", "iso-8859-1", "latin-1", "latin1", "cp1252"})


def _bad_chars(data: bytes, text: str, codec: str) -> bool:
    """True if the chunk holds a character XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF; decoding
    already refuses lone surrogates). Deleting bytes is the fastest scan Python offers."""
    if codec.lower().replace("_", "-") in _ASCII_BASED:
        if len(data.translate(None, _C0)) != len(data):
            return True
        return "\ufffe" in text or "\uffff" in text
    return _BAD_CHAR.search(text) is not None


def _declared(head: bytes) -> str:
    m = re.match(rb"""^(?:\xef\xbb\xbf)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)""", head)
    if not m:
        return "utf-8"
    name = m.group(1).decode("ascii").lower()
    return name if name.replace("-", "").replace("_", "") != "utf16" else "utf-8"
