"""Review session safety: the journal survives crashes (a real kill -9 too), the lock keeps others out."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.align import read_alignment
from tmtool.errors import AlignmentError, FormatError, InputError, StoreError
from tmtool.review.journal import journal_path
from tmtool.review.lock import LockedError, lock_path
from tmtool.review.operations import History, Op
from tmtool.review.session import ReviewSession

DATA = Path(__file__).resolve().parent.parent / "data" / "review"
OPS = [Op("merge_next", 1), Op("confirm", 1), Op("split", 1, {"cuts": {"fr": 1}}), Op("insert_empty", 3),
       Op("edit_text", 5, {"lang": "en", "index": 0, "text": "The Council was told."})]


@pytest.fixture
def copy(tmp_path) -> Path:
    path = tmp_path / "alignment.json"
    shutil.copy(DATA / "six.json", path)
    return path


def _expected(path: Path, ops: list[Op], undo: int = 0):
    h = History(read_alignment(DATA / "six.json"))
    for op in ops:
        h.apply(op)
    for _ in range(undo):
        h.undo()
    return h.current


def _crash(session: ReviewSession) -> None:
    """What kill -9 leaves: files as they are, nothing closed or saved, the lock left behind."""
    session.journal.close()


def test_clean_session_saves_and_leaves_a_resume_record(copy):
    with ReviewSession.open(copy) as s:
        for op in OPS:
            s.apply(op)
        s.set_cursor(4, "fr")
        assert lock_path(copy).exists()
    assert read_alignment(copy) == _expected(copy, OPS)
    assert not lock_path(copy).exists()
    lines = journal_path(copy).read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["cursor"] == {"row": 4, "lang": "fr"}
    assert not Path(str(journal_path(copy)) + "-base").exists()
    again = ReviewSession.open(copy)
    assert again.cursor == {"row": 4, "lang": "fr"} and again.replayed == 0
    again.close()


def test_crash_is_replayed_with_history_and_cursor(copy):
    s = ReviewSession.open(copy)
    for op in OPS:
        s.apply(op)
    s.undo()
    s.set_cursor(2, "zh", record=True)
    original = copy.read_bytes()
    _crash(s)
    assert copy.read_bytes() == original  # nothing saved yet
    s2 = ReviewSession.open(copy, force=True)  # the dead session's lock is ours (same pid): take it over
    assert s2.alignment == _expected(copy, OPS, undo=1)
    assert s2.replayed == len(OPS) + 1 and s2.cursor == {"row": 2, "lang": "zh"}
    s2.redo()  # the undo history came back too
    assert s2.alignment == _expected(copy, OPS)
    s2.close()
    assert read_alignment(copy) == _expected(copy, OPS)


def test_crash_after_a_save_still_replays(copy):
    s = ReviewSession.open(copy)
    s.apply(OPS[0])
    s.save()
    s.apply(OPS[1])
    _crash(s)
    s2 = ReviewSession.open(copy, force=True)
    assert s2.alignment == _expected(copy, OPS[:2])
    s2.undo()
    s2.undo()  # undo reaches back before the save
    assert s2.alignment == read_alignment(DATA / "six.json")
    s2.close()


def test_torn_last_line_is_ignored_but_corruption_is_reported(copy):
    s = ReviewSession.open(copy)
    s.apply(OPS[0])
    _crash(s)
    jp = journal_path(copy)
    with open(jp, "a") as fh:
        fh.write('{"op": {"name": "confirm", "ro')  # killed mid-write
    s2 = ReviewSession.open(copy, force=True)
    assert s2.alignment == _expected(copy, OPS[:1])
    _crash(s2)
    lines = jp.read_text().splitlines()
    lines.insert(1, "garbage")
    jp.write_text("\n".join(lines) + "\n")
    with pytest.raises(FormatError, match=r"journal:2: corrupt review journal line"):
        ReviewSession.open(copy, force=True)


def test_file_changed_behind_an_unfinished_journal(copy):
    s = ReviewSession.open(copy)
    s.apply(OPS[0])
    _crash(s)
    copy.write_text(copy.read_text().replace("Delegations welcomed", "Delegations praised"))
    with pytest.raises(FormatError, match="changed since the unfinished review journal"):
        ReviewSession.open(copy, force=True)
    assert not lock_path(copy).exists() or json.loads(lock_path(copy).read_text())["pid"] == os.getpid()


def test_second_reviewer_is_refused_with_owner(copy):
    s = ReviewSession.open(copy)
    with pytest.raises(LockedError, match=r"being reviewed by .+@.+ \(pid \d+\) since .*--force"):
        ReviewSession.open(copy)
    s.close()
    ReviewSession.open(copy).close()  # released


def test_stale_lock_is_named_and_can_be_taken_over(copy):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    ReviewSession.open(copy).close()
    import socket

    lock_path(copy).write_text(json.dumps({"user": "ana", "host": socket.gethostname(), "pid": dead.pid,
                                           "time": "2026-01-01T00:00:00+00:00"}))
    with pytest.raises(LockedError, match=r"stale review lock was left by ana@.*no longer running.*--force"):
        ReviewSession.open(copy)
    s = ReviewSession.open(copy, force=True)
    assert s.lock.taken_over.user == "ana"
    s.close()
    assert not lock_path(copy).exists()


CHILD = textwrap.dedent(
    """
    import sys, time
    from tmtool.review.operations import Op
    from tmtool.review.session import ReviewSession
    ops = [Op("merge_next", 1), Op("confirm", 1), Op("split", 1, {"cuts": {"fr": 1}}), Op("confirm", 2),
           Op("insert_empty", 3), Op("confirm", 5)]
    s = ReviewSession.open(sys.argv[1])
    for i, op in enumerate(ops):
        s.apply(op)
        print("done", i, flush=True)   # shown as done only once journaled
    time.sleep(60)
    """
)


def test_real_kill_9_loses_nothing_shown_as_done(copy, root):
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(copy)], stdout=subprocess.PIPE, text=True, env=env)
    done = 0
    assert child.stdout is not None
    for line in child.stdout:
        done += 1
        if done == 4:
            break
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    s = ReviewSession.open(copy, force=True)  # its lock is stale now
    assert s.lock.taken_over is not None
    ops = [Op("merge_next", 1), Op("confirm", 1), Op("split", 1, {"cuts": {"fr": 1}}), Op("confirm", 2),
           Op("insert_empty", 3), Op("confirm", 5)]
    assert s.replayed >= 4  # at least every decision printed as done
    assert s.alignment == _expected(copy, ops[: s.replayed])
    s.close()


def test_a_decision_that_cannot_be_journaled_is_not_made(copy, monkeypatch):
    from tmtool.review.journal import Journal

    s = ReviewSession.open(copy)
    s.apply(OPS[0])

    def full_disk(self, record, *, sync=True):  # noqa: ANN001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Journal, "append", full_disk)
    before = s.alignment
    with pytest.raises(StoreError, match="cannot write the review journal .*No space left"):
        s.apply(OPS[1])
    with pytest.raises(StoreError):
        s.undo()
    assert s.alignment is before and s.history.can_undo and not s.history.can_redo
    monkeypatch.undo()
    s.close()

_SESSION_OPS = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["merge_next", "confirm", "insert_empty", "confirm_through"]), st.integers(0, 8)),
        st.tuples(st.sampled_from(["move_first_up", "move_last_down", "no_counterpart"]), st.integers(0, 8),
                  st.sampled_from(["ar", "fr", "zh"])),
        st.tuples(st.just("split_text"), st.integers(0, 8), st.sampled_from(["en", "fr"]), st.integers(1, 40)),
        st.just(("undo",)),
        st.just(("redo",)),
        st.just(("save",)),
    ),
    max_size=15,
)


@settings(max_examples=25, deadline=None)
@given(_SESSION_OPS)
def test_any_session_survives_a_crash(tmp_path_factory, steps):
    folder = tmp_path_factory.mktemp("crash")
    path = folder / "alignment.json"
    shutil.copy(DATA / "six.json", path)
    s = ReviewSession.open(path)
    for step in steps:
        try:
            if step[0] == "undo":
                s.undo()
            elif step[0] == "redo":
                s.redo()
            elif step[0] == "save":
                s.save()
            else:
                args = ({"lang": step[2]} if len(step) == 3 else
                        {"lang": step[2], "index": 0, "at": step[3]} if len(step) == 4 else {})
                s.apply(Op(step[0], step[1], args))
        except AlignmentError:
            pass
    shown, can_undo, can_redo = s.alignment, s.history.can_undo, s.history.can_redo
    _crash(s)
    s2 = ReviewSession.open(path, force=True)
    assert s2.alignment == shown
    assert (s2.history.can_undo, s2.history.can_redo) == (can_undo, can_redo)
    while s2.history.can_undo:
        s2.undo()
    assert s2.alignment == read_alignment(DATA / "six.json")
    s2.close()


def _disk_full(monkeypatch, module) -> None:  # noqa: ANN001
    """Every atomic write of ``module`` fails as on a full disk (``monkeypatch.undo()`` gives the room back)."""

    def no_space(path, text):  # noqa: ANN001
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(module, "atomic_write_text", no_space)


def test_a_failed_save_keeps_the_journal_for_recovery(copy, monkeypatch):
    import tmtool.review.session as session_module

    s = ReviewSession.open(copy)
    s.apply(OPS[0])

    _disk_full(monkeypatch, session_module)
    with pytest.raises(StoreError, match="cannot save .*still in alignment.json.journal"):
        s.close()
    monkeypatch.undo()
    assert read_alignment(copy) == read_alignment(DATA / "six.json")
    again = ReviewSession.open(copy)  # close() released the lock even though saving failed
    assert again.alignment == _expected(copy, OPS[:1]) and again.replayed == 1
    again.close()


def test_closing_again_after_a_failed_save_says_so_and_never_saves_without_the_lock(copy, monkeypatch):
    """The app's SIGTERM handler closes (its error unseen), then the CLI closes again: the second close must
    repeat why nothing was saved, not save after the lock was released (someone else may hold it by then)."""
    import tmtool.review.session as session_module

    s = ReviewSession.open(copy)
    s.apply(OPS[0])

    _disk_full(monkeypatch, session_module)
    with pytest.raises(StoreError, match="cannot save"):
        s.close()
    monkeypatch.undo()  # the disk has room again
    assert not lock_path(copy).exists()
    journal = journal_path(copy).read_bytes()
    with pytest.raises(StoreError, match="cannot save .*still in alignment.json.journal"):
        s.close()
    assert read_alignment(copy) == read_alignment(DATA / "six.json")  # not written without the lock
    assert journal_path(copy).read_bytes() == journal  # kept as it was
    again = ReviewSession.open(copy)
    assert again.alignment == _expected(copy, OPS[:1])
    again.close()


def test_a_journal_that_cannot_be_ended_after_the_save_is_one_error_and_loses_nothing(copy, monkeypatch):
    import tmtool.review.journal as journal_module

    s = ReviewSession.open(copy)
    s.apply(OPS[0])

    _disk_full(monkeypatch, journal_module)
    with pytest.raises(StoreError, match="saved, but the review journal alignment.json.journal could not be ended"):
        s.close()
    monkeypatch.undo()
    assert read_alignment(copy) == _expected(copy, OPS[:1])  # the file holds the decision
    again = ReviewSession.open(copy)  # the journal still replays to the same state
    assert again.alignment == _expected(copy, OPS[:1]) and again.unsaved == 0
    again.close()


def test_a_second_reviewer_through_a_symlink_is_refused_too(copy, tmp_path):
    """A session opened through a symlink (another folder, another name) took a lock and kept a journal beside
    the link: two reviewers worked on one file, and the first one's save was then refused (file changed on
    disk), leaving their decisions in a journal the file no longer matched."""
    path = copy
    (tmp_path / "elsewhere").mkdir()
    links = [tmp_path / "elsewhere" / "alignment.json", tmp_path / "other-name.json"]
    for link in links:
        link.symlink_to(path)
    with ReviewSession.open(path) as first:
        first.apply(Op("merge_next", 2))
        for link in links:
            with pytest.raises(LockedError):
                ReviewSession.open(link)
        assert not any(Path(f"{link}.lock").exists() or Path(f"{link}.journal").exists() for link in links)
    with ReviewSession.open(links[0]) as later:  # when the first reviewer is done, the link opens the file
        later.apply(Op("confirm", 1))
        assert later.path == path.resolve()
    assert read_alignment(path).links[1].status == "confirmed"
    assert links[0].is_symlink() and not Path(f"{links[0]}.journal").exists()
    assert (path.parent / "alignment.json.journal").exists()  # the resume record, beside the real file
    # what other commands look for (tmtool export's unsaved-review warning) is found through the link as well
    assert journal_path(links[1]) == journal_path(path) and lock_path(links[0]) == lock_path(path)


def test_a_review_left_over_a_changed_file_can_be_recovered_as_the_message_says(copy):
    """The file changed behind an unfinished journal (re-aligned over a crashed review): the only way out the
    message gave was to delete the journal, which throws the review away. It now says how to recover it, and
    doing what it says brings every decision back."""
    s = ReviewSession.open(copy)
    s.apply(Op("merge_next", 2))
    s.apply(Op("confirm", 1))
    expected = s.alignment.to_json()
    _crash(s)
    copy.write_text(copy.read_text().replace("Delegations welcomed", "Delegations praised"))
    s.lock.release()  # the reviewer's next start (a kill -9 leaves a stale lock, taken over with --force)
    with pytest.raises(FormatError) as failed:
        ReviewSession.open(copy)
    message = str(failed.value)
    assert "2 review event(s)" in message
    assert "To recover that review: move alignment.json aside, copy alignment.json.journal-base" in message
    assert "To discard that review: delete alignment.json.journal and alignment.json.journal-base" in message
    copy.rename(copy.with_name("new-alignment.json"))
    shutil.copy(copy.with_name("alignment.json.journal-base"), copy)
    with ReviewSession.open(copy) as recovered:
        assert recovered.unsaved == 2 and recovered.alignment.to_json() == expected


@pytest.mark.parametrize("save", [False, True])
def test_a_cursor_record_after_close_never_replaces_a_journal_of_unsaved_decisions(copy, save):
    """A cursor record after close() (the UI's half-second cursor timer firing while a SIGTERM shuts it down)
    replaced the journal with a resume record: decisions that close(save=False), or a save refused because the
    file changed on disk, had left in the journal for the next open were gone (it recovered 0)."""
    s = ReviewSession.open(copy)
    s.apply(Op("merge_next", 2))
    s.apply(Op("confirm", 1))
    expected = s.alignment.to_json()
    if save:
        copy.write_text(copy.read_text().replace("Delegations welcomed", "Delegations praised"))
        with pytest.raises(StoreError):
            s.close()
        copy.write_text(copy.read_text().replace("Delegations praised", "Delegations welcomed"))  # put back
    else:
        s.close(save=False)
    s.set_cursor(3, "en", record=True)
    with ReviewSession.open(copy) as reopened:
        assert reopened.unsaved == 2 and reopened.alignment.to_json() == expected


def test_a_journal_left_beside_a_symlink_by_an_earlier_version_is_not_ignored(copy, tmp_path):
    """Before the lock and journal followed symlinks, a review through a link kept its journal beside the link.
    Opened through the link now, that journal was not looked at: its decisions silently not replayed, its files
    left behind. Opening now stops with one line saying where it is and what to do; doing so recovers it."""
    link = tmp_path / "other-name.json"
    link.symlink_to(copy)
    with ReviewSession.open(copy) as s:  # a review with decisions, killed: its journal and base copy remain
        s.apply(Op("merge_next", 2))
        s.journal.close()
        s.closed = True
        s.lock.release()
        s.lock = None
    for name in ("alignment.json.journal", "alignment.json.journal-base"):
        (copy.parent / name).rename(tmp_path / name.replace("alignment.json", "other-name.json"))
    with pytest.raises(InputError, match=r"other-name.json.journal beside this link is a review of .* left by an "
                                         r"earlier version: move other-name.json.journal"):
        ReviewSession.open(link)
    for name in ("journal", "journal-base"):  # as the message says: beside the file, with its name
        (tmp_path / f"other-name.json.{name}").rename(copy.parent / f"alignment.json.{name}")
    with ReviewSession.open(link) as recovered:
        assert recovered.unsaved == 1 and recovered.alignment.links[2].status == "edited"
