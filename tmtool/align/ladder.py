"""The ladder form of a two-language alignment, as published aligner benchmarks use it.

One link a line, ``[i, j]:[k]``: 0-based segment numbers of the first and second text, ``[]`` for nothing. A third
field, a score (``[i]:[k]:0.873``, as Vecalign writes), is read and ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import FormatError, InputError
from ..fileio import atomic_write_text, regular_file

__all__ = ["Bead", "parse_ladder", "read_ladder", "format_ladder", "write_ladder", "ladder_from_links"]

Bead = tuple[tuple[int, ...], tuple[int, ...]]

_SIDE = re.compile(r"^\[\s*(\d+(?:\s*,\s*\d+)*)?\s*,?\s*\]$")


def _side(text: str, path: str | None, line: int) -> tuple[int, ...]:
    m = _SIDE.match(text.strip())
    if not m:
        raise FormatError(f"not a ladder side {text.strip()!r} (expected e.g. [0, 1] or [])", path, line)
    if not m.group(1):
        return ()
    return tuple(int(x) for x in m.group(1).split(","))


def parse_ladder(text: str, path: str | None = None) -> list[Bead]:
    """Parse ladder text (``[0]:[0, 1]`` a line, optionally ``:score`` after; blank lines ignored) into
    ``(src ids, tgt ids)`` beads."""
    beads: list[Bead] = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip():
            continue
        fields = raw.split(":")
        if len(fields) < 2:
            raise FormatError("no ':' between the two sides of a link", path, n)
        if len(fields) > 3:
            raise FormatError(f"more than three ':'-separated fields in {raw.strip()!r}", path, n)
        if len(fields) == 3:  # Vecalign's output: [0]:[0]:0.873, a score, ignored
            try:
                float(fields[2])
            except ValueError:
                raise FormatError(f"not a score {fields[2].strip()!r} after the two sides (expected e.g. "
                                  "[0]:[0]:0.873)", path, n) from None
        beads.append((_side(fields[0], path, n), _side(fields[1], path, n)))
    return beads


def read_ladder(path: str | Path) -> list[Bead]:
    """Read a ladder file; :class:`InputError`/:class:`FormatError` name the file and line on bad input."""
    p = regular_file(path)  # a FIFO was read until a writer came, forever without one
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    except UnicodeDecodeError:
        raise FormatError("not UTF-8 text", p) from None
    return parse_ladder(text, str(p))


def format_ladder(beads: Iterable[Bead]) -> str:
    """Ladder text for ``beads``: ``[0]:[0, 1]`` a line, trailing newline."""
    return "".join(f"[{', '.join(map(str, a))}]:[{', '.join(map(str, b))}]\n" for a, b in beads)


def write_ladder(beads: Iterable[Bead], path: str | Path) -> None:
    """Write ``beads`` atomically in ladder form."""
    atomic_write_text(path, format_ladder(beads))


def ladder_from_links(links: Sequence, src: str, tgt: str) -> list[Bead]:
    """Project multi-language links onto the pair ``src``/``tgt`` (links empty in both are dropped)."""
    out: list[Bead] = []
    for link in links:
        a = tuple(link.segments.get(src, ()))
        b = tuple(link.segments.get(tgt, ()))
        if a or b:
            out.append((a, b))
    return out
