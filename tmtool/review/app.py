"""The review application: a main screen (table, side panel, progress) driving a :class:`ReviewSession`.

Widgets show state; every decision goes through :mod:`tmtool.review.operations` via the session, which
journals it before the screen shows it.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import threading
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

from rich.console import Group
from rich.text import Text
from textual.app import App, ComposeResult, SystemCommand
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Label, ProgressBar

from ..errors import AlignmentError, TmtoolError
from ..fileio import same_file
from ..languages import is_rtl
from .bidi import visual_line, visual_order
from .keymap import KEYMAP, bindings
from .operations import Op, default_cuts
from .session import ReviewSession
from .table import FIXED_WIDTH, LOW_CONFIDENCE, AlignmentTable, cell_text
from .terms import TermFinder

__all__ = ["ReviewApp", "MainScreen", "row_from_text"]

TERMINATING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)  # kill, a closed terminal: save and release the lock
EXIT_GRACE = 5.0  # seconds the UI gets to shut down after such a signal (the work is saved before)
CURSOR_RECORD_DELAY = 0.5  # seconds of stillness before the cursor position is journaled
PROGRESS_WIDTH = 30  # the progress bar's width in review.tcss
MIN_COLUMN_WITH_PANEL = 12  # narrower language columns than this: the side panel hides itself (p shows it)


def row_from_text(text: str, nrows: int) -> int | str:
    """The 0-based row a reviewer asked for, or why there is none: ``21`` is row 21 as the panel counts rows
    (from 1); ``#20`` or ``alignment.json#20`` is link 20 as ``tmtool glossary check`` names links (from 0,
    their index in the file's ``links``), the same row."""
    text = text.strip()
    head, hash_, tail = text.rpartition("#")
    number = tail.strip() if hash_ else text
    if not number.isascii() or not number.isdigit():
        return f"not a row: {text!r} (give a row number, or #N as glossary check writes a link)"
    row = int(number) if hash_ else int(number) - 1
    if not 0 <= row < nrows:
        return (f"no link #{row} (the file has links #0-#{nrows - 1})" if hash_
                else f"no row {number} (rows 1-{nrows})")
    return row


class SidePanel(Widget):
    """The current row: its numbers, the current cell's segments in full, and its glossary terms.

    A plain widget with a fixed size (not a ``Static``): updating it repaints the panel only, no re-layout.
    """

    plain = ""  # the panel's text without styles (what is shown, for tests and screen readers)
    _content: Group | Text = Text("")

    def render(self) -> Group | Text:
        return self._content

    def update(self, content: Group | Text | str) -> None:
        self._content = Text(content) if isinstance(content, str) else content
        self.refresh()

    def show(self, screen: MainScreen) -> None:
        alignment = screen.session.alignment
        if not alignment.links:
            self.update("(no links)")
            return
        row, lang = screen.table.row, screen.current_lang
        link = alignment.links[row]
        parts: list = [
            Text.assemble(("Row ", "bold"), f"{row + 1}/{len(alignment.links)}  ",
                          (link.link_type(screen.langs), "cyan"), f"  {link.confidence:.2f}  {link.status}"),
            Text(""),
            Text(f"{lang}:", style="bold"),
        ]
        doc = alignment.document(lang)
        visual = screen.table.visual_rtl and is_rtl(lang)
        for n, i in enumerate(link.segments.get(lang, ())):
            parts += self._paragraph(f"{n + 1}. {doc.segments[i]}", visual)
            if i in doc.original:
                parts += self._paragraph(f"was: {doc.original[i]}", visual, style="dim italic")
        if not link.segments.get(lang):
            parts.append(Text("∅ no segment", style="dim"))
        finder = screen.finder
        if finder:
            texts = {lg: cell_text(alignment, link, lg) for lg in screen.langs}
            found = finder.row_terms(texts, screen.langs, prefer=lang)
            parts += [Text(""), Text(f"Terms ({len(found)})", style="bold")]
            for term in found:
                parts.append(Text(f"• {self._short(term.label, visual)}", style="bold yellow"))
                for lg in screen.langs:
                    visual_lg = screen.table.visual_rtl and is_rtl(lg)
                    wrong = term.wrong.get(lg, ())
                    if not term.renderings[lg]:  # the glossary has no approved term: nothing to check (but a
                        parts.append(Text(f"  - {lg} (no approved term)", style="dim"))  # term not to use, below)
                    else:
                        variant = term.variant.get(lg)
                        mark = (("!", "bold red") if wrong else ("✓", "green") if term.found[lg]
                                else ("~", "yellow") if variant else ("✗", "red"))
                        rend = self._short(" / ".join(term.renderings[lg]), visual_lg)
                        parts.append(Text.assemble("  ", mark, f" {lg} {rend}"))
                        # « arméniennes » for Arménie: a derived word, usually right
                        if variant and not wrong and not term.found[lg]:
                            parts.append(Text(f"      as: {self._short(variant, visual_lg)}", style="dim"))
                    for text, status in wrong:  # the cell uses a term the glossary says not to use
                        parts.append(Text.assemble("      ", (f"{status}: {self._short(text, visual_lg)}", "red")))
        self.plain = "\n".join(p.plain for p in parts)
        self.update(Group(*parts))

    def _paragraph(self, text: str, visual: bool, style: str = "") -> list[Text]:
        """``text`` as panel lines; right-to-left text in visual order when the table shows it so."""
        if not visual:
            return [Text(text, style=style)]
        width = max(8, self.content_size.width or 33)  # 33: the panel's content width in review.tcss
        lines = Text(text, style=style).wrap(self.app.console, width, justify="right")
        shown = [visual_line(line, width) for line in lines]
        for line in shown:
            line.end = "\n"  # the table draws line by line (end=""); in the panel's Group each must end a line
        return shown

    @staticmethod
    def _short(text: str, visual: bool) -> str:
        return "".join(text[i] for i in visual_order(text)) if visual else text


class StatusBar(Horizontal):
    """Progress (reviewed / total) and counts by status."""

    def compose(self) -> ComposeResult:
        yield ProgressBar(total=1, show_eta=False, id="progress")
        yield Label("", id="counts")

    def show(self, screen: MainScreen) -> None:
        links = screen.session.alignment.links
        counts = {"auto": 0, "edited": 0, "confirmed": 0}
        low = 0
        for link in links:
            counts[link.status] = counts.get(link.status, 0) + 1
            low += link.status == "auto" and link.confidence < LOW_CONFIDENCE
        self.query_one(ProgressBar).update(total=max(1, len(links)), progress=counts["confirmed"] + counts["edited"])
        self._counts = (f" reviewed {counts['confirmed'] + counts['edited']}/{len(links)}"
                        f"  ✓ confirmed {counts['confirmed']}  ✎ edited {counts['edited']}  · auto {counts['auto']}"
                        f"  low {low}")
        self.query_one("#counts", Label).update(self._counts.replace(f"  low {low}", f"  [red]low {low}[/red]"))
        self._fit()

    _counts = ""

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The counts always show in full (the number of low-confidence links last): where the terminal is too
        narrow for the bar and the counts, the bar gives way (the counts say "reviewed 3/93" too)."""
        bar = self.query_one(ProgressBar)
        width = self.size.width or self.app.size.width
        bar.display = width - PROGRESS_WIDTH >= len(self._counts)


class MainScreen(Screen):
    """The table of links and everything around it."""

    BINDINGS = bindings()

    def __init__(self, session: ReviewSession, langs: Sequence[str], finder: TermFinder,
                 visual_rtl: bool = False) -> None:
        super().__init__()
        self.visual_rtl = visual_rtl
        self.session = session
        self.langs = list(langs)
        self.finder = finder
        self.search_query = ""
        self._cursor_timer = None
        self._panel_choice: bool | None = None  # None: automatic (hidden when the terminal is narrow)
        self._hidden_said: list[str] = []  # language columns off screen the reviewer was told of

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield AlignmentTable(self.session.alignment, self.langs, visual_rtl=self.visual_rtl,
                                 terms=self.finder.matches if self.finder else None,
                                 term_problem=self.finder.row_problem if self.finder else None, id="table")
            with Vertical(id="side"):
                yield SidePanel(id="panel")
        yield StatusBar(id="status")
        yield Footer()

    @property
    def table(self) -> AlignmentTable:
        return self.query_one(AlignmentTable)

    @property
    def current_lang(self) -> str:
        return self.langs[self.table.col]

    def on_mount(self) -> None:
        cursor = self.session.cursor
        col = self.langs.index(cursor["lang"]) if cursor.get("lang") in self.langs else 0
        self.table.focus()
        self.call_after_refresh(self.table.move_to, int(cursor.get("row") or 0), col)
        self.refresh_all()
        if self.session.unsaved:
            self.notify(f"Recovered {self.session.unsaved} unsaved decision(s) from the journal.", timeout=6)
        elif int(cursor.get("row") or 0) > 0:
            self.notify(f"Resumed at row {int(cursor['row']) + 1}, where the last review stopped (Home: first row).",
                        timeout=4)

    def refresh_all(self) -> None:
        self.query_one(SidePanel).show(self)
        self.query_one(StatusBar).show(self)

    def on_alignment_table_cursor_moved(self, message: AlignmentTable.CursorMoved) -> None:
        self.session.set_cursor(message.row, self.langs[message.col])
        self.query_one(SidePanel).show(self)
        if self._cursor_timer is not None:
            self._cursor_timer.stop()
        self._cursor_timer = self.set_timer(CURSOR_RECORD_DELAY, self._record_cursor)

    def _record_cursor(self) -> None:
        self.session.set_cursor(self.table.row, self.current_lang, record=True)

    # -- decisions -----------------------------------------------------------------------------------------

    def decide(self, op: Op, *, then_row: int | None = None) -> bool:
        """Apply ``op`` through the session (journaled with where the reviewer is), or show why it is refused."""
        self._sync_cursor()  # keys come faster than CursorMoved messages: the table knows where the cursor is
        try:
            self.session.apply(op)
        except AlignmentError as exc:
            self.notify(str(exc), title="Refused", severity="error")
            return False
        except TmtoolError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return False
        self._show_state(op.row if then_row is None else then_row)
        self._sync_cursor()
        return True

    def _sync_cursor(self) -> None:
        """The session's cursor (journaled with the next decision, or on quit) is the table's, now."""
        if self.session.alignment.links:
            self.session.set_cursor(self.table.row, self.current_lang)

    def _show_state(self, row: int) -> None:
        self.table.set_alignment(self.session.alignment)
        self.table.move_to(row)
        self.refresh_all()

    def _has_rows(self) -> bool:
        if self.session.alignment.links:
            return True
        self.notify("this alignment has no links", severity="warning")
        return False

    def _cell_segments(self, row: int | None = None) -> list[str]:
        alignment = self.session.alignment
        link = alignment.links[self.table.row if row is None else row]
        doc = alignment.document(self.current_lang)
        return [doc.segments[i] for i in link.segments.get(self.current_lang, ())]

    def _with_segment(self, title: str, callback, *, ends_only: bool = False) -> None:  # noqa: ANN001
        """Call ``callback`` with the index of a segment of the current cell, asking which when it has several
        (``ends_only``: only the first and the last can be chosen; the picker offers only those)."""
        from .dialogs import PickSegmentScreen  # loaded on first use: faster start

        segs = self._cell_segments()
        if not segs:
            self.notify(f"row {self.table.row + 1} has no {self.current_lang} segment", severity="warning")
        elif len(segs) == 1:
            callback(0)
        else:
            indexes = [0, len(segs) - 1] if ends_only else list(range(len(segs)))
            self.app.push_screen(PickSegmentScreen(title, [segs[i] for i in indexes], [i + 1 for i in indexes]),
                                 lambda k: k is not None and callback(indexes[k]))

    def action_confirm(self) -> None:
        if not self._has_rows():
            return
        row = self.table.row
        link = self.session.alignment.links[row]
        if link.status == "confirmed":
            # back to what it was before its confirmation: a link the reviewer merged or corrected stays edited
            # (auto, a pair's TMX would cut it back into the aligner's links); confirmed before this session: auto
            edited = self.session.history.status_before_confirmation(row) == "edited"
            self.decide(Op("unconfirm", row, {"status": "edited"} if edited else {}))
        else:
            self.decide(Op("confirm", row), then_row=min(row + 1, len(self.session.alignment.links) - 1))

    def action_confirm_through(self) -> None:
        self.decide(Op("confirm_through", self.table.row))

    def action_merge(self) -> None:
        self.decide(Op("merge_next", self.table.row))

    def action_split(self) -> None:
        from .dialogs import SplitScreen  # loaded on first use: faster start

        if not self._has_rows():
            return
        row = self.table.row
        alignment = self.session.alignment
        link = alignment.links[row]
        cells = {
            lang: [alignment.document(lang).segments[i] for i in link.segments.get(lang, ())]
            for lang in alignment.langs
        }
        cuts = default_cuts(alignment, row)

        def done(answer: dict[str, int] | None) -> None:
            if answer is not None:
                self.decide(Op("split", row, {"cuts": answer}))

        self.app.push_screen(SplitScreen(cells, cuts), done)

    def action_move_first_up(self) -> None:
        self.decide(Op("move_first_up", self.table.row, {"lang": self.current_lang}))

    def action_move_last_down(self) -> None:
        self.decide(Op("move_last_down", self.table.row, {"lang": self.current_lang}))

    def action_insert_row(self) -> None:
        self.decide(Op("insert_empty", self.table.row), then_row=self.table.row + 1)

    def action_no_counterpart(self) -> None:
        if not self._has_rows():
            return
        row, lang = self.table.row, self.current_lang
        self._with_segment(
            f"Which {lang} segment has no counterpart? (first or last)",
            lambda i: self.decide(Op("no_counterpart", row, {"lang": lang, "index": i})),
            ends_only=True,  # a middle segment cannot be set apart (no_counterpart refuses it)
        )

    def action_edit(self) -> None:
        from .dialogs import EditScreen  # loaded on first use: faster start

        if not self._has_rows():
            return
        row, lang = self.table.row, self.current_lang

        def edit(index: int) -> None:
            alignment = self.session.alignment
            doc = alignment.document(lang)
            seg = alignment.links[row].segments[lang][index]
            screen = EditScreen(f"Edit {lang} segment {index + 1} of row {row + 1}", doc.segments[seg],
                                doc.original.get(seg))
            self.app.push_screen(
                screen,
                lambda text: text is not None
                and self.decide(Op("edit_text", row, {"lang": lang, "index": index, "text": text})),
            )

        self._with_segment(f"Which {lang} segment to edit?", edit)

    def action_split_text(self) -> None:
        from ..segment import split_sentences
        from .dialogs import CutTextScreen  # loaded on first use: faster start

        if not self._has_rows():
            return
        row, lang = self.table.row, self.current_lang

        def cut(index: int) -> None:
            text = self._cell_segments(row)[index]
            sentences = split_sentences(text, lang)
            # the cursor starts where the segmenter would cut (at the second sentence), else mid-text at a space
            at = text.find(sentences[1]) if len(sentences) > 1 else text.find(" ", len(text) // 2)
            screen = CutTextScreen(f"Cut {lang} segment {index + 1} of row {row + 1} in two", text,
                                   at if at > 0 else len(text) // 2)
            self.app.push_screen(
                screen,
                lambda offset: offset is not None
                and self.decide(Op("split_text", row, {"lang": lang, "index": index, "at": offset})),
            )

        self._with_segment(f"Which {lang} segment to cut in two?", cut)

    def action_undo(self) -> None:
        self._history_step(self.session.undo)

    def action_redo(self) -> None:
        self._history_step(self.session.redo)

    def _history_step(self, step) -> None:
        """Undo or redo one decision; a refusal or a failed write is shown, never raised."""
        self._sync_cursor()
        try:
            row = step()
        except AlignmentError as exc:
            self.notify(str(exc), severity="warning")
            return
        except TmtoolError as exc:
            self.notify(str(exc), title="Not saved", severity="error")
            return
        self._show_state(row)
        self._sync_cursor()

    # -- moving and finding --------------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        self.table.move_to(self.table.row + 1)

    def action_cursor_up(self) -> None:
        self.table.move_to(self.table.row - 1)

    def action_cursor_right(self) -> None:
        self.table.move_to(self.table.row, self.table.col + 1)

    def action_cursor_left(self) -> None:
        self.table.move_to(self.table.row, self.table.col - 1)

    def action_page_down(self) -> None:
        table = self.table
        target = table.row_at(table._offsets[table.row] + max(1, table.scrollable_content_region.height - 2))
        table.move_to(max(target, table.row + 1))

    def action_page_up(self) -> None:
        table = self.table
        target = table.row_at(max(0, table._offsets[table.row] - max(1, table.scrollable_content_region.height - 2)))
        table.move_to(min(target, table.row - 1))

    def action_first_row(self) -> None:
        self.table.move_to(0)

    def action_last_row(self) -> None:
        self.table.move_to(len(self.session.alignment.links) - 1)

    def _next_where(self, test, what: str) -> None:  # noqa: ANN001
        links = self.session.alignment.links
        n = len(links)
        for step in range(1, n + 1):
            r = (self.table.row + step) % n
            if test(links[r]):
                self.table.move_to(r)
                return
        self.notify(f"no {what} row", severity="information")

    def action_next_unconfirmed(self) -> None:
        self._next_where(lambda link: link.status == "auto", "unreviewed")

    def action_next_weak(self) -> None:
        self._next_where(lambda link: link.status == "auto" and link.confidence < LOW_CONFIDENCE,
                         "unreviewed low-confidence")

    def action_next_term_problem(self) -> None:
        if not self.finder:
            self.notify("no glossary: open the review with --glossary FILE to check terms", severity="warning")
            return
        self._next_where(self.table.has_term_problem, "term-flagged")

    def action_go_to_row(self) -> None:
        from .dialogs import GoToRowScreen  # loaded on first use: faster start

        def done(text: str | None) -> None:
            if not text or not self._has_rows():
                return
            row = row_from_text(text, len(self.session.alignment.links))
            if isinstance(row, str):
                self.notify(row, severity="error")
            else:
                self.table.move_to(row)

        self.app.push_screen(GoToRowScreen(), done)

    def action_search(self) -> None:
        from .dialogs import SearchScreen  # loaded on first use: faster start

        def done(query: str | None) -> None:
            if query:
                self.search_query = query
                self.table.set_search(query)
                self.action_search_next()

        self.app.push_screen(SearchScreen(self.search_query), done)

    def action_search_next(self) -> None:
        if not self.search_query:
            self.action_search()
            return
        if not self._has_rows():
            return
        needle = self.search_query.casefold()
        alignment = self.session.alignment
        n = len(alignment.links)
        start, col = self.table.row, self.table.col
        for step in range(0, n + 1):
            r = (start + step) % n
            link = alignment.links[r]
            first_col = col + 1 if step == 0 else 0
            for c in range(first_col, len(self.langs)):
                if needle in cell_text(alignment, link, self.langs[c]).casefold():
                    self.table.move_to(r, c)
                    return
        self.notify(f"not found: {self.search_query}", severity="warning")

    # -- files ---------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        try:
            saved = self.session.save()
        except (TmtoolError, OSError) as exc:
            self.notify(f"not saved: {exc}", severity="error")
            return
        self.notify(f"Saved {self.session.path.name}" if saved else "Nothing to save")

    def action_export(self) -> None:
        from .dialogs import ExportScreen  # loaded on first use: faster start

        default = self.session.path.with_suffix(".tmx")

        def done(answer: tuple[str, str, list[str] | None] | None) -> None:
            if answer is not None:
                self._export(Path(answer[0]).expanduser(), answer[1], answer[2])

        self.app.push_screen(ExportScreen(default, self.langs, self.session.alignment.langs), done)

    def _export(self, path: Path, status: str, langs: Sequence[str] | None = None) -> None:
        """Export to ``path`` unless it is the file under review or one of its side files; ask before
        overwriting an existing file; write nothing when no link would be exported. ``langs``: the languages
        of the TMX (``None``: every language of the file)."""
        from .dialogs import ConfirmScreen

        if any(same_file(path, side) for side in self.session.side_files):
            self.notify(f"{path} is the file under review or one of its review files "
                        f"(lock, journal); choose another path, e.g. {self.session.path.with_suffix('.tmx').name}",
                        title="Export refused", severity="error")
            return
        try:
            from ..tmx import alignment_units

            empty = next(iter(alignment_units(self.session.alignment, status=status, langs=langs)), None) is None
        except (TmtoolError, ImportError) as exc:
            self.notify(f"export failed: {exc}", severity="error")
            return
        if empty:
            self.notify("nothing to export: no link is confirmed or edited yet (choose \"all links\"); "
                        f"{path} not written", title="TMX export", severity="warning")
            return
        if path.exists():
            self.app.push_screen(ConfirmScreen(f"{path} already exists. Overwrite it?"),
                                 lambda yes: self._write_export(path, status, langs) if yes else None)
        else:
            self._write_export(path, status, langs)

    def _write_export(self, path: Path, status: str, langs: Sequence[str] | None) -> None:
        try:
            from ..tmx import export_alignment

            count = export_alignment(self.session.alignment, path, status=status, langs=langs)
        except (TmtoolError, OSError, ImportError) as exc:
            self.notify(f"export failed: {exc}", severity="error")
            return
        shown = ", ".join(langs or self.session.alignment.langs)
        self.notify(f"{count} translation unit(s) written to {path} ({shown})", title="TMX export")

    def action_toggle_bidi(self) -> None:
        visual = not self.table.visual_rtl
        self.table.set_visual_rtl(visual)
        self.query_one(SidePanel).show(self)
        self.notify("Right-to-left text in visual order (for terminals without bidi)" if visual
                    else "Right-to-left text in logical order (the terminal reorders it)")

    def action_toggle_panel(self) -> None:
        self._panel_choice = not self.query_one("#side").display
        self._place_panel()

    def on_resize(self) -> None:
        self._place_panel()

    def _place_panel(self) -> None:
        """Show the side panel if the reviewer asked for it, or (by default) if the columns stay readable."""
        side = self.query_one("#side")
        if self._panel_choice is not None:
            side.display = self._panel_choice
            return
        panel_width = side.styles.width.value if side.styles.width is not None else 0  # review.tcss
        per_column = (self.size.width - panel_width - FIXED_WIDTH - len(self.langs)) / max(1, len(self.langs))
        side.display = per_column >= MIN_COLUMN_WITH_PANEL

    def on_alignment_table_resized(self) -> None:
        self._say_hidden_columns()

    def _say_hidden_columns(self) -> None:
        """Warn (once per change) when language columns are off screen: the cursor can go there unseen."""
        hidden = self.table.hidden_langs()
        if hidden and hidden != self._hidden_said:
            panel = " hide the side panel (p)," if self.query_one("#side").display else ""
            self.notify(f"column(s) {', '.join(hidden)} do not fit in {self.size.width} columns: widen the terminal,"
                        f"{panel} or show fewer languages (--langs)", title="Off screen", severity="warning")
        self._hidden_said = hidden

    def action_help(self) -> None:
        from .dialogs import HelpScreen  # loaded on first use: faster start

        self.app.push_screen(HelpScreen())

    def action_quit(self) -> None:
        self.app.exit()


class ReviewApp(App):
    """``tmtool review``: the session is opened (and later closed) by the caller."""

    CSS_PATH = "review.tcss"
    TITLE = "tmtool review"

    def __init__(self, session: ReviewSession, *, langs: Sequence[str] | None = None,
                 glossaries: Sequence = (), finder: TermFinder | None = None, visual_rtl: bool = False,
                 handle_signals: bool = False) -> None:
        super().__init__()
        self.handle_signals = handle_signals  # the CLI: SIGTERM / SIGHUP save, release the lock and quit
        self.terminated_by: int | None = None
        self.visual_rtl = visual_rtl
        self.session = session
        all_langs = session.alignment.langs
        self.langs = list(langs) if langs else all_langs[:6]
        self.finder = finder if finder is not None else TermFinder(glossaries)
        self.sub_title = f"{Path(session.path).name} · {session.alignment.level} · {len(self.langs)} languages"

    def on_mount(self) -> None:
        self.push_screen(MainScreen(self.session, self.langs, self.finder, visual_rtl=self.visual_rtl))
        if self.handle_signals:
            loop = asyncio.get_running_loop()
            for signum in TERMINATING_SIGNALS:
                with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                    loop.add_signal_handler(signum, self._terminate, signum)

    def _terminate(self, signum: int) -> None:
        """SIGTERM / SIGHUP: save and release the lock first (the terminal may be gone), then quit.

        Runs in the event loop between two events, so never in the middle of a decision.
        """
        self.terminated_by = signum
        with contextlib.suppress(Exception):
            self.session.close()
        # if the UI cannot shut down (a vanished terminal), leave anyway: the work is already saved
        timer = threading.Timer(EXIT_GRACE, os._exit, (128 + signum,))
        timer.daemon = True
        timer.start()
        self.exit(return_code=128 + signum)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        if isinstance(screen, MainScreen):
            for k in KEYMAP:
                if k.palette:
                    yield SystemCommand(k.description, f"key: {k.keys.split(',')[0]}",
                                        partial(screen.run_action, k.action))
