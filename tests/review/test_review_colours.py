"""Colours of the review table: every piece of text readable on its background (QA2 #1).

Theme colours are often see-through; they used to reach the terminal unblended (see-through white became
solid white under light grey text). These tests take the rich styles of every line the table draws, with the
cursor on a low-confidence row, a search match in the current cell and glossary terms, and compute the WCAG
contrast ratio of text against background as a truecolor terminal and a 256-colour terminal show it.
"""

from __future__ import annotations

import asyncio

import pytest
from reviewkit import DATA, running
from rich.color import ColorSystem

from tmtool.glossary import read_glossary
from tmtool.review.colours import MIN_CONTRAST, contrast, readable, terminal_rgb
from tmtool.review.table import LOW_CONFIDENCE

SYSTEMS = (ColorSystem.TRUECOLOR, ColorSystem.EIGHT_BIT)


def test_contrast_ratio_matches_wcag_reference_values():
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21.0)
    assert contrast((119, 119, 119), (255, 255, 255)) == pytest.approx(4.48, abs=0.01)
    # the QA report's cursor row: light grey on white
    assert contrast((224, 224, 224), (255, 255, 255)) < 1.5


def test_readable_fixes_unreadable_pairs_and_keeps_readable_ones():
    from rich.style import Style

    bad = Style(color="rgb(185,60,91)", bgcolor="rgb(185,60,91)")  # QA: score drawn in its own background
    fixed = readable(bad)
    assert fixed.bgcolor == bad.bgcolor
    for system in SYSTEMS:
        assert contrast(terminal_rgb(fixed.color, system), terminal_rgb(fixed.bgcolor, system)) >= MIN_CONTRAST
    good = Style(color="rgb(224,224,224)", bgcolor="rgb(30,30,30)", bold=True)
    assert readable(good) == good


def _screen_segments(table):
    """(text, style) of every non-blank piece of text the table draws on screen."""
    out = []
    for y in range(table.size.height):
        for seg in table.render_line(y):
            if seg.text.strip() and seg.style is not None:
                out.append((y, seg.text, seg.style))
    return out


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox"])
def test_every_text_on_screen_has_clear_contrast(six, theme):
    glossary = read_glossary(DATA / "terms.csv")

    async def scenario():
        async with running(six, size=(150, 40), glossaries=[glossary]) as (app, pilot, notes):
            app.theme = theme
            await pilot.pause()
            table = app.screen.table
            alignment = app.session.alignment
            low_row = next(i for i, link in enumerate(alignment.links) if link.confidence < LOW_CONFIDENCE)
            table.move_to(low_row, 1)  # en column of a low-confidence row
            word = alignment.texts(alignment.links[low_row], "en").split()[0]
            table.set_search(word)  # a match inside the current cell
            await pilot.pause()
            styles = table._styles()
            segments = _screen_segments(table)
            assert any(style.bgcolor == styles["cursor_cell"].bgcolor for _, _, style in segments)
            assert any(style.bgcolor == styles["match"].bgcolor for _, _, style in segments)
            assert any(style.underline for _, _, style in segments)  # glossary terms drawn
            assert any(style.bgcolor == styles["low_cursor"].bgcolor for _, _, style in segments)
            for y, text, style in segments:
                assert style.color is not None and style.bgcolor is not None, (y, text)
                for system in SYSTEMS:
                    ratio = contrast(terminal_rgb(style.color, system), terminal_rgb(style.bgcolor, system))
                    assert ratio >= MIN_CONTRAST, (theme, system.name, y, text, str(style), round(ratio, 2))
            # what marks a place must be told apart from its surroundings, in 256 colours too
            for system in SYSTEMS:
                bg = {name: terminal_rgb(styles[name].bgcolor, system)
                      for name in ("base", "cursor_row", "cursor_cell", "match", "low", "low_cursor")}
                assert bg["cursor_row"] != bg["base"], (theme, system.name)
                assert bg["cursor_cell"] not in (bg["cursor_row"], bg["base"]), (theme, system.name)
                assert bg["match"] not in (bg["cursor_cell"], bg["cursor_row"], bg["base"]), (theme, system.name)
                # low confidence: its own text colour (and a tinted background, not always distinct in 256)
                fg = {name: terminal_rgb(styles[name].color, system) for name in ("base", "cursor_row", "low",
                                                                                   "low_cursor")}
                assert fg["low"] != fg["base"] and fg["low_cursor"] != fg["cursor_row"], (theme, system.name)
                assert styles["low"].bold

    asyncio.run(scenario())
