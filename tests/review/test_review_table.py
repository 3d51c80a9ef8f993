"""The alignment table: lazy rendering, low-confidence colour, right-aligned Arabic, CJK cell widths."""

from __future__ import annotations

import asyncio

from reviewkit import repeated_fixture, running
from rich.cells import cell_len

from tmtool.align import REVIEW_THRESHOLD
from tmtool.review.table import FIXED_WIDTH, LOW_CONFIDENCE


def test_low_confidence_threshold_is_the_aligners():
    assert LOW_CONFIDENCE == REVIEW_THRESHOLD


def _cell(table, row, lang):
    width = table._lang_widths[table.langs.index(lang)]
    return width, table._cell_lines(row, lang, width)


def test_rendering(six):
    async def scenario():
        async with running(six, size=(150, 40)) as (app, pilot, notes):
            table = app.screen.table
            alignment = app.session.alignment
            low_style = table._styles()["low"]
            for row, link in enumerate(alignment.links):
                strip = table._line(row, 0, table.scrollable_content_region.width)
                conf = [seg for seg in strip if seg.text.strip() == f"{link.confidence:4.2f}"]
                assert conf, row
                is_low = link.status == "auto" and link.confidence < LOW_CONFIDENCE
                assert (conf[0].style.color == low_style.color) == is_low, row
            # Arabic is right-aligned: every wrapped line ends at the right edge, short ones start with spaces
            width, lines = _cell(table, 1, "ar")
            assert len(lines) > 1
            for segments, length in lines:
                text = "".join(s.text for s in segments)
                assert cell_len(text) == width and text == " " * (width - cell_len(text.lstrip())) + text.lstrip()
            # Chinese: each character takes two cells; wrapped lines never exceed the column
            width, lines = _cell(table, 3, "zh")
            texts = ["".join(s.text for s in segments).rstrip() for segments, _ in lines]
            assert all(cell_len(t) <= width for t in texts)
            assert "".join(texts) == alignment.texts(alignment.links[3], "zh")
            assert max(cell_len(t) for t in texts) > width - 2  # filled by cell width, not by character count

    asyncio.run(scenario())


def test_only_rows_on_screen_are_drawn(tmp_path):
    path = repeated_fixture(60, tmp_path / "big.json")  # 420 links

    async def scenario():
        async with running(path, size=(150, 30)) as (app, pilot, notes):
            table = app.screen.table
            drawn = {key[0] for key in table._cache}
            assert 0 < len(drawn) < 40  # a screenful (plus a margin), not 420 links
            # the columns fill the space left by the scrollbar exactly: nothing is cut at the right edge
            assert table.max_scroll_y > 0
            assert FIXED_WIDTH + len(table.langs) + sum(table._lang_widths) == table.scrollable_content_region.width
            last = table.render_line(1).text
            assert cell_len(last) == table.scrollable_content_region.width and not last.endswith("  ")
            await pilot.press("end")
            assert table.row == 419 and table.scroll_y > 0
            assert sum(table._exact) < 80

    asyncio.run(scenario())
