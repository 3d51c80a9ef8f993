"""Safe XML reading for glossary files: no entities resolved, no DTD loaded, no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import EncodingError, FormatError, InputError, UnsafeXMLError

__all__ = ["parse_xml", "local", "text_of"]


def parse_xml(path: str | Path) -> Any:
    """Parse ``path`` with lxml and return the root element; hostile or broken XML raises an InputError."""
    from lxml import etree

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    if b"<!ENTITY" in data:
        line = data[: data.index(b"<!ENTITY")].count(b"\n") + 1
        raise UnsafeXMLError("entity declarations are refused", p, line)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        msg = str(exc.msg or exc).split(", line ")[0]
        cls = EncodingError if "encoding" in msg.lower() else FormatError
        line, col = (exc.position if exc.position else (exc.lineno, None))
        raise cls(f"malformed XML: {msg}", p, line, col) from None
    except (LookupError, ValueError) as exc:
        raise EncodingError(f"cannot decode: {exc}", p) from None


def local(el: Any) -> str:
    """Local name of an element (namespace dropped); '' for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(el: Any) -> str:
    """All text inside ``el`` with runs of white space collapsed to one space."""
    return " ".join("".join(el.itertext()).split())
