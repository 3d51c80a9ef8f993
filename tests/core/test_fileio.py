"""Atomic writes: all or nothing, and the file keeps ordinary permissions."""

from __future__ import annotations

import fcntl
import os
import stat
import time
from pathlib import Path

import pytest

from tmtool.fileio import atomic_write, atomic_write_text, nearest_existing


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


def test_symlink_is_written_through_to_its_target(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "out.tmx"
    real.write_text("old", "utf-8")
    real.chmod(0o644)
    link = tmp_path / "out.tmx"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text("utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert sorted(p.name for p in shared.iterdir()) == ["out.tmx"]  # no temp file left beside the target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.tmx", "shared"]


def test_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "out.txt"
    link.symlink_to(tmp_path / "real.txt")
    atomic_write_text(link, "x")
    assert link.is_symlink() and (tmp_path / "real.txt").read_text("utf-8") == "x"


def test_device_behind_a_symlink_is_written_not_replaced(tmp_path):
    link = tmp_path / "sink"
    link.symlink_to(os.devnull)
    atomic_write_text(link, "discarded")
    assert link.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sink"]


def test_fifo_is_written_directly(tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    atomic_write_text(fifo, "through the pipe")
    reader.join(timeout=10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_file_in_the_way_of_the_folder_is_not_a_directory(tmp_path):
    blocker = tmp_path / "afile.txt"
    blocker.write_text("hi", "utf-8")
    with pytest.raises(NotADirectoryError) as exc:
        atomic_write_text(blocker / "sub" / "x.tmx", "x")
    assert exc.value.filename == str(blocker) and exc.value.strerror == "not a directory"
    assert blocker.read_text("utf-8") == "hi"


def test_a_name_of_an_open_file_is_written_through_not_replaced(tmp_path):
    """``/proc/self/fd/N`` (what ``/dev/stdout`` leads to) names the open file itself, here a regular file (stdout
    redirected to one): replacing it would leave the process writing to a deleted file."""
    path = tmp_path / "redirected.txt"
    with open(path, "w", encoding="utf-8") as held:
        inode = os.stat(path).st_ino
        atomic_write_text(f"/proc/self/fd/{held.fileno()}", "written through")
    assert path.read_text("utf-8") == "written through"
    assert os.stat(path).st_ino == inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redirected.txt"]


def test_nearest_existing_is_where_a_folder_to_be_made_starts(tmp_path, monkeypatch):
    """One walk up for every caller (atomic writes, align's and the CLI's output checks): the path itself when
    anything is there (a dangling symlink too), else the nearest ancestor that is, a regular file included."""
    afile = tmp_path / "afile.txt"
    afile.write_text("hi", "utf-8")
    (tmp_path / "dangling").symlink_to(tmp_path / "nowhere")
    assert nearest_existing(afile) == afile
    assert nearest_existing(tmp_path / "new" / "sub" / "x.tmx") == tmp_path
    assert nearest_existing(afile / "sub" / "x.tmx") == afile
    assert nearest_existing(tmp_path / "dangling") == tmp_path / "dangling"
    assert nearest_existing(tmp_path / "dangling" / "x") == tmp_path / "dangling"
    monkeypatch.chdir(tmp_path)
    assert nearest_existing("new/sub") == Path(".")
    assert nearest_existing(Path("/")) == Path("/")


@pytest.mark.parametrize("args", [
    ["export", "{al}", "--tmx", "{out}.tmx"],
    ["glossary", "extract", "{al}", "--src", "en", "--tgt", "fr", "-o", "{out}.tsv"],
])  # fmt: skip
def test_an_unwritable_folder_is_reported_with_the_file_given(tmp_path, monkeypatch, cli_run, args):
    """A folder where no file can be made (read-only; simulated: the tests may run as root, whom chmod does not
    stop): the error named the temp file atomic_write tried, '.x.tmx.k3j2x9.tmp', a name the user never gave."""
    import tempfile

    from tmtool.align import AlignedDocument, Alignment, Link, write_alignment

    al = tmp_path / "alignment.json"
    write_alignment(Alignment((AlignedDocument("en", ("The Council met.",)), AlignedDocument("fr", ("Le Conseil.",))),
                              (Link({"en": (0,), "fr": (0,)}, 0.9),)), al)
    out = tmp_path / "ro" / "x"
    out.parent.mkdir()

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied", str(out.parent / ".x.tmx.k3j2x9.tmp"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    argv = [a.format(al=al, out=out) for a in args]
    code, _, err = cli_run(argv)
    assert (code, err) == (1, f"tmtool: error: {argv[-1]}: Permission denied\n")
    assert list(out.parent.iterdir()) == []


@pytest.mark.parametrize("where", ["write", "fsync"])
def test_a_full_disk_is_reported_with_the_file_given(tmp_path, monkeypatch, where):
    """A write or fsync refused by the disk says only 'No space left on device': the error names the file."""
    import errno

    path = tmp_path / "a.txt"
    path.write_text("old", "utf-8")

    def full(*_args):
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "fsync":
        monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError) as caught:
        with atomic_write(path) as fh:
            if where == "write":
                full()
            fh.write(b"new")
    assert (caught.value.errno, caught.value.filename) == (errno.ENOSPC, str(path))
    assert path.read_text("utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_another_error_of_the_block_is_not_given_the_file(tmp_path):
    """The block may fail on another file (its input): that error is left as it is."""
    with pytest.raises(FileNotFoundError) as caught:
        with atomic_write(tmp_path / "a.txt"):
            raise FileNotFoundError(2, "No such file or directory")
    assert caught.value.filename is None


def _left_temp(folder: Path, name: str, age: float, random: str = "k3j2x9ab") -> Path:
    """A temp file as a killed write of ``name`` leaves it (``random``: mkstemp's part), last touched ``age``
    seconds ago."""
    path = folder / f".{name}.{random}.tmp"
    path.write_text("half of a file")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_a_write_removes_the_temp_file_a_killed_write_of_the_same_file_left(tmp_path: Path) -> None:
    """kill -9 during an export left its hidden temp file (megabytes of a TMX) beside the target for ever; the
    next write of that file removes it, and nothing else: not another file's, not one a live writer holds, not a
    recent one, not a file that only looks like one."""
    stale = _left_temp(tmp_path, "letter.tmx", 3600)
    other = _left_temp(tmp_path, "other.tmx", 3600)
    recent = tmp_path / ".letter.tmx.abcdefgh.tmp"
    recent.write_text("a write that began a moment ago")
    mine = tmp_path / ".letter.tmx.notes.tmp"
    mine.write_text("a user's file")
    os.utime(mine, (0, 0))
    held = _left_temp(tmp_path, "letter.tmx", 3600, "held0000")
    with open(held) as holder:
        fcntl.flock(holder.fileno(), fcntl.LOCK_EX)  # a writer still at work (a slow disk, a huge export)
        atomic_write_text(tmp_path / "letter.tmx", "<tmx/>")
    assert not stale.exists()
    assert other.exists() and recent.exists() and mine.exists() and held.exists()
    assert (tmp_path / "letter.tmx").read_text() == "<tmx/>"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".letter.tmx.")) == [
        ".letter.tmx.abcdefgh.tmp", ".letter.tmx.held0000.tmp", ".letter.tmx.notes.tmp"]


def test_a_killed_write_leaves_a_temp_file_the_next_write_removes(tmp_path: Path) -> None:
    """A real writer killed with SIGKILL in the middle of its write: its temp file stays; the next write of the
    same file, once it is stale, takes it away."""
    import subprocess
    import sys

    code = ("import sys, time; from tmtool.fileio import atomic_write\n"
            "with atomic_write(sys.argv[1], 'w', encoding='utf-8') as fh:\n"
            "    fh.write('x' * 1000); fh.flush(); print('writing', flush=True); time.sleep(60)\n")
    target = tmp_path / "alignment.json"
    proc = subprocess.Popen([sys.executable, "-c", code, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
        (left,) = tmp_path.glob(".alignment.json.*.tmp")
        atomic_write_text(target, "{}")  # while the writer lives: its temp file is held, even if old
        os.utime(left, (0, 0))
        atomic_write_text(target, "{}")
        assert left.exists()
    finally:
        proc.kill()
        proc.wait()
    atomic_write_text(target, "{}")  # killed: no one holds it, and it is old
    assert not left.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["alignment.json"]
