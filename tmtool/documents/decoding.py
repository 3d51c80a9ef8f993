"""Turning the bytes of a text file into ``str`` without guessing wrong.

Accepted: UTF-8 (with or without BOM), UTF-16/UTF-32 with a BOM. Anything else (a binary file, Latin-1 or
Windows-1252 text, UTF-16 without a BOM) is refused with an :class:`~tmtool.errors.EncodingError` naming the file
and the byte offset, never silently decoded into mojibake.
"""

from __future__ import annotations

import codecs
import re
from os import PathLike
from pathlib import Path

from ..errors import EncodingError, InputError

__all__ = ["decode_bytes", "read_file_bytes", "read_text_file", "looks_binary", "looks_like_utf16",
           "remove_controls", "sniff_encoding", "XML_ENCODING_DECLARATION"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that never occur in text (tab, newline, carriage return and form feed do).
_BINARY_CONTROLS = frozenset(range(0x00, 0x09)) | {0x0B, 0x0E, 0x0F} | frozenset(range(0x10, 0x1B))

# Control characters that are never text: C0 (tab, newline, vertical tab, carriage return and form feed aside:
# they are white space), DEL and C1.
# A few of them pass looks_binary (a stray U+0001 in a converted file); they are removed, never kept in a segment.
_CONTROLS_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def remove_controls(text: str) -> str:
    """``text`` without the control characters that never belong to text (tab, newline, vertical tab, CR and
    form feed are kept)."""
    return _CONTROLS_RE.sub("", text)


def looks_binary(data: bytes) -> bool:
    """Whether the first 8 KiB hold NUL bytes or several control characters that never occur in text."""
    head = data[:8192]
    return b"\x00" in head or sum(b in _BINARY_CONTROLS for b in head) > 2


def looks_like_utf16(data: bytes) -> bool:
    """Whether ``data`` (no byte-order mark) looks like UTF-16: NUL bytes in nearly every other position of its
    first 4 KiB (the high bytes of Latin, Cyrillic or Arabic letters, digits and spaces), few in the others."""
    head = data[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    return max(odd, even) > 0.3 * len(head) / 2 and min(odd, even) < 0.05 * len(head) / 2


def decode_bytes(data: bytes, path: str | PathLike[str] | None = None) -> str:
    """Decode ``data`` as UTF-8 / UTF-8-SIG / UTF-16 or UTF-32 with a BOM; raise :class:`EncodingError` otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(
                    f"starts with a {encoding.upper()} byte-order mark but byte {exc.start} is not {encoding.upper()}",
                    path,
                ) from None
    if looks_binary(data):
        if looks_like_utf16(data):
            raise EncodingError("looks like UTF-16 without a byte-order mark; save it as UTF-8, or as UTF-16 with a "
                                "byte-order mark", path)  # fmt: skip
        raise EncodingError("binary data, not a text document (a .docx or .pdf file is read as one by its extension)", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise EncodingError(
            f"not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 or UTF-16 with a byte-order mark",
            path,
            line=line,
        ) from None


def read_text_file(path: str | PathLike[str]) -> str:
    """Read a text file with :func:`decode_bytes`; missing or unreadable files raise :class:`InputError`."""
    return decode_bytes(read_file_bytes(path), path)


def read_file_bytes(path: str | PathLike[str]) -> bytes:
    """The bytes of ``path``; a missing, directory or unreadable path raises :class:`InputError`."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path) from None


XML_ENCODING_DECLARATION = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._-]+)")


def sniff_encoding(head: bytes) -> str | None:
    """The encoding told by a BOM or by the first bytes (UTF-16 without BOM), else ``None``."""
    if head.startswith(codecs.BOM_UTF8):
        return "UTF-8"
    if head.startswith(codecs.BOM_UTF16_LE):
        return "UTF-16LE"
    if head.startswith(codecs.BOM_UTF16_BE):
        return "UTF-16BE"
    if head[:2] == b"<\x00" or head[:2] in (b" \x00", b"\n\x00", b"\r\x00", b"\t\x00"):
        return "UTF-16LE"
    if head[:2] == b"\x00<" or head[:2] in (b"\x00 ", b"\x00\n", b"\x00\r", b"\x00\t"):
        return "UTF-16BE"
    declared = XML_ENCODING_DECLARATION.match(head)
    if declared and declared.group(1).lower().replace(b"-", b"").replace(b"_", b"").startswith(b"utf16"):
        return "UTF-8"  # 8-bit bytes cannot be UTF-16 whatever the declaration says: a common tool bug
    return None
