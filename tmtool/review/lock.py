"""A lock file beside the alignment so that two reviewers never silently overwrite each other.

``alignment.json.lock`` holds JSON ``{"user", "host", "pid", "time", "token"}``; it is removed when the review
ends. A lock left by a process that no longer runs on this host is *stale*: it is reported as such and can be
taken over with ``force=True``. ``force`` never takes the lock of a process that is still running on this host
(that reviewer is at work); a lock held on another host cannot be checked, and ``force`` takes it. The random
``token`` lets a session tell whether the lock file is still the one it wrote (:meth:`ReviewLock.is_mine`).

Taking the lock is atomic, so two reviewers opening the file at the same moment never both get it: the lock is
written in full to a file of its own and hard-linked to ``alignment.json.lock``, which fails when a lock exists
(an ``O_EXCL`` create that is never seen empty; where the file system has no hard links, a plain ``O_EXCL``
create). A lock is taken over, or released, by renaming it aside first (only one process can) and checking that
what was moved is the lock that was judged stale (or is ours); a lock moved by mistake is put back.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import json
import os
import secrets
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import InputError

__all__ = ["LockInfo", "ReviewLock", "LockedError", "lock_path", "read_lock"]


class LockedError(InputError):
    """The alignment is being reviewed by someone else (or a stale lock was left behind)."""


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock."""

    user: str
    host: str
    pid: int
    time: str

    @classmethod
    def mine(cls) -> LockInfo:
        try:
            user = getpass.getuser()
        except (KeyError, OSError):
            user = "unknown"
        return cls(user, socket.gethostname(), os.getpid(), datetime.now(timezone.utc).isoformat(timespec="seconds"))

    @property
    def owner(self) -> str:
        return f"{self.user}@{self.host} (pid {self.pid}) since {self.time}"

    def is_stale(self) -> bool:
        """True when the holder ran on this host and is no longer running."""
        if self.host != socket.gethostname():
            return False
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return True
        except (PermissionError, OSError):
            return False
        return False


def lock_path(alignment_path: str | os.PathLike[str]) -> Path:
    """``alignment.json`` -> ``alignment.json.lock``, beside the file a symlink points to."""
    p = Path(os.path.realpath(alignment_path))
    return p.with_name(p.name + ".lock")


def read_lock(path: Path) -> LockInfo | None:
    """The lock's holder, or ``None`` if there is no lock (nor can be: a path under a regular file); an
    unreadable lock reads as an unknown holder."""
    try:
        return _holder(path.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return _UNKNOWN


_UNKNOWN = LockInfo("unknown", "unknown", -1, "unknown time")
_NO_HARD_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EMLINK}
_ATTEMPTS = 50  # rounds of create / judge / move aside before giving up (each lost race means another won)


def _holder(raw: bytes) -> LockInfo:
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["time"]))
    except (ValueError, KeyError, TypeError):
        return _UNKNOWN


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(f"{path.name}.{secrets.token_hex(6)}{suffix}")


def _create(path: Path, text: str) -> bool:
    """Create ``path`` holding ``text`` unless it exists (``False``), atomically: never seen empty or half written."""
    draft = _beside(path, ".new")
    try:
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except OSError as exc:  # an unwritable folder: named by the lock file, as the user knows it
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        _write_synced(fd, text)
        os.link(draft, path)
    except FileExistsError:
        return False
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        return _create_in_place(path, text)
    finally:
        with contextlib.suppress(OSError):
            draft.unlink()
    return True


def _create_in_place(path: Path, text: str) -> bool:
    """:func:`_create` where the file system has no hard links: ``O_EXCL``, then the text."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    _write_synced(fd, text)
    return True


def _write_synced(fd: int, text: str) -> None:
    """Write ``text`` to the new file ``fd`` (closed after) and fsync it."""
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _remove_if(path: Path, expected: bytes) -> bool:
    """Remove the lock file if it holds exactly ``expected``; ``False`` (and the file left as it was) if it holds
    something else or is gone. The file is renamed aside first, so two processes can never both remove it; a
    lock that turns out not to be ``expected`` is put back (unless a new one was taken meanwhile: its holder is
    then told at their next decision that the lock is no longer theirs)."""
    aside = _beside(path, ".old")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return False
    try:
        moved = aside.read_bytes()
    except OSError:
        moved = None
    if moved == expected:
        aside.unlink()
        return True
    try:
        os.link(aside, path)
    except FileExistsError:
        pass
    except OSError:  # cannot be put back by a link: renamed back, unless a new lock was taken meanwhile
        if not path.exists():
            os.rename(aside, path)
    with contextlib.suppress(OSError):
        aside.unlink()
    return False


class ReviewLock:
    """The lock held by this process on one alignment file; release it with :meth:`release`."""

    def __init__(self, alignment_path: str | os.PathLike[str], *, force: bool = False) -> None:
        self.path = lock_path(alignment_path)
        self.info = LockInfo.mine()
        self.taken_over: LockInfo | None = None
        self.text = json.dumps({**asdict(self.info), "token": secrets.token_hex(8)})
        # what this session wrote: the lock is still ours while the file holds exactly this
        target = Path(alignment_path)
        for _ in range(_ATTEMPTS):
            if _create(self.path, self.text):
                return
            try:
                raw = self.path.read_bytes()
            except FileNotFoundError:
                continue  # released or moved aside just now: try again
            except OSError as exc:
                raise LockedError(f"cannot read the review lock {self.path.name} ({exc.strerror or exc}); "
                                  f"nobody can tell who holds it", target) from None
            holder = _holder(raw)
            self._judge(holder, force, target)
            if _remove_if(self.path, raw):
                self.taken_over = holder
        raise LockedError(f"other reviewers are taking the review lock at the same moment; try again "
                          f"(lock file {self.path.name})", target)

    def _judge(self, holder: LockInfo, force: bool, target: Path) -> None:
        """Raise :class:`LockedError` unless ``holder``'s lock may be taken over (``force``, and not alive here)."""
        if not force:
            if holder.is_stale():
                raise LockedError(
                    f"a stale review lock was left by {holder.owner}, which is no longer running; "
                    f"run again with --force to take it over (its unsaved decisions are replayed from "
                    f"the journal)",
                    target,
                )
            raise LockedError(
                f"being reviewed by {holder.owner}; wait for them to finish, or use --force if you are "
                f"sure nobody is working on it (lock file {self.path.name})",
                target,
            )
        if holder.host == self.info.host and holder.pid != self.info.pid and not holder.is_stale():
            raise LockedError(
                f"--force refused: the review lock is held by {holder.owner}, and pid {holder.pid} is alive "
                f"on this host: that reviewer is still at work; ask them to quit (or end that process)",
                target,
            )

    def is_mine(self) -> bool:
        """True while the lock file is still the one this session wrote (not removed, not taken over)."""
        try:
            return self.path.read_text("utf-8") == self.text
        except (OSError, UnicodeDecodeError):
            return False

    def holder(self) -> str:
        """Who holds the lock file now, in words (for messages)."""
        info = read_lock(self.path)
        return info.owner if info is not None else "nobody (the lock file was removed)"

    def release(self) -> None:
        """Remove the lock file if it is still ours (checked on the file moved aside, so never someone else's)."""
        if self.is_mine():
            with contextlib.suppress(OSError):
                _remove_if(self.path, self.text.encode("utf-8"))
