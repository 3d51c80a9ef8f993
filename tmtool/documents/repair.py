"""Repairing the damage PDF-to-text conversion does to an official document.

Bidirectional controls go first, Arabic a PDF extractor gave in visual order is put in reading order
(:mod:`.visual_order`), and its lam-alef ligatures given as alef then lam are put back (:mod:`.lam_alef`). The
text is cut into blocks at blank lines. Then, in order:

1. running headers and footers are dropped: a document symbol standing alone (``A/78/371``,
   ``A/78/371-S/2023/684``), a page number (``2/3``, ``- 2 -``, ``Page 2 of 3``), a job number
   (``23-17890 (E)``, ``(F)``, ``(S)``, ``(R)``, ``(C)``, ``(A)``, with its date stamps), a barcode ``*2317890*``,
   when something besides its shape says page break (:func:`drop_running_lines`);
2. a block written one paragraph a line (no blank lines between) is split again (:func:`split_unwrapped`), and
   the rows of a plain-text table of three or more columns become cells of their own (:func:`is_table_row`); so
   is a text written one printed line a line with no blank line between paragraphs (``pdftotext`` without
   ``-layout``), where a line stops short of the column and ends a sentence, a preamble's clause or a heading
   (:mod:`.paragraph_ends`);
3. a paragraph cut by a page break is joined again (the first part does not end a sentence and the second part
   starts in lower case, or, in scripts without case, a page break lies between them), never across the lines
   step 2 split (a lower-case line after one ending in a comma or ``; и`` is a paragraph of its own there: Russian
   preamble paragraphs), nor after a comma where no page break lies between (a Russian preamble written a paragraph
   a line: ``Генеральная Ассамблея,`` / ``ссылаясь на ...,``);
   nor before a numbered paragraph (``4. The ...``); the footnotes at the foot of the page, after a footnote rule or
   numbered under a paragraph the page cut (:func:`split_page_notes`), come after the joined paragraph;
   other hard line breaks inside a block are joined; a word hyphenated across a line end is rejoined unless the
   hyphen belongs to the word (:mod:`.hyphenation`: ``cessez-le-feu``, ``procès-verbal``, ``post-2015``);
4. Markdown markup becomes plain text (:mod:`.markup`);
5. whitespace and Unicode are normalised (:func:`normalise_text`), and letters typed on the wrong keyboard
   layout put right (``cекретаря`` with a Latin c: :mod:`.homoglyphs`).

Formats that keep their paragraphs (.docx, .html) get steps 1, 3 and 5 (:func:`repair_blocks`): a file converted
from PDF carries the same running lines and cut paragraphs there.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..languages import base, is_cased, uses_spaces
from . import markup
from .decoding import remove_controls
from .homoglyphs import fix_homoglyphs
from .hyphenation import Evidence, keep_hyphen
from .paragraph_ends import paragraph_ends, printed_column
from .lam_alef import repair_lam_alef
from .visual_order import to_logical

__all__ = [
    "SECTION_WORDS",
    "Block",
    "split_blocks",
    "is_running_line",
    "running_kind",
    "drop_running_lines",
    "is_unwrapped",
    "split_unwrapped",
    "split_page_notes",
    "is_table_row",
    "join_page_breaks",
    "join_lines",
    "normalise_text",
    "repair_text",
    "repair_blocks",
    "split_header_columns",
    "ends_sentence",
    "SYMBOL_RE",
]

# A UN document symbol: A/78/371, S/2023/684, A/HRC/54/L.1, E/CN.6/2015/NGO/259, A/78/371/Add.1, ST/SGB/2019/8,
# A/ES-10/123 (an emergency special session)
SYMBOL = r"(?:[A-Z]{1,8}(?:\.\d+)?)(?:/(?:[A-Z]{1,4}-\d{1,3}(?![\w-])|[A-Z0-9][A-Za-z0-9.]*|\d+))+"
SYMBOL_RE = re.compile(SYMBOL)
# The items of a running header or footer, by kind: "symbol" (the document's own, repeated at the head of every page),
# "page" (2/3), "page label" (Page 2), "dashed number" (- 2 -), "number" (a bare number, which a page number may
# be), "job" (the job number with its language letter and date stamps), "job number" (without them), "barcode",
# "stamp" (date stamps alone).
_PAGE = r"(?:-\s*)?\d{1,4}\s*/\s*\d{1,4}(?:\s*-)?"  # 2/3
_PAGE_LABEL = (r"(?:Page|Pág(?:ina|\.)?|Стр(?:аница|\.)?)\s*\d{1,4}(?:\s*(?:of|de|sur|из|/)\s*\d{1,4})?"
               r"|第\s*\d{1,4}\s*页(?:\s*/\s*共\s*\d{1,4}\s*页)?|الصفحة\s*\d{1,4}")
# (pdftotext writes the job number of an Arabic page with its brackets mirrored and the letter first: ")A( 23-17890")
_JOB = (r"(?:\d{2}-\d{4,6}\s*(?:\(\s*[AECFRS]\s*\)|[（(]\s*[AECFRS]\s*[)）])|\)\s*[AECFRS]\s*\(\s*\d{2}-\d{4,6})"
        r"(?:\s+\d{6}){0,2}(?:\s+\*\d{6,8}\*)?")
_ITEMS = {
    "symbol": rf"{SYMBOL}\*?(?:\s*[-–—\s]\s*{SYMBOL}\*?)*",  # document symbol(s) alone
    "page": _PAGE,
    "page label": _PAGE_LABEL,  # Page 2 of 3, 第 2 页
    "dashed number": r"[-–—]\s*\d{1,4}\s*[-–—]",  # - 2 -
    "number": r"[-–—]?\s*\d{1,4}\s*[-–—]?",  # 2
    "job": _JOB,  # 23-17890 (E)  230923  250923  *2317890*
    "job number": r"\d{2}-\d{5}",  # without its language letter
    "barcode": r"\*\d{6,8}\*",
    "stamp": r"(?:\d{6}\s+){0,1}\d{6}",  # date stamps 230923 250923 left alone on a line
}
_RUNNING_RES = tuple((kind, re.compile(f"^(?:{pattern})$")) for kind, pattern in _ITEMS.items())
# A footer line of several items on one baseline, as pdftotext -layout and pypdf's layout mode write it:
# "2/5        23-12345", "23-12345        3/5", "A/78/123        2/5", "A/78/123 Page 2".
_ANY_ITEM = "|".join(f"(?:{pattern})" for kind, pattern in _ITEMS.items() if kind != "number")
_COMBINED_RE = re.compile(rf"^(?:{_ANY_ITEM})(?:\s+(?:{_ANY_ITEM}|\d{{1,4}}))+$")
# Shapes that say "page furniture" on their own: nothing in running text looks like them.
_SELF_EVIDENT = frozenset({"job", "barcode", "combined", "page label", "dashed number"})
# A line that is only the label of a part of a legal text ("Article 3", "Chapitre IV", "Статья 12", "第十二条",
# "المادة 12", "Annex") or a report's section word ("Summary", "Résumé", "Резюме", "摘要"): a heading of its own
# even where no blank line follows it.
_NUMBER = r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXLC]{1,6}|[A-Z]|[٠-٩]{1,3})"
# the section words of a UN report's front page, in the six languages ("Summary", "Contents")
SECTION_WORDS = "Summary|Contents|Résumé|Table des matières|Resumen|Índice|Резюме|Содержание|摘要|目录|موجز|المحتويات"
_PART_LABEL_RE = re.compile(
    r"(?:(?:Article|Chapter|Section|Part|Annex|Appendix|Rule|Principle|Chapitre|Partie|Annexe|Appendice|Règle"
    r"|Principe|Titre|Artículo|Capítulo|Sección|Parte|Anexo|Apéndice|Regla|Principio|Título|Статья|Глава"
    r"|Раздел|Часть|Приложение|Правило|Принцип)(?:\s+" + _NUMBER + r"|\s+(?:premier|première|primero|única))?"
    r"|(?:المادة|الفصل|الجزء|المرفق|القاعدة|المبدأ|الباب)(?:\s+" + _NUMBER + r")?"
    r"|第[一二三四五六七八九十百零〇\d]{1,6}[条章节编部分]{1,2}|附件[一二三四五六七八九十\d]{0,3}"
    # the section words of a UN report's front page: a heading over the indented summary text
    rf"|{SECTION_WORDS})\.?"
)
_TERMINAL = ".!?:;…。！？：；؟؛۔"
_FOOTNOTE_RULE_RE = re.compile(r"^\s*_{5,}\s*$")
# a footnote at the foot of a page: "1 See A/77/123, para. 12.", "* A/78/150.", "a/ Ibid."
_FOOTNOTE_RE = re.compile(r"^(?:\d{1,3}|\*{1,3}|[†‡]|[a-z]/)\s+\S")
_CLOSERS = "\"'”’»)]）」』›"
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"  # CJK characters and punctuation
_CJK_RE = re.compile(f"[{_CJK}]")
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
# soft hyphen, zero-width characters, BOM, and the Arabic tatweel PDFs use to justify lines
_INVISIBLE_RE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff\u0640]")
# the bidirectional controls pdftotext wraps each run of an Arabic line in (U+202B ... U+202C), and the marks and
# isolates other tools leave: removed before anything else, or a running header A/78/371 was not seen as one
_BIDI_CONTROLS_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# pdftotext puts the space after a number or a comma inside an Arabic line at the head of its left-to-right run
# ("مؤرخة \u202a 13\u202c أيلول", "جيدا\u202a ،\u202cبعد"): it goes back after it
_LTR_RUN_SPACE_RE = re.compile("\u202a([ \t]+)([^\u202a-\u202e\n]*)\u202c")
# Arabic presentation forms (what PDF extraction often gives) -> ordinary letters
_ARABIC_FORMS_RE = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]+")
_SPACES_RE = re.compile(r"[^\S\u00a0\u202f]+")
_CJK_SPACE_RE = re.compile(f"(?<=[{_CJK}“”]) (?=[{_CJK}“”])")


@dataclass
class Block:
    """Lines between blank lines. ``hint`` is ``"heading"`` when markup says so (``"cell"`` for a table cell);
    ``page_break`` is true when a form feed or a dropped running header/footer lies just before it;
    ``after_line_break`` is true for the second and later paragraphs of a block split by :func:`split_unwrapped`,
    which a page-break join never glues back; ``list_item`` is true for a Markdown list item; ``after_rule`` for
    the first block after a footnote rule (``__________``)."""

    lines: list[str]
    hint: str | None = None
    blank_before: int = 0
    page_break: bool = False
    dropped: list[str] = field(default_factory=list)
    after_line_break: bool = False
    list_item: bool = False
    after_rule: bool = False

    @property
    def text(self) -> str:
        return " ".join(line.strip() for line in self.lines)


def split_blocks(text: str, markdown: bool) -> list[Block]:
    """Cut ``text`` into blocks at blank lines (and form feeds, which also mark a page break)."""
    blocks: list[Block] = []
    current: list[str] = []
    blank = 0
    page = False
    pending_hint: str | None = None
    list_item = False
    after_rule = False
    in_notes = False  # between a footnote rule and the page's running footer: each note a block

    def flush() -> None:
        nonlocal current, blank, page, pending_hint, list_item, after_rule
        if current:
            hint = pending_hint
            if markdown and hint is None and markup.is_all_bold(current):  # a bold table cell stays a cell
                hint = "heading"
            blocks.append(Block(current, hint, blank, page, list_item=list_item, after_rule=after_rule))
            blank, page, pending_hint, after_rule = 0, False, None, False
        current, list_item = [], False

    for raw in text.split("\n"):
        parts = raw.split("\f")
        for i, line in enumerate(parts):
            if i:  # a form feed: page break
                flush()
                page = True
                in_notes = False
            if _FOOTNOTE_RULE_RE.match(line):  # the rule over a page's footnotes
                flush()
                after_rule = in_notes = True
                continue
            plain = _plain(line, markdown) if in_notes else ""
            if in_notes and is_running_line(plain):
                in_notes = False
            elif in_notes and _FOOTNOTE_RE.match(plain):  # "1 See ..." opens a note of its own
                flush()
                after_rule = True
            if markdown and markup.is_rule(line):
                flush()
                continue
            if not line.strip():
                flush()
                blank += 1
                continue
            if markdown and markup.heading_level(line):
                flush()
                pending_hint = "heading"
                current = [markup.strip_block_markers(line)]
                flush()
                continue
            cells = markup.table_cells(line) if markdown else None
            if cells is not None:  # a Markdown table: one paragraph per non-empty cell
                flush()
                for cell in cells:
                    if cell:
                        current, pending_hint = [cell], "cell"
                        flush()
                continue
            if after_rule and not current and line.lstrip().startswith("* "):  # "* A/78/150.", a footnote
                current.append(line)
                continue
            if markdown and markup.is_list_item(line):  # each list item is a paragraph of its own
                flush()
                list_item = True
            current.append(markup.strip_block_markers(line) if markdown else line)
    flush()
    return blocks


def _plain(line: str, markdown: bool) -> str:
    return (markup.inline_to_text(line) if markdown else line).strip()


def running_kind(line: str) -> str | None:
    """The kind of running header/footer item one (plain) line has the shape of (``"symbol"``, ``"page"``,
    ``"page label"``, ``"dashed number"``, ``"number"``, ``"job"``, ``"job number"``, ``"barcode"``, ``"stamp"``,
    ``"combined"`` for several on one line),
    or ``None``. A line ending in a full stop is never one (``* A/78/50.``, the asterisk footnote of a GA report)."""
    line = unicodedata.normalize("NFKC", line).strip()
    if not line or line.endswith("."):
        return None
    kind = next((kind for kind, pattern in _RUNNING_RES if pattern.match(line)), None)
    return kind or ("combined" if _COMBINED_RE.match(line) else None)


def is_running_line(line: str) -> bool:
    """Whether one (plain) line has the shape of a running header/footer: symbol, page number, job number,
    barcode (:func:`running_kind`). Shape alone does not drop a line: see :func:`drop_running_lines`."""
    return running_kind(line) is not None


def _repeat_key(kind: str, line: str) -> str | None:
    """What a running line shares with the same header or footer on another page: the symbol itself, a page
    number's shape (``#/#``, ``- # -``; not a bare number), the job number."""
    line = re.sub(r"\s+", " ", unicodedata.normalize("NFKC", line).strip())
    if kind == "symbol":
        return f"symbol:{line}"
    if kind in ("job", "job number"):  # 23-17890 (E) on one page, 23-17890 on another
        return "job:" + re.search(r"\d{2}-\d{4,6}", line).group()
    if kind in ("page", "page label", "dashed number", "number") and not line.isdigit():
        return "page:" + re.sub(r"\d+", "#", line)
    return None


def drop_running_lines(blocks: list[Block], markdown: bool = False) -> list[Block]:
    """Drop running header/footer lines; the block after a dropped one gets ``page_break`` and the dropped text
    (in ``dropped``, so document symbols can still go into the metadata).

    A line is dropped only when it has a running line's shape (:func:`running_kind`) and something says it is
    page furniture: its shape alone (a job number with its language letter, a barcode, several items on one
    line, ``Page 2``, ``- 2 -``), another running line next to it (``A/78/371`` / ``2/3`` / ``23-17890 (E)``), a page break (form feed)
    next to it, a sentence it cuts in two (the line before ends in a letter, the one after starts in lower
    case), or the same header on another page (the same symbol, page numbers ``2/5`` and ``3/5``, the job
    number ``23-17890`` of ``23-17890 (E)``). A table cell or a Markdown list item is never one: a list of
    documents (``- A/78/50``), a paragraph citing one symbol or a number alone in a table are text."""
    lines: list[tuple[int, int, str | None, str]] = []  # block, line, kind, plain text
    repeat_keys: list[str | None] = []  # each line's _repeat_key
    keys: dict[str, int] = {}  # how many lines have each key
    for b, block in enumerate(blocks):
        for i, line in enumerate(block.lines):
            plain = _plain(line, markdown)
            kind = None
            if block.hint != "cell" and not block.list_item:
                kind = running_kind(plain) or (running_kind(line) if markdown else None)  # *2317890*
            lines.append((b, i, kind, plain))
            key = _repeat_key(kind, plain) if kind else None
            repeat_keys.append(key)
            if key:
                keys[key] = keys.get(key, 0) + 1

    def at_page_break(b: int, i: int) -> bool:
        return (i == 0 and blocks[b].page_break
                or i == len(blocks[b].lines) - 1 and b + 1 < len(blocks) and blocks[b + 1].page_break)

    def interrupts_sentence(n: int) -> bool:  # "... in the" / A/78/123 / "light of ...": a page break
        return (0 < n < len(lines) - 1 and not ends_sentence(lines[n - 1][3]) and lines[n - 1][3][-1:].isalpha()
                and lines[n + 1][3][:1].islower())

    drop: set[tuple[int, int]] = set()
    for n, (b, i, kind, plain) in enumerate(lines):
        if kind is None:
            continue
        key = repeat_keys[n]
        if (kind in _SELF_EVIDENT
                or n > 0 and lines[n - 1][2] is not None or n + 1 < len(lines) and lines[n + 1][2] is not None
                or at_page_break(b, i) or key and keys[key] >= 2 or interrupts_sentence(n)):
            drop.add((b, i))

    out: list[Block] = []
    carry: list[str] = []  # the lines dropped since the last block kept, for the next one

    def keep(block: Block) -> None:
        nonlocal carry
        if carry:
            block.page_break = True
            block.dropped = carry
            carry = []
        out.append(block)

    for b, block in enumerate(blocks):
        kept: list[str] = []
        for i, line in enumerate(block.lines):
            if (b, i) in drop:
                if kept:  # a header in the middle of a block: what follows starts a new (page-broken) block
                    keep(replace(block, lines=kept))
                    block = Block([], block.hint, 0, True)
                    kept = []
                carry.append(_plain(line, markdown))
            else:
                kept.append(line)
        if kept:
            keep(replace(block, lines=kept))
    if carry and out:  # footers after the last paragraph
        out[-1].dropped.extend(carry)
    return out


_NOTE_AFTER_END_RE = re.compile(rf"(?<=[^\W\d_][{re.escape(_TERMINAL + _CLOSERS)}])\d{{1,3}}$")


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends with sentence-final (or clause-final) punctuation, closing quotes and a footnote
    number after them aside (``mechanisms.1``; not ``version 2.1``)."""
    stripped = _sentence_tail(text)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _sentence_tail(text: str) -> str:
    """``text`` without trailing space, closing quotes and brackets, and a footnote number after its end."""
    return _NOTE_AFTER_END_RE.sub("", text.rstrip()).rstrip(_CLOSERS)


# a paragraph number or list marker opening a line: "12. ", "(a) ", "12 - ", Chinese "（a）", "三、"; a letter or
# number with a closing bracket only, as French, Spanish, Russian and Arabic write list items: "a) ", "ii) ", "б) ",
# "أ) ", "1) "
_NEW_PARAGRAPH_RE = re.compile(
    r"^(?:(?:\d{1,3}\.|[IVXLC]{1,6}\.|\(\w{1,4}\)|[^\W\d_]{1,4}\)|\d{1,3}\)|\d{1,3}\s+-)\s|（\w{1,4}）"
    r"|[一二三四五六七八九十]{1,3}、)")
# a chapter or section heading with its label: "I. Introduction", "B. Replies received"
_LABELLED_HEADING_RE = re.compile(r"^(?:[IVXLC]{1,6}|[A-Z])\.\s+\S.{0,80}$")
# a heading with no label: short, capitalised, no final punctuation ("Introduction", "Replies received")
_BARE_HEADING_RE = re.compile(r"^[^\W\d_][^.!?:;,…]{0,58}[^\W_]$")
# a row of a plain-text table as pdftotext -layout writes it: three or more columns, three spaces or a tab between
_TABLE_GAP_RE = re.compile(r"(?<=\S)(?: {3,}|\t+)(?=\S)")
# a numbered paragraph or chapter heading opening a block: never the rest of a paragraph a page break cut
_NUMBERED_RE = re.compile(r"^(?:\d{1,3}|[IVXLC]{1,6})\.\s")
_CLAUSE_AND_RE = re.compile(r"[;؛]\s+[^\W\d_]{1,3}$")  # "...; и", "...; and": a preamble paragraph's end
_WORD_CUT_RE = re.compile(r"[^\W\d_]-$")  # a line ending inside a word hyphenated across the line end
_MARKER_ONLY_RE = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*\.?|\(\w{1,4}\)|\w\)|[•*\-–—])")  # "12." alone on its line


def _is_long(line: str, lang: str) -> bool:
    """Whether a (plain) line is longer than a wrapped line ever is: 120 characters, 60 for a line of Chinese or
    Japanese in a document in those languages (a Latin-script line there is measured as Latin script)."""
    limit = 60 if not uses_spaces(lang) and _CJK_RE.search(line) else 120
    return len(line) > limit


def is_unwrapped(block: Block, lang: str, markdown: bool = False) -> bool:
    """Whether a block is written one paragraph a line: two or more of its lines are longer than a wrapped line
    ever is (:func:`_is_long`). Short hard-broken lines (headers, signatures) stay together."""
    return sum(_is_long(_plain(line, markdown), lang) for line in block.lines) >= 2


def _bare_heading(plain: list[str], j: int, width: int) -> bool:
    """Whether line ``j`` of a block is a heading with no label between two paragraphs of text with no blank line
    (``resolution 77/190.`` / ``Introduction`` / ``2. The report ...``): after a line that ends a sentence (or at
    the block's start), before a numbered paragraph, capitalised, no final punctuation, at most 60 characters and
    well short of the block's longest line (a wrapping converter fills its lines)."""
    line = plain[j]
    return (0 < j + 1 < len(plain) and bool(_NEW_PARAGRAPH_RE.match(plain[j + 1]))
            and (j == 0 or ends_sentence(plain[j - 1])) and line[:1].isupper()
            and bool(_BARE_HEADING_RE.match(line)) and not _NEW_PARAGRAPH_RE.match(line)
            and len(line) <= 0.6 * width)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _title_over_line(lines: list[str], plain: list[str], j: int, width: int) -> bool:
    """Whether line ``j`` of a block is a title over a line set at another indent (the UDHR's ``Всеобщая
    декларация прав человека`` / ``      Принята и провозглашена ...``): at the block's start or after a line that
    ends a sentence, no final punctuation (:data:`_BARE_HEADING_RE`), not lower-case, the next line's first word
    would have fitted on it with a fifth of the block's longest line to spare (a wrapping converter would have put
    it there), and the next line, not lower-case, is indented otherwise (the lines of one paragraph share a
    margin, or the first alone is indented further, and only when it is full)."""
    line, nxt = plain[j], plain[j + 1]
    first_word = 1 if _CJK_RE.match(nxt) else len(nxt.split(maxsplit=1)[0])
    return ((j == 0 or ends_sentence(plain[j - 1])) and bool(_BARE_HEADING_RE.match(line))
            and not line[:1].islower() and not nxt[:1].islower() and len(line) + 1 + first_word <= 0.8 * width
            and _indent(lines[j]) != _indent(lines[j + 1]))


def is_table_row(line: str) -> bool:
    """Whether a (raw) line is a row of a plain-text table: three or more columns set apart by three
    spaces or more, or tabs (``Africa         12         25.0``). Two columns are not enough: a paragraph number
    and its text (``1.     The General Assembly``) or a signature block look the same."""
    return len(_TABLE_GAP_RE.findall(line.strip())) >= 2


def _table_rows(block: Block) -> list[bool]:
    """Which lines of a block are rows of a plain-text table: :func:`is_table_row` lines next to another one (a
    block of one line: that line). A justified line of a paragraph, stretched by ``pdftotext -layout`` (``their
    reports   on   time   remained``), looks like a row, but alone among the paragraph's lines."""
    look = [block.hint is None and is_table_row(line) for line in block.lines]
    if len(look) < 2:
        return look
    return [row and (i > 0 and look[i - 1] or i + 1 < len(look) and look[i + 1]) for i, row in enumerate(look)]


def split_unwrapped(blocks: list[Block], lang: str, markdown: bool = False, column: int = 0) -> list[Block]:
    """Split blocks whose lines are paragraphs of their own: every line of an unwrapped block
    (:func:`is_unwrapped`); after a line that is only the label of a part (``Article 3``, ``Статья 3``,
    ``第三条``, ``Annex``); before a line too long to be wrapped when the line above is under half as long (a
    heading over a paragraph written on one line, which a wrapping converter, filling its lines, never writes; not
    a paragraph number alone on its line, ``12.``);
    elsewhere after a line that ends a sentence (a footnote number after its full stop aside: ``mechanisms.1``), or
    a labelled heading (``I. Introduction``), when the next starts with a paragraph number (``12. ``, ``(a) ``, ``a) ``,
    ``12 - ``, a chapter's ``II. ``, Chinese ``（a）``, ``三、``); around a heading with no label over a numbered
    paragraph (:func:`_bare_heading`: ``Introduction`` / ``2. The report ...``); after a title over a line set at
    another indent (:func:`_title_over_line`); in the header, after a session or agenda item
    line (``Seventy-eighth session`` / ``Item 71 (b) ...`` / the item's title); in a text written one printed line a
    line with paragraphs run together (``pdftotext`` without ``-layout``; ``column`` is the width of its column, 0
    for any other text), where :func:`~.paragraph_ends.paragraph_ends` says a paragraph ends. Never inside a word
    hyphenated across the line end (``fortifi-`` / ``cations``)."""
    from .metadata import is_session_or_item_line  # metadata reads the symbols of this module

    out: list[Block] = []
    in_header = True  # before the first paragraph of running text
    for block in blocks:
        if in_header and ends_sentence(block.text) and len(block.text) > 80:
            in_header = False
        rows = _table_rows(block)
        if len(block.lines) < 2 or block.hint:
            out.append(replace(block, hint="cell") if all(rows) else block)
            continue
        unwrapped = is_unwrapped(block, lang, markdown)
        plain = [_plain(line, markdown) for line in block.lines]
        width = max(map(len, plain))
        heads = [_bare_heading(plain, j, width) for j in range(len(plain))]
        printed_ends = paragraph_ends(plain, column, lang) if column else [False] * len(plain)
        current = replace(block, lines=[])  # the first piece keeps every mark of the block (after_rule...)
        for i, line in enumerate(block.lines):
            current.lines.append(line)
            if i + 1 == len(block.lines):
                break
            nxt = plain[i + 1]
            if _WORD_CUT_RE.search(plain[i]) and nxt[:1].islower():  # a word hyphenated across the line end
                continue
            if (
                unwrapped
                or _PART_LABEL_RE.fullmatch(plain[i])
                or _is_long(nxt, lang) and len(plain[i]) < len(nxt) / 2 and not _MARKER_ONLY_RE.fullmatch(plain[i])
                or ends_sentence(plain[i]) and _NEW_PARAGRAPH_RE.match(nxt)
                or _LABELLED_HEADING_RE.match(plain[i]) and not ends_sentence(plain[i]) and _NEW_PARAGRAPH_RE.match(nxt)
                or heads[i] or heads[i + 1]
                or _title_over_line(block.lines, plain, i, width)
                or in_header and is_session_or_item_line(plain[i])
                or rows[i] or rows[i + 1]
                or printed_ends[i]
            ):
                out.append(replace(current, hint="cell") if rows[i] else current)
                current = Block([], block.hint, after_line_break=True)
        out.append(replace(current, hint="cell") if rows[-1] else current)  # a row is always split off alone
    return out


_NOTE_NUMBER_RE = re.compile(r"^(\d{1,3})\s+(?![a-zß-ÿа-яё])\S")  # "1 See", not "3 per cent"


def _ends_note(line: str) -> bool:
    return _sentence_tail(line).endswith(".")


def _note_starts(plain: list[str], first: int) -> list[int] | None:
    """The lines opening the notes ``plain[first:]`` when they are a page's footnotes numbered in sequence (``1 See
    ...``, ``2 Ibid.``; a line opening with another number goes on the note above), each ending in a full stop;
    else ``None``."""
    match = _NOTE_NUMBER_RE.match(plain[first])
    if not match or not _ends_note(plain[-1]):
        return None
    starts, number = [first], int(match.group(1))
    for j in range(first + 1, len(plain)):
        match = _NOTE_NUMBER_RE.match(plain[j])
        if match and int(match.group(1)) == number + 1 and _ends_note(plain[j - 1]):
            starts.append(j)
            number += 1
    return starts


def split_page_notes(blocks: list[Block], lang: str, markdown: bool = False) -> list[Block]:
    """Split the footnotes at the foot of a page with no footnote rule over them from the block they end, one
    block a note, so that :func:`join_page_breaks` sees them: the lines of a block just before a page break,
    from a line opening with a note number (``1 See A/77/123, para. 12.``) to the block's end, numbered in
    sequence, each note ending a sentence, when the line above the first does not end one and, in a cased script,
    the block after the page break starts in lower case (the paragraph goes on there); and a block of such notes
    alone (``1 See ...`` / ``2 Ibid.``) into one block a note. Before, the notes were glued into the middle of
    the sentence the page cut, or to each other."""
    cased = is_cased(lang)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.hint is not None or nxt is None or not nxt.page_break:
            out.append(block)
            continue
        plain = [_plain(line, markdown) for line in block.lines]
        head = _plain(nxt.lines[0], markdown)
        goes_on = cased and head[:1].islower() and not _NEW_PARAGRAPH_RE.match(head)  # not "a) de proroger"
        starts = _note_starts(plain, 0)
        if starts is None and goes_on:
            first = next((j for j in range(1, len(plain))
                          if _NOTE_NUMBER_RE.match(plain[j]) and not ends_sentence(plain[j - 1])), None)
            starts = _note_starts(plain, first) if first is not None else None
        if not starts or starts == [0]:
            out.append(block)
            continue
        if starts[0]:
            out.append(replace(block, lines=block.lines[:starts[0]]))
        for start, end in zip(starts, starts[1:] + [len(block.lines)]):
            lines = block.lines[start:end]
            out.append(replace(block, lines=lines) if start == 0 else Block(lines, after_line_break=True))
    return out


def _footnotes(blocks: list[Block], markdown: bool) -> set[int]:
    """The indexes of the blocks that are a page's footnotes: from a footnote rule to the next page break, and a
    block opening with a note number (``1 See ...``, ``* A/78/150.``) just before a page break (or before other
    such blocks)."""
    notes: set[int] = set()
    in_zone = False
    for i, block in enumerate(blocks):
        in_zone = block.after_rule or in_zone and not block.page_break
        if in_zone:
            notes.add(i)
    for i in range(len(blocks) - 2, -1, -1):
        nxt = blocks[i + 1]
        if (nxt.page_break or i + 1 in notes) and blocks[i].hint is None and _FOOTNOTE_RE.match(
                _plain(blocks[i].lines[0], markdown)):
            notes.add(i)
    return notes


def _joinable(prev: Block, block: Block, cased: bool, markdown: bool) -> bool:
    """Whether ``block`` goes on the paragraph ``prev`` (see the module docstring for the rule)."""
    if block.hint is not None or prev.hint is not None or block.after_line_break:
        return False
    tail = _plain(prev.lines[-1], markdown)
    head = _plain(block.lines[0], markdown)
    if _NUMBERED_RE.match(head):  # "4. The Secretary-General ..." after a page break: a paragraph of its own
        return False
    broken = block.page_break or block.blank_before >= 2
    # a paragraph ending in a comma or in "; и" before one in lower case, with no page break between, is the way
    # Russian resolutions write their preamble ("Генеральная Ассамблея," / "ссылаясь на ...,"), and the UDHR's
    # Russian text ends each of its with "; и": apart
    listed = (tail.endswith(",") or _CLAUSE_AND_RE.search(tail) is not None) and not broken
    return bool(tail and head and not ends_sentence(tail) and not listed and (
        (cased and head[0].islower())
        or (tail.endswith("-") and head[0].islower())
        or (broken and len(prev.text) >= (30 if not cased else 80))
    ))


def join_page_breaks(blocks: list[Block], lang: str, markdown: bool = False) -> list[Block]:
    """Join a paragraph that a page break cut in two (see the module docstring for the rule). The footnotes at
    the foot of the page (:func:`_footnotes`) are not part of it: the paragraph goes on across them, and they
    come after it."""
    cased = is_cased(lang)
    notes = _footnotes(blocks, markdown)
    out: list[Block] = []
    note_run = 0  # how many of the last blocks of ``out`` are footnotes
    for i, block in enumerate(blocks):
        if out and i not in notes:
            before = len(out) - 1 - note_run
            # the paragraph before the footnotes first (a note not ending in a full stop is no paragraph to go on)
            candidates = ([before] if note_run and block.page_break and before >= 0 else []) + [len(out) - 1]
            target = next((k for k in candidates if _joinable(out[k], block, cased, markdown)), None)
            if target is not None:
                out[target].lines.extend(block.lines)  # footnotes after the paragraph stay after it
                out[target].dropped.extend(block.dropped)
                note_run = 0 if target != len(out) - 1 else note_run
                continue
        note_run = note_run + 1 if i in notes else 0
        out.append(block)
    return out


def join_lines(lines: list[str], lang: str, evidence: Evidence | None = None) -> str:
    """Join the lines of one block into one line, rejoining words hyphenated across a line end unless the hyphen
    belongs to the word (:func:`~tmtool.documents.hyphenation.keep_hyphen`)."""
    evidence = evidence if evidence is not None else Evidence()
    spaced = uses_spaces(lang)
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif re.search(r"[^\W_]-$", out) and line[:1].isalnum():  # post-|2015, interna-|tional
            out = out + line if keep_hyphen(out[:-1], line, lang, evidence) else out[:-1] + line
        elif not spaced and (_CJK_RE.match(line[:1]) or _CJK_RE.match(out[-1:])):
            out += line
        else:
            out += " " + line
    return out


def normalise_text(text: str, lang: str) -> str:
    """NFC; control characters (U+0001...), ligatures, Arabic presentation forms, tatweel and invisible characters
    out; runs of spaces to one; no-break spaces where French typography wants them (before ``: ; ! ? »``, after
    ``«``), elsewhere only inside numbers (``10 000``). In Chinese and Japanese a space between two CJK characters or
    punctuation marks is removed. Look-alike letters of the other script in a Cyrillic or Latin word are put in
    the word's script (:func:`~.homoglyphs.fix_homoglyphs`)."""
    text = remove_controls(text).translate(_LIGATURES)
    # Presentation forms first: NFKC can turn one into a tatweel plus a mark (U+FE77 -> U+0640 U+064E).
    text = _ARABIC_FORMS_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)
    text = _INVISIBLE_RE.sub("", text)
    text = fix_homoglyphs(unicodedata.normalize("NFC", text))
    text = _SPACES_RE.sub(" ", text).strip()
    if not uses_spaces(lang):  # converters put spaces between Chinese characters: none belongs there
        text = _CJK_SPACE_RE.sub("", text)
    if base(lang) == "fr":
        text = re.sub(r"[ \u00a0\u202f]+([;!?])", "\u202f\\1", text)
        text = re.sub(r"[ \u00a0\u202f]+([:»])", "\u00a0\\1", text)
        text = re.sub(r"«[ \u00a0\u202f]+", "«\u00a0", text)
    else:
        text = re.sub(r"(?<!\d)[\u00a0\u202f]|[\u00a0\u202f](?!\d)", " ", text)
        text = re.sub(r" {2,}", " ", text)
    return text


def repair_blocks(blocks: list[tuple[str, str | None]], lang: str) -> list[tuple[str, str | None, list[str]]]:
    """The repairs for a format that keeps its paragraphs (.docx, .html): ``(text, hint)`` blocks in, as
    :func:`repair_text` gives them out. Only the damage a PDF conversion leaves there is mended: running headers and
    footers standing as paragraphs of their own are dropped (as are blocks hinted ``"running"``, a .docx file's
    page headers and footers), and a paragraph a page break cut in two is joined
    (:func:`join_page_breaks`: no joins where the format gives no sign of one, so a clean file is left as it is)."""
    parts = [Block([_BIDI_CONTROLS_RE.sub("", text)], hint, 1) for text, hint in blocks if hint != "running"]
    parts = join_page_breaks(drop_running_lines(parts), lang)
    if parts:  # the format's own page headers and footers: kept for the metadata, as dropped running lines are
        parts[0].dropped[:0] = [text for text, hint in blocks if hint == "running"]
    return _paragraphs(parts, lang)


def _paragraphs(blocks: list[Block], lang: str, markdown: bool = False,
                evidence: Evidence | None = None) -> list[tuple[str, str | None, list[str]]]:  # fmt: skip
    """``(plain paragraph text, hint, dropped running lines)`` of the repaired blocks: lines joined, Markdown
    rendered, text normalised; blocks left empty are dropped."""
    out = []
    for block in blocks:
        joined = join_lines(block.lines, lang, evidence)
        plain = normalise_text(markup.inline_to_text(joined) if markdown else joined, lang)
        if plain:
            out.append((plain, block.hint, block.dropped))
    return out


_COLUMNS_RE = re.compile(r"^[ \t]{0,8}(\S.*?)[ \t]{6,}(\S.*?)\s*$")
_RIGHT_ONLY_RE = re.compile(r"^[ \t]{20,}(\S.*?)\s*$")


def split_header_columns(text: str) -> str:
    """The two-column header of a UN document's first page as ``pdftotext -layout`` and pypdf's layout mode write
    it (``United Nations          A/78/123`` / ``General Assembly        Distr.: General`` / ``      5 July 2023``)
    put in reading order: the left column as one block (the organ banner), then each line of the right column as
    a block of its own (symbol, distribution, date, original language), so that the header reads as front matter.
    Only the first block of the text, and only when two or more of its lines have a right column."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    left: list[str] = []
    right: list[str] = []
    gaps = 0
    for line in lines[start:end]:
        if "\f" in line:
            return text
        columns = _COLUMNS_RE.match(line)
        only_right = _RIGHT_ONLY_RE.match(line)
        if columns:
            gaps += 1
            left.append(columns.group(1))
            right.append(columns.group(2))
        elif only_right:
            right.append(only_right.group(1))
        else:
            left.append(line.strip())
    if gaps < 1 or len(right) < 2:
        return text
    blocks = ["\n".join(left)] if left else []
    blocks += right
    return "\n".join(lines[:start] + ["\n\n".join(blocks)] + lines[end:])


def repair_text(text: str, lang: str, markdown: bool) -> list[tuple[str, str | None, list[str]]]:
    """Run the repairs on a whole text; gives ``(plain paragraph text, hint, dropped running lines)`` per block."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BIDI_CONTROLS_RE.sub("", _LTR_RUN_SPACE_RE.sub(r"\2\1", text))
    text = to_logical(text)  # Arabic a PDF extractor gave backwards
    text = repair_lam_alef(text)  # and with its lam-alef ligatures as alef then lam
    text = split_header_columns(text)
    blocks = split_blocks(text, markdown)
    blocks = drop_running_lines(blocks, markdown)
    blocks = split_page_notes(blocks, lang, markdown)
    column = 0 if markdown else printed_column([[line.strip() for line in block.lines] for block in blocks], lang)
    blocks = split_unwrapped(blocks, lang, markdown, column)
    blocks = join_page_breaks(blocks, lang, markdown)
    return _paragraphs(blocks, lang, markdown, Evidence.of(text))
