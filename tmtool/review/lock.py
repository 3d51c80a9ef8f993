"""A lock file beside the alignment so that two reviewers never silently overwrite each other.

``alignment.json.lock`` holds JSON ``{"user", "host", "pid", "time"}``; it is created with ``O_EXCL`` (so two
processes cannot both win) and removed when the review ends. A lock left by a process that no longer runs on
this host is *stale*: it is reported as such and can be taken over with ``force=True``. ``force`` never takes
the lock of a process that is still running on this host (that reviewer is at work); a lock held on another
host cannot be checked, and ``force`` takes it. Each lock also carries a random ``token`` so that a session
can tell whether the lock file is still the one it wrote (:meth:`ReviewLock.is_mine`).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import InputError
from ..fileio import atomic_write_text

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
    """``alignment.json`` -> ``alignment.json.lock``."""
    p = Path(alignment_path)
    return p.with_name(p.name + ".lock")


def read_lock(path: Path) -> LockInfo | None:
    """The lock's holder, or ``None`` if there is no lock (nor can be: a path under a regular file); an
    unreadable lock reads as an unknown holder."""
    try:
        data = json.loads(path.read_text("utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["time"]))
    except (FileNotFoundError, NotADirectoryError):
        return None
    except (OSError, ValueError, KeyError, TypeError):
        return LockInfo("unknown", "unknown", -1, "unknown time")


class ReviewLock:
    """The lock held by this process on one alignment file; release it with :meth:`release`."""

    def __init__(self, alignment_path: str | os.PathLike[str], *, force: bool = False) -> None:
        self.path = lock_path(alignment_path)
        self.info = LockInfo.mine()
        self.taken_over: LockInfo | None = None
        text = json.dumps({**asdict(self.info), "token": secrets.token_hex(8)})
        self.text = text  # what this session wrote: the lock is still ours while the file holds exactly this
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = read_lock(self.path) or LockInfo("unknown", "unknown", -1, "unknown time")
            if not force:
                target = Path(alignment_path)
                if holder.is_stale():
                    raise LockedError(
                        f"a stale review lock was left by {holder.owner}, which is no longer running; "
                        f"run again with --force to take it over (its unsaved decisions are replayed from "
                        f"the journal)",
                        target,
                    ) from None
                raise LockedError(
                    f"being reviewed by {holder.owner}; wait for them to finish, or use --force if you are "
                    f"sure nobody is working on it (lock file {self.path.name})",
                    target,
                ) from None
            if holder.host == self.info.host and holder.pid != self.info.pid and not holder.is_stale():
                raise LockedError(
                    f"--force refused: the review lock is held by {holder.owner}, and pid {holder.pid} is alive "
                    f"on this host: that reviewer is still at work; ask them to quit (or end that process)",
                    Path(alignment_path),
                ) from None
            self.taken_over = holder
            atomic_write_text(self.path, text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())

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
        """Remove the lock file if it is still ours."""
        if self.is_mine():
            with contextlib.suppress(OSError):
                self.path.unlink()
