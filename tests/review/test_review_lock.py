"""The review lock reader: no lock where none can be, an unknown holder for a lock it cannot read."""

from __future__ import annotations

from tmtool.review.lock import lock_path, read_lock


def test_a_path_under_a_regular_file_has_no_lock(tmp_path):
    blocker = tmp_path / "afile.txt"
    blocker.write_text("hi", "utf-8")
    assert read_lock(lock_path(blocker / "sub" / "alignment.json")) is None
    assert read_lock(lock_path(tmp_path / "missing" / "alignment.json")) is None


def test_an_unreadable_lock_is_an_unknown_holder(tmp_path):
    lock = lock_path(tmp_path / "alignment.json")
    lock.write_text("{not json", "utf-8")
    assert read_lock(lock).user == "unknown"
