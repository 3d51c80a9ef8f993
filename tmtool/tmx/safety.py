"""Refusing hostile XML before any real parser sees it, and guessing the encoding of a TMX file.

TMX files legitimately carry ``<!DOCTYPE tmx SYSTEM "tmx14.dtd">``; tmtool never loads that DTD. Anything
that could make a parser read a file, touch the network or expand entities is refused with
:class:`~tmtool.errors.UnsafeXMLError` *before* parsing: entity declarations (general or parameter, internal
or external), notation declarations, and a DOCTYPE whose system identifier is not a TMX DTD name. The check
reads only the prolog (everything before the root element, at most :data:`MAX_PROLOG` bytes) with expat,
whose handlers raise on the first declaration, so no entity is ever expanded and memory stays bounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from xml.parsers import expat

from ..documents.decoding import sniff_encoding
from ..errors import FormatError, UnsafeXMLError

__all__ = ["MAX_PROLOG", "Prolog", "sniff_encoding", "check_prolog", "safe_parser_options"]

MAX_PROLOG = 1 << 20  # bytes of prolog (XML declaration, comments, DOCTYPE) we are willing to look at
_TMX_DTD = re.compile(r"(^|[/\\])tmx\d*[a-z]?\.dtd$", re.IGNORECASE)


@dataclass(frozen=True)
class Prolog:
    """What the prolog says: the sniffed encoding (``None`` = let the parser read the declaration)."""

    encoding: str | None
    doctype: str | None
    system_id: str | None


class _RootReached(Exception):
    pass


def safe_parser_options() -> dict[str, object]:
    """The lxml options every tmtool parser uses: no entities, no DTD, no network, default size limits."""
    return {
        "resolve_entities": False,
        "load_dtd": False,
        "no_network": True,
        "dtd_validation": False,
        "huge_tree": False,
    }


def check_prolog(path: str | Path) -> Prolog:
    """Read the prolog of ``path`` and raise :class:`UnsafeXMLError` if it asks for anything unsafe.

    Returns the sniffed encoding and the DOCTYPE, if any. Only the bytes before the root element are read.
    """
    p = str(path)
    found: dict[str, str | None] = {"doctype": None, "system_id": None}

    def refuse(what: str) -> None:
        raise UnsafeXMLError(f"{what} refused: tmtool never expands entities or loads DTDs", p, parser.CurrentLineNumber)

    def on_doctype(name, system_id, public_id, has_internal_subset):
        found["doctype"] = name
        found["system_id"] = system_id
        if system_id and not _TMX_DTD.search(system_id.strip()):
            refuse(f"external DTD {system_id!r}")

    def on_entity(name, is_parameter_entity, value, base, system_id, public_id, notation_name):
        kind = "parameter entity" if is_parameter_entity else "entity"
        where = "external " if system_id else ""
        refuse(f"{where}{kind} declaration {name!r}")

    def on_notation(name, base, system_id, public_id):
        refuse(f"notation declaration {name!r}")

    def on_start(name, attrs):
        raise _RootReached

    try:
        fh = open(p, "rb")
    except OSError as exc:
        raise FormatError(f"cannot read: {exc.strerror}", p) from None
    with fh:
        first = fh.read(65536)
        encoding = sniff_encoding(first)
        parser = expat.ParserCreate(encoding=_expat_encoding(encoding))
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = on_doctype
        parser.EntityDeclHandler = on_entity
        parser.UnparsedEntityDeclHandler = lambda *a: refuse(f"unparsed entity declaration {a[0]!r}")
        parser.NotationDeclHandler = on_notation
        parser.ExternalEntityRefHandler = lambda *a: refuse("external entity reference")
        parser.StartElementHandler = on_start
        seen = 0
        chunk = first
        try:
            while True:
                if not chunk:
                    parser.Parse(b"", True)
                    break
                seen += len(chunk)
                parser.Parse(chunk, False)
                if seen > MAX_PROLOG:
                    raise UnsafeXMLError(f"no root element in the first {MAX_PROLOG} bytes (oversized prolog)", p)
                chunk = fh.read(65536)
        except _RootReached:
            pass
        except expat.ExpatError as exc:
            raise FormatError(f"not well-formed XML: {expat.ErrorString(exc.code)}", p, exc.lineno, exc.offset + 1) from None
    return Prolog(encoding, found["doctype"], found["system_id"])


def _expat_encoding(encoding: str | None) -> str | None:
    # expat knows UTF-16 with a BOM by itself; it only needs telling when there is none.
    if encoding in ("UTF-16LE", "UTF-16BE", "UTF-8"):
        return encoding
    return None
