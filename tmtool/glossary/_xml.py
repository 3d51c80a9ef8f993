"""Safe XML reading for glossary files: no entities resolved, no DTD loaded, no network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import EncodingError, FormatError, InputError, UnsafeXMLError

__all__ = ["parse_xml", "local", "text_of", "fragment_xml", "parse_fragment", "count_fragment"]


def parse_xml(path: str | Path) -> Any:
    """Parse ``path`` with lxml and return the root element; hostile or broken XML raises an InputError."""
    from lxml import etree

    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    if b"<!ENTITY" in data:  # before parsing, where the bytes say it (ASCII-compatible encodings)
        line = data[: data.index(b"<!ENTITY")].count(b"\n") + 1
        raise UnsafeXMLError("entity declarations are refused", p, line)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        msg = str(exc.msg or exc).split(", line ")[0]
        cls = EncodingError if "encoding" in msg.lower() else FormatError
        line, col = (exc.position if exc.position else (exc.lineno, None))
        raise cls(f"malformed XML: {msg}", p, line, col) from None
    except (LookupError, ValueError) as exc:
        raise EncodingError(f"cannot decode: {exc}", p) from None
    _refuse_entities(root, data, p)
    return root


def _refuse_entities(root: Any, data: bytes, path: Path) -> None:
    """Refuse, in any encoding (UTF-16 too), entity declarations in the document's internal DTD and entity
    references left unresolved (declared or not: parsing never resolves them, so they would become text)."""
    from lxml import etree

    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        try:
            text = data.decode(docinfo.encoding or "utf-8")
            line = text[: text.index("<!ENTITY")].count("\n") + 1 if "<!ENTITY" in text else None
        except (LookupError, UnicodeDecodeError):
            line = None
        raise UnsafeXMLError("entity declarations are refused", path, line)
    for ref in root.iter(etree.Entity):
        raise UnsafeXMLError(f"entity reference {ref.text} is refused (only &amp; &lt; &gt; &quot; &apos; and "
                             "character references are read)", path, ref.sourceline)  # fmt: skip


def _parser() -> Any:
    from lxml import etree

    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
    )


TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"


def fragment_xml(elements: list[Any]) -> str:
    """``elements`` serialised one after the other, without the TBX namespace (an extension's own namespace is
    kept: written back inside TBX's, its elements would be unknown TBX elements) and without the white space
    that only indented them (text is kept as it was)."""
    from lxml import etree

    out = []
    for el in elements:
        copy = etree.fromstring(etree.tostring(el))
        copy.tail = None
        for node in copy.iter():
            if isinstance(node.tag, str) and node.tag.startswith(f"{{{TBX_NAMESPACE}}}"):
                node.tag = node.tag.rsplit("}", 1)[1]
            if node is not copy and node.tail is not None and not node.tail.strip():
                node.tail = None
            if len(node) and node.text is not None and not node.text.strip():
                node.text = None
        etree.cleanup_namespaces(copy)
        out.append(etree.tostring(copy, encoding="unicode"))
    return "".join(out)


def parse_fragment(text: str, namespace: str | None = None, path: str | Path = "", line: int | None = None) -> list:
    """The elements of an XML fragment written by :func:`fragment_xml`, put in ``namespace``.

    Parsed like a file (no entities, no DTD, no network); broken XML is a :class:`FormatError`."""
    from lxml import etree

    if not text.strip():
        return []
    if "<!ENTITY" in text or "<!DOCTYPE" in text:
        raise UnsafeXMLError("entity or DOCTYPE declarations are refused in kept XML", path, line)
    try:
        root = etree.fromstring(f"<x>{text}</x>".encode(), _parser())
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"kept TBX XML is malformed: {str(exc.msg or exc).split(', line ')[0]}", path, line) from None
    if namespace:
        for node in root.iter():
            if isinstance(node.tag, str) and "}" not in node.tag:
                node.tag = f"{{{namespace}}}{node.tag}"
    return [el for el in root if isinstance(el.tag, str)]


def count_fragment(text: str) -> dict[str, int]:
    """Number of elements in a fragment by name (``xref type=xGraphic`` counts as ``xGraphic``), all levels."""
    counts: dict[str, int] = {}
    for top in parse_fragment(text):
        for node in top.iter():
            if isinstance(node.tag, str):
                name = node.get("type") if local(node) == "xref" and node.get("type") else local(node)
                counts[name] = counts.get(name, 0) + 1
    return counts


def local(el: Any) -> str:
    """Local name of an element (namespace dropped); '' for comments and processing instructions."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def text_of(el: Any) -> str:
    """All text inside ``el`` with runs of white space collapsed to one space."""
    return " ".join("".join(el.itertext()).split())
