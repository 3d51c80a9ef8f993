"""Checking the parts of a TM, and taking unreadable ones out of it (``tmtool tm compact --drop-broken``).

A part named by the manifest that is missing, is not Parquet, or lacks the columns every part has (a file of
another kind put in its place) makes every read of the TM fail, and compaction too. ``drop_broken`` takes such
parts out of the manifest in one commit and moves their files to ``<tm>/broken/`` (nothing is deleted), so
the units of the other parts can be read, compacted and exported again.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .store import TMStore

__all__ = ["MISSING", "PART_COLUMNS", "part_problem", "drop_broken"]

MISSING = "part named in the manifest is missing"
PART_COLUMNS = ("key", "srclang", "count", "origins", "documents", "props", "created")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def part_problem(path: Path, read: bool = False) -> str | None:
    """Why the part at ``path`` cannot be read as a TM part, or None. Checks the file and its Parquet schema;
    with ``read``, reads every row too (a part damaged in its middle)."""
    import polars as pl

    if not path.exists():
        return MISSING
    try:
        schema = pl.read_parquet_schema(path)
    except (OSError, pl.exceptions.PolarsError) as exc:
        return f"cannot read part: {_first_line(exc)}"
    absent = [c for c in PART_COLUMNS if c not in schema]
    if absent:
        return f"not a part of a tmtool TM (no column {absent[0]!r})"
    if read:
        try:
            pl.read_parquet(path)
        except (OSError, pl.exceptions.PolarsError) as exc:
            return f"cannot read part: {_first_line(exc)}"
    return None


def drop_broken(store: TMStore) -> list[tuple[str, str]]:
    """Take the parts that cannot be read out of ``store``'s manifest (one commit) and move their files to
    ``<tm>/broken/``; return ``(part name, why)`` for each. Nothing is written when every part reads."""
    with store.locked():
        manifest = store.manifest()
        broken = [(p["name"], why) for p in manifest["parts"]
                  if (why := part_problem(store.parts_dir / p["name"], read=True))]
        if not broken:
            return []
        names = {name for name, _ in broken}
        shelf = store.directory / "broken"
        shelf.mkdir(exist_ok=True)
        for name in names:  # moved before the manifest forgets them: remove_orphans never sees them
            with contextlib.suppress(FileNotFoundError):
                os.replace(store.parts_dir / name, shelf / name)
        manifest["parts"] = [p for p in manifest["parts"] if p["name"] not in names]
        manifest["generation"] = int(manifest.get("generation", 0)) + 1
        store._write_manifest(manifest)
    return broken
