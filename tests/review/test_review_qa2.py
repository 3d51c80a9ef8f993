"""Fixes from the second QA round: resumed row on screen, SIGTERM/SIGHUP save and unlock, --langs duplicates,
dialogs (split title, edit cursor), confidence of reviewer-made links, CJK numbers kept whole."""

from __future__ import annotations

import asyncio
import json
import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from reviewkit import repeated_fixture, running

from tmtool.align import read_alignment
from tmtool.review.session import ReviewSession


def run(coro):
    return asyncio.run(coro)


def _visible(table, row):
    top, bottom = table._offsets[row], table._offsets[row + 1]
    view = table.scrollable_content_region.height - 1  # the header line
    return table.scroll_y <= top and bottom <= table.scroll_y + view


@pytest.mark.parametrize("crashed", [False, True])
def test_resumed_row_is_on_screen_at_start(tmp_path, crashed):
    path = repeated_fixture(10, tmp_path / "big.json")  # 70 links, far more than a screen
    session = ReviewSession.open(path)
    if crashed:
        from tmtool.review.operations import Op

        session.apply(Op("confirm", 3))
    session.set_cursor(50, "fr", record=True)
    if crashed:  # what kill -9 leaves: the journal, the lock; nothing saved
        session.journal.close()
    else:
        session.close()

    async def reopen():
        async with running(path, size=(150, 30)) as (app, pilot, notes):
            await pilot.pause()
            table = app.screen.table
            assert (table.row, app.screen.current_lang) == (50, "fr")
            assert table.scroll_y > 0 and _visible(table, 50)
            shown = "\n".join(table.render_line(y).text for y in range(table.size.height))
            assert "  51 " in shown  # the row's number is drawn, before any key is pressed

    run(reopen())


def test_cli_names_duplicate_langs(six, cli_run):
    code, _, err = cli_run(["review", six, "--langs", "en,en"])
    assert code == 2 and "--langs: en given more than once" in err
    code, _, err = cli_run(["review", six, "--langs", "en,fr,ar,es,ru,zh,en"])
    assert code == 2 and "en given more than once" in err and "not 7" not in err
    assert not Path(str(six) + ".lock").exists()


def _read_until(fd, needle: bytes, timeout: float) -> bytes:
    out = b""
    end = time.monotonic() + timeout
    while needle not in out and time.monotonic() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return out


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_terminating_signal_saves_and_releases_the_lock(six, root, signum):
    """A real ``tmtool review`` in a pseudo-terminal: confirm a row, then SIGTERM (kill) or SIGHUP (the
    terminal is closed): the decision is in the file, the lock is gone, the next open needs no --force."""
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(root), "TERM": "xterm-256color", "COLUMNS": "150", "LINES": "40"}
    child = subprocess.Popen([sys.executable, "-m", "tmtool", "review", str(six)], stdin=slave, stdout=slave,
                             stderr=slave, env=env, cwd=six.parent, start_new_session=True)
    os.close(slave)
    lock = Path(str(six) + ".lock")
    journal = Path(str(six) + ".journal")
    try:
        _read_until(master, b"reviewed", 60)
        assert lock.exists()
        os.write(master, b"j")
        time.sleep(0.3)
        os.write(master, b"c")  # confirm row 2 (journaled before it is shown)
        end = time.monotonic() + 20
        while time.monotonic() < end and '"confirm"' not in (journal.read_text() if journal.exists() else ""):
            _read_until(master, b"\x00", 0.2)
        assert '"confirm"' in journal.read_text()
        if signum == signal.SIGHUP:
            os.close(master)  # the terminal goes away, as when its window is closed
            master = None
        child.send_signal(signum)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if master is not None:
            os.close(master)
    assert child.returncode == 128 + signum
    assert not lock.exists()
    assert read_alignment(six).links[1].status == "confirmed"
    resume = json.loads(journal.read_text())
    assert "file_sha256" in resume and resume["cursor"]["row"] >= 1
    ReviewSession.open(six).close()  # no stale lock, no --force


def test_links_a_reviewer_makes_keep_the_aligners_confidence():
    from tmtool.review import operations as ops
    from reviewkit import DATA

    start = read_alignment(DATA / "six.json")
    row = next(i for i, link in enumerate(start.links) if any(len(ids) > 1 for ids in link.segments.values()))
    parent = start.links[row]
    cuts = {lang: min(1, len(ids)) for lang, ids in parent.segments.items()}
    after = ops.split(start, row, cuts)
    assert after.links[row].confidence == after.links[row + 1].confidence == parent.confidence
    lang = next(lang for lang, ids in parent.segments.items() if len(ids) > 1)
    apart = ops.no_counterpart(start, row, lang, 0)
    assert apart.links[row].confidence == apart.links[row + 1].confidence == parent.confidence
    merged = ops.merge_next(start, 0)
    assert merged.links[0].confidence == min(start.links[0].confidence, start.links[1].confidence)
    assert ops.insert_empty(start, 0).links[1].confidence == 0.0


def test_split_title_fits_and_edit_starts_at_the_end(six):
    from rich.cells import cell_len
    from textual.widgets import TextArea

    from tmtool.review.dialogs import EditScreen, SplitScreen

    async def scenario():
        async with running(six, size=(80, 24)) as (app, pilot, notes):
            await pilot.press("j", "j", "s")
            await pilot.pause()
            assert isinstance(app.screen, SplitScreen)
            titles = list(app.screen.query("Label.title"))
            assert titles
            shown = " ".join(label.render().plain for label in titles)
            assert "Enter: split" in shown and "UPPER row" in shown
            for label in titles:
                assert cell_len(label.render().plain) <= label.content_region.width, label.render().plain
            await pilot.press("escape", "e")
            await pilot.pause()
            assert isinstance(app.screen, EditScreen)
            editor = app.screen.query_one(TextArea)
            assert editor.cursor_location == editor.document.end != (0, 0)
            await pilot.press("escape")

    run(scenario())


def _cjk_lines(text, width):
    from tmtool.review.table import cjk_breaks

    cuts = [0, *cjk_breaks(text, width), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


@pytest.mark.parametrize("width", range(6, 30))
def test_chinese_numbers_are_not_broken_across_lines(width):
    from rich.cells import cell_len

    text = "议程项目31、61、69、71、83和129。大会第七十八届会议于2023年9月5日开幕，A/78/L.1号决议草案。"
    lines = _cjk_lines(text, width)
    assert "".join(lines) == text
    assert all(cell_len(line.rstrip()) <= width for line in lines)
    for upper, lower in zip(lines, lines[1:]):
        assert not (upper[-1:].isdigit() and lower[:1].isdigit()), (upper, lower)  # "12|9"
        assert lower[:1] not in "、。，）", (upper, lower)  # no closing punctuation at a line start


def test_chinese_cells_in_the_table_keep_numbers_whole(tmp_path):
    from tmtool.align import AlignedDocument, Alignment, Link, write_alignment

    zh = "议程项目31、61、69、71、83和129以及其他议程项目123456和7890的审议情况。"
    docs = (AlignedDocument("en", ("Agenda items 31, 61, 69, 71, 83 and 129",)), AlignedDocument("zh", (zh,)))
    path = tmp_path / "zh.json"
    write_alignment(Alignment(docs, (Link({"en": (0,), "zh": (0,)}, 0.9, "auto"),)), path)

    async def scenario():
        async with running(path, size=(60, 20)) as (app, pilot, notes):
            table = app.screen.table
            for width in range(12, 31):  # column widths where the cell fits in 8 lines (no "…" cut)
                table._cache.clear()
                lines = ["".join(s.text for s in segs).rstrip() for segs, _ in table._cell_lines(0, "zh", width)]
                assert len(lines) > 1 and "".join(lines) == zh
                for upper, lower in zip(lines, lines[1:]):
                    assert not (upper[-1:].isdigit() and lower[:1].isdigit()), (width, upper, lower)

    run(scenario())
