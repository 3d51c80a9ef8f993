"""Small file helpers: atomic writes, and delimited rows with the place of a malformed one."""

from __future__ import annotations

import contextlib
import csv
import errno
import fcntl
import io
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .errors import FormatError, InputError

__all__ = ["atomic_write", "atomic_write_text", "atomic_write_bytes", "fsync_dir", "csv_rows", "same_file",
           "nearest_existing", "regular_file", "write_failure",
           "WRITE_ERRNOS", "parquet_bytes"]


def regular_file(path: str | os.PathLike[str]) -> Path:
    """``path``, when it names a regular file (or a link to one); else :class:`InputError` saying what it is:
    ``no such file``, ``is a directory, not a file``, or ``not a regular file`` (``/dev/null``, a FIFO, a socket:
    read as empty input, or never ending, they were taken for a missing or empty file)."""
    p = Path(path)
    try:
        mode = p.stat().st_mode
    except FileNotFoundError:
        raise InputError("no such file", p) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    if stat.S_ISDIR(mode):
        raise InputError("is a directory, not a file", p)
    if not stat.S_ISREG(mode):
        raise InputError("not a regular file", p)
    return p


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """``a`` and ``b`` name the same file (same path, symlink or hard link), existing or not."""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare the resolved paths
        return os.path.realpath(a) == os.path.realpath(b)


def fsync_dir(directory: str | os.PathLike[str]) -> None:
    """fsync a directory so that a rename inside it survives a crash (no-op where unsupported)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _names_an_open_file(path: Path) -> bool:
    """Whether ``path`` or a symlink it leads through is in ``/dev`` or ``/proc`` (``/dev/stdout``,
    ``/proc/self/fd/1``): a name for a file this process has open, even when that is a regular file (stdout
    redirected to one), which must be written through, not replaced."""
    current = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit of symlinks followed
        if current.startswith(("/dev/", "/proc/")):
            return True
        if not os.path.islink(current):
            return False
        current = os.path.abspath(os.path.join(os.path.dirname(current), os.readlink(current)))
    return False


def nearest_existing(path: str | os.PathLike[str]) -> Path:
    """``path`` if something is there (a file, a folder, a symlink even dangling), else its nearest ancestor that
    is (one of ``Path(path).parents``; the root or ``.`` at worst): where a folder to be made would start."""
    probe = Path(path)
    while not os.path.lexists(probe) and probe != probe.parent:
        probe = probe.parent
    return probe


def _make_folder(folder: Path) -> None:
    """``folder`` and its missing parents; a regular file in the way is ``NotADirectoryError`` naming that file
    (``mkdir`` would say ``File exists``)."""
    probe = nearest_existing(folder)
    if not probe.is_dir():  # nearest_existing gives a path that exists
        raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(probe))
    folder.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike[str], mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:
    """Write ``path`` atomically: a temp file in the same folder, flushed, fsynced, then renamed over it.

    If the block raises, the temp file is removed and ``path`` is untouched. A symlink is written through: its
    target is replaced (the temp file beside the target), the link stays. A path that is not a regular file (a
    device, a FIFO) or that names an open file (``/dev/stdout``, ``/proc/self/fd/1``) is written directly, not
    atomically: it cannot be replaced.
    """
    target = Path(path)
    try:
        info = target.stat()  # follows symlinks
    except (FileNotFoundError, NotADirectoryError):
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(target))
    if info is not None and (not stat.S_ISREG(info.st_mode) or _names_an_open_file(target)):
        with open(target, mode, encoding=encoding, newline="" if "b" not in mode else None) as fh:
            yield fh
        return
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    _make_folder(target.parent)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:  # the error names the file the user gave, not a temp name never seen (.x.tmx.k3j2.tmp)
        raise type(exc)(exc.errno, exc.strerror, str(path)) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # held while it is written: _remove_stale_temps leaves it alone
        _remove_stale_temps(target, tmp)
        # mkstemp makes the file private (0600); give it the mode the file had, or the usual umask one.
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, mode, encoding=encoding, newline="" if "b" not in mode else None) as fh:
            try:
                yield fh
            except OSError as exc:
                _name_the_file(exc, path, WRITE_ERRNOS)
                raise
            try:
                fh.flush()
                os.fsync(fh.fileno())
            except OSError as exc:
                _name_the_file(exc, path)
                raise
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


# a temp file no writer has touched for this long, and none holds, was left by a write killed outright (kill -9,
# a power cut): the next write of the same file removes it (a live writer locks its temp file from its first moment)
STALE_TEMP_SECONDS = 60


def _remove_stale_temps(target: Path, keep: str) -> None:
    """Remove the temp files an earlier write of ``target`` left beside it when it was killed outright
    (``.letter.tmx.k3j2x9ab.tmp``, which may hold megabytes): those no writer holds (their writer locks them) and
    none has touched for :data:`STALE_TEMP_SECONDS`. ``keep``: this write's own."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.[a-z0-9_]{{8}}\.tmp")
    now = time.time()
    with contextlib.suppress(OSError), os.scandir(target.parent) as entries:
        for entry in entries:
            if not pattern.fullmatch(entry.name) or entry.path == keep:
                continue
            with contextlib.suppress(OSError):
                if now - entry.stat(follow_symlinks=False).st_mtime < STALE_TEMP_SECONDS:
                    continue
                fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # BlockingIOError: a writer holds it
                    os.unlink(entry.path)
                finally:
                    os.close(fd)


def _name_the_file(exc: OSError, path: str | os.PathLike[str], only: frozenset[int] | None = None) -> None:
    """Give a write error that names no file (a full disk, a file size limit: ``fh.write`` and ``fsync`` say
    ``No space left on device`` and nothing more) the name of the file the user gave; with ``only``, just
    those errors (a block may raise others, about other files)."""
    if exc.filename is None and (only is None or exc.errno in only):
        exc.filename = os.fspath(path)


# what a write that cannot be made says: a full disk, a quota or size limit, a read-only or forbidden folder, I/O
WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO})


def write_failure(exc: BaseException) -> str | None:
    """When ``exc`` says a file could not be written (an ``OSError`` of :data:`WRITE_ERRNOS`), what it says
    (``No space left on device``), else ``None``."""
    if isinstance(exc, OSError) and exc.errno in WRITE_ERRNOS:
        return exc.strerror or str(exc)
    return None


def parquet_bytes(frame: Any, **options: Any) -> memoryview:
    """``frame`` (a polars DataFrame) as Parquet bytes, written in memory: a disk that refuses the file then
    fails the write of these bytes with an ``OSError`` that says why (polars' own writer reports a full disk as
    ``Invalid thrift: transport error``, or with no errno at all)."""
    buf = io.BytesIO()
    frame.write_parquet(buf, **options)
    return buf.getbuffer()


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    with atomic_write(path, "wb") as fh:
        fh.write(data)


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Atomically replace ``path`` with ``text`` encoded as UTF-8."""
    atomic_write_bytes(path, text.encode("utf-8"))


def _sniff_delimiter(first_line: str) -> str:
    """The most frequent of tab, semicolon and comma in the header line (comma on a tie)."""
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def csv_rows(text: str, path: str | os.PathLike[str]) -> Iterator[tuple[int, list[str]]]:
    """``(line, row)`` of a delimited text (the delimiter sniffed from its first line), ``line`` being where the
    row ends. Malformed CSV (a quote never closed, text after a closing quote) is a :class:`FormatError` at the
    line where the bad row starts, not one long field read to the end of the file."""
    reader = csv.reader(io.StringIO(text), delimiter=_sniff_delimiter(text.split("\n", 1)[0]), strict=True)
    done = 0
    try:
        for row in reader:
            yield reader.line_num, row
            done = reader.line_num
    except csv.Error as exc:
        raise FormatError(f"bad CSV: {exc}", Path(path), done + 1) from None
