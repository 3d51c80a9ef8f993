"""Modal dialogs of the review screen: help, segment picker, split, edit, cut a text, search, TMX export.

Each dialog only collects an answer and dismisses with it; the main screen turns answers into operations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Static, TextArea

from .keymap import KEYMAP, key_label

__all__ = ["HelpScreen", "PickSegmentScreen", "SplitScreen", "EditScreen", "CutTextScreen", "SearchScreen",
           "GoToRowScreen", "ExportScreen", "ConfirmScreen", "one_line"]


_BREAKS_AND_SPACES = re.compile(r"[ \t\n\r\v\f\x85\u2028\u2029]+")


def one_line(text: str) -> str:
    """``text`` as one segment: line breaks, tabs and runs of ASCII spaces become one space; every other
    space (no-break U+00A0 and U+202F, ideographic U+3000...) is kept as typed."""
    return _BREAKS_AND_SPACES.sub(" ", text).strip(" ")


class _Dialog(ModalScreen):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(_Dialog):
    """The key map (built from :data:`~tmtool.review.keymap.KEYMAP`)."""

    BINDINGS = [Binding("escape,q,question_mark", "cancel", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", expand=True)
        table.add_column("Keys", style="bold cyan", no_wrap=True)
        table.add_column("Action")
        table.add_column("", style="dim")
        group = None
        for k in KEYMAP:
            table.add_row(key_label(k.keys), k.description, k.group if k.group != group else "")
            group = k.group
        with Vertical(id="dialog", classes="help"):
            yield Label("[b]Review keys[/b]   ctrl+p: command palette   mouse: click a cell, wheel scrolls")
            with VerticalScroll():
                yield Static(table)
            yield Label("[dim]Esc / q / ? to close[/dim]")


class PickSegmentScreen(_Dialog):
    """Choose one of ``segments``; dismisses with its index in that list. ``numbers``: how each is numbered
    (its place in the cell; default 1, 2, ...)."""

    def __init__(self, title: str, segments: Sequence[str], numbers: Sequence[int] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.segments = list(segments)
        self.numbers = list(numbers) if numbers is not None else list(range(1, len(self.segments) + 1))

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text)
            yield OptionList(*[f"{n}. {s}" for n, s in zip(self.numbers, self.segments)], id="segments")

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)


class SplitScreen(_Dialog):
    """Where to split a row: for each language, how many of its segments stay in the upper row."""

    def __init__(self, cells: dict[str, list[str]], cuts: dict[str, int]) -> None:
        super().__init__()
        self.cells = cells
        self.cuts = cuts

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # short lines: a long label would be cut at the dialog's edge in a narrow terminal
            yield Label("[b]Split the row[/b]", classes="title")
            yield Label("How many segments of each language stay in the UPPER row?", classes="title")
            yield Label("[dim]Tab: next language · Enter: split · Esc: cancel[/dim]", classes="title")
            with VerticalScroll():
                for lang, segs in self.cells.items():
                    with Horizontal(classes="cut"):
                        yield Input(str(self.cuts.get(lang, len(segs))), type="integer", id=f"cut-{lang}",
                                    compact=True)
                        listing = " | ".join(f"{i + 1}. {s}" for i, s in enumerate(segs)) or "(no segment)"
                        yield Label(Text.assemble((f" {lang} ", "bold"), f"of {len(segs)}: ", (listing, "dim")),
                                    shrink=True)

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    @on(Input.Submitted)
    def _submit(self) -> None:
        cuts = {}
        for lang in self.cells:
            value = self.query_one(f"#cut-{lang}", Input).value.strip()
            cuts[lang] = int(value) if value.lstrip("-").isdigit() else -1
        self.dismiss(cuts)


class _TextDialog(_Dialog):
    """A dialog about one segment's text, shown in a text area."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text


class EditScreen(_TextDialog):
    """Edit one segment's text; dismisses with the new text."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "apply", "Apply")]

    def __init__(self, title: str, text: str, original: str | None) -> None:
        super().__init__(title, text)
        self.original = original

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text + "   [dim]ctrl+s apply · Esc cancel[/dim]")
            yield TextArea(self.text, soft_wrap=True, id="editor")
            if self.original is not None:  # wrapped in full (scrolls when long), not cut at the dialog's edge
                with VerticalScroll(id="original-box"):
                    yield Static(Text.assemble(("original: ", "bold"), self.original), id="original")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)  # typos are fixed at the end as often as anywhere; ready to type

    def action_apply(self) -> None:
        self.dismiss(one_line(self.query_one(TextArea).text))


class CutTextScreen(_TextDialog):
    """Where to cut one segment's text in two: the cursor's place; dismisses with that character offset."""

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("enter,ctrl+s", "apply", "Cut here", priority=True)]

    def __init__(self, title: str, text: str, at: int) -> None:
        super().__init__(title, text)
        self.at = at

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(self.title_text)
            yield Label("[dim]Move the cursor to where the second part starts · Enter: cut · Esc: cancel[/dim]")
            yield TextArea(self.text, soft_wrap=True, read_only=True, id="editor")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.get_location_from_index(self.at))

    def action_apply(self) -> None:
        editor = self.query_one(TextArea)
        self.dismiss(editor.document.get_index_from_location(editor.cursor_location))


class SearchScreen(_Dialog):
    """Ask for a search text (case-insensitive, every shown column)."""

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="small"):
            yield Label("Search text in every column (Enter; then n for the next match)")
            yield Input(self.query_text, id="query")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


class GoToRowScreen(_Dialog):
    """Ask for a row: its number, or ``#N`` (``alignment.json#N``) as ``tmtool glossary check`` names a link."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="small"):
            yield Label("Go to row (a number; or #N, a link as glossary check names it)")
            yield Input(id="row")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)


class ExportScreen(_Dialog):
    """Ask where to export, which links and (when the screen shows only some of the file's languages) which
    languages: dismisses with ``(path, status, langs)``; ``langs`` is ``None`` for every language of the file."""

    def __init__(self, default_path: Path, shown: Sequence[str] = (), all_langs: Sequence[str] = ()) -> None:
        super().__init__()
        self.default_path = default_path
        self.shown = list(shown)
        self.all_langs = list(all_langs)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="small"):
            yield Label("[b]Export to TMX[/b]  (Enter in the path field exports)")
            yield Input(str(self.default_path), id="path")
            with RadioSet(id="status"):
                yield RadioButton("reviewed links only (confirmed or edited)", value=True, id="confirmed")
                yield RadioButton("all links", id="all")
            if self.shown and self.shown != self.all_langs:  # the reviewer saw only these columns
                with RadioSet(id="langs"):
                    yield RadioButton(f"the languages shown: {', '.join(self.shown)}", value=True, id="shown")
                    yield RadioButton(f"every language of the file: {', '.join(self.all_langs)}", id="every")
            with Grid(id="buttons"):
                yield Button("Export", variant="primary", id="export")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def _result(self) -> tuple[str, str, list[str] | None] | None:
        path = self.query_one("#path", Input).value.strip()
        if not path:
            return None
        pressed = self.query_one("#status", RadioSet).pressed_button
        status = "all" if pressed is not None and pressed.id == "all" else "confirmed"
        langs: list[str] | None = None
        if self.query("#langs"):
            chosen = self.query_one("#langs", RadioSet).pressed_button
            langs = None if chosen is not None and chosen.id == "every" else self.shown
        return path, status, langs

    @on(Input.Submitted)
    def _submit(self) -> None:
        self.dismiss(self._result())

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        self.dismiss(self._result() if event.button.id == "export" else None)


class ConfirmScreen(_Dialog):
    """A yes/no question; dismisses with ``True`` (y, Yes) or ``False`` (n, No, Esc). No has the focus."""

    BINDINGS = [Binding("escape,n", "answer(False)", "No"), Binding("y", "answer(True)", "Yes")]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog", classes="small"):
            yield Label(self.question, id="question")  # wrapped (review.tcss): a long path never hides the question
            yield Label("[dim]y: yes · n / Esc: no[/dim]")
            with Grid(id="buttons"):
                yield Button("Yes", variant="warning", id="yes")
                yield Button("No", variant="primary", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)

    @on(Button.Pressed)
    def _button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")
