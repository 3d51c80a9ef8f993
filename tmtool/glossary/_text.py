"""Reading delimited text files (CSV, TSV): BOM-aware decoding with clear errors, delimiter sniffing."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

from ..errors import EncodingError, FormatError, InputError

__all__ = ["read_text", "sniff_delimiter", "csv_rows"]

_MAGIC = re.compile(rb"^#.*-\*-\s*coding:\s*([-\w.]+)\s*-\*-")


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """Decode ``path``: the given encoding, else a BOM, else an OmegaT magic comment, else strict UTF-8."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    if encoding is None:
        if data.startswith(codecs.BOM_UTF8):
            encoding = "utf-8-sig"
        elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            encoding = "utf-16"
        else:
            m = _MAGIC.match(data)
            encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise EncodingError(f"unknown encoding {encoding!r}", p) from None
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x}); save the file as UTF-8 or give its encoding",
            p,
            line,
        ) from None


def sniff_delimiter(first_line: str) -> str:
    """The most frequent of tab, semicolon and comma in the header line (comma on a tie)."""
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def csv_rows(text: str, path: str | Path) -> Iterator[tuple[int, list[str]]]:
    """``(line, row)`` of a delimited text (the delimiter sniffed from its first line), ``line`` being where the
    row ends. Malformed CSV (a quote never closed, text after a closing quote) is a :class:`FormatError` at the
    line where the bad row starts."""
    reader = csv.reader(io.StringIO(text), delimiter=sniff_delimiter(text.split("\n", 1)[0]), strict=True)
    done = 0
    try:
        for row in reader:
            yield reader.line_num, row
            done = reader.line_num
    except csv.Error as exc:
        raise FormatError(f"bad CSV: {exc}", Path(path), done + 1) from None
