"""Parts held by their writer: a part file no manifest names yet is either on its way (its add still running, which
may have written it hours before its commit: an import of millions of units) or the orphan of a killed write. The
writer keeps each part it wrote open under a shared lock (``flock``) until its commit; kill -9 ends the hold, so a
part no one holds and no manifest names is an orphan."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

__all__ = ["hold", "held"]


def hold(part: Path) -> int | None:
    """Open ``part`` under a shared lock; the descriptor (close it to end the hold), or ``None`` if it cannot be
    opened."""
    try:
        fd = os.open(part, os.O_RDONLY)
    except OSError:
        return None
    fcntl.flock(fd, fcntl.LOCK_SH)
    return fd


def held(part: Path) -> bool:
    """Whether a writer holds ``part`` (:func:`hold`): its add is running, it is no orphan."""
    try:
        fd = os.open(part, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing ends the probe's own lock
    return False
