"""The review screen's key map, as data: one table drives the key bindings, the footer, the help screen,
the command palette and the key map printed in the documentation."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KeyAction", "KEYMAP", "bindings", "key_label", "markdown_table"]


@dataclass(frozen=True)
class KeyAction:
    """One action of the main screen.

    ``keys``: Textual key names, comma-separated (the first one is shown); ``action``: the screen's action
    (``action_<name>`` on the main screen); ``footer``: a short label, shown in the footer when not empty;
    ``palette``: offered in the command palette.
    """

    keys: str
    action: str
    description: str
    group: str
    footer: str = ""
    palette: bool = True


KEYMAP: tuple[KeyAction, ...] = (
    KeyAction("down,j", "cursor_down", "Next row", "Move", palette=False),
    KeyAction("up,k", "cursor_up", "Previous row", "Move", palette=False),
    KeyAction("right,l", "cursor_right", "Next language column", "Move", palette=False),
    KeyAction("left,h", "cursor_left", "Previous language column", "Move", palette=False),
    KeyAction("pagedown", "page_down", "Page down", "Move", palette=False),
    KeyAction("pageup", "page_up", "Page up", "Move", palette=False),
    KeyAction("home", "first_row", "First row", "Move"),
    KeyAction("end", "last_row", "Last row", "Move"),
    KeyAction("g", "next_unconfirmed", "Next unconfirmed row", "Move", footer="Unconfirmed"),
    KeyAction("w", "next_weak", "Next low-confidence row", "Move", footer="Weak"),
    KeyAction("exclamation_mark", "next_term_problem", "Next row whose terms need a look (marked !)", "Move"),
    KeyAction("colon", "go_to_row", "Go to a row: its number, or #N as glossary check names a link", "Move"),
    KeyAction("c", "confirm", "Confirm row (again: unconfirm) and go on", "Decide", footer="Confirm"),
    KeyAction("C", "confirm_through", "Confirm every row from the top to here", "Decide"),
    KeyAction("m", "merge", "Merge with the next row", "Decide", footer="Merge"),
    KeyAction("s", "split", "Split the row (choose where)", "Decide", footer="Split"),
    KeyAction("K", "move_first_up", "Move the cell's first segment to the row above", "Decide"),
    KeyAction("J", "move_last_down", "Move the cell's last segment to the row below", "Decide"),
    KeyAction("i", "insert_row", "Insert an empty row below", "Decide"),
    KeyAction("x", "no_counterpart", "Segment has no counterpart: set it apart", "Decide"),
    KeyAction("S", "split_text", "Cut a segment's text in two (two sentences left as one)", "Decide"),
    KeyAction("e", "edit", "Edit a segment's text (the original is kept)", "Decide", footer="Edit"),
    KeyAction("u,ctrl+z", "undo", "Undo", "Decide", footer="Undo"),
    KeyAction("r,ctrl+y", "redo", "Redo", "Decide"),
    KeyAction("slash", "search", "Search text in every column", "Find", footer="Search"),
    KeyAction("n", "search_next", "Next search match", "Find"),
    KeyAction("b", "toggle_bidi", "Right-to-left columns: visual order on/off (for terminals without bidi)",
              "View"),
    KeyAction("p", "toggle_panel", "Side panel on/off (hidden by default in narrow terminals)", "View"),
    KeyAction("ctrl+s", "save", "Save the alignment file now", "File"),
    KeyAction("t", "export", "Export to TMX (confirmed only or all)", "File", footer="TMX"),
    KeyAction("question_mark", "help", "Help: this key map", "File", footer="Help"),
    KeyAction("q", "quit", "Save and quit", "File", footer="Quit"),
)

_LABELS = {
    "slash": "/",
    "exclamation_mark": "!",
    "colon": ":",
    "question_mark": "?",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
    "left": "←",
    "right": "→",
    "home": "Home",
    "end": "End",
}


def key_label(keys: str) -> str:
    """Human labels of ``keys``: ``"u,ctrl+z"`` -> ``"u  ctrl+z"``."""
    return "  ".join(_LABELS.get(k, k) for k in keys.split(","))


def bindings() -> list:
    """Textual ``Binding`` objects for :data:`KEYMAP`; each has the id ``review.<action>``, so a user keymap
    (``App.set_keymap``) can rebind it."""
    from textual.binding import Binding

    return [
        Binding(k.keys, k.action, k.footer or k.description, show=bool(k.footer),
                key_display=_LABELS.get(k.keys.split(",")[0]), id=f"review.{k.action}")
        for k in KEYMAP
    ]


def markdown_table() -> str:
    """The key map as a Markdown table (for docs/review.md)."""
    rows = ["| Keys | Action | Group |", "|---|---|---|"]
    rows += [f"| `{key_label(k.keys)}` | {k.description} | {k.group} |" for k in KEYMAP]
    return "\n".join(rows)
