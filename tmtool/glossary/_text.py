"""Reading delimited text files (CSV, TSV): BOM-aware decoding with clear errors, delimiter sniffing."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..documents.decoding import looks_like_utf16
from ..errors import EncodingError, InputError

__all__ = ["read_text"]

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
        elif looks_like_utf16(data):  # its ASCII letters decode as UTF-8 too, a NUL after each
            raise EncodingError("looks like UTF-16 without a byte-order mark; save it as UTF-8, or give its "
                                "encoding (utf-16-le, utf-16-be)", p)  # fmt: skip
        else:
            m = _MAGIC.match(data)
            encoding = m.group(1).decode("ascii") if m else "utf-8"
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise EncodingError(f"unknown encoding {encoding!r}", p) from None
    if not getattr(info, "_is_text_encoding", True):  # base64, rot13, zlib: bytes to bytes, or str to str
        raise EncodingError(f"{encoding!r} is not a text encoding; give the one the file is saved in (utf-8, "
                            "cp1252, utf-16 ...)", p)  # fmt: skip
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError(
            f"not valid {encoding} (byte 0x{data[exc.start]:02x}); save the file as UTF-8 or give its encoding",
            p,
            line,
        ) from None
    except UnicodeError as exc:  # a codec that fails otherwise ('undefined', 'idna' on some bytes)
        raise EncodingError(f"cannot be read as {encoding}: {exc}", p) from None
