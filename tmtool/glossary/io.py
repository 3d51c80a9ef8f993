"""Reading and writing glossaries in any supported format, chosen by name or guessed from the file."""

from __future__ import annotations

import codecs
from pathlib import Path

from ..errors import FormatError, InputError, UsageError
from ..fileio import regular_file
from .model import Glossary, refuse_duplicate_terms

__all__ = ["CSV_FORMATS", "FORMATS", "detect_format", "dropped_by", "format_for_output", "read_glossary", "write_glossary"]

# name -> what it is; "csv" is the lossless one
FORMATS = {
    "tbx": "TBX 2019 TBX-Basic, DCA style (.tbx)",
    "tbx2": "TBX v2 martif, as OmegaT and translate-toolkit read it (.tbx)",
    "omegat": "OmegaT tab-separated glossary, UTF-8 (.txt)",
    "csv": "lossless CSV, one row per term (.csv)",
    "memoq": "memoQ-style CSV, one column per language code (.csv)",
}
_SUFFIX = {".tbx": "tbx", ".xml": "tbx", ".txt": "omegat", ".tab": "omegat", ".tsv": "omegat", ".utf8": "omegat"}


def _head_text(head: bytes, encoding: str | None) -> str:
    """The first bytes of a file as text: in ``encoding`` if given (and known), else by its UTF-16 byte order
    mark, else as UTF-8; undecodable bytes replaced (the reader reports them)."""
    if encoding:
        try:
            return head.decode(encoding, "replace")
        except (LookupError, UnicodeError, ValueError):  # the reader names an unknown or unusable encoding
            pass
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", "replace")
    return head.decode("utf-8", "replace")


def detect_format(path: str | Path, encoding: str | None = None) -> str:
    """Guess the format of an existing file from its name and first bytes (a CSV's header read in ``encoding``,
    or by its byte order mark)."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", p) from None
    if b"<martif" in head:
        return "tbx2"
    if b"<tbx" in head or p.suffix.lower() in (".tbx", ".xml") or head.lstrip().startswith(b"<"):
        return "tbx"
    suffix = p.suffix.lower()
    if suffix in _SUFFIX:
        return "memoq" if _table_header(head, p, encoding) else _SUFFIX[suffix]
    if suffix == ".csv":
        first = _head_text(head, encoding).lstrip("\ufeff").splitlines()[0:1]
        header = first[0].replace(";", ",").replace("\t", ",") if first else ""
        cells = {c.strip().strip('"').lower() for c in header.split(",")}
        return "csv" if {"id", "lang", "term"} <= cells else "memoq"
    raise FormatError(f"cannot tell the glossary format from the name (give one of {', '.join(FORMATS)})", p)


def _table_header(head: bytes, path: Path, encoding: str | None = None) -> bool:
    """Whether the first line of a ``.txt``/``.tsv`` file is the header of a table of terms, one column per language
    (``English<TAB>French<TAB>Chinese``, ``en<TAB>fr``): what Excel's "Unicode Text" (UTF-16, tabs) makes of a
    glossary sheet, and what memoQ's help recommends saving one as. An OmegaT glossary has no header: its first
    row is a term and its rendering, which are not two language names. A term column's header must name a
    language plainly: a language name, or a code CLDR knows with two letters (or three that have two: ``eng``),
    so that an acronym glossary (``ICJ<TAB>CIJ``, ``sea<TAB>mer``, ``ILO<TAB>OIT``) stays OmegaT."""
    from ..errors import TmtoolError
    from ..languages import base, language_tag, tag_from_name
    from .memoq import _header

    first = _head_text(head, encoding).lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")
    cells = [c.strip().strip('"') for c in first.split("\t")]
    if first.startswith("#") or len(cells) < 2 or not all(cells):
        return False
    try:
        kinds = _header(cells, path)
    except TmtoolError:
        return False
    terms = [cell for cell, (kind, _) in zip(cells, kinds) if kind == "term"]

    def plain(cell: str) -> bool:  # language_tag checks two letters against CLDR and turns eng into en
        tag = language_tag(cell)
        return tag_from_name(cell) is not None or (tag is not None and len(base(tag)) == 2)

    # two languages at least: "Hindi<TAB>hindi" is an OmegaT row (a glossary of language names), not a header
    return all(map(plain, terms)) and len({key for kind, key in kinds if kind == "term"}) >= 2


def format_for_output(path: str | Path) -> str:
    """The format implied by an output file name (``.csv`` -> lossless csv)."""
    suffix = Path(path).suffix.lower()
    if suffix in (".tbx", ".xml"):
        return "tbx"
    if suffix == ".csv":
        return "csv"
    if suffix in _SUFFIX:
        return _SUFFIX[suffix]
    raise UsageError(f"cannot tell the output format from {str(path)!r}: give --to ({', '.join(FORMATS)})")


def read_glossary(path: str | Path, format: str | None = None, *, encoding: str | None = None,
                  src_lang: str | None = None, tgt_lang: str | None = None, default_src_lang: str | None = None,
                  default_tgt_lang: str | None = None) -> Glossary:  # fmt: skip
    """Read a glossary file. ``format`` is one of :data:`FORMATS` (guessed when None).

    Options: ``encoding`` (CSV/TSV), ``src_lang``/``tgt_lang`` (OmegaT: the languages, over the file's tmtool
    header), ``default_src_lang``/``default_tgt_lang`` (OmegaT: the languages when the file does not say them).
    """
    regular_file(path)  # before the format: /dev/null has no name to tell it from
    fmt = format or detect_format(path, encoding)
    if fmt == "tbx":
        from .tbx import read_tbx

        return read_tbx(path)
    if fmt == "tbx2":
        from .tbx2 import read_tbx2

        return read_tbx2(path)
    if fmt == "csv":
        from .csvfile import read_csv

        return read_csv(path, encoding=encoding)
    if fmt == "memoq":
        from .memoq import read_memoq

        return read_memoq(path, encoding=encoding)
    if fmt == "omegat":
        from .omegat import read_omegat

        return read_omegat(path, src_lang=src_lang, tgt_lang=tgt_lang, encoding=encoding,
                           default_src_lang=default_src_lang, default_tgt_lang=default_tgt_lang)
    raise UsageError(f"unknown glossary format {fmt!r} (one of {', '.join(FORMATS)})")


def dropped_by(glossary: Glossary, format: str) -> dict[str, int]:
    """What writing ``glossary`` in ``format`` cannot carry of the TBX elements kept as XML
    (``Term.extra_xml``, ``Entry.extra_xml``/``lang_extra_xml``, the TBX back matter): element name ->
    count (``xGraphic`` for ``xref type="xGraphic"``). Empty for TBX; only the back matter for the CSV."""
    from ._xml import count_fragment

    fragments = []
    if format not in ("tbx", "tbx2") and glossary.metadata.get("tbx_back"):
        fragments.append(glossary.metadata["tbx_back"])
    if format not in ("tbx", "tbx2", "csv"):
        for e in glossary.entries:
            fragments += [e.extra_xml, *(x for _, x in e.lang_extra_xml), *(t.extra_xml for t in e.terms)]
    counts: dict[str, int] = {}
    for fragment in fragments:
        if fragment:
            for name, n in count_fragment(fragment).items():
                counts[name] = counts.get(name, 0) + n
    return counts


# the formats written as CSV, which may start with a UTF-8 byte order mark (``bom``)
CSV_FORMATS = ("csv", "memoq")


def write_glossary(glossary: Glossary, path: str | Path, format: str | None = None, *, bom: bool = False,
                   src_lang: str | None = None, tgt_lang: str | None = None) -> int:  # fmt: skip
    """Write ``glossary`` to ``path`` (atomically) in ``format``; returns the number of entries written.

    Options: ``src_lang``/``tgt_lang`` (OmegaT: the pair; TBX: ``src_lang`` is the file's xml:lang). ``bom``: start
    a CSV format (:data:`CSV_FORMATS`) with a UTF-8 byte order mark, which Excel needs to read it as UTF-8; a
    :class:`~tmtool.errors.UsageError` for the other formats (TBX declares its encoding, OmegaT's file says it in
    its first line).
    """
    fmt = format or format_for_output(path)
    if bom and fmt not in CSV_FORMATS:
        raise UsageError(f"a byte order mark (--bom) is for the CSV formats ({', '.join(CSV_FORMATS)}), not {fmt}")
    refuse_duplicate_terms(glossary)  # what every reader refuses, no writer writes
    if fmt == "tbx":
        from .tbx import write_tbx

        return write_tbx(glossary, path, source_lang=src_lang)
    if fmt == "tbx2":
        from .tbx2 import write_tbx2

        return write_tbx2(glossary, path, source_lang=src_lang)
    if fmt == "csv":
        from .csvfile import write_csv

        return write_csv(glossary, path, bom=bom)
    if fmt == "memoq":
        from .memoq import write_memoq

        return write_memoq(glossary, path, bom=bom)
    if fmt == "omegat":
        from .omegat import write_omegat

        return write_omegat(glossary, path, src_lang=src_lang, tgt_lang=tgt_lang)
    raise UsageError(f"unknown glossary format {fmt!r} (one of {', '.join(FORMATS)})")
