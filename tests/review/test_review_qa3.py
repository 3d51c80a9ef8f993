"""Fixes from the third audit: the UI export never overwrites the file under review and asks before
overwriting, --force never takes a live reviewer's lock and a save never overwrites someone else's work,
the cursor stays on screen after a resize, edits keep no-break spaces, the cursor is journaled with each
decision, the side panel shows every wrapped line in visual order, and the recovered count is honest."""

from __future__ import annotations

import asyncio

import pytest
from reviewkit import running

from tmtool.align import read_alignment
from tmtool.review.dialogs import ConfirmScreen
from tmtool.review.journal import journal_path
from tmtool.review.lock import lock_path


def run(coro):
    return asyncio.run(coro)


async def _export_to(app, pilot, path, *, all_links=False):
    await pilot.press("t")
    app.screen.query_one("#path").value = str(path)
    if all_links:
        app.screen.query_one("#all").value = True
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("side", ["alignment", "journal", "lock", "base"])
def test_export_refuses_the_file_under_review_and_its_review_files(six, side):
    target = {"alignment": six, "journal": journal_path(six), "lock": lock_path(six),
              "base": journal_path(six).with_name(journal_path(six).name + "-base")}[side]
    before = six.read_bytes()

    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("c")  # an unsaved decision: the journal and its base copy exist
            lock_before = lock_path(six).read_bytes()
            await _export_to(app, pilot, target, all_links=True)
            assert notes[-1][1] == "error" and "the file under review" in notes[-1][0]
            assert lock_path(six).read_bytes() == lock_before
            assert b"<tmx" not in target.read_bytes()

    run(scenario())
    assert six.read_bytes() != before and b"<tmx" not in six.read_bytes()  # saved on quit, still JSON
    read_alignment(six)


def test_export_asks_before_overwriting_an_existing_file(six, tmp_path):
    out = tmp_path / "out.tmx"
    out.write_text("my earlier export\n")

    async def scenario():
        async with running(six) as (app, pilot, notes):
            await _export_to(app, pilot, out)
            assert isinstance(app.screen, ConfirmScreen) and str(out) in app.screen.question
            await pilot.press("n")
            assert out.read_text() == "my earlier export\n" and not isinstance(app.screen, ConfirmScreen)
            await _export_to(app, pilot, out)
            await pilot.press("enter")  # the focus is on No
            assert out.read_text() == "my earlier export\n"
            await _export_to(app, pilot, out)
            await pilot.press("y")
            await pilot.pause()
            assert "1 translation unit(s) written" in notes[-1][0]

    run(scenario())
    assert "<tmx" in out.read_text()


def test_export_with_nothing_reviewed_writes_nothing(six, tmp_path):
    out = tmp_path / "out.tmx"

    async def scenario():
        async with running(six) as (app, pilot, notes):
            row = next(i for i, link in enumerate(app.session.alignment.links) if link.status == "confirmed")
            app.screen.table.move_to(row)
            await pilot.press("c")  # unconfirm the only reviewed link
            await _export_to(app, pilot, out)
            assert notes[-1][1] == "warning" and "nothing to export" in notes[-1][0]

    run(scenario())
    assert not out.exists()
