"""TMX validation: the TMX 1.4 DTD plus the checks a DTD cannot make.

:func:`validate_tmx` returns one :class:`Problem` per finding, each with its line number where known:

- characters XML 1.0 forbids, written raw or as character references;
- well-formedness (the parser's own message);
- the DTD (``tmx14.dtd``, never fetched: the file given, or the one beside the project);
- ``bpt``/``ept`` pairing by ``i`` inside each segment, duplicate ``bpt`` numbers;
- two ``tuv`` of one language in a ``tu`` (codes compared case-insensitively);
- ``srclang`` consistency: a unit's source language (its own or the header's) with no ``tuv`` in it;
- language codes: a ``tuv`` without one or with an empty one, and codes not shaped as a BCP 47 tag (``tuv``
  ``xml:lang``, the header's ``srclang`` and ``adminlang``, a unit's ``srclang``; ``*all*`` only as ``srclang``);
- malformed or impossible dates, duplicate ``tuid``;
- (warning) ``it`` without ``x``, legal in 1.4b but it leaves a code impossible to match across languages.
"""

from __future__ import annotations

import codecs
import copy
import io
import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lxml import etree

from ..errors import UsageError
from ..fileio import regular_file
from .reader import XML_LANG, lang_key
from ..documents.decoding import XML_ENCODING_DECLARATION
from .safety import check_prolog, safe_parser_options

__all__ = ["Problem", "validate_tmx", "find_dtd", "lang_problem", "DTD_ENV"]

DTD_ENV = "TMTOOL_TMX_DTD"
_BAD_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NCR = re.compile(r"&#(x[0-9A-Fa-f]+|[0-9]+);")
# BCP 47 shaped: a two- or three-letter language and subtags joined by hyphens, or a private-use (x-) or
# grandfathered (i-) tag; no spaces, no underscores (en_US is a POSIX locale name, not a language tag)
_LANG = re.compile(r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*|[xXiI](?:-[A-Za-z0-9]{1,8})+)$")
_DATE = re.compile(r"^\d{8}T\d{6}Z$")
_DATE_ATTRS = ("creationdate", "changedate", "lastusagedate")


@dataclass(frozen=True)
class Problem:
    """One finding: ``line`` (1-based, ``None`` when unknown), ``message``, ``severity`` (error|warning)."""

    line: int | None
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        where = f"{self.line}: " if self.line is not None else ""
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}{prefix}{self.message}"


def find_dtd(dtd: str | Path | None = None) -> Path | None:
    """The TMX 1.4 DTD to use: ``dtd`` if given, else ``$TMTOOL_TMX_DTD``, else
    ``../shared/standards/tmx14.dtd`` beside the project (tmtool does not ship the LISA DTD)."""
    if dtd is not None:
        p = Path(dtd)
        if not p.is_file():
            raise UsageError(f"DTD not found: {p}")
        return p
    env = os.environ.get(DTD_ENV)
    if env:
        p = Path(env)
        if not p.is_file():
            raise UsageError(f"{DTD_ENV} points to a missing file: {p}")
        return p
    # never a tmx14.dtd found beside the file being checked: that one is as untrusted as the file
    candidate = Path(__file__).resolve().parents[2].parent / "shared" / "standards" / "tmx14.dtd"
    return candidate if candidate.is_file() else None


def _python_encoding(path: Path, sniffed: str | None) -> str:
    if sniffed == "UTF-8":
        return "utf-8-sig"
    if sniffed:
        return sniffed
    with open(path, "rb") as fh:
        m = XML_ENCODING_DECLARATION.match(fh.read(512))
    if m:
        name = m.group(1).decode("ascii", "replace")
        try:
            codecs.lookup(name)
            return name
        except LookupError:
            pass
    return "utf-8-sig"


def _scan_characters(path: Path, encoding: str) -> list[Problem]:
    problems = []
    try:
        with open(path, encoding=encoding, newline="") as fh:
            for n, line in enumerate(fh, 1):
                for m in _BAD_CHAR.finditer(line):
                    problems.append(Problem(n, f"character U+{ord(m.group()):04X} is not allowed in XML"))
                if "&#" in line:
                    for m in _NCR.finditer(line):
                        ref = m.group(1)
                        code = int(ref[1:], 16) if ref[0] == "x" else int(ref)
                        if code > 0x10FFFF or _BAD_CHAR.match(chr(code)):
                            problems.append(Problem(n, f"character reference &#{ref}; names a character XML forbids"))
    except UnicodeDecodeError as exc:
        problems.append(Problem(None, f"bytes not valid {encoding} at byte {exc.start}"))
    return problems


def _check_date(elem, problems: list[Problem]) -> None:
    for attr in _DATE_ATTRS:
        value = elem.get(attr)
        if value is None:
            continue
        ok = bool(_DATE.match(value))
        if ok:
            try:
                datetime.strptime(value, "%Y%m%dT%H%M%SZ")
            except ValueError:
                ok = False
        if not ok:
            problems.append(Problem(elem.sourceline, f"<{elem.tag}> {attr}={value!r} is not a date YYYYMMDDThhmmssZ"))


def _check_seg(seg, problems: list[Problem]) -> None:
    open_i: dict[str, int] = {}
    used: set[str] = set()
    for el in seg.iter("bpt", "ept", "it"):
        tag = el.tag
        if tag == "it":
            if el.get("x") is None:
                problems.append(Problem(el.sourceline, "<it> without x: the isolated code cannot be matched across languages", "warning"))
            continue
        i = el.get("i")
        if i is None:
            continue  # the DTD reports the missing attribute
        if tag == "bpt":
            if i in used:
                problems.append(Problem(el.sourceline, f"duplicate <bpt i=\"{i}\"> in one segment"))
            used.add(i)
            open_i[i] = el.sourceline
        else:
            if i not in open_i:
                problems.append(Problem(el.sourceline, f"<ept i=\"{i}\"> has no <bpt i=\"{i}\"> before it"))
            else:
                del open_i[i]
    for i, line in open_i.items():
        problems.append(Problem(line, f"<bpt i=\"{i}\"> has no matching <ept>"))


def lang_problem(value: str, what: str, allow_all: bool = False) -> str | None:
    """Why ``value`` is not a language tag (``what`` names the attribute), or None when it is one."""
    if allow_all and value == "*all*":
        return None
    if value == "":
        return f"{what} is empty"
    if _LANG.match(value):
        return None
    hint = ""
    if _LANG.match(value.strip().replace("_", "-")):
        hint = f" (write {value.strip().replace('_', '-')!r})"
    return f"{what} {value!r} is not a language code{hint}"


def _check_header(header, problems: list[Problem]) -> None:
    _check_date(header, problems)
    for attr in ("srclang", "adminlang"):
        value = header.get(attr)
        if value is not None:  # a missing one is the DTD's finding
            why = lang_problem(value, f"header {attr}", allow_all=attr == "srclang")
            if why:
                problems.append(Problem(header.sourceline, why))


def _check_tu(tu, header_src: str | None, tuids: dict[str, int], problems: list[Problem]) -> None:
    _check_date(tu, problems)
    tuid = tu.get("tuid")
    if tuid is not None:
        if tuid in tuids:
            problems.append(Problem(tu.sourceline, f"tuid {tuid!r} already used at line {tuids[tuid]}"))
        else:
            tuids[tuid] = tu.sourceline
    own_src = tu.get("srclang")
    if own_src is not None:
        why = lang_problem(own_src, "tu srclang", allow_all=True)
        if why:
            problems.append(Problem(tu.sourceline, why))
    seen: dict[str, int] = {}
    for tuv in tu.findall("tuv"):
        _check_date(tuv, problems)
        lang = tuv.get(XML_LANG)
        if lang is None:
            lang = tuv.get("lang")  # TMX 1.1
        if lang is None:  # the DTD says it too, but --no-dtd must not pass such a file
            problems.append(Problem(tuv.sourceline, "tuv has no xml:lang: its language is unknown"))
            continue
        why = lang_problem(lang, "tuv language")
        if why:
            problems.append(Problem(tuv.sourceline, why))
        key = lang_key(lang)
        if key in seen:
            problems.append(Problem(tuv.sourceline, f"second tuv in language {lang!r} in one tu (first at line {seen[key]})"))
        else:
            seen[key] = tuv.sourceline
        for seg in tuv.findall("seg"):
            _check_seg(seg, problems)
    src = own_src or header_src
    if src and lang_key(src) != "*all*" and lang_key(src) not in seen:
        whose = "its" if own_src else "the header's"
        problems.append(Problem(tu.sourceline, f"source language {src!r} ({whose} srclang) has no tuv in this tu"))


class _DtdBatches:
    """DTD validation in bounded memory.

    Units are copied (with their line numbers) into a small skeleton document ``tmx(header, body)`` that
    is validated every ``size`` units and emptied; only findings inside the copied units count there. The
    real document, which by then holds the root, the header, the body and the last units, is validated
    once at the end for what lies before the first unit (root, header, body structure). The real tree
    cannot be validated batch by batch: the parser reads ahead, so it already holds later, partial units.
    """

    def __init__(self, dtd: etree.DTD, problems: list[Problem], size: int) -> None:
        self.dtd = dtd
        self.problems = problems
        self.size = size
        self.skeleton = etree.Element("tmx", version="1.4")
        self.body = etree.SubElement(self.skeleton, "body")
        self.first_unit_line: int | None = None

    def header(self, header) -> None:
        self.skeleton.insert(0, copy.deepcopy(header))

    def add(self, tu) -> None:
        if self.first_unit_line is None:
            self.first_unit_line = tu.sourceline or 0
        self.body.append(copy.deepcopy(tu))
        if len(self.body) >= self.size:
            self.flush()

    def flush(self) -> None:
        if len(self.body) == 0:
            return
        start = self.body[0].sourceline or 0
        self.dtd.validate(self.skeleton)
        for err in self.dtd.error_log:
            if (err.line or 0) >= start:
                self.problems.append(Problem(err.line or None, f"DTD: {err.message}"))
        self.body.clear()

    def finish(self, tree) -> None:
        self.flush()
        limit = self.first_unit_line
        self.dtd.validate(tree)
        for err in self.dtd.error_log:
            if limit is None or (err.line or 0) < limit:
                self.problems.append(Problem(err.line or None, f"DTD: {err.message}"))


_EXTERNAL_ENTITY = re.compile(rb"<!ENTITY\s+(?:%\s+)?\S+\s+(?:SYSTEM|PUBLIC)\b")


def _load_dtd(path: Path) -> etree.DTD:
    """Parse the DTD at ``path``; a file that is not a DTD is a :class:`UsageError` naming it. A DTD is read from a
    regular file only (a FIFO would block), and one declaring an external entity is refused: its files are never
    read, as nothing else is fetched."""
    if path.exists() and not path.is_file():
        raise UsageError(f"{path}: not a regular file; give the TMX 1.4 DTD with --dtd")
    try:
        data = path.read_bytes()
        if _EXTERNAL_ENTITY.search(data):
            raise UsageError(f"{path}: declares an external entity (SYSTEM or PUBLIC), which tmtool never reads; "
                             "give the TMX 1.4 DTD with --dtd")  # fmt: skip
        parsed = etree.DTD(io.BytesIO(data))
    except (etree.DTDParseError, OSError) as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise UsageError(f"{path}: not a usable DTD ({first}); give the TMX 1.4 DTD with --dtd") from None
    # an empty file (or another format's DTD) parses: every element of the TMX was then a DTD error
    if not any(element.name == "tmx" for element in parsed.elements()):
        raise UsageError(f"{path}: not a usable DTD (it declares no <tmx> element); give the TMX 1.4 DTD with --dtd")
    return parsed


def validate_tmx(
    path: str | Path, *, dtd: str | Path | None = None, use_dtd: bool = True, batch: int = 2000
) -> list[Problem]:
    """Check a TMX file; an empty list means it is clean. Problems come in line order.

    ``dtd`` is the TMX 1.4 DTD file (see :func:`find_dtd`); :class:`UsageError` if none can be found and
    ``use_dtd`` is true. The file is read streaming: the DTD check runs on ``batch`` units at a time.
    Hostile XML raises :class:`~tmtool.errors.UnsafeXMLError` without being parsed.
    """
    p = regular_file(path)
    dtd_path = find_dtd(dtd) if use_dtd else None
    if use_dtd and dtd_path is None:
        raise UsageError("tmx14.dtd not found beside the project: give it with --dtd FILE (or use --no-dtd)")
    prolog = check_prolog(p)
    problems = _scan_characters(p, _python_encoding(p, prolog.encoding))
    batches = _DtdBatches(_load_dtd(dtd_path), problems, batch) if dtd_path is not None else None
    events = etree.iterparse(
        str(p), events=("end",), tag=("header", "tu"), encoding=prolog.encoding, **safe_parser_options()
    )
    header_src: str | None = None
    tuids: dict[str, int] = {}
    root = None
    try:
        for _event, elem in events:
            if root is None:
                root = elem.getroottree().getroot()
                if root.tag != "tmx":
                    problems.append(Problem(root.sourceline, f"root element is <{root.tag}>, not <tmx>"))
                    return problems
            if elem.tag == "header":
                header_src = elem.get("srclang")
                _check_header(elem, problems)
                if batches is not None:
                    batches.header(elem)
                continue
            _check_tu(elem, header_src, tuids, problems)
            if batches is not None:
                batches.add(elem)
            parent = elem.getparent()
            while elem.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        if not problems:  # characters already explain the failure
            for err in events.error_log:  # the exception's log may hold other parsers' errors
                if err.level_name in ("ERROR", "FATAL"):
                    problems.append(Problem(err.line or None, f"not well-formed XML: {err.message}"))
            if not problems:
                problems.append(Problem(exc.lineno, f"not well-formed XML: {exc.msg}"))
        return sorted(problems, key=lambda pr: (pr.line or 0))
    root = events.root
    if root is not None and root.tag != "tmx":
        problems.append(Problem(root.sourceline, f"root element is <{root.tag}>, not <tmx>"))
        return problems
    if batches is not None and root is not None:
        batches.finish(root.getroottree())
    return sorted(problems, key=lambda pr: (pr.line or 0))
