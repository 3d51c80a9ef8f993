"""Atomic writes: all or nothing, and the file keeps ordinary permissions."""

from __future__ import annotations

import os
import stat

import pytest

from tmtool.fileio import atomic_write, atomic_write_text


def test_replaces_content(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old", "utf-8")
    atomic_write_text(path, "new")
    assert path.read_text("utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_failure_leaves_old_content_and_no_temp_file(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("old", "utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as fh:
            fh.write(b"half")
            raise RuntimeError("killed")
    assert path.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_new_file_gets_umask_mode_not_private(tmp_path):
    old = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "n.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "n.txt").stat().st_mode) == 0o644


def test_existing_mode_is_kept(tmp_path):
    path = tmp_path / "e.txt"
    path.write_text("x", "utf-8")
    path.chmod(0o664)
    atomic_write_text(path, "y")
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
