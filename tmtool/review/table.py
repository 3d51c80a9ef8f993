"""The alignment table: one row per link, one column per language, rendered lazily (Textual Line API).

Only the rows on screen are wrapped and styled (and their glossary terms looked up); row heights start as
an estimate from the text lengths and are corrected when a row is first drawn, so opening a file with
thousands of links costs no more than drawing one screen.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from itertools import accumulate

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..align.model import Alignment, Link
from ..languages import is_rtl, uses_spaces

__all__ = ["AlignmentTable", "LOW_CONFIDENCE", "cell_text"]

LOW_CONFIDENCE = 0.5
MAX_ROW_LINES = 8
SEGMENT_SEPARATOR = " ¦ "
_FIXED = (("#", 5), ("", 2), ("conf", 5))  # row number, status, confidence
_STATUS = {"auto": ("·", "dim"), "edited": ("✎", "bold yellow"), "confirmed": ("✓", "bold green")}

def cell_text(alignment: Alignment, link: Link, lang: str) -> str:
    """The text shown in a cell: the link's segments in ``lang`` joined with a visible separator."""
    return alignment.texts(link, lang, sep=SEGMENT_SEPARATOR)


class AlignmentTable(ScrollView, can_focus=True):
    """A virtualised table of the links of an alignment, with a cell cursor."""

    DEFAULT_CSS = """
    AlignmentTable { background: $surface; }
    """
    COMPONENT_CLASSES = {
        "table--header",
        "table--cursor-row",
        "table--cursor-cell",
        "table--low",
        "table--term",
        "table--separator",
    }

    row = reactive(0, init=False)
    col = reactive(0, init=False)

    class CursorMoved(Message):
        """The cursor moved to ``row`` / language column ``col``."""

        def __init__(self, row: int, col: int) -> None:
            super().__init__()
            self.row = row
            self.col = col

    class CellClicked(Message):
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
        name: str | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id)
        self.alignment = alignment
        self.langs = list(langs)
        self.terms = terms
        self._lang_widths: list[int] = [20] * len(self.langs)
        self._heights: list[int] = []
        self._exact: list[bool] = []
        self._offsets: list[int] = [0]
        self._cache: dict[tuple[int, str], list[list[Segment]]] = {}
        self._estimate_all()

    # -- geometry ------------------------------------------------------------------------------------------

    def _layout_widths(self, width: int) -> None:
        fixed = sum(w for _, w in _FIXED)
        n = max(1, len(self.langs))
        free = max(n * 8, width - fixed - n)  # one separator before each language column
        base = free // n
        widths = [base] * n
        widths[-1] += free - base * n
        if widths != self._lang_widths:
            self._lang_widths = widths
            self._cache.clear()
            self._estimate_all()

    def _estimate(self, link: Link) -> int:
        lines = 1
        docs = self._docs
        wide = self._wide
        for lang, width in zip(self.langs, self._lang_widths):
            ids = link.segments.get(lang, ())
            if not ids:
                continue
            segs = docs[lang]
            chars = sum(len(segs[i]) for i in ids) + 3 * (len(ids) - 1)
            if wide[lang]:
                chars *= 2
            lines = max(lines, -(-chars * 11 // (10 * max(1, width - 1))))
        return min(lines, MAX_ROW_LINES)

    def _estimate_all(self) -> None:
        self._docs = {d.lang: d.segments for d in self.alignment.documents}
        self._wide = {lang: not uses_spaces(lang) for lang in self.langs}  # CJK: two cells a character
        self._heights = [self._estimate(link) for link in self.alignment.links]
        self._exact = [False] * len(self._heights)
        self._reoffset()

    def _reoffset(self) -> None:
        self._offsets = [0, *accumulate(self._heights)]
        self.virtual_size = Size(self.size.width, self._offsets[-1] + 1)

    def row_at(self, content_y: int) -> int:
        """The row drawn at content line ``content_y`` (0 = first line below the header)."""
        return max(0, min(len(self._heights) - 1, bisect.bisect_right(self._offsets, content_y) - 1))

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
        self._cache.clear()
        self._estimate_all()
        self.row = min(self.row, max(0, len(alignment.links) - 1))
        self.refresh()

    def refresh_terms(self) -> None:
        self._cache.clear()
        self.refresh()

    # -- cursor --------------------------------------------------------------------------------------------

    def move_to(self, row: int, col: int | None = None) -> None:
        nrows = len(self.alignment.links)
        self.row = max(0, min(nrows - 1, row))
        if col is not None:
            self.col = max(0, min(len(self.langs) - 1, col))
        self.scroll_to_row(self.row)

    def scroll_to_row(self, row: int) -> None:
        self._measure(range(max(0, row - 2), min(len(self._heights), row + 3)))
        top, bottom = self._offsets[row], self._offsets[row + 1]
        view = max(1, self.scrollable_content_region.height - 1)
        y = self.scroll_y
        if top < y:
            y = top
        elif bottom > y + view:
            y = min(top, bottom - view)
        if y != self.scroll_y:
            self.scroll_to(y=y, animate=False, immediate=True)

    def watch_row(self) -> None:
        self.refresh()
        self.post_message(self.CursorMoved(self.row, self.col))

    def watch_col(self) -> None:
        self.refresh()
        self.post_message(self.CursorMoved(self.row, self.col))

    def on_resize(self) -> None:
        self._layout_widths(self.scrollable_content_region.width)
        self._reoffset()

    def on_click(self, event) -> None:  # noqa: ANN001 - textual.events.Click
        if event.y < 1 or not self.alignment.links:
            return
        row = self.row_at(int(event.y - 1 + self.scroll_y))
        col = self.col_at(event.x)
        self.move_to(row, col)
        self.post_message(self.CellClicked(row, self.col))

    # -- rendering -----------------------------------------------------------------------------------------

    def _cell_lines(self, row: int, lang: str, width: int) -> list[list[Segment]]:
        key = (row, lang)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        link = self.alignment.links[row]
        raw = cell_text(self.alignment, link, lang)
        rtl = is_rtl(lang)
        if not raw:
            text = Text("∅", style="dim", justify="right" if rtl else "left")
        else:
            text = Text(raw, justify="right" if rtl else "left")
            sep_style = self.get_component_rich_style("table--separator", partial=True)
            start = raw.find(SEGMENT_SEPARATOR)
            while start >= 0:
                text.stylize(sep_style, start, start + len(SEGMENT_SEPARATOR))
                start = raw.find(SEGMENT_SEPARATOR, start + 1)
            if self.terms is not None:
                term_style = self.get_component_rich_style("table--term", partial=True)
                for hit in self.terms(raw, lang):
                    text.stylize(term_style, hit.start, hit.end)
        console = self.app.console
        wrapped = text.wrap(console, width, justify="right" if rtl else "left", overflow="fold")
        if len(wrapped) > MAX_ROW_LINES:
            wrapped = wrapped[:MAX_ROW_LINES]
            last = wrapped[-1]
            last.truncate(max(1, width - 1))
            last.append("…", style="bold")
        lines = [list(line.render(console)) for line in wrapped]
        self._cache[key] = lines
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
                if h != self._heights[r]:
                    self._heights[r] = h
                    changed = True
        if changed:
            self._reoffset()

    def render_lines(self, crop):  # noqa: ANN001, ANN201 - textual Region -> list[Strip]
        if self._heights:
            height = self.scrollable_content_region.height
            for _ in range(3):  # measuring may shift rows; converge on the rows really on screen
                first = self.row_at(int(self.scroll_y))
                last = self.row_at(int(self.scroll_y) + height)
                before = list(self._offsets[first : last + 2])
                self._measure(range(first, last + 1))
                if self._offsets[first : last + 2] == before:
                    break
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        content_y = y - 1 + int(self.scroll_y)
        if not self._heights or content_y >= self._offsets[-1]:
            return Strip.blank(width, self.rich_style)
        row = self.row_at(content_y)
        return self._line(row, content_y - self._offsets[row], width)

    def _header(self, width: int) -> Strip:
        style = self.get_component_rich_style("table--header")
        segs = [Segment(f"{label:>{w - 1}} " if label == "#" else f"{label:<{w}}"[:w], style) for label, w in _FIXED]
        for lang, w in zip(self.langs, self._lang_widths):
            segs.append(Segment("│", style))
            label = f" {lang} " + ("(RTL)" if is_rtl(lang) else "")
            segs.append(Segment(f"{label:<{w}}"[:w], style))
        return Strip(segs).adjust_cell_length(width, style)

    def _line(self, row: int, sub: int, width: int) -> Strip:
        link = self.alignment.links[row]
        base = self.rich_style
        low = link.status != "confirmed" and link.confidence < LOW_CONFIDENCE
        cursor_row = row == self.row
        if cursor_row:
            base = base + self.get_component_rich_style("table--cursor-row", partial=True)
        segs: list[Segment] = []
        if sub == 0:
            symbol, sstyle = _STATUS.get(link.status, ("?", "red"))
            conf_style = self.get_component_rich_style("table--low", partial=True) if low else Style(dim=True)
            segs += [
                Segment(f"{row + 1:>4} ", base),
                Segment(f"{symbol} ", base + Style.parse(sstyle)),
                Segment(f"{link.confidence:4.2f} ", base + conf_style),
            ]
        else:
            segs.append(Segment(" " * sum(w for _, w in _FIXED), base))
        sep_style = base + self.get_component_rich_style("table--separator", partial=True)
        for i, (lang, w) in enumerate(zip(self.langs, self._lang_widths)):
            segs.append(Segment("│", sep_style))
            style = base
            if cursor_row and i == self.col:
                style = base + self.get_component_rich_style("table--cursor-cell", partial=True)
            lines = self._cell_lines(row, lang, w)
            cell = Strip(lines[sub]) if sub < len(lines) else Strip([])
            cell = cell.adjust_cell_length(w).apply_style(style)
            segs.extend(cell)
        return Strip(segs).adjust_cell_length(width, self.rich_style)
