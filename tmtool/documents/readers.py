"""Readers for the structured formats: .docx (python-docx), .html (lxml.html), .pdf (pypdf).

Each gives a list of ``(text, hint)`` blocks, ``hint`` being ``"heading"`` when the format says so,
``"cell"`` for a table cell and ``"running"`` for a line of a page header or footer. For PDF each
block is one page's text (the caller repairs it like converted text, pages joined by form feeds).
"""

from __future__ import annotations

import codecs
import contextlib
import io
import logging
import re
import threading
import zipfile
import zlib
from collections.abc import Iterator
from os import PathLike

from ..errors import EncodingError, FormatError, InputError, UnsafeXMLError
from .decoding import decode_bytes, looks_binary, read_file_bytes, sniff_encoding
from .docx_numbering import WordNumbering

__all__ = ["read_structured", "read_docx", "read_html", "read_pdf"]

Blocks = list[tuple[str, str | None]]
_HEADING_STYLE_RE = re.compile(r"^(?:Heading|Title|Subtitle|Titre|Título|Заголовок|标题)", re.IGNORECASE)


def _refuse_declarations(data: bytes, path: str | PathLike[str]) -> None:
    """:class:`UnsafeXMLError` when an XML part of a .docx package declares a DTD or entities (Word never writes
    one; python-docx would silently drop the text after an unexpanded entity)."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        for info in package.infolist():
            if not info.filename.endswith((".xml", ".rels")):
                continue
            with package.open(info) as fh:
                head = fh.read(65536)
            encoding = sniff_encoding(head)  # UTF-16 with or without a byte-order mark
            if encoding and encoding.startswith("UTF-16"):
                head = head.decode(encoding, errors="replace").encode("utf-8")
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise UnsafeXMLError(f"its part {info.filename} declares a DTD or XML entities; refusing to read it",
                                     path)  # fmt: skip
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, RuntimeError) as exc:  # encrypted: Runtime
        raise FormatError(f"not a readable .docx file ({exc.__class__.__name__}: {exc})", path) from None


def read_docx(path: str | PathLike[str]) -> Blocks:
    """Paragraphs of the main body (tables row by row, cell by cell) with heading styles as hints, each with the
    number Word shows before it when Word numbers it (:class:`~.docx_numbering.WordNumbering`: ``1.``, ``(a)``).

    Page headers and footers live apart from the body in .docx, so they never mix with the text; their lines come
    last, hinted ``"running"`` (the document symbols of a UN file's header go into its metadata). Footnotes come
    after the body, then endnotes, numbered as Word shows them (:func:`_docx_notes`).
    """
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    data = read_file_bytes(path)
    if not data.startswith(b"PK"):
        raise FormatError("not a .docx file (not a ZIP package)", path)
    _refuse_declarations(data, path)
    try:
        document = docx.Document(io.BytesIO(data))  # the bytes checked are the bytes read
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise FormatError(f"not a readable .docx file ({exc.__class__.__name__}: {exc})", path) from None
    except Exception as exc:  # python-docx raises its own PackageNotFoundError, lxml errors ...
        raise FormatError(f"not a readable .docx file: {exc}", path) from None
    numbers = {kind: _note_numbers(document, kind) for kind in ("footnote", "endnote")}
    numbering = WordNumbering(_related_element(document, "NUMBERING", path), _related_element(document, "STYLES", path))

    def numbered(para: Paragraph) -> str:  # "1. The Assembly ...": Word's automatic number put back
        text = para.text.replace("\v", " ").strip()
        label, gap = numbering.label(para._p)  # counted even when the paragraph is empty, as Word counts it
        return f"{label}{gap}{text}" if text and label else text

    blocks: Blocks = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = numbered(item)
            if text:
                style = item.style.name if item.style is not None else ""
                blocks.append((text, "heading" if _HEADING_STYLE_RE.match(style or "") else None))
        elif isinstance(item, Table):
            for row in item.rows:
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    for para in cell.paragraphs:
                        text = numbered(para)
                        if text:
                            blocks.append((text, "cell"))
    running: dict[str, None] = {}
    for section in document.sections:
        for part in (section.first_page_header, section.header, section.even_page_header,
                     section.first_page_footer, section.footer, section.even_page_footer):
            if not part.is_linked_to_previous:
                for para in part.paragraphs:
                    running.update((line.strip(), None) for line in para.text.replace("\v", "\n").splitlines())
    blocks += [(note, None) for kind in ("footnote", "endnote")
               for note in _docx_notes(document, kind, path, numbers[kind])]
    blocks += [(line, "running") for line in running if line]
    return blocks


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _related_element(document, name: str, path: str | PathLike[str]):  # noqa: ANN001, ANN202
    """The parsed root of the part the main part relates as ``name`` (``NUMBERING``, ``STYLES``), ``None`` when
    the package has none (none is made). Parsed safely (no entities, no DTD, no network)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    reltype = getattr(RELATIONSHIP_TYPE, name)
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == reltype and not rel.is_external), None)  # fmt: skip
    if part is None:
        return None
    element = getattr(part, "element", None)  # python-docx has parsed it already
    if element is not None:
        return element
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"its {name.lower()} ({part.partname}) is not well-formed XML: {exc}", path) from None


_NOT_NOTES = frozenset({"separator", "continuationSeparator", "continuationNotice"})


def _note_numbers(document, kind: str) -> dict[str, int | None]:  # noqa: ANN001
    """The number Word shows for each note id (``kind`` ``footnote`` or ``endnote``), in the order of the
    references in the body: a reference with its own mark (``w:customMarkFollows``, the ``*`` note of a GA report's
    title) gets ``None`` and takes no number. The custom mark itself (the text after the reference in its run) is
    removed from the body paragraph (in memory only): the note carries it."""
    numbers: dict[str, int | None] = {}
    count = 0
    for ref in document.element.body.iter(f"{_W}{kind}Reference"):
        note_id = ref.get(f"{_W}id")
        if ref.get(f"{_W}customMarkFollows") in ("1", "true", "on"):
            numbers.setdefault(note_id, None)
            for sibling in ref.itersiblings():
                if sibling.tag == f"{_W}t":
                    sibling.text = ""
        elif note_id not in numbers:
            count += 1
            numbers[note_id] = count
    return numbers


def _docx_notes(document, kind: str, path: str | PathLike[str],  # noqa: ANN001
                numbers: dict[str, int | None] | None = None) -> list[str]:
    """The footnotes (``kind="endnote"``: endnotes) of an open python-docx ``document`` (the part its main part
    relates as ``footnotes``), each one paragraph numbered as Word shows them (``1 See resolution 2118 (2013).``),
    in the order of their references in the body (``numbers``, from :func:`_note_numbers`; notes no reference
    calls come last, numbered on): UN footnotes hold references the versions share. A note with its own mark keeps
    it and takes no number (``* A/78/150.``). Parsed safely (no entities, no DTD, no network); notes that cannot be
    read are a :class:`FormatError` naming ``path``."""
    numbers = numbers or {}
    from docx.opc.constants import RELATIONSHIP_TYPE
    from lxml import etree

    reltype = getattr(RELATIONSHIP_TYPE, f"{kind.upper()}S")
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype == reltype and not rel.is_external), None)  # fmt: skip
    if part is None:
        return []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(part.blob, parser)
    except etree.XMLSyntaxError as exc:
        raise FormatError(f"its {kind}s ({part.partname}) are not well-formed XML: {exc}", path) from None
    order = {note_id: i for i, note_id in enumerate(numbers)}
    count = sum(1 for number in numbers.values() if number is not None)
    found: list[tuple[int, int, str]] = []
    for position, note in enumerate(root.iter(f"{_W}{kind}")):
        if note.get(f"{_W}type") in _NOT_NOTES:
            continue
        paragraphs = (" ".join("".join(t.text or "" for t in p.iter(f"{_W}t")).split()) for p in note.iter(f"{_W}p"))
        text = " ".join(p for p in paragraphs if p)
        if not text:
            continue
        note_id = note.get(f"{_W}id")
        if note_id in numbers:
            number = numbers[note_id]
            rank = order[note_id]
        else:  # not called from the body: after the others
            number = None if next(note.iter(f"{_W}{kind}Ref"), None) is None and text[:1] in "*†‡§" else count + 1
            count += number is not None
            rank = len(order) + position
        found.append((rank, position, text if number is None else f"{number} {text}"))
    return [text for _, _, text in sorted(found)]


_HTML_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "dt", "dd", "blockquote", "pre",
                "caption", "figcaption", "div", "section", "article")
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?[\w-]+|<\?xml[^>]+encoding=""", re.IGNORECASE)
_HTML_DROP = ("script", "style", "nav", "header", "footer", "noscript", "template", "head", "svg", "form", "button")


def read_html(path: str | PathLike[str]) -> Blocks:
    """Block elements of the page body in document order; ``h1``-``h6`` are headings, blocks in a table cell are
    cells (``<td><p>Asia</p><p>Pacific</p></td>``, ``<th><h4>Region</h4></th>`` too); a nested list's items are paragraphs of their own. Footnote
    marks are dropped (:func:`_is_note_mark`). Scripts, styles, navigation, page headers and footers are dropped.
    Nothing is fetched: no network, no DTD, no entities."""
    from lxml import etree, html

    data = read_file_bytes(path)
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and looks_binary(data):  # UTF-16 has NULs
        raise EncodingError("binary data, not an HTML page", path)
    encoding = None  # declared (a BOM, <meta charset>, <?xml encoding?>): libxml2 reads the declaration
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not _CHARSET_RE.search(
        data[:4096]
    ):  # no declared encoding: it must be UTF-8, never a silent guess (libxml2 alone would read Latin-1)
        decode_bytes(data, path)
        encoding = "utf-8"
    if b"<!ENTITY" in data[:65536]:
        raise UnsafeXMLError("declares XML entities; refusing to expand them", path)
    parser = html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, default_doctype=False,
                             encoding=encoding)
    try:
        root = html.document_fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise FormatError(f"not readable HTML: {exc}", path) from None
    for bad in root.xpath("|".join(f"//{tag}" for tag in _HTML_DROP)):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = " " + (br.tail or "")
    marks = [sup for sup in root.iter("sup") if _is_note_mark(sup)]
    marks += [link for link in root.iter("a") if _is_note_link(link)]  # decided before any is dropped
    for mark in marks:
        mark.drop_tree()  # "report<sup><a href="#fn1">1</a></sup>." -> "report." (its tail is kept)
    blocks: Blocks = []

    def holds_blocks(element) -> bool:
        return any(isinstance(d.tag, str) and d.tag in _HTML_BLOCKS for d in element.iterdescendants())

    def walk(element, in_cell: bool = False) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        in_cell = in_cell or tag in ("td", "th")
        hint = "cell" if in_cell else "heading" if re.fullmatch(r"h[1-6]", tag) else None  # <th><h4>: a cell
        # the text of this element outside its nested blocks, a paragraph between each two of them
        # ("<li>Second item:<ul><li>nested one;</li></ul></li>": two paragraphs, not one glued "item:nested one;")
        pieces = [element.text or ""]

        def flush() -> None:
            text = " ".join("".join(pieces).split())
            if text:
                blocks.append((text, hint))
            pieces.clear()

        for child in element:
            if isinstance(child.tag, str) and (child.tag in _HTML_BLOCKS or holds_blocks(child)):
                flush()
                walk(child, in_cell)
            elif isinstance(child.tag, str):
                pieces.append(child.text_content())
            pieces.append(child.tail or "")
        flush()

    body = root.find("body")
    walk(body if body is not None else root)
    return blocks


_NOTE_MARK_RE = re.compile(r"\s*(?:\d{1,3}|[*†‡]|\[\d{1,3}\]|\(\d{1,3}\))\s*")
_TABLE_NOTE_RE = re.compile(r"\s*[a-z]\s*")  # "Total<sup>a</sup>": a table note's letter
_NOTE_HREF_RE = re.compile(r"#_?(?:ftn|edn|fn|footnote|endnote|note)", re.IGNORECASE)


def _is_note_link(link) -> bool:  # noqa: ANN001
    """Whether an ``<a>`` is a footnote mark in running text: a link to a note (``href="#_ftn1"``, ``#fn2``, or
    one holding a ``<sup>`` or Word's ``MsoFootnoteReference`` span) whose text is a mark (``1``, ``[1]``, ``*``),
    after some text of its block (``June<a href="#fn2"><sup>2</sup></a>``, Word's HTML export
    ``report.<a href="#_ftn1"><span class=MsoFootnoteReference>[1]</span></a>``; not the link opening the note
    itself, nor a plain ``<a href="#sect2">2</a>``)."""
    if not (link.get("href") or "").startswith("#") or not _NOTE_MARK_RE.fullmatch(link.text_content()):
        return False
    noteish = (_NOTE_HREF_RE.match(link.get("href")) or next(link.iter("sup"), None) is not None
               or any("notereference" in (e.get("class") or "").lower() for e in link.iter()))
    return bool(noteish) and _has_text_before(link)


def _has_text_before(element) -> bool:  # noqa: ANN001
    """Whether the block holding ``element`` has text before it."""
    block = next((a for a in element.iterancestors() if a.tag in _HTML_BLOCKS or a.tag == "body"), None)
    if block is None:
        return False
    for text in block.xpath(".//text()"):
        owner = text.getparent()
        if not text.is_tail and (owner is element or element in owner.iterancestors()):
            return False
        if text.strip():
            return True
    return False


def _is_note_mark(sup) -> bool:  # noqa: ANN001
    """Whether a ``<sup>`` is a footnote mark in running text: a link to a note (``<a href="#fn1">``), or a bare
    number, ``*``, ``[1]`` or a table note's letter right after a word of three letters or more
    (``report<sup>1</sup>``, ``Total<sup>a</sup>``; not ``km<sup>2``, ``M<sup>me</sup>``, ``1<sup>er</sup>``, nor
    the number opening the note itself, ``<p><sup>1</sup> See ...``)."""
    content = sup.text_content()
    mark = _NOTE_MARK_RE.fullmatch(content) is not None
    if not mark and not _TABLE_NOTE_RE.fullmatch(content):
        return False
    if mark and any((a.get("href") or "").startswith("#") for a in sup.iter("a")):
        return True
    previous = sup.getprevious()
    if previous is None:
        before = sup.getparent().text if sup.getparent() is not None else ""
    else:
        before = previous.tail or previous.text_content()
    return bool(re.search(r"[^\W\d_]{3}[.,;:)»”\"']?$", before or ""))


def _page_text(page) -> str:
    """One page's text. pypdf's layout mode keeps the vertical gaps between paragraphs as blank lines (its plain
    mode loses them); runs of blank lines are cut to one so that only form feeds mark page breaks."""
    try:
        text = page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
    except Exception:  # layout mode fails on some fonts: fall back to the plain extraction
        text = page.extract_text() or ""
    return re.sub(r"\n[ \t]*\n(?:[ \t]*\n)+", "\n\n", text or "")


_QUIET_LOCK = threading.Lock()
_quiet = {"readers": 0, "level": logging.NOTSET}  # PDFs being read, and the pypdf level to give back after


@contextlib.contextmanager
def _pypdf_quiet() -> Iterator[None]:
    """pypdf's warnings about damaged PDFs off while a PDF is read (they reached stderr), and the level of its
    logger given back after the last reader (threads) ends: the logging set-up of a program using tmtool is its
    own; it stayed at ERROR for good after one PDF."""
    logger = logging.getLogger("pypdf")
    with _QUIET_LOCK:
        if not _quiet["readers"]:
            _quiet["level"] = logger.level
            logger.setLevel(logging.ERROR)
        _quiet["readers"] += 1
    try:
        yield
    finally:
        with _QUIET_LOCK:
            _quiet["readers"] -= 1
            if not _quiet["readers"]:
                logger.setLevel(_quiet["level"])


def read_pdf(path: str | PathLike[str]) -> Blocks:
    """The text of each page, one block per page (pypdf, pure Python; see :func:`_page_text`)."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    data = read_file_bytes(path)
    if not data.lstrip()[:5] == b"%PDF-":
        raise FormatError("not a PDF file (no %PDF- header)", path)
    try:
        with _pypdf_quiet():
            reader = PdfReader(str(path))
            if reader.is_encrypted:
                raise FormatError("the PDF is encrypted", path)
            pages: Blocks = [(_page_text(page), None) for page in reader.pages]
    except PdfReadError as exc:
        raise FormatError(f"not a readable PDF: {exc}", path) from None
    if not any(text.strip() for text, _ in pages):
        raise InputError("the PDF has no extractable text (a scan? OCR it first)", path)
    return pages


def read_structured(path: str | PathLike[str], fmt: str) -> Blocks:
    """Dispatch to the reader for ``fmt`` (``docx``, ``html`` or ``pdf``)."""
    readers = {"docx": read_docx, "html": read_html, "pdf": read_pdf}
    return readers[fmt](path)
