"""Arabic text a PDF extractor gave in visual order, put back in reading (logical) order.

pypdf (tmtool's own PDF reader) and pdfminer (behind ``markitdown`` and other PDF-to-Markdown tools) list the
glyphs of a line from left to right as they stand on the page, so each Arabic word comes out backwards
(``ةماعلا ةيعمجلا`` for ``الجمعية العامة``); poppler's ``pdftotext`` and MuPDF give reading order. Visual order is
told by the letters that only end a word in Arabic, ta marbuta ``ة`` and alef maksura ``ى``: backwards, they open
one. Each line is then read right to left, its runs of Latin words and of numbers kept left to right, as the
Unicode bidirectional algorithm lays them out in a right-to-left paragraph.
"""

from __future__ import annotations

import re

__all__ = ["is_visual_arabic", "to_logical_line", "to_logical"]

_ARABIC_WORD_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3][\u0621-\u065f\u0670-\u06d3]+")
_FINAL_ONLY = "\u0629\u0649"  # ta marbuta, alef maksura: never open an Arabic word
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3]")
# the runs the bidirectional algorithm keeps left to right in a right-to-left line: Latin words with the words and
# numbers after them ("Distr.: General", "A/77/967-S/2023/529", "September 2023"), or a number with its separators
# ("2,5", "10 000", and "23-17890" unless an Arabic letter stands before it: then "9-10" is two numbers);
# brackets and other neutrals at their edges belong to the right-to-left line around them
_L = "A-Za-z\u00c0-\u024f"
_D = "0-9\u0660-\u0669\u06f0-\u06f9"
_NUMBER = f"[{_D}]+(?:[.,:/\u00a0\u202f][{_D}]+| [{_D}]{{3}}(?![{_D}]))*"  # "10 000" (its no-break space extracted as a space)
_WORD = f"[{_L}](?:[{_L}{_D}.,:;/\\-'’&]*[{_L}{_D}])?"
_LTR_RUN_RE = re.compile(f"{_WORD}(?: +(?:{_WORD}|{_NUMBER}))*|{_NUMBER}(?:[-+]{_NUMBER})*")
_NUMBER_RE = re.compile(_NUMBER)
_L_FIRST = frozenset(chr(c) for c in range(0x41, 0x250) if chr(c).isalpha())
_STRONG_RE = re.compile(f"[{_L}\u0621-\u064a\u0671-\u06d3]")
_EDGES_RE = re.compile(r"^(\s*)(.*?)(\s*)$", re.DOTALL)


def is_visual_arabic(text: str) -> bool:
    """Whether the Arabic of ``text`` reads backwards: words opening with a letter that only ends one (``ة``,
    ``ى``) outnumber those ending with it three to one, and there are at least three of them."""
    backwards = forwards = 0
    for word in _ARABIC_WORD_RE.findall(text):
        backwards += word[0] in _FINAL_ONLY
        forwards += word[-1] in _FINAL_ONLY
    return backwards >= 3 and backwards > 3 * forwards


def to_logical_line(line: str) -> str:
    """One line in visual order (left to right as on the page) in reading order: its runs in reverse, the
    characters of each right-to-left run reversed, Latin and number runs as they are. Leading and trailing white
    space (a form feed, an indent) stays where it is; a line without Arabic letters is left alone."""
    if not _ARABIC_LETTER_RE.search(line):
        return line
    lead, body, trail = _EDGES_RE.match(line).groups()  # type: ignore[union-attr]
    parts: list[str] = []
    last = 0
    for start, end in _ltr_runs(body):
        parts.append(body[last:start][::-1])
        parts.append(body[start:end])
        last = end
    parts.append(body[last:][::-1])
    return lead + "".join(reversed(parts)) + trail


def _ltr_runs(body: str) -> list[tuple[int, int]]:
    """The spans of ``body`` (a visual line) that stay left to right; numbers joined by ``-`` or ``+`` are one
    span only when no Arabic letter comes before them in reading order (to their right on the page)."""
    spans: list[tuple[int, int]] = []
    for run in _LTR_RUN_RE.finditer(body):
        before = _STRONG_RE.search(body, run.end())
        if run.group()[0] in _L_FIRST or not before or not _ARABIC_LETTER_RE.match(before.group()):
            spans.append(run.span())
        else:
            spans.extend((run.start() + n.start(), run.start() + n.end()) for n in _NUMBER_RE.finditer(run.group()))
    return spans


def to_logical(text: str) -> str:
    """``text`` with each line put in reading order when its Arabic reads backwards (:func:`is_visual_arabic`);
    otherwise ``text`` itself."""
    if not is_visual_arabic(text):
        return text
    return "\n".join(to_logical_line(line) for line in text.split("\n"))
