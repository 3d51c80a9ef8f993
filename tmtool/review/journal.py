"""The review journal: every decision on disk before it is shown as done.

Beside ``alignment.json`` the review keeps:

- ``alignment.json.journal``: JSON lines. The first is a header; then one record per event, each written with
  ``flush`` + ``fsync`` before the screen shows the decision::

      {"journal": 1, "base_sha256": "<sha of the file when the session started>"}
      {"op": {"name": "merge_next", "row": 4}, "cursor": {"row": 4, "lang": "fr"}}
      {"undo": true, "cursor": {...}}   {"redo": true, "cursor": {...}}
      {"cursor": {"row": 12, "lang": "en"}}
      {"saving": "<sha of the text about to be written to alignment.json>"}

- ``alignment.json.journal-base``: a byte copy of the file as it was when the first decision was made.

Reopening replays the records over the base copy, so the whole session (its undo history too) comes back
after a crash. A clean end writes the file and replaces the journal with one line
``{"journal": 1, "file_sha256": ..., "cursor": {...}}`` so the next session resumes at the same row.
A torn last line (the process killed mid-write) is ignored: that decision was never shown as done.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import FormatError
from ..fileio import atomic_write_bytes, atomic_write_text

__all__ = ["JOURNAL_VERSION", "JournalState", "Journal", "journal_path", "sha256"]

JOURNAL_VERSION = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def journal_path(alignment_path: str | os.PathLike[str]) -> Path:
    """``alignment.json`` -> ``alignment.json.journal``, beside the file a symlink points to."""
    p = Path(os.path.realpath(alignment_path))
    return p.with_name(p.name + ".journal")


@dataclass
class JournalState:
    """What a journal on disk says: an unfinished session (``base_sha256`` set, ``events``) or a finished one."""

    base_sha256: str | None = None
    file_sha256: str | None = None
    events: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (line number, record)
    cursor: dict[str, Any] | None = None
    saved_sha256: dict[str, int] = field(default_factory=dict)  # sha256 of a save -> line of its last "saving"

    @property
    def unfinished(self) -> bool:
        return self.base_sha256 is not None


class Journal:
    """Append-only, fsynced journal of one review session."""

    def __init__(self, alignment_path: str | os.PathLike[str]) -> None:
        self.path = journal_path(alignment_path)
        self.base_path = self.path.with_name(self.path.name + "-base")
        self._fh: IO[str] | None = None

    # -- reading -------------------------------------------------------------------------------------------

    def read(self) -> JournalState:
        """Parse the journal (an absent or empty journal is a fresh state)."""
        state = JournalState()
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return state
        except OSError as exc:
            raise FormatError(f"cannot read review journal: {exc.strerror}", self.path) from None
        lines = raw.split(b"\n")
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))
                if not isinstance(record, dict):
                    raise ValueError("not an object")
            except (ValueError, UnicodeDecodeError):
                if number == len(lines):  # torn last line, no newline: the write never completed
                    break
                raise FormatError("corrupt review journal line", self.path, number) from None
            if "journal" in record:
                if record["journal"] != JOURNAL_VERSION:
                    raise FormatError(f"unsupported journal version {record['journal']!r}", self.path, number)
                state.base_sha256 = record.get("base_sha256")
                state.file_sha256 = record.get("file_sha256")
                state.cursor = record.get("cursor", state.cursor)
                continue
            if "saving" in record:
                state.saved_sha256[str(record["saving"])] = number
                continue
            if "cursor" in record:
                state.cursor = record["cursor"]
            if {"op", "undo", "redo"} & record.keys():
                state.events.append((number, record))
        return state

    def read_base(self) -> bytes:
        try:
            return self.base_path.read_bytes()
        except OSError as exc:
            raise FormatError(
                f"the review journal needs its base copy, which cannot be read ({exc.strerror})", self.base_path
            ) from None

    # -- writing -------------------------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._fh is not None

    def start(self, base: bytes) -> None:
        """Begin an unfinished session whose decisions apply to ``base`` (the file's bytes)."""
        atomic_write_bytes(self.base_path, base)
        header = {"journal": JOURNAL_VERSION, "base_sha256": sha256(base)}
        atomic_write_text(self.path, json.dumps(header) + "\n")
        self.reopen()

    def reopen(self) -> None:
        """Continue appending to an unfinished journal (after a replay)."""
        self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - held open for the session

    def append(self, record: dict[str, Any], *, sync: bool = True) -> None:
        """Write one record as a line; with ``sync`` it is on disk (fsync) when this returns."""
        assert self._fh is not None, "journal not started"
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._fh.flush()
        if sync:
            os.fsync(self._fh.fileno())

    def write_resume(self, file_sha256: str, cursor: dict[str, Any] | None, *, sync: bool = True) -> None:
        """Replace the journal with a one-line resume record: where the reviewer was.

        With ``sync`` the replacement is atomic and fsynced; without (cursor moves while no decision is
        pending) it is a plain overwrite: a crash can at worst lose the resume position, never a decision.
        """
        record: dict[str, Any] = {"journal": JOURNAL_VERSION, "file_sha256": file_sha256}
        if cursor is not None:
            record["cursor"] = cursor
        text = json.dumps(record) + "\n"
        if sync:
            atomic_write_text(self.path, text)
        else:
            self.path.write_text(text, encoding="utf-8")

    def finish(self, file_sha256: str, cursor: dict[str, Any] | None) -> None:
        """The file holds every decision: end the journal with a resume record, drop the base copy."""
        self.close()
        self.write_resume(file_sha256, cursor)
        with contextlib.suppress(FileNotFoundError):
            self.base_path.unlink()

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None
