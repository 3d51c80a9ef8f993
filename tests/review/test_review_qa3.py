"""Fixes from the third audit: the UI export never overwrites the file under review and asks before
overwriting, --force never takes a live reviewer's lock and a save never overwrites someone else's work,
the cursor stays on screen after a resize, edits keep no-break spaces, the cursor is journaled with each
decision, the side panel shows every wrapped line in visual order, and the recovered count is honest."""

from __future__ import annotations

import asyncio

import pytest
from reviewkit import DATA, running

from tmtool.align import read_alignment
from tmtool.review.dialogs import ConfirmScreen
from tmtool.review.journal import journal_path
from tmtool.review.lock import lock_path


DATA_SIX = DATA / "six.json"


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


# -- --force and a live reviewer; a save never overwrites someone else's work ------------------------------


def _lock_of(path, pid, host=None):
    import json
    import socket

    lock_path(path).write_text(json.dumps({"user": "ana", "host": host or socket.gethostname(), "pid": pid,
                                           "time": "2026-01-01T00:00:00+00:00"}))


def test_force_refuses_the_lock_of_a_live_reviewer(six, cli_run):
    import subprocess
    import sys

    from tmtool.review.lock import LockedError
    from tmtool.review.session import ReviewSession

    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        _lock_of(six, alive.pid)
        before = lock_path(six).read_bytes()
        with pytest.raises(LockedError, match=rf"--force refused: .* pid {alive.pid} is alive on this host"):
            ReviewSession.open(six, force=True)
        code, out, err = cli_run(["review", six, "--force"])
        assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
        assert f"pid {alive.pid} is alive" in err
        assert lock_path(six).read_bytes() == before  # still theirs
    finally:
        alive.kill()
        alive.wait()
    session = ReviewSession.open(six, force=True)  # now stale: taken over as before
    assert session.lock.taken_over.pid == alive.pid
    session.close()


def test_a_session_whose_lock_was_taken_over_neither_saves_nor_journals(six):
    """The audit's scenario: A works, B takes the lock over, saves and quits; A must not undo B's work."""
    from tmtool.errors import StoreError
    from tmtool.review.operations import Op
    from tmtool.review.session import ReviewSession

    a = ReviewSession.open(six)
    a.apply(Op("confirm", 1))
    b = ReviewSession.open(six, force=True)  # same process: allowed (another host would be too)
    assert b.replayed == 1  # A's unsaved decision goes over with the journal
    b.apply(Op("merge_next", 3))
    b.close()
    saved_by_b = six.read_bytes()
    journal_by_b = journal_path(six).read_bytes()
    with pytest.raises(StoreError, match=r"the review lock is now held by .*the decision was not made"):
        a.apply(Op("confirm", 2))
    with pytest.raises(StoreError, match=r"not saved, so as not to overwrite someone else's work: the review lock "
                                         r"is now held by nobody"):
        a.close()
    assert six.read_bytes() == saved_by_b and journal_path(six).read_bytes() == journal_by_b
    final = read_alignment(six)
    assert final.links[1].status == "confirmed" and len(final.links) == len(read_alignment(DATA_SIX).links) - 1


def test_a_file_changed_behind_the_sessions_back_is_not_overwritten(six):
    from tmtool.errors import StoreError
    from tmtool.review.operations import Op
    from tmtool.review.session import ReviewSession

    session = ReviewSession.open(six)
    session.apply(Op("confirm", 1))
    changed = six.read_text().replace("Delegations welcomed", "Delegations praised")
    six.write_text(changed)
    with pytest.raises(StoreError, match=r"not saved, .*changed on disk since this session read or saved it; "
                                         r"your decisions are kept in alignment.json.journal"):
        session.save()
    assert six.read_text() == changed
    with pytest.raises(StoreError, match="not saved"):
        session.close()
    assert six.read_text() == changed and not lock_path(six).exists()
    assert '"confirm"' in journal_path(six).read_text()  # the decision is still in the journal


def test_the_ui_says_in_one_line_why_it_did_not_save(six):
    async def scenario():
        async with running(six, close=False) as (app, pilot, notes):
            await pilot.press("c")
            six.write_text(six.read_text().replace("Delegations welcomed", "Delegations praised"))
            await pilot.press("ctrl+s")
            assert notes[-1][1] == "error" and "changed on disk" in notes[-1][0] and "\n" not in notes[-1][0]

    run(scenario())
    assert "Delegations praised" in six.read_text()


# -- resize ------------------------------------------------------------------------------------------------


def _visible(table, row):
    top, bottom = table._offsets[row], table._offsets[row + 1]
    view = table.scrollable_content_region.height - 1  # the header line
    return table.scroll_y <= top and bottom <= table.scroll_y + view


@pytest.mark.parametrize("key, size", [("end", (80, 24)), ("end", (40, 12)), ("home", (80, 24))])
def test_cursor_row_is_back_on_screen_after_a_resize(tmp_path, key, size):
    from reviewkit import repeated_fixture

    path = repeated_fixture(5, tmp_path / "alignment.json")  # 35 links

    async def scenario():
        async with running(path, size=(160, 40)) as (app, pilot, notes):
            await pilot.press(key)
            table = app.screen.table
            row = table.row
            assert _visible(table, row)
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert table.row == row and _visible(table, row)

    run(scenario())


# -- editing keeps no-break spaces -------------------------------------------------------------------------


def test_edit_keeps_no_break_spaces_and_collapses_only_breaks_tabs_and_spaces(six):
    from textual.widgets import TextArea

    from tmtool.review.dialogs import EditScreen

    typed = "\n  «\u00a0Ainsi\u00a0», 10\u202f000 militaires\t\tet  44\u00a0jours\u3000（注）\r\nfin.  "

    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("l", "e")  # en, row 1
            assert isinstance(app.screen, EditScreen)
            app.screen.query_one(TextArea).text = typed
            await pilot.press("ctrl+s")
            return app.session.alignment.document("en").segments[0]

    text = run(scenario())
    assert text == "«\u00a0Ainsi\u00a0», 10\u202f000 militaires et 44\u00a0jours\u3000（注） fin."


# -- the cursor journaled with each decision ---------------------------------------------------------------


def test_each_decision_journals_where_the_cursor_is_even_when_keys_come_fast(six, tmp_path):
    import json
    import shutil

    crashed = tmp_path / "crashed"
    crashed.mkdir()

    async def scenario():
        async with running(six, close=False) as (app, pilot, notes):
            screen = app.screen
            # one burst, no pause: the table's CursorMoved messages are not handled in between
            screen.action_cursor_down()
            screen.action_cursor_down()
            screen.action_confirm()  # row 3 (journaled there), then the cursor moves on to row 4
            screen.action_cursor_right()
            screen.action_move_last_down()  # row 4, second column
            second = screen.current_lang
            screen.action_undo()
            # kill -9 now: copy what is on disk at this instant
            for f in six.parent.iterdir():
                if f.name.startswith("alignment.json"):
                    shutil.copy(f, crashed / f.name)
            return second

    second = run(scenario())
    records = [json.loads(line) for line in journal_path(crashed / "alignment.json").read_text().splitlines()]
    decisions = [r for r in records if {"op", "undo", "redo"} & r.keys()]
    assert [r["cursor"] for r in decisions] == [{"row": 2, "lang": "ar"}, {"row": 3, "lang": second},
                                                {"row": 3, "lang": second}]

    async def reopen():
        async with running(crashed / "alignment.json") as (app, pilot, notes):
            await pilot.pause()
            assert (app.screen.table.row, app.screen.current_lang) == (3, second)

    run(reopen())


# -- side panel, visual right-to-left ----------------------------------------------------------------------


def test_side_panel_shows_every_wrapped_line_of_a_right_to_left_cell_in_visual_order(six):
    from textual.geometry import Region

    async def scenario():
        async with running(six, visual_rtl=True) as (app, pilot, notes):
            await pilot.press("j", "j", "j")  # row 4: a 120-character Arabic sentence, column ar
            await pilot.pause()
            panel = app.screen.query_one("#panel")
            strips = panel.render_lines(Region(0, 0, panel.size.width, panel.size.height))
            return panel.plain.splitlines(), [strip.text.rstrip() for strip in strips]

    wanted, shown = run(scenario())
    arabic = wanted[wanted.index("ar:") + 1:]
    assert len(arabic) == 4 and arabic[0].endswith(".1")  # wrapped in 4 lines of 33 cells; "1." reads from the right
    assert shown[:len(wanted)] == [line.rstrip() for line in wanted]  # every line drawn, none folded or lost


# -- "Recovered N unsaved decision(s)" counts what the file does not hold ---------------------------------


def _crash_after(path, steps):
    """Run ``steps`` ("c ROW", "u", "r", "save") in a session, then leave it as kill -9 would."""
    from tmtool.review.operations import Op
    from tmtool.review.session import ReviewSession

    session = ReviewSession.open(path)
    for step in steps:
        if step == "u":
            session.undo()
        elif step == "r":
            session.redo()
        elif step == "save":
            session.save()
        else:
            session.apply(Op("confirm", int(step.split()[1])))
    session.journal.close()


@pytest.mark.parametrize("steps, unsaved", [
    (["c 1", "c 2", "c 3", "u", "save"], 0),  # the audit's case: everything saved
    (["c 1", "c 2", "u"], 1),  # never saved: the net decisions
    (["c 1", "c 2", "save", "c 3", "u", "c 4"], 1),
    (["c 1", "c 2", "save", "u", "c 4"], 2),  # undoing a saved decision is unsaved too
    (["c 1", "save", "u", "r"], 0),
    (["c 1", "c 2", "save", "c 3", "save", "c 4"], 1),
])
def test_recovered_count_is_the_decisions_the_file_does_not_hold(six, steps, unsaved):
    from tmtool.review.session import ReviewSession

    _crash_after(six, steps)
    session = ReviewSession.open(six, force=True)
    assert session.unsaved == unsaved and session.dirty == bool(unsaved)
    assert session.replayed == sum(step != "save" for step in steps)
    session.close()
    if not unsaved:  # nothing written, the journal ended cleanly
        assert len(journal_path(six).read_text().splitlines()) == 1


def test_reopening_after_a_save_and_a_crash_recovers_nothing(six):
    _crash_after(six, ["c 1", "c 2", "c 3", "u", "save"])

    async def reopen():
        async with running(six) as (app, pilot, notes):
            assert not any("Recovered" in note for note, _ in notes)

    run(reopen())
    _crash_after(six, ["c 4", "c 5", "u", "c 6"])

    async def reopen_again():
        async with running(six) as (app, pilot, notes):
            assert ("Recovered 2 unsaved decision(s) from the journal.", "information") in notes

    run(reopen_again())


def test_export_from_a_review_of_some_languages_writes_the_languages_reviewed(six, tmp_path):
    """Reviewing with --langs en,fr,ar and exporting "reviewed links only" wrote all six languages as reviewed:
    Spanish, Russian and Chinese texts nobody looked at went into the TMX with x-status confirmed. Now the
    dialog offers the languages shown (the default) or every language of the file."""
    from tmtool.tmx import iter_units

    shown, every = tmp_path / "shown.tmx", tmp_path / "every.tmx"
    said = []

    async def scenario():
        async with running(six, langs=["en", "fr", "ar"]) as (app, pilot, notes):
            await pilot.press("j", "c")  # row 2 (row 1 is confirmed already)
            await _export_to(app, pilot, shown)
            said.append(notes[-1][0])
            assert {v.lang for u in iter_units(shown) for v in u.variants} == {"en", "fr", "ar"}
            await pilot.press("t")
            app.screen.query_one("#path").value = str(every)
            app.screen.query_one("#every").value = True
            await pilot.press("enter")
            await pilot.pause()
            assert "translation unit(s) written" in notes[-1][0]

    run(scenario())
    assert {v.lang for u in iter_units(every) for v in u.variants} == {"ar", "en", "es", "fr", "ru", "zh"}
    assert "(en, fr, ar)" in said[0]


def test_export_when_every_language_is_shown_has_no_language_choice(six, tmp_path):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("t")
            await pilot.pause()
            assert not app.screen.query("#langs")
            await pilot.press("escape")

    run(scenario())


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_the_status_line_shows_every_count_in_a_narrow_terminal(six, size):
    """At 80 columns the progress bar took 30 and the counts were cut after "auto": the number of unreviewed
    low-confidence links, the one a reviewer working through them with w watches, was off screen."""
    from textual.widgets import Label, ProgressBar

    async def scenario():
        async with running(six, size=size) as (app, pilot, notes):
            await pilot.press("j", "c")
            await pilot.pause()
            status = app.screen.query_one("#status")
            counts = status.query_one("#counts", Label)
            text = str(counts.render())
            assert text.rstrip().endswith("low 2")
            assert counts.region.right <= status.region.right
            assert counts.region.x + len(text.rstrip()) <= app.size.width  # drawn in full
            assert status.query_one(ProgressBar).display == (size[0] >= 120)
            await pilot.resize_terminal(150, 30)
            await pilot.pause()
            assert status.query_one(ProgressBar).display  # room again: the bar is back

    run(scenario())


def test_the_edit_dialog_shows_the_whole_original_at_80x24(six):
    """The edit dialog showed the original text of an edited segment on one line cut at the dialog's edge: at
    80x24 (six languages, no side panel) a reviewer re-editing a paragraph could not read what it first said."""
    import io

    from rich.console import Console

    async def scenario():
        async with running(six, size=(80, 24)) as (app, pilot, notes):
            await pilot.press("j", "j", "j", "l", "e")  # row 4, en: a 189-character paragraph
            await pilot.pause()
            app.screen.query_one("#editor").load_text("Short.")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert app.session.alignment.document("en").segments[3] == "Short."
            await pilot.press("e")
            await pilot.pause()
            console = Console(file=io.StringIO(), width=80, height=24, color_system=None)
            console.print(app.screen._compositor.render_update(full=True))
            shown = " ".join(line.strip(" █▏") for line in console.file.getvalue().splitlines())
            assert "original: The Security Council" in shown
            assert "before the end of the year." in " ".join(shown.split())  # its last words, on screen

    run(scenario())


def test_the_overwrite_question_is_shown_in_full_for_a_long_path(six, tmp_path):
    """'<path> already exists. Overwrite it?' was one line cut at the dialog's edge: with a long path at 80x24
    the dialog asked y/n and never showed the question."""
    folder = tmp_path / "a-rather-long-folder-name-for-the-review" / "of-the-letter-2023"
    folder.mkdir(parents=True)
    out = folder / "alignment.tmx"
    out.write_text("my earlier export\n")

    async def scenario():
        async with running(six, size=(80, 24)) as (app, pilot, notes):
            await _export_to(app, pilot, out)
            assert isinstance(app.screen, ConfirmScreen)
            from textual.widgets import Label

            question = app.screen.query(Label).first()  # the question, above the y/n hint
            lines = [strip.text for strip in question.render_lines(question.region.reset_offset)]
            assert "".join("".join(lines).split()) == "".join(f"{out} already exists. Overwrite it?".split())
            assert question.region.right <= app.screen.query_one("#dialog").content_region.right  # not cut
            assert question.region.height == len([line for line in lines if line.strip()]) >= 2
            await pilot.press("n")

    run(scenario())


@pytest.mark.parametrize("keys", [("j", "j", "l", "S"), ("question_mark",), ("slash",), ("t",), ("j", "j", "j", "e")])
def test_every_line_of_text_in_a_dialog_fits_in_it_at_80x24(six, keys):
    """The cut dialog's hint ('... · Enter: cut · Esc: cancel', 76 cells) and the help's first line were cut at
    the dialog's edge at 80x24: how to leave the dialog was off screen. Every label of a dialog now wraps."""
    from textual.widgets import Label

    async def scenario():
        async with running(six, size=(80, 24)) as (app, pilot, notes):
            await pilot.press(*keys)
            await pilot.pause()
            dialog = app.screen.query_one("#dialog")
            for label in dialog.query(Label):
                if label.parent is dialog:
                    assert label.region.right <= dialog.content_region.right, (type(app.screen).__name__, label)

    run(scenario())


def test_language_columns_off_screen_are_named(six):
    """With the side panel shown at 80x24 (p) the six columns keep their minimum width and fr, ru and zh fell
    off the right edge without a word: the cursor could move into a column nobody saw (there is no horizontal
    scroll). The reviewer is now told which columns are off screen, once per change."""
    async def scenario():
        async with running(six, size=(80, 24)) as (app, pilot, notes):
            await pilot.pause()
            assert not [n for n in notes if n[1] == "warning"]  # all six fit without the panel
            await pilot.press("p")
            await pilot.pause()
            said = [n for n, severity in notes if severity == "warning"]
            assert len(said) == 1 and "fr, ru, zh do not fit" in said[0] and "(p)" in said[0]
            table = app.screen.table
            assert table.hidden_langs() == ["fr", "ru", "zh"]
            await pilot.press("p")
            await pilot.pause()
            assert table.hidden_langs() == [] and len([n for n in notes if n[1] == "warning"]) == 1
            await pilot.resize_terminal(60, 24)
            await pilot.pause()
            assert "zh do not fit in 60 columns" in notes[-1][0]

    run(scenario())
