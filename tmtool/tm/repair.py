"""Checking the parts of a TM, taking unreadable ones out of it (``tmtool tm compact --drop-broken``), and
writing a lost manifest again from the parts found (``tmtool tm repair --rebuild-manifest``).

A part named by the manifest that is missing, is not Parquet, or lacks the columns every part has (a file of
another kind put in its place) makes every read of the TM fail, and compaction too. ``drop_broken`` takes such
parts out of the manifest in one commit and moves their files to ``<tm>/broken/`` (nothing is deleted), so
the units of the other parts can be read, compacted and exported again. ``rebuild_manifest`` names every
readable part of a folder that has parts but no manifest (which every command refuses); a part it cannot read
is listed and left where it is, never deleted.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import StoreError

if TYPE_CHECKING:
    from .store import TMStore

__all__ = ["MISSING", "PART_COLUMNS", "part_problem", "part_files", "drop_broken", "Rebuilt", "rebuild_manifest"]

MISSING = "part named in the manifest is missing"
PART_COLUMNS = ("key", "srclang", "count", "origins", "documents", "props", "created")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _read_part(path: Path, read: bool) -> tuple[Any, str | None]:
    """(the part's frame when ``read``, else None; why it cannot be read as a TM part, or None)."""
    import polars as pl

    if not path.exists():
        return None, MISSING
    try:
        schema = pl.read_parquet_schema(path)
    except (OSError, pl.exceptions.PolarsError) as exc:
        return None, f"cannot read part: {_first_line(exc)}"
    absent = [c for c in PART_COLUMNS if c not in schema]
    if absent:
        return None, f"not a part of a tmtool TM (no column {absent[0]!r})"
    if not read:
        return None, None
    try:
        return pl.read_parquet(path), None
    except (OSError, pl.exceptions.PolarsError) as exc:
        return None, f"cannot read part: {_first_line(exc)}"


def part_problem(path: Path, read: bool = False) -> str | None:
    """Why the part at ``path`` cannot be read as a TM part, or None. Checks the file and its Parquet schema;
    with ``read``, reads every row too (a part damaged in its middle)."""
    return _read_part(path, read)[1]


def part_files(store: TMStore, manifest: dict[str, Any]) -> dict[str, list[int]]:
    """``{part name: [size, mtime_ns]}`` of the parts ``manifest`` names, as they are on disk now: what a lookup
    index records of the files it was built from, so that a part deleted, replaced or rewritten by hand is seen.
    StoreError (one line) when a part is missing."""
    from .store import REPAIR

    files = {}
    for entry in manifest["parts"]:
        path = store.parts_dir / entry["name"]
        try:
            st = path.stat()
        except FileNotFoundError:
            raise StoreError(f"{path}: {MISSING} ({REPAIR})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot read part: {exc.strerror}") from None
        files[entry["name"]] = [st.st_size, st.st_mtime_ns]
    return files


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


@dataclass
class Rebuilt:
    """What :func:`rebuild_manifest` found: the parts it named (manifest entries), those it left out
    ``(name, why)``, and the distinct units, unit occurrences and origins of the parts named."""

    parts: list[dict[str, Any]] = field(default_factory=list)
    left_out: list[tuple[str, str]] = field(default_factory=list)
    units: int = 0
    occurrences: int = 0
    origins: list[str] = field(default_factory=list)


_PART_TIME = re.compile(r"part-(\d{8}T\d{6})-")


def _entry(path: Path, rows: int, owners: list[str]) -> dict[str, Any]:
    """The manifest entry of a part read back: as the write recorded it, its creation time from its name."""
    st = path.stat()
    when = _PART_TIME.match(path.name)
    created = when.group(1) + "Z" if when else datetime.fromtimestamp(st.st_mtime, UTC).strftime("%Y%m%dT%H%M%SZ")
    return {"name": path.name, "rows": rows, "bytes": st.st_size, "created": created, "owners": owners}


def rebuild_manifest(store: TMStore) -> Rebuilt:
    """Write ``store``'s lost manifest again, naming every part file of ``parts/`` that reads in full as a TM
    part (in the order of their names: the order they were written). A part that cannot be read (damaged, of
    another kind, empty) is listed in :attr:`Rebuilt.left_out` and left where it is. One atomic write; nothing
    is written when a manifest exists, when another process is creating the TM, or when no part reads."""
    if store.manifest_path.exists():
        raise StoreError(f"{store.directory}: manifest.json exists: nothing to rebuild (see 'tmtool tm stats')")
    found = sorted(store.parts_dir.glob("part-*.parquet")) if store.parts_dir.is_dir() else []
    if not found:
        raise StoreError(f"{store.directory}: no part file in parts/: nothing to rebuild a manifest from")
    fd = os.open(store.parts_dir, os.O_RDONLY)
    try:
        try:  # a lazily opened TM writing its first parts holds a shared lock (TMStore._creating)
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise StoreError(f"{store.directory}: another process is creating this TM right now") from None
        with store.locked():
            if store.manifest_path.exists():
                raise StoreError(f"{store.directory}: manifest.json exists: nothing to rebuild")
            return _rebuild(store, found)
    finally:
        os.close(fd)  # the flock goes with it


def _rebuild(store: TMStore, found: list[Path]) -> Rebuilt:
    import polars as pl

    from .store import FORMAT, VERSION, _now, _owner_series

    report = Rebuilt()
    keys, origins = [], set()  # origins: the owners, what 'tm remove --origin' and a replacing add act on
    for path in found:
        frame, why = _read_part(path, read=True)
        if why is None and not frame.height:
            why = "an empty part"
        if why is not None:
            report.left_out.append((path.name, why))
            continue
        owners = sorted(o for o in _owner_series(frame).drop_nulls().unique().to_list() if o)
        report.parts.append(_entry(path, frame.height, owners))
        keys.append(frame["key"])
        report.occurrences += int(frame["count"].sum())
        origins.update(owners)
    if not report.parts:
        raise StoreError(f"{store.directory}: none of the {len(found)} part file(s) in parts/ reads as a TM "
                         f"part ({report.left_out[0][0]}: {report.left_out[0][1]}): no manifest written")
    report.units = int(pl.concat(keys).n_unique())
    report.origins = sorted(origins)
    # created now: remove_orphans never deletes a file older than the TM, so the parts left out stay
    manifest = {"format": FORMAT, "version": VERSION, "generation": 1, "created": _now(), "rebuilt": _now(),
                "parts": report.parts}
    store._write_manifest(manifest)
    return report
