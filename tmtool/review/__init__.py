"""Reviewing alignments: pure operations, a crash-safe session (journal + lock), and a Textual app.

Importing this package does not import Textual; the UI lives in :mod:`tmtool.review.app`.
"""

from .journal import Journal
from .lock import LockedError, ReviewLock
from .operations import OPERATIONS, History, Op, apply_op
from .session import ReviewSession

__all__ = ["OPERATIONS", "History", "Journal", "LockedError", "Op", "ReviewLock", "ReviewSession", "apply_op"]
