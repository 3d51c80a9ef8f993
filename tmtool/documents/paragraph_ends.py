"""Paragraph ends in text written one printed line a line with no blank line between paragraphs.

``pdftotext`` without ``-layout`` (what most people run), a copy from a PDF viewer and some OCR tools write each
printed line on a line of its own and put no blank line between paragraphs: a page is one block. A typesetter fills
each line of a paragraph up to the column's width, so a line that stops well short of it, when the first word of
the next line would have fitted there, was ended on purpose: where it also ends a sentence (or a preamble's
clause, or is a heading), it ends a paragraph (:func:`paragraph_ends`). Only a text that looks printed this way is
read so (:func:`printed_column`): a file with blank lines between its paragraphs, or one sentence a line, is read as
before. :func:`~.repair.split_unwrapped` makes the cuts.
"""

from __future__ import annotations

import unicodedata

from ..languages import is_cased, uses_spaces

__all__ = ["display_width", "column_width", "leaves_room", "printed_column", "paragraph_ends"]

# the share of the column a line must leave free, beyond the next line's first word and a space, to be taken for
# the end of a paragraph: character counts only approximate a proportional font's widths (a full line of a
# justified column holds from 69 to 90 characters in the letter's English version)
_SLACK = 0.05
# the same for a line with no final punctuation taken for a heading: such lines end paragraphs less often
_HEADING_SLACK = 0.15
# the share of a document's lines that are at least as wide as its column
_FULL_SHARE = 0.1
# A printed column: at most as wide as a wrapped line ever is (120 Latin letters, 60 Chinese characters: the
# limit of repair._is_long), with this many lines at least, this share of them nearly full (within 15% of the
# column; 40-69% in pdftotext's output of the letter and the UDHR, 11-33% in files of one sentence a line) and
# this many paragraph ends inside blocks (8-19 there, none in a file with blank lines between its paragraphs).
_MAX_COLUMN = 120
_MIN_LINES = 12
_NEARLY_FULL = 0.85
_MIN_FULL_SHARE = 0.4
_MIN_RUN_TOGETHER = 3


def display_width(text: str) -> int:
    """How wide ``text`` prints, in columns of a Latin letter: a Chinese or Japanese character (East Asian wide or
    full-width) counts two, as it takes the room of two Latin letters on a printed line."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def column_width(lines: list[str]) -> int:
    """The width of the column that the (plain) ``lines`` of a document fill: the width that the widest tenth of
    them reach (running headers, headings and the last lines of paragraphs are shorter; a line a little longer
    than the others, with narrow letters, does not set it)."""
    widths = sorted((display_width(line) for line in lines if line), reverse=True)
    return widths[int(len(widths) * _FULL_SHARE)] if widths else 0


def _first_word(line: str) -> str:
    """The first word of a (plain) line: up to the first space, or its first character when that is a Chinese or
    Japanese one (those lines break between any two characters)."""
    if line[:1] and display_width(line[:1]) == 2:
        return line[:1]
    return line.split(maxsplit=1)[0] if line.strip() else ""


def leaves_room(line: str, next_line: str, width: int, slack: float = _SLACK) -> bool:
    """Whether ``line`` stops short of a column ``width`` wide by more than the first word of ``next_line`` (and a
    space) with ``slack`` of the column to spare (a twentieth): a typesetter filling its lines would have put that
    word there, so the line was ended on purpose."""
    room = width - display_width(line.strip()) - 1 - display_width(_first_word(next_line.strip()))
    return width > 0 and room > slack * width


def printed_column(blocks: list[list[str]], lang: str) -> int:
    """The width of the printed column when the (plain) lines of ``blocks`` are a text written one printed line a
    line with paragraphs run together (:data:`_MIN_LINES` lines or more, most of them nearly as wide as the column,
    no wider than a wrapped line ever is, and :data:`_MIN_RUN_TOGETHER` paragraph ends or more inside blocks,
    against one ending at a blank line for four); else 0, and the text is read as before."""
    from .repair import ends_sentence  # repair calls this module

    lines = [line for block in blocks for line in block if line]
    width = column_width(lines)
    if len(lines) < _MIN_LINES or width > _MAX_COLUMN:
        return 0
    if sum(display_width(line) >= _NEARLY_FULL * width for line in lines) < _MIN_FULL_SHARE * len(lines):
        return 0
    cased = is_cased(lang)
    inside = at_blank = 0
    for block in blocks:
        for i, line in enumerate(block):
            if not ends_sentence(line):
                continue
            if i + 1 == len(block):
                at_blank += display_width(line) < _NEARLY_FULL * width
            elif leaves_room(line, block[i + 1], width) and not (cased and block[i + 1][:1].islower()):
                inside += 1
    return width if inside >= _MIN_RUN_TOGETHER and 4 * inside >= at_blank else 0


def paragraph_ends(plain: list[str], column: int, lang: str) -> list[bool]:
    """Where the paragraphs of a block written one printed line a line end (:func:`printed_column` gives
    ``column``): after a line that stops short of the column, by more than the next line's first word
    (:func:`leaves_room`), and

    - ends a sentence, before a line not in lower case (in a cased script);
    - or ends, as the paragraphs of a preamble do, a paragraph of two lines or more in a comma (not before lower
      case) or in ``; и``, or a paragraph of one line in a comma over a full line (``The General Assembly,`` /
      ``Recalling ...``, ``Генеральная Ассамблея,`` / ``провозглашает ...``; not a signature's ``L'Ambassadeur,``
      / ``Représentant permanent``);
    - or is a heading, or a title's last line: no final punctuation, and, with a tenth of the column more to spare
      (the width of letters is only guessed), over a full line not in lower case, or over another such heading
      or such a one-line paragraph (``Preamble`` / ``Whereas recognition ...``; ``... addressed to`` / ``the
      Secretary-General`` / ``As is well known, ...``). Not in Arabic, whose lines pdftotext breaks at a tanween
      as well (`` ً``). Such a heading also starts a paragraph after a line that ends a sentence, full or not.

    Not after a paragraph number alone on its line (``12.``)."""
    from .repair import _CLAUSE_AND_RE, _MARKER_ONLY_RE, ends_sentence  # repair calls this module

    cased = is_cased(lang)
    headings = cased or not uses_spaces(lang)  # Chinese, Japanese: a title's lines have no case either
    count = len(plain)
    fits = [i + 1 < count and leaves_room(plain[i], plain[i + 1], column) for i in range(count)]
    full = [i + 1 < count and not fits[i] for i in range(count)]  # the last line's width tells nothing
    room = [fits[i] and not _MARKER_ONLY_RE.fullmatch(plain[i]) for i in range(count)]
    upper = [not (cased and line[:1].islower()) for line in plain]
    comma = [line.endswith((",", "،", "，")) for line in plain]
    opener = [comma[i] and room[i] and full[i + 1] for i in range(count - 1)] + [False]  # "The General Assembly,"
    heading = [False] * count  # a heading over a full line, or over another heading, or over an opener
    for i in range(count - 2, -1, -1):
        heading[i] = (headings and room[i] and upper[i + 1] and not ends_sentence(plain[i]) and not comma[i]
                      and leaves_room(plain[i], plain[i + 1], column, _HEADING_SLACK)
                      and (full[i + 1] or heading[i + 1] or opener[i + 1]))
    ends = [False] * count
    for i in range(count - 1):
        if heading[i + 1] and ends_sentence(plain[i]):  # after a full line: "... organizations." / "Follow-up"
            ends[i] = True
        if not room[i]:
            continue
        if ends_sentence(plain[i]):
            ends[i] = upper[i + 1]
        elif heading[i]:
            ends[i] = True
        elif i == 0 or ends[i - 1] or ends_sentence(plain[i - 1]):  # a paragraph of one line
            ends[i] = opener[i]  # "The General Assembly," over a paragraph; not "L'Ambassadeur,"
        else:
            ends[i] = comma[i] and upper[i + 1] or _CLAUSE_AND_RE.search(plain[i]) is not None
    return ends
