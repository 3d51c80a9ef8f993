"""The review lock: no lock where none can be, an unknown holder for a lock it cannot read, one winner of a race."""

from __future__ import annotations

import json
import multiprocessing
import socket
import subprocess
import sys
import threading

import pytest

from tmtool.review.lock import LockedError, ReviewLock, lock_path, read_lock


def test_a_path_under_a_regular_file_has_no_lock(tmp_path):
    blocker = tmp_path / "afile.txt"
    blocker.write_text("hi", "utf-8")
    assert read_lock(lock_path(blocker / "sub" / "alignment.json")) is None
    assert read_lock(lock_path(tmp_path / "missing" / "alignment.json")) is None


def test_an_unreadable_lock_is_an_unknown_holder(tmp_path):
    lock = lock_path(tmp_path / "alignment.json")
    lock.write_text("{not json", "utf-8")
    assert read_lock(lock).user == "unknown"


def _taker(path, force, rounds, start, done, results):
    """One reviewer opening ``path`` at the same moment as the others, ``rounds`` times (a process of its own:
    ``--force`` tells processes apart by pid)."""
    try:
        for round_ in range(rounds):
            start.wait()
            try:
                results.put((round_, ReviewLock(path, force=force).text))
            except LockedError:
                results.put((round_, None))
            done.wait()  # every taker has tried; the winner is still running while the lock file is checked
    except threading.BrokenBarrierError:  # the test failed and let go
        pass


def _dead_pid() -> int:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    return dead.pid


@pytest.mark.parametrize("before, forces", [
    ("none", (False, False)),
    ("none", (False, True)),
    ("none", (True, True)),
    ("stale", (True, True)),
    ("stale", (False, True, True)),
])
def test_reviewers_racing_for_the_lock_never_both_win(tmp_path, before, forces):
    """Two or three reviewers open the same alignment at the same moment, 60 times over: exactly one gets the lock
    each time, and the lock file names that one (taking the lock, or taking over a stale one, is atomic)."""
    path = tmp_path / "alignment.json"
    stale = json.dumps({"user": "ana", "host": socket.gethostname(), "pid": _dead_pid(), "time": "2026-01-01"})
    rounds = 60
    context = multiprocessing.get_context("fork")
    start, done = context.Barrier(len(forces) + 1), context.Barrier(len(forces) + 1)
    results = context.Queue()
    takers = [context.Process(target=_taker, args=(path, force, rounds, start, done, results)) for force in forces]
    for taker in takers:
        taker.start()
    try:
        for round_ in range(rounds):
            lock_path(path).unlink(missing_ok=True)
            if before == "stale":
                lock_path(path).write_text(stale, "utf-8")
            start.wait(timeout=30)
            got = [results.get(timeout=30) for _ in forces]
            won = [text for number, text in got if text is not None]
            assert {number for number, _ in got} == {round_}
            assert len(won) == 1, f"round {round_}: {len(won)} reviewers got the lock"
            assert lock_path(path).read_text("utf-8") == won[0]
            done.wait(timeout=30)
    finally:
        start.abort()
        done.abort()
        for taker in takers:
            taker.join(timeout=30)
            if taker.is_alive():
                taker.kill()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["alignment.json.lock"]  # nothing else left beside it
