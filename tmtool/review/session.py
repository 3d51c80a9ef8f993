"""A review session on one alignment file: lock, journal, history and cursor, without any UI.

The Textual app drives a :class:`ReviewSession`; tests and scripts can drive one directly::

    with ReviewSession.open("alignment.json") as session:
        session.apply(Op("merge_next", 3))
        session.undo()
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..align.model import Alignment, read_alignment
from ..errors import AlignmentError, FormatError, InputError, StoreError
from ..fileio import atomic_write_text
from .journal import Journal, sha256
from .lock import ReviewLock, lock_path
from .operations import History, Op, apply_op

__all__ = ["ReviewSession", "serialize"]


def serialize(alignment: Alignment) -> bytes:
    """The bytes of ``alignment.json`` for ``alignment`` (what :func:`write_alignment` writes)."""
    alignment.validate()
    return (json.dumps(alignment.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def replay_journal(history: History, state: Any, file_sha: str, journal_path: Path) -> int:
    """Apply an unfinished journal's events (decisions, undos, redos) to ``history``, which starts at the journal's
    base; return how many steps the result is from the state the alignment file holds (``file_sha``: the base, or
    a save the journal records): the decisions not saved. An undone decision is none."""
    saved_at = state.saved_sha256.get(file_sha, 0)  # journal line of the save the file holds (0: the base)
    saved = history.mark()
    for number, record in state.events:
        if number > saved_at and saved_at:
            saved, saved_at = history.mark(), 0
        try:
            if "op" in record:
                history.apply(Op.from_json(record["op"]))
            elif "undo" in record:
                history.undo()
            else:
                history.redo()
        except (AlignmentError, KeyError, TypeError, ValueError) as exc:
            raise FormatError(f"review journal cannot be replayed: {exc}", journal_path, number) from None
    if saved_at:  # the save came after the last event
        saved = history.mark()
    return history.steps_since(saved)


class ReviewSession:
    """One reviewer's session on one file. Use :meth:`open`; end with :meth:`close` (saves)."""

    def __init__(self, path: Path, file_bytes: bytes, alignment: Alignment, lock: ReviewLock | None) -> None:
        self.path = path
        self.lock = lock
        self.journal = Journal(path)
        self.history = History(alignment)
        self._file_bytes = file_bytes  # what the journal's decisions apply to
        self._disk_sha = sha256(file_bytes)  # what the alignment file holds now
        self.cursor: dict[str, Any] = {"row": 0, "lang": None}
        self.replayed = 0  # journal events (decisions, undos, redos) replayed from an unfinished journal
        self.unsaved = 0  # of those, the decisions the file does not hold: steps from its state to the current one
        self.dirty = False  # decisions not yet in the alignment file
        self.saves = 0  # times the alignment file was rewritten in this session (close() included)
        self.closed = False  # after close(): no more decisions (the lock is released)
        self._close_error: Exception | None = None  # why close() could not save: closing again says it again

    # -- opening -------------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, force: bool = False, lock: bool = True) -> ReviewSession:
        """Lock ``path``, read it, and replay an unfinished journal left by a crash.

        A symlink is followed: the lock, journal and base copy are kept beside the file it points to.
        Raises :class:`~tmtool.review.lock.LockedError` when someone else holds the lock (``force`` takes it
        over) and :class:`FormatError` when the file changed behind an unfinished journal's back.
        """
        # the real file: reached through a symlink (another folder, another name) it must get the same lock,
        # journal and base copy, or two reviewers could work on one file (each with a lock of their own)
        p = Path(os.path.realpath(path))
        given = Path(path)
        if given.absolute() != p:  # a review through the link under older code kept its journal beside the link
            left = [f for f in (given.with_name(given.name + ".journal"), given.with_name(given.name + ".lock"))
                    if f.exists() and f.resolve() != p.with_name(p.name + f.suffix)]
            if left:
                raise InputError(f"{left[0].name} beside this link is a review of {p} left by an earlier version: "
                                 f"move {', '.join(f.name for f in left)} (and {given.name}.journal-base, if any) beside "
                                 f"{p} with its name, or delete them to discard that review", given)
        try:
            file_bytes = p.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", p) from None
        held = ReviewLock(p, force=force) if lock else None
        try:
            session = cls._load(p, file_bytes, held)
        except BaseException:
            if held is not None:
                held.release()
            raise
        return session

    @classmethod
    def _load(cls, p: Path, file_bytes: bytes, held: ReviewLock | None) -> ReviewSession:
        journal = Journal(p)
        state = journal.read()
        file_sha = sha256(file_bytes)
        if not state.unfinished:
            session = cls(p, file_bytes, read_alignment(p), held)
            if state.cursor and state.file_sha256 == file_sha:
                session.cursor = dict(state.cursor)
            return session
        if file_sha != state.base_sha256 and file_sha not in state.saved_sha256:
            raise FormatError(
                f"changed since the unfinished review journal {journal.path.name} was written, so its "
                f"{len(state.events)} review event(s) cannot be applied to it. To recover that review: move "
                f"{p.name} aside, copy {journal.base_path.name} (the file as that review found it) to {p.name} "
                f"and open it again. To discard that review: delete {journal.path.name} and "
                f"{journal.base_path.name}",
                p,
            )
        base = journal.read_base()
        if sha256(base) != state.base_sha256:
            raise FormatError("base copy does not match the review journal", journal.base_path)
        session = cls(p, base, read_alignment(journal.base_path), held)
        session._disk_sha = file_sha
        session.replayed = len(state.events)
        session.unsaved = replay_journal(session.history, state, file_sha, journal.path)
        session.dirty = session.unsaved > 0
        if state.cursor:
            session.cursor = dict(state.cursor)
        journal.reopen()
        session.journal = journal
        return session

    # -- state ---------------------------------------------------------------------------------------------

    @property
    def alignment(self) -> Alignment:
        return self.history.current

    @property
    def side_files(self) -> tuple[Path, ...]:
        """The file under review and the files the session keeps beside it (lock, journal, base copy)."""
        return (self.path, lock_path(self.path), self.journal.path, self.journal.base_path)

    def _lock_lost(self) -> str | None:
        """Why this session no longer holds its lock (taken over, removed), or ``None`` while it does."""
        if self.lock is None or self.lock.is_mine():
            return None
        return f"the review lock is now held by {self.lock.holder()}"

    def _conflict(self) -> str | None:
        """Why saving now would overwrite someone else's work, or ``None``: the lock must still be ours and
        the file must still hold what this session last read or wrote."""
        lost = self._lock_lost()
        if lost:
            return lost
        try:
            on_disk = sha256(self.path.read_bytes())
        except OSError as exc:
            return f"it cannot be read back ({exc.strerror or exc})"
        if on_disk != self._disk_sha:
            return "it was changed on disk since this session read or saved it"
        return None

    def _record(self, record: dict[str, Any]) -> None:
        record["cursor"] = self.cursor
        if self.closed:
            raise StoreError(f"{self.path}: the review session is closed; the decision was not made")
        lost = self._lock_lost()
        if lost:  # the journal may be someone else's now: never write to it
            raise StoreError(f"{self.path}: {lost}; the decision was not made (your earlier decisions are in "
                             f"{self.journal.path.name}, replayed by whoever took the lock over)")
        try:
            if not self.journal.is_open:
                self.journal.start(self._file_bytes)
            self.journal.append(record)
        except OSError as exc:
            raise StoreError(f"{self.journal.path}: cannot write the review journal ({exc.strerror or exc}); "
                             f"the decision was not made") from None
        self.dirty = True

    def set_cursor(self, row: int, lang: str | None, *, record: bool = False) -> None:
        """Remember where the reviewer is; with ``record`` also write it to the journal."""
        self.cursor = {"row": row, "lang": lang}
        # after close() the journal is no longer this session's to write: it may hold decisions that could not be
        # saved (a resume record would replace them), and without the lock it may be someone else's
        if record and not self.closed and self._lock_lost() is None:
            if self.journal.is_open:
                self.journal.append({"cursor": self.cursor}, sync=False)
            else:
                try:
                    self.journal.write_resume(self._disk_sha, self.cursor, sync=False)
                except OSError:
                    pass  # only the resume position would be lost; the next decision reports the problem

    # -- decisions -----------------------------------------------------------------------------------------

    def apply(self, op: Op) -> Alignment:
        """Apply ``op`` and journal it; it becomes current only once it is on disk.

        Raises :class:`AlignmentError` (refused) or :class:`StoreError` (the journal cannot be written);
        either way nothing changes.
        """
        new = apply_op(self.history.current, op)
        self._record({"op": op.to_json()})
        self.history.push(new, op.row)
        return new

    def undo(self) -> int:
        """Go back one decision (journaled); returns the row it was made at."""
        if not self.history.can_undo:
            raise AlignmentError("nothing to undo")
        self._record({"undo": True})
        return self.history.undo()

    def redo(self) -> int:
        """Redo the last undone decision (journaled); returns its row."""
        if not self.history.can_redo:
            raise AlignmentError("nothing to redo")
        self._record({"redo": True})
        return self.history.redo()

    def save(self) -> bool:
        """Rewrite the alignment file atomically with every decision so far (``False``: nothing to save).

        Raises :class:`StoreError` and writes nothing when the lock is no longer this session's or the file
        changed on disk behind its back: the decisions stay in the journal.
        """
        if not self.dirty:
            return False
        conflict = self._conflict()
        if conflict:
            raise self._not_saved(conflict)
        data = serialize(self.alignment)
        try:
            if self.journal.is_open:
                self.journal.append({"saving": sha256(data)})
            atomic_write_text(self.path, data.decode("utf-8"))
        except OSError as exc:
            raise StoreError(
                f"{self.path}: cannot save ({exc.strerror or exc}); every decision is still in "
                f"{self.journal.path.name}: free some space and open the file again to recover them"
            ) from None
        self._disk_sha = sha256(data)
        self.dirty = False
        self.saves += 1
        return True

    def close(self, *, save: bool = True) -> None:
        """End the session: save every decision, turn the journal into a one-line resume record, release the lock.

        Never loses a decision: when they cannot be saved (the lock was taken over, the file changed on disk, a
        write failed) this raises :class:`StoreError` saying so and leaves the journal as it is, for the next
        open to replay. The lock is released either way; closing again raises the same error (it never saves
        without the lock). ``save=False``: close without saving (the journal keeps any decisions).
        """
        if self.closed:
            if self._close_error is not None:
                raise self._close_error
            return
        self.closed = True
        try:
            if save:
                self._save_and_finish()
        except Exception as exc:
            self._close_error = exc
            raise
        finally:
            self.journal.close()
            if self.lock is not None:
                self.lock.release()
                self.lock = None

    def _save_and_finish(self) -> None:
        """:meth:`close`'s saving: the file, then the journal's resume record (only once the file holds all)."""
        lost = self._lock_lost()
        if lost is not None:  # someone else holds the lock: their journal and the file are left alone
            if self.dirty:
                raise self._not_saved(lost)
            return
        self.save()  # raises StoreError when it cannot: the journal is then kept as it is
        try:
            self.journal.finish(self._disk_sha, self.cursor)
        except OSError as exc:
            raise StoreError(f"{self.path}: saved, but the review journal {self.journal.path.name} could not be "
                             f"ended ({exc.strerror or exc}); nothing is lost: opening the file again replays it") from None

    def _not_saved(self, conflict: str) -> StoreError:
        return StoreError(f"{self.path}: not saved, so as not to overwrite someone else's work: {conflict}; "
                          f"your decisions are kept in {self.journal.path.name}")

    def __enter__(self) -> ReviewSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
