"""``read_document``: one file in, one repaired :class:`~tmtool.documents.model.Document` out."""

from __future__ import annotations

import re
import unicodedata
from os import PathLike
from pathlib import Path

from ..errors import InputError, LanguageError, UsageError
from ..fileio import regular_file
from ..languages import base, dominant_script, expected_script, normalise_tag
from . import markup
from .decoding import read_text_file, remove_controls
from .kinds import classify
from .langid import STOP_WORD_LANGUAGES, detect_language, language_from_filename
from .metadata import parse_front_matter
from .model import Document, Paragraph
from .repair import repair_blocks, repair_text

__all__ = ["read_document", "read_lines", "INPUT_FORMATS", "format_from_extension"]

INPUT_FORMATS = ("auto", "text", "markdown", "docx", "html", "pdf", "lines")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".docx": "docx",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".pdf": "pdf",
}
_SPACES_RE = re.compile("[ \t\x0b\x0c\u2028\u2029]+")  # none of these ends a line of a ``lines`` file
# A block read from a structured format: (text, hint) where hint is "heading", "cell" or None.
Blocks = list[tuple[str, str | None]]


def format_from_extension(path: str | PathLike[str]) -> str:
    """The input format for a file name (``.txt`` -> ``text``, ``.md`` -> ``markdown`` ...)."""
    suffix = Path(path).suffix.lower()
    if suffix not in _EXTENSIONS:
        known = " ".join(sorted(_EXTENSIONS))
        raise InputError(
            f"unknown file type {suffix or '(no extension)'!r}; known: {known} (or pass --input-format)", path
        )
    return _EXTENSIONS[suffix]


def _sample(blocks: Blocks) -> str:
    body = [text for text, _ in blocks if len(text) > 60] or [text for text, _ in blocks]
    return "\n".join(body)[:20000]


def _resolve_language(path: str | PathLike[str], lang: str | None, raw: str) -> tuple[str, str]:
    """(language tag, where it came from): --lang (checked against the text), else file name, else text."""
    detected = detect_language(raw)
    if lang:
        tag = normalise_tag(lang)
        _check_language(path, tag, raw, detected)
        return tag, "option"
    named = language_from_filename(path)
    if named and (detected is None or base(detected) == named):
        return named, "file name"
    if detected:
        return detected, "text"
    raise LanguageError("cannot tell the language of this document; pass --lang", path)


def _check_language(path: str | PathLike[str], tag: str, raw: str, detected: str | None) -> None:
    """Raise :class:`LanguageError` when the text is clearly not in ``tag``."""
    want = expected_script(tag)
    script, share = dominant_script(raw)
    if detected and base(detected) == base(tag):
        return
    if want and want != "Latin" and detected and expected_script(detected) != want:
        raise LanguageError(f"the text is not in {tag!r}: it reads as {detected!r}", path)
    if want == "Latin" and script != "Latin" and share > 0.5 and detected:
        raise LanguageError(f"the text is not in {tag!r}: it reads as {detected!r}", path)
    if want == "Latin" and base(tag) in STOP_WORD_LANGUAGES and detected in STOP_WORD_LANGUAGES:
        raise LanguageError(f"the text is not in {tag!r}: it reads as {detected!r}", path)


def _assemble(path: str | PathLike[str], lang: str, blocks: list[tuple[str, str | None, list[str]]],
              source: str, fmt: str) -> Document:
    typed = [(text, classify(text, hint, lang)) for text, hint, _ in blocks]
    dropped = [line for _, _, lines in blocks for line in lines]
    cells = frozenset(i for i, (_, hint, _) in enumerate(blocks) if hint == "cell")
    # the header ends at the first paragraph that reads as running text, a table cell's included
    as_read = [(text, classify(text, None, lang) if i in cells else kind) for i, (text, kind) in enumerate(typed)]
    front = parse_front_matter(as_read, dropped, cells)
    paragraphs = tuple(Paragraph(text, kind) for i, (text, kind) in enumerate(typed) if i not in front.consumed)
    metadata = {"format": fmt, "lang_source": source, **front.metadata}
    if dropped:
        metadata["running_lines_dropped"] = len(dropped)
    return Document(path=str(path), lang=lang, paragraphs=paragraphs, metadata=metadata)


def read_lines(raw: str) -> list[str]:
    """The segments of a ``lines`` file: one per line exactly as numbered by ``wc -l`` and editors (only ``\\n``,
    ``\\r\\n`` and ``\\r`` end a line), blank lines kept as empty segments so that segment *n* is line *n*.
    No repair: NFC, control characters removed, runs of spaces, tabs (and U+2028/U+2029) to one space, ends
    stripped."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    return [_SPACES_RE.sub(" ", remove_controls(unicodedata.normalize("NFC", line))).strip() for line in lines]


def read_document(path: str | PathLike[str], *, lang: str | None = None, input_format: str = "auto") -> Document:
    """Read one language version of a document and repair its conversion damage.

    ``input_format`` is ``auto`` (from the extension), ``text``, ``markdown``, ``docx``, ``html``, ``pdf`` or
    ``lines`` (one segment a line, no repair; blank lines are kept as empty paragraphs, so paragraph *n* is line
    *n*, and ``metadata["format"]`` is ``"lines"``: see :func:`read_lines`). ``lang`` is checked against the text;
    without it the language comes
    from the file name (``A_78_371-FR.docx``, ``letter.fr.txt``) or the text. Raises :class:`InputError` (or a
    subclass: :class:`EncodingError`, :class:`LanguageError`, :class:`FormatError`) for anything wrong with the file.
    """
    if input_format not in INPUT_FORMATS:
        raise UsageError(f"unknown input format {input_format!r}; choose one of {', '.join(INPUT_FORMATS)}")
    fmt = format_from_extension(path) if input_format == "auto" else input_format
    regular_file(path)  # a FIFO was read until a writer came, forever without one
    if fmt in ("text", "markdown", "lines"):
        raw = read_text_file(path)
        markdown = fmt == "markdown" or (fmt == "text" and markup.looks_like_markdown(raw))
        structured: Blocks | None = None
    else:
        from .readers import read_structured

        structured = read_structured(path, fmt)
        raw = "\n\n".join(text for text, _ in structured)
        markdown = False
    if not raw.strip():
        raise InputError("the document is empty (no text found)", path)
    sample = raw[:50000] if structured is None else _sample(structured)
    tag, source = _resolve_language(path, lang, sample)
    if fmt == "lines":
        return Document(str(path), tag, tuple(Paragraph(line) for line in read_lines(raw)),
                        {"format": "lines", "lang_source": source})
    if structured is None:
        blocks = repair_text(raw, tag, markdown)
        fmt_name = "markdown" if markdown else "text"
    elif fmt == "pdf":
        blocks = repair_text("\f".join(text for text, _ in structured), tag, False)
        fmt_name = fmt
    else:
        blocks = repair_blocks(structured, tag)
        fmt_name = fmt
    if not blocks:
        raise InputError("the document is empty (no text found)", path)
    return _assemble(path, tag, blocks, source, fmt_name)
