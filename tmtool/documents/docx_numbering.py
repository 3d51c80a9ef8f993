"""Word's automatic paragraph numbers, rendered as Word shows them (``1.``, ``(a)``, ``IV.``, ``2.3``).

A numbered .docx paragraph holds no number in its text: ``w:numPr`` (on the paragraph or on its style, the
``List Number`` style for one) names a list instance (``w:num``) of ``word/numbering.xml``, whose abstract
definition (``w:abstractNum``) gives each level its format (``w:numFmt``), its label (``w:lvlText``, ``%1.``,
``(%2)``, ``%1.%2``) and its start; ``w:lvlOverride/w:startOverride`` restarts a list. UN documents number their
paragraphs this way, and the numbers are alignment anchors, so the reader puts them back (:class:`WordNumbering`).
Bullets are left out, as the other readers leave them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["WordNumbering", "format_number", "ARABIC_ABJAD"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
ARABIC_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"  # the abjad order Arabic lists are lettered in (أ ب ج د هـ و ...)
_ALPHABETS = {
    "lowerLetter": "abcdefghijklmnopqrstuvwxyz",
    "upperLetter": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "russianLower": "абвгдежзиклмнопрстуфхцчшщэюя",  # Word's sequence: no ё й ъ ы ь
    "russianUpper": "АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЩЭЮЯ",
    "arabicAbjad": ARABIC_ABJAD,
    "arabicAlpha": "أبتثجحخدذرزسشصضطظعغفقكلمنهوي",
}
_CJK_DIGITS = "〇一二三四五六七八九"


def format_number(value: int, fmt: str) -> str:
    """``value`` in Word's number format ``fmt``: ``decimal`` 3, ``decimalZero`` 03, ``lowerLetter`` c (then
    aa, bb ... as Word goes on), ``upperRoman`` III, ``russianLower`` в, ``arabicAbjad`` ج, ``chineseCounting``
    三; ``none`` is empty; a format not known here is written in decimal."""
    if fmt == "none":
        return ""
    if fmt in _ALPHABETS and value > 0:
        letters = _ALPHABETS[fmt]
        return letters[(value - 1) % len(letters)] * ((value - 1) // len(letters) + 1)
    if fmt in ("lowerRoman", "upperRoman") and 0 < value < 4000:
        roman, rest = "", value
        for size, numeral in _ROMAN:
            count, rest = divmod(rest, size)
            roman += numeral * count
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital") and 0 <= value < 100:
        if fmt == "ideographDigital" or value < 10:
            return "".join(_CJK_DIGITS[int(d)] for d in str(value))
        tens, units = divmod(value, 10)
        return (_CJK_DIGITS[tens] if tens > 1 else "") + "十" + (_CJK_DIGITS[units] if units else "")
    return str(value)


@dataclass
class _Level:
    start: int = 0  # ECMA-376: an absent w:start is 0
    fmt: str = "decimal"
    text: str | None = None
    restart: int | None = None  # w:lvlRestart: 0 never, n after a level up to n (1-based); None after any above
    legal: bool = False  # w:isLgl: every level shown in decimal
    suffix: str = "tab"
    style: str | None = None  # w:pStyle: the paragraph style this level goes with


def _val(element, tag: str) -> str | None:  # noqa: ANN001
    child = element.find(f"{_W}{tag}") if element is not None else None
    return None if child is None else child.get(f"{_W}val")


def _int(text: str | None, default: int | None) -> int | None:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(element) -> _Level:  # noqa: ANN001
    legal = element.find(f"{_W}isLgl")
    return _Level(
        start=_int(_val(element, "start"), 0) or 0,
        fmt=_val(element, "numFmt") or "decimal",
        text=_val(element, "lvlText"),
        restart=_int(_val(element, "lvlRestart"), None),
        legal=legal is not None and legal.get(f"{_W}val", "1") not in ("0", "false", "off"),
        suffix=_val(element, "suff") or "tab",
        style=_val(element, "pStyle"),
    )


class WordNumbering:
    """The numbering of one document, counted paragraph by paragraph in document order (:meth:`label`)."""

    def __init__(self, numbering_root, styles_root) -> None:  # noqa: ANN001
        """``numbering_root``: the parsed ``w:numbering`` element (``None`` when the package has none);
        ``styles_root``: the parsed ``w:styles`` element (``None`` likewise)."""
        self._abstract: dict[str, dict[int, _Level]] = {}
        self._links: dict[str, str] = {}  # abstractNumId -> the style (w:numStyleLink) holding its list
        self._nums: dict[str, tuple[str, dict[int, int], dict[int, _Level]]] = {}
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_root is not None:
            for abstract in numbering_root.iter(f"{_W}abstractNum"):
                key = abstract.get(f"{_W}abstractNumId")
                self._abstract[key] = {_int(lvl.get(f"{_W}ilvl"), 0): _level(lvl) for lvl in abstract.iter(f"{_W}lvl")}
                link = _val(abstract, "numStyleLink")
                if link:
                    self._links[key] = link
            for num in numbering_root.iter(f"{_W}num"):
                starts: dict[int, int] = {}
                levels: dict[int, _Level] = {}
                for override in num.iter(f"{_W}lvlOverride"):
                    ilvl = _int(override.get(f"{_W}ilvl"), 0) or 0
                    start = _int(_val(override, "startOverride"), None)
                    if start is not None:
                        starts[ilvl] = start
                    lvl = override.find(f"{_W}lvl")
                    if lvl is not None:
                        levels[ilvl] = _level(lvl)
                self._nums[num.get(f"{_W}numId")] = (_val(num, "abstractNumId") or "", starts, levels)
        self._styles: dict[str, Any] = {}  # styleId -> its w:style element
        if styles_root is not None:
            self._styles = {s.get(f"{_W}styleId"): s for s in styles_root.iter(f"{_W}style")}

    def _style_numbering(self, style_id: str | None) -> tuple[str | None, int | None]:
        """``(numId, ilvl)`` a paragraph style gives (through ``w:basedOn``), ``None`` for what it leaves open."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self._styles:
            seen.add(style_id)
            style = self._styles[style_id]
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None and _val(num_pr, "numId") is not None:
                return _val(num_pr, "numId"), _int(_val(num_pr, "ilvl"), None)
            style_id = _val(style, "basedOn")
        return None, None

    def _definition(self, num_id: str) -> tuple[str, dict[int, _Level], dict[int, int]] | None:
        """``(counter key, levels, start overrides)`` of list instance ``num_id``; ``None`` if it is undefined."""
        if num_id not in self._nums:
            return None
        abstract_id, starts, overrides = self._nums[num_id]
        if abstract_id in self._links:  # the list is defined in a numbering style: follow it once
            linked = self._style_numbering(self._links[abstract_id])[0]
            if linked in self._nums:
                abstract_id = self._nums[linked][0]
        levels = {**self._abstract.get(abstract_id, {}), **overrides}
        # Instances of one definition count on together; one that restarts (startOverride) counts apart.
        return (f"num {num_id}" if starts else f"abstract {abstract_id}"), levels, starts

    def label(self, paragraph) -> tuple[str, str]:  # noqa: ANN001
        """The number Word shows before ``paragraph`` (a ``w:p`` element) and what follows it (``" "`` for a tab
        or a space, ``""`` for none): ``("1.", " ")``, ``("(a)", " ")``; ``("", "")`` for an unnumbered paragraph
        or a bullet. Call it on every paragraph in document order, empty ones included: each numbered one counts."""
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        style_id = _val(paragraph.find(f"{_W}pPr"), "pStyle")
        num_id, ilvl = _val(num_pr, "numId"), _int(_val(num_pr, "ilvl"), None)  # _val(None, ...) is None
        if num_id is None or ilvl is None:
            style_num, style_ilvl = self._style_numbering(style_id)
            num_id = num_id if num_id is not None else style_num
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0":  # numId 0: numbering taken off
            return "", ""
        definition = self._definition(num_id)
        if definition is None:
            return "", ""
        key, levels, starts = definition
        if ilvl is None:  # the level that names this paragraph's style, else the first
            ilvl = next((i for i, level in levels.items() if style_id and level.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return "", ""
        counters = self._counters.setdefault(key, {})

        def start(i: int) -> int:
            return starts.get(i, levels[i].start if i in levels else 0)

        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start(ilvl)
        for deeper in [i for i in counters if i > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            if restart is None or (restart > 0 and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet" or not level.text:
            return "", ""

        def render(match: re.Match[str]) -> str:
            i = int(match.group(1)) - 1
            fmt = "decimal" if level.legal else levels[i].fmt if i in levels else "decimal"
            return format_number(counters.get(i, start(i)), fmt)

        text = re.sub(r"%([1-9])", render, level.text).strip()
        return (text, "" if level.suffix == "nothing" else " ") if text else ("", "")
