"""Visual order of right-to-left lines (for terminals without bidi) and the `b` toggle."""

from __future__ import annotations

import asyncio

import pytest
from reviewkit import running
from rich.style import Style
from rich.text import Text

from tmtool.review.bidi import visual_line, visual_order


def _visual(s: str) -> str:
    return "".join(s[i] for i in visual_order(s))


@pytest.mark.parametrize(
    ("logical", "visual"),
    [
        ("أبت", "تبأ"),  # Arabic letters: right to left
        ("البنود 31 و 61", "61 و 31 دونبلا"),  # numbers keep their digits' order
        ("بند 31, 61 فقط", "طقف 31, 61 دنب"),  # "31, 61" is one left-to-right run
        ("تقرير Security Council جديد", "ديدج Security Council ريرقت"),
        ("وأُبلغ", "غلبأُو"),  # the damma stays on its letter
        ("abc", "abc"),
        ("", ""),
    ],
)
def test_visual_order(logical, visual):
    assert _visual(logical) == visual
    assert sorted(visual_order(logical)) == list(range(len(logical)))  # a permutation: nothing lost


def test_visual_line_keeps_styles_mirrors_brackets_and_right_aligns():
    line = Text("  مجلس (الأمن)")
    line.stylize(Style(bold=True), 2, 6)  # مجلس
    out = visual_line(line, 20)
    assert out.plain == " " * (20 - len("مجلس (الأمن)")) + "(نمألا) سلجم"
    bold = "".join(out.plain[span.start:span.end] for span in out.spans if span.style.bold)
    assert bold == "سلجم"


def test_toggle_in_the_app(six):
    async def scenario():
        async with running(six, size=(150, 40)) as (app, pilot, notes):
            table = app.screen.table
            width = table._lang_widths[0]
            logical = ["".join(s.text for s in segs).strip() for segs, _ in table._cell_lines(1, "ar", width)]
            await pilot.press("b")
            assert table.visual_rtl and "visual order" in notes[-1][0]
            visual = ["".join(s.text for s in segs).strip() for segs, _ in table._cell_lines(1, "ar", width)]
            assert visual == [_visual(line) for line in logical] and visual != logical
            en = table._cell_lines(1, "en", table._lang_widths[1])
            await pilot.press("b")
            assert not table.visual_rtl
            assert table._cell_lines(1, "en", table._lang_widths[1]) == en  # left-to-right columns untouched

    asyncio.run(scenario())


def test_side_panel_follows_the_visual_order(six):
    from tmtool.review.app import SidePanel

    async def scenario():
        async with running(six, size=(160, 40)) as (app, pilot, notes):
            panel = app.screen.query_one(SidePanel)
            assert app.screen.current_lang == "ar"
            assert "تقرير" in panel.plain and "ريرقت" not in panel.plain
            await pilot.press("b")
            assert "ريرقت" in panel.plain and "تقرير" not in panel.plain
            await pilot.press("l")  # English is never reordered
            assert "Report of the Working Group" in panel.plain

    asyncio.run(scenario())
