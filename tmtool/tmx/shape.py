"""Shape-specialised matching: one compiled regular expression per unit layout.

TMX files are written by programs, so nearly every ``<tu>`` of a file has the same layout: the same
attributes, props and languages in the same order, only the values and texts differ. :func:`compile_shape`
turns one plain unit (already read and checked by the fast path) into a regular expression that matches
a whole unit of that layout in one C call, with a capturing group per attribute value and per text, plus
a plan that builds the :class:`~tmtool.tmx.model.TranslationUnit` from the groups. The expression only
accepts well-formed XML of that layout (texts without ``<``, references checked afterwards, attribute
values without ``<``, ``&``, tabs or newlines); any other unit simply does not match and goes the general
way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .model import TranslationUnit, Variant

__all__ = ["Shape", "compile_shape"]

_WS = r"[ \t\n]*"
_TEXT = r"([^<]*)"  # references are checked (and unescaped) afterwards, only in units holding an "&";
# characters XML forbids are refused per chunk by the fast path (a simple class keeps the match fast)
_VALUE = r'[ \t\n]*=[ \t\n]*"([^"<&\t\n]*)"'
_TOKEN = re.compile(
    r"""<(/?)([A-Za-z_][-\w.]*)((?:[ \t\n]+[A-Za-z_][-\w.:]*[ \t\n]*=[ \t\n]*"[^"<&\t\n]*")*)[ \t\n]*>|([^<]+)"""
)
_ATTR = re.compile(r"""[ \t\n]+([A-Za-z_][-\w.:]*)[ \t\n]*=[ \t\n]*"([^"<&\t\n]*)\"""")
# attributes whose value is part of the layout (the same in every unit of a file, as a rule): matched as
# literals, so that the builder uses one shared string instead of capturing a new one per unit
_LITERAL = {"tuv": ("xml:lang", "lang"), "prop": ("type",)}
_CHILDREN = {"tu": ("prop", "note", "tuv"), "tuv": ("prop", "note", "seg")}

_new = object.__new__
_set = object.__setattr__


Slot = int | str  # a group number, or the literal value of an attribute that is part of the layout


@dataclass(frozen=True)
class _Tuv:
    lang: Slot  # xml:lang (or lang); "" if none
    attrs: tuple[tuple[str, Slot], ...]
    props: tuple[tuple[Slot, int], ...]  # (type, group of text)
    notes: tuple[int, ...]
    seg: int


@dataclass(frozen=True)
class Shape:
    """A compiled unit layout: ``pattern`` matches one unit; :meth:`build` makes it from the groups."""

    pattern: re.Pattern
    tuid: int
    srclang: int
    attrs: tuple[tuple[str, int], ...]
    props: tuple[tuple[Slot, int], ...]
    notes: tuple[int, ...]
    tuvs: tuple[_Tuv, ...]
    texts: tuple[int, ...]  # groups holding text (to unescape when the unit holds an "&")
    build: Callable[[Sequence[str], str | None], TranslationUnit]
    """``build(match.groups(), header_srclang)``: the unit (texts already unescaped by the caller)."""


class _Builder:
    def __init__(self) -> None:
        self.parts: list[str] = [_WS]
        self.groups = 0

    def group(self, regex: str) -> int:
        self.parts.append(regex)
        self.groups += 1
        return self.groups - 1

    def start_tag(self, name: str, raw_attrs: str) -> dict[str, Slot] | None:
        pairs = _ATTR.findall(raw_attrs)
        if len({attr for attr, _ in pairs}) != len(pairs):
            return None
        self.parts.append("<" + re.escape(name))
        out: dict[str, Slot] = {}
        literal = _LITERAL.get(name, ())
        for attr, value in pairs:
            if ":" in attr and attr != "xml:lang":
                return None
            self.parts.append("[ \\t\\n]+" + re.escape(attr))
            if attr in literal:
                self.parts.append('[ \\t\\n]*=[ \\t\\n]*"' + re.escape(value) + '"')
                out[attr] = value
            else:
                out[attr] = self.group(_VALUE)
        self.parts.append(_WS + ">" + (_WS if name in ("tu", "tuv") else ""))
        return out


def compile_shape(block: str) -> Shape | None:
    """The shape of the unit in ``block`` (text from after the previous ``</tu>`` up to this unit's
    ``</tu>``, excluded), or ``None`` when the unit is not of the plain kind shapes cover."""
    start = block.find("<tu")
    if start < 0 or block[:start].strip(" \t\n"):
        return None
    b = _Builder()
    stack: list[str] = []
    tu: dict[str, int] = {}
    tu_props: list[tuple[int, int]] = []
    tu_notes: list[int] = []
    tuvs: list[_Tuv] = []
    cur: dict = {}
    pos = start
    for m in _TOKEN.finditer(block, start):
        if m.start() != pos:
            return None
        pos = m.end()
        closing, name, raw_attrs, text = m.groups()
        parent = stack[-1] if stack else None
        if text is not None:
            if parent in ("seg", "prop", "note"):
                if "]]>" in text:
                    return None
                continue  # replaced by the text group emitted at the start tag
            if text.strip(" \t\n"):
                return None
            continue
        if closing:
            if not stack or stack.pop() != name:
                return None
            b.parts.append(f"</{name}>" + _WS)
            if name == "tuv":
                if "seg" not in cur:
                    return None
                tuvs.append(_Tuv(cur["lang"], tuple(cur["attrs"]), tuple(cur["props"]), tuple(cur["notes"]), cur["seg"]))
            continue
        if (parent is None and name != "tu") or (parent is not None and name not in _CHILDREN.get(parent, ())):
            return None
        if parent == "tuv" and "seg" in cur:
            return None  # nothing may follow <seg> in a <tuv>
        attrs = b.start_tag(name, raw_attrs)
        if attrs is None:
            return None
        stack.append(name)
        if name == "tu":
            tu = attrs
        elif name == "tuv":
            if "xml:lang" in attrs and "lang" in attrs:
                return None
            lang = attrs.pop("xml:lang") if "xml:lang" in attrs else attrs.pop("lang", "")
            cur = {"lang": lang, "attrs": list(attrs.items()), "props": [], "notes": []}
        else:
            group = b.group(_TEXT)
            if name == "seg":
                if attrs:
                    return None
                cur["seg"] = group
            elif name == "prop":
                target = cur["props"] if parent == "tuv" else tu_props
                if parent == "tu" and tuvs:
                    return None
                target.append((attrs.get("type", ""), group))
            else:
                target = cur["notes"] if parent == "tuv" else tu_notes
                if parent == "tu" and tuvs:
                    return None
                target.append(group)
    if stack != ["tu"] or pos != len(block) or not tuvs:
        return None
    b.parts.append("</tu>")
    tuid = tu.pop("tuid", -1)
    srclang = tu.pop("srclang", -1)
    try:
        pattern = re.compile("".join(b.parts))
    except re.error:  # pragma: no cover - names are escaped
        return None
    texts = tuple(sorted({g for _, g in tu_props} | set(tu_notes) | {t.seg for t in tuvs}
                         | {g for t in tuvs for _, g in t.props} | {n for t in tuvs for n in t.notes}))
    build = _make_builder(tuid, srclang, tuple(tu.items()), tuple(tu_props), tuple(tu_notes), tuple(tuvs))
    return Shape(pattern, tuid, srclang, tuple(tu.items()), tuple(tu_props), tuple(tu_notes), tuple(tuvs), texts, build)


def _slot(slot: Slot) -> str:
    return f"g[{slot}]" if isinstance(slot, int) else repr(slot)


def _pairs(items) -> str:
    return "(" + "".join(f"({name!r}, {_slot(i)}), " for name, i in items) + ")"


def _props(items) -> str:
    return "(" + "".join(f"({_slot(a)}, g[{b}]), " for a, b in items) + ")"


def _notes(items) -> str:
    return "(" + "".join(f"g[{i}], " for i in items) + ")"


def _make_builder(tuid, srclang, attrs, props, notes, tuvs) -> Callable:
    """Generate the builder of one shape as straight-line code (as dataclasses and namedtuple generate
    their methods): only integers and checked attribute names go into the source."""
    lines = ["def build(g, header_srclang):"]
    for n, t in enumerate(tuvs):
        lang = _slot(t.lang)
        lines.append(f"    v{n} = _new(Variant)")
        lines.append(
            f"    _set(v{n}, '__dict__', {{'lang': {lang}, 'text': g[{t.seg}], 'markup': None, "
            f"'props': {_props(t.props)}, 'notes': {_notes(t.notes)}, 'attrs': {_pairs(t.attrs)}}})"
        )
    variants = "(" + "".join(f"v{n}, " for n in range(len(tuvs))) + ")"
    src = f"(g[{srclang}] or header_srclang)" if srclang >= 0 else "header_srclang"
    tuid_expr = f"g[{tuid}]" if tuid >= 0 else "None"
    lines.append("    u = _new(TranslationUnit)")
    lines.append(
        f"    _set(u, '__dict__', {{'variants': {variants}, 'tuid': {tuid_expr}, 'srclang': {src}, "
        f"'props': {_props(props)}, 'notes': {_notes(notes)}, 'attrs': {_pairs(attrs)}}})"
    )
    lines.append("    return u")
    namespace = {"_new": _new, "_set": _set, "Variant": Variant, "TranslationUnit": TranslationUnit}
    exec("\n".join(lines), namespace)  # noqa: S102 - generated from integers and validated names only
    return namespace["build"]
