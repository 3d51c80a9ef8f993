"""The alignment table: one row per link, one column per language, rendered lazily (Textual Line API).

Only the rows on screen are wrapped and styled (and their glossary terms looked up); row heights start as
an estimate from the text lengths and are corrected when a row is first drawn, so opening a file with
thousands of links costs no more than drawing one screen.
"""

from __future__ import annotations

import bisect
import re
import time
from collections.abc import Callable, Sequence
from itertools import accumulate

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..align.model import Alignment, Link
from ..languages import is_rtl, uses_spaces
from .bidi import visual_line
from .colours import blend, readable
from .terms import NOT_TO_USE

__all__ = ["AlignmentTable", "FIXED_WIDTH", "LOW_CONFIDENCE", "cell_text", "cjk_breaks"]

LOW_CONFIDENCE = 0.5  # = tmtool.align.REVIEW_THRESHOLD (not imported: that would load the aligner)
MAX_ROW_LINES = 8
SEGMENT_SEPARATOR = " ¦ "
_FIXED = (("#", 5), ("", 2), ("conf", 5))  # row number, status, confidence
FIXED_WIDTH = sum(w for _, w in _FIXED)  # columns before the languages (the screen sizes its side panel with it)
_STATUS = {"auto": ("·", "muted"), "edited": ("✎", "edited"), "confirmed": ("✓", "confirmed")}


# a line-breaking unit of unspaced (CJK) text: a run of Latin letters/digits (a number such as 129, a code
# such as A/78/L.1) or one character, with the closing punctuation that must not start a line
_CJK_TOKEN = re.compile(r"(?:[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+(?:[.,:/\-][0-9A-Za-z]+)*|\s+|.)[、。，．,.;；:：!！?？)）」』》〉】〕”’%％…]*",
                        re.S)


def cjk_breaks(text: str, width: int) -> list[int]:
    """Offsets where unspaced text wraps at ``width`` cells: between characters, but never inside a number
    or Latin word that fits on a line, and never before closing punctuation."""
    breaks: list[int] = []
    used = 0
    for match in _CJK_TOKEN.finditer(text):
        token = match.group()
        size = cell_len(token)
        if used + size <= width or token.isspace():
            used += size
            continue
        start = match.start()
        if used:
            breaks.append(start)
        used = 0
        if size > width:  # longer than a line: fold it by cells
            for i, char in enumerate(token):
                c = cell_len(char)
                if used + c > width and used:
                    breaks.append(start + i)
                    used = 0
                used += c
        else:
            used = size
    return breaks


def cell_text(alignment: Alignment, link: Link, lang: str) -> str:
    """The text shown in a cell: the link's segments in ``lang`` joined with a visible separator."""
    return alignment.texts(link, lang, sep=SEGMENT_SEPARATOR)


class AlignmentTable(ScrollView, can_focus=True, inherit_bindings=False):
    """A virtualised table of the links of an alignment, with a cell cursor."""

    DEFAULT_CSS = """
    AlignmentTable { background: $surface; scrollbar-gutter: stable; }
    """
    COMPONENT_CLASSES = {
        "table--header",
        "table--cursor-row",
        "table--cursor-cell",
        "table--low",
        "table--term",
        "table--term-wrong",
        "table--separator",
        "table--match",
        "table--edited",
        "table--confirmed",
    }

    row = reactive(0, init=False)
    col = reactive(0, init=False)

    class CursorMoved(Message):
        """The cursor moved to ``row`` / language column ``col``."""

        def __init__(self, row: int, col: int) -> None:
            super().__init__()
            self.row = row
            self.col = col

    class Resized(Message):
        """The table has a new width (its columns were laid out again)."""

    class CellClicked(Message):
        """A cell was clicked with the mouse (the cursor is already on it)."""

        def __init__(self, row: int, col: int) -> None:
            super().__init__()
            self.row = row
            self.col = col

    def __init__(
        self,
        alignment: Alignment,
        langs: Sequence[str],
        *,
        terms: Callable[[str, str], Sequence] | None = None,
        term_problem: Callable[[dict[str, str], Sequence[str]], bool] | None = None,
        visual_rtl: bool = False,
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.alignment = alignment
        self.langs = list(langs)
        self.terms = terms
        self.term_problem = term_problem  # a row whose terms need a look gets a "!" beside its status
        self._problems: dict[int, tuple[Link, bool]] = {}  # id(link) -> (link, needs a terminology look?)
        self.visual_rtl = visual_rtl  # send right-to-left lines in visual order (terminals without bidi)
        self.search = ""  # occurrences of this text (case-insensitive) are highlighted
        self._lang_widths: list[int] = []  # set on the first layout
        self._lens: dict[int, tuple[tuple[str, ...], list[int]]] = {}  # id(segments) -> (segments, lengths)
        self._plan: list[tuple[str, list[int], float]] = []
        self._heights: list[int] = []
        self._exact: list[bool] = []
        self._offsets: list[int] = [0]
        # caches keyed by link identity: links an operation did not touch keep their wrapped cells and heights
        self._cache: dict[tuple[int, str], tuple[Link, list[tuple[list[Segment], int]]]] = {}
        self._memo: dict[int, tuple[Link, int, bool]] = {}  # id(link) -> (link, height, exact?)
        self._line_cache: dict[tuple[int, int, int, int], Strip] = {}
        self._rich_styles: dict[str, Style] | None = None
        self.painted_at: float | None = None  # time.perf_counter() of the first paint (benchmarks)
        self.last_painted_at = 0.0  # ... and of the end of the latest paint
        self._estimate_all()

    # -- geometry ------------------------------------------------------------------------------------------

    def _layout_widths(self, width: int) -> None:
        fixed = sum(w for _, w in _FIXED)
        n = max(1, len(self.langs))
        free = max(n * 8, width - fixed - n)  # one separator before each language column
        base, extra = divmod(free, n)
        widths = [base + (i < extra) for i in range(n)]
        if widths != self._lang_widths:
            self._lang_widths = widths
            self._forget()
            self._estimate_all()

    def _estimate(self, link: Link) -> int:
        """Lines the link's row will need: text length over column width (CJK counts double), capped."""
        lines = 1
        for lang, lens, per_line in self._plan:
            ids = link.segments.get(lang)
            if ids:
                chars = lens[ids[0]] if len(ids) == 1 else sum(lens[i] for i in ids) + 3 * (len(ids) - 1)
                if chars > per_line:
                    lines = max(lines, int(chars / per_line) + 1)
        return min(lines, MAX_ROW_LINES)

    def _forget(self) -> None:
        self._problems.clear()
        self._cache.clear()
        self._memo.clear()
        self._line_cache.clear()

    def _estimate_all(self) -> None:
        if not self._lang_widths:  # not laid out yet: nothing to estimate against
            return
        plan = []
        for lang, width in zip(self.langs, self._lang_widths):
            segments = self.alignment.document(lang).segments
            lens = self._lens.get(id(segments))
            if lens is None or lens[0] is not segments:
                lens = self._lens[id(segments)] = (segments, [len(seg) for seg in segments])
            # characters per line, allowing ~10% for word wrap; CJK characters take two cells
            per_line = max(1, width - 1) / (1.1 * (1 if uses_spaces(lang) else 2))
            plan.append((lang, lens[1], per_line))
        self._plan = plan
        memo = self._memo
        heights, exact = [], []
        for link in self.alignment.links:
            known = memo.get(id(link))
            if known is None or known[0] is not link:
                known = memo[id(link)] = (link, self._estimate(link), False)
            heights.append(known[1])
            exact.append(known[2])
        self._heights, self._exact = heights, exact
        self._reoffset()

    def _reoffset(self) -> None:
        self._offsets = [0, *accumulate(self._heights)]
        self.virtual_size = Size(self.size.width, self._offsets[-1] + 1)

    def row_at(self, content_y: int) -> int:
        """The row drawn at content line ``content_y`` (0 = first line below the header)."""
        return max(0, min(len(self._heights) - 1, bisect.bisect_right(self._offsets, content_y) - 1))

    def hidden_langs(self) -> list[str]:
        """The language columns that do not fit, whole, in the table's width (columns never get narrower than 8
        cells and there is no horizontal scroll): in a narrow terminal with the side panel shown, say."""
        width = self.scrollable_content_region.width
        pos = FIXED_WIDTH
        hidden = []
        for lang, lang_width in zip(self.langs, self._lang_widths):
            pos += 1 + lang_width
            if pos > width:
                hidden.append(lang)
        return hidden

    def col_at(self, x: int) -> int | None:
        pos = sum(w for _, w in _FIXED)
        for i, width in enumerate(self._lang_widths):
            if pos <= x < pos + 1 + width:
                return i
            pos += 1 + width
        return None

    # -- data ----------------------------------------------------------------------------------------------

    def set_alignment(self, alignment: Alignment) -> None:
        """Show a new state of the alignment (after an operation, undo or redo)."""
        self.alignment = alignment
        self._line_cache.clear()
        if len(self._cache) > 50_000 or len(self._memo) > 200_000:
            self._forget()
        self._estimate_all()
        self.row = min(self.row, max(0, len(alignment.links) - 1))
        self.refresh()

    def set_visual_rtl(self, visual: bool) -> None:
        """Show right-to-left columns in visual order (``True``) or logical order (``False``)."""
        self.visual_rtl = visual
        self._cache.clear()
        self._line_cache.clear()
        self.refresh()

    def set_search(self, query: str) -> None:
        """Highlight ``query`` (case-insensitive) in every cell; ``""`` clears."""
        if query != self.search:
            self.search = query
            self._cache.clear()
            self._line_cache.clear()
            self.refresh()

    # -- cursor --------------------------------------------------------------------------------------------

    def move_to(self, row: int, col: int | None = None) -> None:
        nrows = len(self.alignment.links)
        self.row = max(0, min(nrows - 1, row))
        if col is not None:
            self.col = max(0, min(len(self.langs) - 1, col))
        self.scroll_to_row(self.row)

    def scroll_to_row(self, row: int) -> None:
        if not 0 <= row < len(self._heights):
            return
        self._measure(range(max(0, row - 2), min(len(self._heights), row + 3)))
        top, bottom = self._offsets[row], self._offsets[row + 1]
        view = max(1, self.scrollable_content_region.height - 1)
        y = self.scroll_y
        if top < y:
            y = top
        elif bottom > y + view:
            y = min(top, bottom - view)
        if y != self.scroll_y:
            # force: at start (a resumed row) the scrollbar is not laid out yet and would refuse the scroll
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def watch_row(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.post_message(self.CursorMoved(self.row, self.col))

    def watch_col(self) -> None:
        self._refresh_row(self.row)
        self.post_message(self.CursorMoved(self.row, self.col))

    def on_resize(self) -> None:
        self._layout_widths(self.scrollable_content_region.width)
        self._reoffset()
        self.post_message(self.Resized())
        # the rows' heights changed: bring the cursor row back on screen (a key must never act on a row not shown)
        self.call_after_refresh(lambda: self.scroll_to_row(self.row))  # the row then, not now (a resume moves it)

    def on_click(self, event) -> None:  # noqa: ANN001 - textual.events.Click
        if event.y < 1 or not self.alignment.links:
            return
        row = self.row_at(int(event.y - 1 + self.scroll_y))
        col = self.col_at(event.x)
        self.move_to(row, col)
        self.post_message(self.CellClicked(row, self.col))

    # -- rendering -----------------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if "_cache" in self.__dict__:  # colours changed (theme): re-style cells; wrapping is unchanged
            self._rich_styles = None
            self._cache.clear()
            self._line_cache.clear()

    def _layer(self, name: str, under: tuple[Color, Color]) -> tuple[Color, Color, Style]:
        """Component ``name`` drawn over ``(foreground, background)``: opaque colours and its rich style."""
        comp = self.get_component_styles(name)
        fg, bg = under
        if comp.has_rule("background"):
            bg = blend(comp.background, bg)
        if comp.has_rule("color"):
            fg = bg.get_contrast_text(comp.color.a) if comp.color.auto else blend(comp.color, bg)
        style = comp.partial_rich_style + Style(color=fg.rich_color, bgcolor=bg.rich_color)
        return fg, bg, readable(style)

    def _span(self, name: str, under: tuple[Color, Color]) -> Style:
        """A style for part of a cell's text: its colour and attributes, no background (the cell's shows)."""
        style = self._layer(name, under)[2]
        return style.without_color + Style(color=style.color)

    def _styles(self) -> dict[str, Style]:
        """The table's rich styles, every colour opaque (see-through theme colours blended over what they
        are drawn on) and every text colour readable on its background (:mod:`tmtool.review.colours`)."""
        if self._rich_styles is None:
            rich_base = self.rich_style
            bg = self.background_colors[1]
            fg = Color.from_rich_color(rich_base.color) if rich_base.color else bg.get_contrast_text()
            base = readable(rich_base + Style(color=fg.rich_color, bgcolor=bg.rich_color))
            row_fg, row_bg, cursor_row = self._layer("table--cursor-row", (fg, bg))
            _, _, cursor_cell = self._layer("table--cursor-cell", (row_fg, row_bg))
            self._rich_styles = {
                "base": base,
                "header": readable(self.get_component_rich_style("table--header")),
                "cursor_row": cursor_row,
                "cursor_cell": cursor_cell,
                "low": self._layer("table--low", (fg, bg))[2],
                "low_cursor": self._layer("table--low", (row_fg, row_bg))[2],
                "muted": readable(Style(color=blend(fg.with_alpha(0.7), bg).rich_color, bgcolor=bg.rich_color)),
                "muted_cursor": readable(Style(color=blend(row_fg.with_alpha(0.7), row_bg).rich_color,
                                               bgcolor=row_bg.rich_color)),
                "term": self._span("table--term", (fg, bg)),
                "term_wrong": self._span("table--term-wrong", (fg, bg)),  # a deprecated or forbidden term
                "sep": self._span("table--separator", (fg, bg)),
                "match": self._layer("table--match", (fg, bg))[2],
                "edited": self._span("table--edited", (fg, bg)),
                "confirmed": self._span("table--confirmed", (fg, bg)),
            }
        return self._rich_styles

    def _cell_lines(self, row: int, lang: str, width: int) -> list[tuple[list[Segment], int]]:
        """The wrapped lines of one cell (segments without background, and their cell length), cached."""
        link = self.alignment.links[row]
        key = (id(link), lang)
        cached = self._cache.get(key)
        if cached is not None and cached[0] is link:
            return cached[1]
        styles = self._styles()
        raw = cell_text(self.alignment, link, lang)
        justify = "right" if is_rtl(lang) else "left"
        if not raw:
            text = Text("∅", style="dim", justify=justify)
        else:
            text = Text(raw, justify=justify)
            start = raw.find(SEGMENT_SEPARATOR)
            while start >= 0:
                text.stylize(styles["sep"], start, start + len(SEGMENT_SEPARATOR))
                start = raw.find(SEGMENT_SEPARATOR, start + 1)
            if self.terms is not None:
                for hit in self.terms(raw, lang):
                    wrong = getattr(hit.term, "status", "") in NOT_TO_USE
                    text.stylize(styles["term_wrong" if wrong else "term"], hit.start, hit.end)
            if self.search:
                folded, needle = raw.casefold(), self.search.casefold()
                start = folded.find(needle)
                while start >= 0 and len(folded) == len(raw):  # casefold kept the offsets
                    text.stylize(styles["match"], start, start + len(needle))
                    start = folded.find(needle, start + len(needle))
        console = self.app.console
        if uses_spaces(lang):
            wrapped = list(text.wrap(console, width, justify=justify, overflow="fold"))
        else:
            wrapped = list(text.divide(cjk_breaks(raw, width)))
            for line in wrapped:
                line.rstrip()  # a space kept at a break
                line.truncate(width)
        if len(wrapped) > MAX_ROW_LINES:
            wrapped = wrapped[:MAX_ROW_LINES]
            last = wrapped[-1]
            last.rstrip()
            last.truncate(max(1, width - 1))
            last.append("…", style="bold")
        if self.visual_rtl and justify == "right" and raw:
            wrapped = [visual_line(line, width) for line in wrapped]
        lines = [(list(line.render(console)), min(width, line.cell_len)) for line in wrapped]
        self._cache[key] = (link, lines)
        return lines

    def _row_height(self, row: int) -> int:
        height = 1
        for lang, width in zip(self.langs, self._lang_widths):
            height = max(height, len(self._cell_lines(row, lang, width)))
        return min(height, MAX_ROW_LINES)

    def _measure(self, rows: range) -> None:
        changed = False
        for r in rows:
            if not self._exact[r]:
                h = self._row_height(r)
                self._exact[r] = True
                link = self.alignment.links[r]
                self._memo[id(link)] = (link, h, True)
                if h != self._heights[r]:
                    self._heights[r] = h
                    changed = True
        if changed:
            self._line_cache.clear()
            self._reoffset()

    def _refresh_row(self, row: int) -> None:
        if 0 <= row < len(self._heights):
            self.refresh_lines(self._offsets[row] + 1, self._heights[row])

    def render_lines(self, crop):  # noqa: ANN001, ANN201 - textual Region -> list[Strip]
        self._layout_widths(self.scrollable_content_region.width)  # the scrollbar may have come or gone
        if self._heights:
            height = self.scrollable_content_region.height
            for _ in range(3):  # measuring may shift rows; converge on the rows really on screen
                first = self.row_at(int(self.scroll_y))
                last = self.row_at(int(self.scroll_y) + height)
                before = list(self._offsets[first : last + 2])
                self._measure(range(first, last + 1))
                if self._offsets[first : last + 2] == before:
                    break
        lines = super().render_lines(crop)
        self.last_painted_at = time.perf_counter()
        if self.painted_at is None:
            self.painted_at = self.last_painted_at
        return lines

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        content_y = y - 1 + int(self.scroll_y)
        if not self._heights or content_y >= self._offsets[-1]:
            return Strip.blank(width, self._styles()["base"])
        row = self.row_at(content_y)
        sub = content_y - self._offsets[row]
        key = (row, sub, self.col if row == self.row else -1, width)
        strip = self._line_cache.get(key)
        if strip is None:
            if len(self._line_cache) > 4000:
                self._line_cache.clear()
            strip = self._line_cache[key] = self._line(row, sub, width)
        return strip

    def _header(self, width: int) -> Strip:
        style = self._styles()["header"]
        segs = [Segment(f"{label:>{w - 1}} " if label == "#" else f"{label:<{w}}"[:w], style) for label, w in _FIXED]
        for lang, w in zip(self.langs, self._lang_widths):
            segs.append(Segment("│", style))
            label = f" {lang} " + ("(RTL)" if is_rtl(lang) else "")
            segs.append(Segment(f"{label:<{w}}"[:w], style))
        return Strip(segs).adjust_cell_length(width, style)

    def has_term_problem(self, link: Link) -> bool:
        """Whether the link's row needs a terminology look (see :meth:`TermFinder.row_problem`), cached."""
        if self.term_problem is None:
            return False
        known = self._problems.get(id(link))
        if known is None or known[0] is not link:
            texts = {lang: cell_text(self.alignment, link, lang) for lang in self.langs}
            known = self._problems[id(link)] = (link, self.term_problem(texts, self.langs))
        return known[1]

    def _line(self, row: int, sub: int, width: int) -> Strip:
        styles = self._styles()
        link = self.alignment.links[row]
        cursor_row = row == self.row
        base = styles["cursor_row"] if cursor_row else styles["base"]
        segs: list[Segment] = []
        if sub == 0:
            low = link.status == "auto" and link.confidence < LOW_CONFIDENCE
            low_style = styles["low_cursor" if cursor_row else "low"]
            symbol, sname = _STATUS.get(link.status, ("?", "low"))
            status_style = base + Style(color=styles[sname].color, bold=True)
            segs += [
                Segment(f"{row + 1:>4} ", low_style if low else base),
                *([Segment(symbol, status_style),  # a missing or wrong term in the row: see the side panel
                   Segment("!", base + Style(color=styles["term_wrong"].color, bold=True))]
                  if self.has_term_problem(link) else [Segment(f"{symbol} ", status_style)]),
                Segment(f"{link.confidence:4.2f} ",
                        low_style if low else styles["muted_cursor" if cursor_row else "muted"]),
            ]
        else:
            segs.append(Segment(" " * FIXED_WIDTH, base))
        sep_style = base + styles["sep"]
        for i, (lang, w) in enumerate(zip(self.langs, self._lang_widths)):
            segs.append(Segment("│", sep_style))
            style = styles["cursor_cell"] if cursor_row and i == self.col else base
            lines = self._cell_lines(row, lang, w)
            cell, length = lines[sub] if sub < len(lines) else ([], 0)
            segs.extend(Segment.apply_style(cell, style))
            if length < w:
                segs.append(Segment(" " * (w - length), style))
        # every piece of text readable on what it is drawn on (a term's colour in the cursor cell, ...)
        segs = [Segment(text, readable(style) if style is not None else style, control)
                for text, style, control in segs]
        return Strip(segs).adjust_cell_length(width, styles["base"])
