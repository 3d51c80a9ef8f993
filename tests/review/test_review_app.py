"""The review app driven by Textual's pilot: every operation by its key, undo/redo, refusals, search,
export, help, palette, mouse, crash resume and the lock (through the real CLI)."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tmtool.align import read_alignment
from tmtool.review import operations as ops
from tmtool.review.app import MainScreen
from tmtool.review.dialogs import CutTextScreen, EditScreen, HelpScreen, PickSegmentScreen, SplitScreen
from tmtool.review.keymap import KEYMAP
from tmtool.review.session import ReviewSession
from tmtool.review.table import AlignmentTable

from reviewkit import DATA, running

START = read_alignment(DATA / "six.json")


def run(coro):
    return asyncio.run(coro)


def state(app):
    return app.session.alignment


def test_every_keymap_action_exists_and_keys_are_unique():
    keys = [key for k in KEYMAP for key in k.keys.split(",")]
    assert len(keys) == len(set(keys))
    for k in KEYMAP:
        assert callable(getattr(MainScreen, f"action_{k.action}", None)), k.action


def test_confirm_moves_on_and_confirm_through(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("j", "c")
            assert state(app).links[1].status == "confirmed"
            assert app.screen.table.row == 2
            await pilot.press("k", "c")  # again: unconfirm
            assert state(app).links[1].status == "auto"
            await pilot.press("j", "j", "C")
            assert [link.status for link in state(app).links[:4]] == ["confirmed"] * 4
            assert state(app).links[4].status == "auto"

    run(scenario())
    assert [link.status for link in read_alignment(six).links[:4]] == ["confirmed"] * 4  # saved on close


def test_merge_split_and_invariant_refusal(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("j", "m")
            assert state(app) == ops.merge_next(START, 1)
            await pilot.press("s")
            assert isinstance(app.screen, SplitScreen)
            await pilot.press("enter")  # default cuts: each language halved
            assert isinstance(app.screen, MainScreen)
            merged = ops.merge_next(START, 1)
            assert state(app) == ops.split(merged, 1, ops.default_cuts(merged, 1))
            await pilot.press("end", "m")
            assert notes[-1] == ("the last row has no next row to merge with", "error")
            assert len(state(app).links) == len(START.links)
            state(app).validate()

    run(scenario())


def test_split_with_chosen_cut_refused_when_a_row_would_be_empty(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("j", "j", "s")
            for lang in START.langs:  # keep everything in the upper row: refused
                field = app.screen.query_one(f"#cut-{lang}")
                field.value = str(len(START.links[2].segments[lang]))
            await pilot.press("enter")
            assert "leaves one of the two rows empty" in notes[-1][0]
            assert state(app) == START

    run(scenario())


def test_move_segments_insert_and_no_counterpart(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            # column 3 is fr (ar, en, es, fr, ...); row 3 holds fr segments 2 and 3
            await pilot.press("l", "l", "l", "j", "j")
            assert app.screen.current_lang == "fr"
            await pilot.press("K")
            expected = ops.move_first_up(START, 2, "fr")
            assert state(app) == expected
            await pilot.press("J")
            expected = ops.move_last_down(expected, 2, "fr")
            assert state(app) == expected
            await pilot.press("i")
            expected = ops.insert_empty(expected, 2)
            assert state(app) == expected and app.screen.table.row == 3
            await pilot.press("j", "x")  # row 5 (index 4) now holds two fr segments: pick the first
            assert isinstance(app.screen, PickSegmentScreen)
            await pilot.press("enter")
            expected = ops.no_counterpart(expected, 4, "fr", 0)
            assert state(app) == expected
            assert notes == []

    run(scenario())


def test_no_counterpart_picks_a_segment_in_a_multi_segment_cell(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("l", "x")  # en, row 1: a single segment, no picker
            assert state(app) == ops.no_counterpart(START, 0, "en", 0)
            await pilot.press("u", "l", "l", "j", "j", "x")
            assert isinstance(app.screen, PickSegmentScreen)
            await pilot.press("down", "enter")  # the second (last) fr segment
            assert state(app) == ops.no_counterpart(START, 2, "fr", 1)

    run(scenario())


def test_edit_keeps_original_and_undo_redo(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("l", "e")  # en, row 1
            assert isinstance(app.screen, EditScreen)
            app.screen.query_one(TextArea).text = "Report of the Working Group on Water"
            await pilot.press("ctrl+s")
            doc = state(app).document("en")
            assert doc.segments[0] == "Report of the Working Group on Water"
            assert doc.original == {0: "Report of the Working Group on Water Resources"}
            assert state(app).links[0].status == "edited"
            await pilot.press("u")
            assert state(app) == START
            await pilot.press("u")
            assert notes[-1] == ("nothing to undo", "warning")
            await pilot.press("r")
            assert state(app).document("en").original == {0: "Report of the Working Group on Water Resources"}
            await pilot.press("r")
            assert notes[-1] == ("nothing to redo", "warning")

    run(scenario())
    assert read_alignment(six).document("en").original == {0: "Report of the Working Group on Water Resources"}


def test_cut_a_segment_in_two_then_split_the_row(six):
    """S: two sentences left as one segment are cut where the cursor is (it starts where the segmenter would cut);
    then s gives each its own row; undo puts the segment back whole."""
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("l", "j")  # en, row 2
            app.screen.decide(ops.Op("edit_text", 1, {"lang": "en", "index": 0,
                                                      "text": "The Group met in Geneva. It adopted its report."}))
            await pilot.press("S")
            assert isinstance(app.screen, CutTextScreen)
            editor = app.screen.query_one(TextArea)
            assert editor.cursor_location == (0, len("The Group met in Geneva. "))  # the segmenter's cut
            await pilot.press("enter")
            en = state(app).document("en")
            row = state(app).links[1]
            assert [en.segments[i] for i in row.segments["en"]] == ["The Group met in Geneva.", "It adopted its report."]
            assert len(en.segments) == len(START.document("en").segments) + 1
            await pilot.press("s")  # split the row: the default cut keeps one en segment above
            assert isinstance(app.screen, SplitScreen)
            await pilot.press("enter")
            assert len(state(app).links) == len(START.links) + 1
            await pilot.press("u", "u")
            assert len(state(app).document("en").segments) == len(START.document("en").segments)
            await pilot.press("S", "escape")  # cancelled: nothing changes
            assert len(state(app).document("en").segments) == len(START.document("en").segments)

    run(scenario())


def test_long_undo_chain_returns_to_start(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("j", "m", "i", "c", "C", "j", "m")
            assert state(app) != START
            await pilot.press(*["ctrl+z"] * 5)
            assert state(app) == START
            await pilot.press(*["ctrl+y"] * 5)
            assert len(state(app).links) == len(START.links) - 1

    run(scenario())


def test_jumps_search_and_mouse(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            table = app.screen.table
            await pilot.press("w")  # next low-confidence unreviewed: row 5 (0.34)
            assert table.row == 4
            await pilot.press("w")
            assert table.row == 5
            await pilot.press("g")
            assert table.row == 6
            await pilot.press("slash")
            await pilot.press(*"genève", "enter")
            assert (table.row, app.screen.current_lang) == (1, "fr")
            match = table._styles()["match"]
            width = table._lang_widths[table.langs.index("fr")]
            marked = "".join(seg.text for segs, _ in table._cell_lines(1, "fr", width) for seg in segs
                             if seg.style is not None and seg.style.bgcolor == match.bgcolor)
            assert marked == "Genève"  # the match is highlighted, case-insensitively
            await pilot.press("slash")
            await pilot.press("ctrl+u", *"groupe de travail", "enter")
            first = (table.row, app.screen.current_lang)
            await pilot.press("n")
            assert (table.row, app.screen.current_lang) != first
            await pilot.press("slash", *"zzzz", "enter")
            assert notes[-1][0] == "not found: zzzz"
            # mouse: click the second language column of the first row
            x = 12 + table._lang_widths[0] + 3
            await pilot.click(AlignmentTable, offset=(x, 1))
            assert (table.row, table.col) == (0, 1)

    run(scenario())


def test_help_palette_and_save(six):
    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("question_mark")
            assert isinstance(app.screen, HelpScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, MainScreen)
            await pilot.press("ctrl+p")
            await pilot.press(*"Merge with the next row")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause()
            assert state(app) == ops.merge_next(START, 0)
            await pilot.press("ctrl+s")
            assert read_alignment(six) == ops.merge_next(START, 0)
            assert notes[-1][0] == "Saved alignment.json"

    run(scenario())


def test_export_to_tmx_from_the_ui(six, tmp_path):
    from tmtool.tmx import iter_units

    out = tmp_path / "out.tmx"

    async def scenario():
        async with running(six) as (app, pilot, notes):
            await pilot.press("j", "c", "t")
            field = app.screen.query_one("#path")
            field.value = str(out)
            await pilot.press("enter")
            assert "2 translation unit(s) written" in notes[-1][0]

    run(scenario())
    units = list(iter_units(out))
    assert len(units) == 2  # the fixture's confirmed row and the one just confirmed
    assert any("Working Group met in Geneva" in v.text for u in units for v in u.variants)


def test_resume_after_a_crash(six, tmp_path):
    crashed = tmp_path / "crashed"
    crashed.mkdir()

    async def scenario():
        async with running(six, close=False) as (app, pilot, notes):
            await pilot.press("j", "m", "j", "c", "l", "l")
            await pilot.pause(0.8)  # the cursor is journaled after half a second of stillness
            # kill -9 now: copy what is on disk at this instant
            for f in six.parent.iterdir():
                if f.name.startswith("alignment.json"):
                    shutil.copy(f, crashed / f.name)
            return state(app), app.screen.table.row, app.screen.current_lang

    expected, row, lang = run(scenario())
    assert read_alignment(crashed / "alignment.json") == START  # never saved

    async def reopen():
        async with running(crashed / "alignment.json") as (app, pilot, notes):
            await pilot.pause()
            assert state(app) == expected
            assert (app.screen.table.row, app.screen.current_lang) == (row, lang)
            assert any("Recovered 2 unsaved decision(s)" in n for n, _ in notes)

    run(reopen())
    assert read_alignment(crashed / "alignment.json") == expected


def test_lock_refuses_a_second_reviewer_through_the_cli(six, cli_run):
    session = ReviewSession.open(six)
    try:
        code, out, err = cli_run(["review", six])
        assert code == 1
        assert err.startswith(f"tmtool: error: {six}: being reviewed by ")
        assert "--force" in err and "Traceback" not in err
    finally:
        session.close()


def test_cli_rejects_bad_langs(six, cli_run):
    code, _, err = cli_run(["review", six, "--langs", "en,de"])
    assert code == 2 and "de not in" in err
    code, _, err = cli_run(["review", six, "--langs", "en"])
    assert code == 2 and "choose 2 to 6 languages" in err
    assert not Path(str(six) + ".lock").exists()


def test_cli_reports_missing_and_malformed_files_in_one_line(tmp_path, cli_run):
    code, _, err = cli_run(["review", tmp_path / "nope.json"])
    assert code == 1 and err.startswith("tmtool: error: ") and "nope.json: cannot read" in err
    bad = tmp_path / "bad.json"
    bad.write_text('{"version": 1, "documents": [], "links": [')
    code, _, err = cli_run(["review", bad])
    assert code == 1 and f"{bad}:1:" in err and "not JSON" in err and "Traceback" not in err
    assert not (tmp_path / "bad.json.lock").exists()  # the lock taken while reading is released


@pytest.mark.parametrize("tty", [{"stdin": False, "stderr": True}, {"stdin": True, "stderr": False}])
def test_cli_refuses_to_start_without_a_terminal(six, cli_run, monkeypatch, tty):
    """`tmtool review x.json < /dev/null` (a script, CI) or `2> log` (where Textual draws) started the UI anyway:
    escapes written to the log and a wait for keys that never came, until killed, the lock left behind. Now a
    one-line usage error, the file untouched and no lock or journal left."""
    import sys

    before = Path(six).read_bytes()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: tty["stdin"], raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty["stderr"], raising=False)
    code, out, err = cli_run(["review", six])
    which = "standard input" if not tty["stdin"] else "standard error"
    assert code == 2 and out == ""
    assert err == f"tmtool: error: review is a terminal UI: {which} is not a terminal (run it in one)\n"
    assert Path(six).read_bytes() == before
    assert not Path(str(six) + ".lock").exists() and not Path(str(six) + ".journal").exists()


def test_side_panel_hides_in_narrow_terminals_and_toggles(six):
    async def scenario():
        async with running(six, size=(100, 30)) as (app, pilot, notes):
            side = app.screen.query_one("#side")
            assert not side.display  # six columns in 100 cells: no room for the panel
            table = app.screen.table
            assert min(table._lang_widths) >= 8
            await pilot.press("p")
            assert side.display
            await pilot.press("p")
            assert not side.display
        async with running(six, size=(170, 30)) as (app, pilot, notes):
            assert app.screen.query_one("#side").display

    run(scenario())


def test_no_counterpart_offers_only_the_first_and_last_segment_of_a_cell(tmp_path):
    """The picker of x listed every segment of a three-segment cell; choosing the middle one was then refused
    ("only the first or last ... can be set apart"). It now offers the two that can be, numbered as in the
    cell, and the choice is the segment set apart."""
    from textual.widgets import OptionList

    from tmtool.align import AlignedDocument, Alignment, Link, write_alignment

    path = tmp_path / "alignment.json"
    docs = (AlignedDocument("en", ("One.", "Two.", "Three."), None), AlignedDocument("fr", ("Un, deux, trois.",), None))
    write_alignment(Alignment(docs, (Link({"en": (0, 1, 2), "fr": (0,)}, 0.4, "auto"),)), path)
    start = read_alignment(path)

    async def scenario():
        async with running(path) as (app, pilot, notes):
            await pilot.press("x")
            assert isinstance(app.screen, PickSegmentScreen)
            options = app.screen.query_one(OptionList)
            assert [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] == [
                "1. One.", "3. Three."]
            await pilot.press("down", "enter")
            assert state(app) == ops.no_counterpart(start, 0, "en", 2)
            assert not [n for n in notes if n[1] == "error"]

    run(scenario())


def test_unconfirming_a_row_the_reviewer_reshaped_keeps_it_edited(six):
    """c twice on a row the reviewer had merged made it 'auto', as if the aligner had made it: a TMX of two
    languages then cut it back into the aligner's own links of the pair (a merge lost from the export) and
    'reviewed only' dropped it. Unconfirming now gives back the status the row had before its confirmation;
    a row the aligner made goes back to auto, and the history survives a crash with it."""
    async def scenario():
        async with running(six, close=False) as (app, pilot, notes):
            await pilot.press("j", "j", "m")  # row 3 merged with row 4: edited
            await pilot.press("c", "k", "c")  # confirm (moves on), back, again: unconfirm
            assert [link.status for link in state(app).links[1:4]] == ["auto", "edited", "auto"]
            await pilot.press("k", "c", "k", "c")  # row 2, made by the aligner: confirm and unconfirm
            assert state(app).links[1].status == "auto"
            assert state(app).links[2].status == "edited"
            await pilot.press("u", "u")
            assert state(app).links[2].status == "edited"
            await pilot.press("u")
            assert state(app).links[2].status == "confirmed"
            await pilot.press("r")
            await pilot.press("c", "j", "C", "k", "k", "c")  # row 3 confirmed, then again by C, unconfirmed
            assert [link.status for link in state(app).links[:5]] == [
                "confirmed", "confirmed", "edited", "confirmed", "confirmed"]
            return state(app).to_json()

    expected = run(scenario())
    from tmtool.review.session import ReviewSession

    with ReviewSession.open(six, force=True) as reopened:  # replayed from the journal
        assert reopened.alignment.to_json() == expected
        assert reopened.alignment.links[2].status == "edited"


def test_cli_says_saved_only_when_the_review_wrote_the_file(six, cli_run, monkeypatch):
    """`tmtool review` said `saved FILE` on quitting even when the reviewer only looked (nothing written): now
    `FILE: no change` then, and `saved FILE` when a decision was saved (here, on quitting)."""
    from tmtool.review.app import ReviewApp
    from tmtool.review.operations import Op

    before = Path(six).read_bytes()
    monkeypatch.setattr("tmtool.cli.review.not_a_terminal", lambda: None)  # as run from a terminal
    monkeypatch.setattr(ReviewApp, "run", lambda self: None)  # the reviewer opens the file and quits
    code, _, err = cli_run(["review", six])
    assert code == 0 and err.strip() == f"{six}: no change"
    assert Path(six).read_bytes() == before

    row = next(i for i, link in enumerate(read_alignment(six).links) if link.status == "auto")
    monkeypatch.setattr(ReviewApp, "run", lambda self: self.session.apply(Op("confirm", row)))
    code, _, err = cli_run(["review", six])
    assert code == 0 and err.strip() == f"saved {six}", err
    assert read_alignment(six).links[row].status == "confirmed"
