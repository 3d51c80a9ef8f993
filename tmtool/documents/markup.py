"""Markdown as PDF converters write it, turned into plain text.

Block structure (headings, blank lines, page breaks) is handled line by line in :mod:`.repair`, because
converters use ``1.``-style paragraph numbers that a Markdown parser would turn into lists and lose. Inline
markup (``**bold**``, ``*em*``, ``[822 \\(1993\\)](#)`` links, backslash escapes, code spans) is rendered with
markdown-it-py, the CommonMark parser rich already depends on.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "looks_like_markdown",
    "inline_to_text",
    "heading_level",
    "is_all_bold",
    "strip_block_markers",
    "is_list_item",
    "is_rule",
    "table_cells",
]

_HEADING_RE = re.compile(r"^ {0,3}(#{1,6})(?:\s+|$)")
_SIGNALS = (
    re.compile(r"^ {0,3}#{1,6} \S", re.MULTILINE),
    re.compile(r"\*\*[^*\n]+\*\*"),
    re.compile(r"\]\([^)\s]*\)"),
    re.compile(r"\\[()\[\]*_#.\\-]"),
    re.compile(r"^ {0,3}(?:-{3,}|\*{3,}|_{3,})\s*$", re.MULTILINE),
)
# a rule may be spaced, as html2text writes it ("* * *": it was a paragraph "* *")
_RULE_RE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|={3,})\s*$")
_BULLET_RE = re.compile(r"^ {0,3}[-+*]\s+(?=\S)")
_QUOTE_RE = re.compile(r"^ {0,3}>\s?")
# Inline HTML that converters leave in Markdown: <br> is a space, <sup>/<sub>/<span>... tags go, their text stays.
_HTML_TAG_RE = re.compile(r"</?(br|sup|sub|span|b|i|u|em|strong|small|font|a)\b[^<>]*>", re.IGNORECASE)
# footnote marks go: "<sup>1</sup>", "[^1]", "[^a]", "[^note-2]"
_FOOTNOTE_REF_RE = re.compile(r"<sup>\s*\d{1,3}\s*</sup>|\[\^[^\]\s]{1,30}\]", re.IGNORECASE)
# a footnote's own text: "[^2]: See ..." -> "2 See ...", "[^a]: ..." -> "a ..." (a table note); "[^note]: ..." -> "..."
_NOTE_DEFINITION_RE = re.compile(r"^ {0,3}\[\^(?:(\d{1,3}|[^\W\d_])|[^\]\s]{1,30})\]:\s*")
# pandoc's Markdown: a span with attributes ("[الأمن]{dir="rtl"}", "[text]{.underline}") is its text, a heading's
# attributes ("{#introduction}") go, and a backslash ending a line is a hard line break (it stayed as "\\ ")
_SPAN_END_RE = re.compile(r"(?<!\\)\]\{[^{}\n]*\}")
_PANDOC_ATTRIBUTES_RE = re.compile(r"\s*\{#[^{}\s][^{}\n]*\}\s*$")
_HARD_BREAK_RE = re.compile(r"(?<!\\)\\(?=\s|$)")
_TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")


def looks_like_markdown(text: str) -> bool:
    """Whether a ``.txt`` file carries Markdown markup (headings, bold, links, escapes, rules)."""
    return any(pattern.search(text) for pattern in _SIGNALS)


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def inline_to_text(line: str) -> str:
    """Render one line of inline Markdown to plain text: markup dropped, link text and escaped characters kept;
    footnote marks dropped, a footnote definition numbered (``[^2]: See ...`` -> ``2 See ...``)."""
    if not any(c in line for c in "*_[]\\`<&"):
        return line
    line = _HARD_BREAK_RE.sub("", _unwrap_spans(line))
    line = _NOTE_DEFINITION_RE.sub(lambda m: f"{m.group(1)} " if m.group(1) else "", line)  # numbered as elsewhere
    line = _HTML_TAG_RE.sub(lambda m: " " if m.group(1).lower() == "br" else "", _FOOTNOTE_REF_RE.sub("", line))
    tokens = _parser().parseInline(line)
    out: list[str] = []
    for token in tokens[0].children or ():  # images are dropped with their alt text
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
    # keep the trailing spaces of the source line: they mark a Markdown hard break, handled by the caller
    return "".join(out)


def _unwrap_spans(text: str) -> str:
    """``text`` with pandoc's bracketed spans (``[...]{dir="rtl"}``, which hold links and run over lines) replaced
    by what they hold: each ``]{...}`` and the ``[`` that opens it go."""
    while (end := _SPAN_END_RE.search(text)) is not None:
        depth, start = 0, -1
        for i in range(end.start() - 1, -1, -1):
            if text[i] == "]" and (i == 0 or text[i - 1] != "\\"):
                depth += 1
            elif text[i] == "[" and (i == 0 or text[i - 1] != "\\"):
                if depth == 0:
                    start = i
                    break
                depth -= 1
        if start < 0:  # no "[" opens it: the attributes alone go
            text = text[:end.start() + 1] + text[end.end():]
            continue
        text = text[:start] + text[start + 1:end.start()] + text[end.end():]
    return text


def heading_level(line: str) -> int:
    """1-6 for an ATX heading line (``## Title``), else 0."""
    match = _HEADING_RE.match(line)
    return len(match.group(1)) if match else 0


def is_all_bold(lines: list[str]) -> bool:
    """Whether a block is wholly ``**bold**`` (converters' way of writing headings)."""
    text = " ".join(line.strip() for line in lines).strip()
    if text.startswith("#"):
        text = text.lstrip("#").strip()
    return (
        len(text) > 4
        and (text.startswith("**") and text.endswith("**") or text.startswith("__") and text.endswith("__"))
    )


def strip_block_markers(line: str) -> str:
    """Drop block-level markup from one line: heading hashes (and closing ones), bullets, quote marks."""
    match = _HEADING_RE.match(line)
    if match:
        line = line[match.end():]
        line = re.sub(r"\s+#+\s*$", "", _PANDOC_ATTRIBUTES_RE.sub("", line))
    line = _QUOTE_RE.sub("", line)
    line = _BULLET_RE.sub("", line)
    return line


def is_list_item(line: str) -> bool:
    """A line that opens a paragraph of its own: a Markdown bullet line (``- item``, ``* item``) or a footnote
    definition (``[^2]: See ...``; written one a line, they ran together and the second read ``: See ...``)."""
    return bool(_BULLET_RE.match(line) or _NOTE_DEFINITION_RE.match(line))


def table_cells(line: str) -> list[str] | None:
    """The cells of a Markdown table row (``| a | b |``), ``[]`` for its ``|---|---|`` rule, ``None`` otherwise."""
    stripped = line.strip()
    if _TABLE_RULE_RE.match(stripped) and "|" in stripped:
        return []
    if len(stripped) > 1 and stripped.startswith("|") and stripped.endswith("|"):
        return [cell.strip() for cell in re.split(r"(?<!\\)\|", stripped[1:-1])]
    return None


def is_rule(line: str) -> bool:
    """A horizontal rule (``---``, ``***``) or setext underline."""
    return bool(_RULE_RE.match(line))
