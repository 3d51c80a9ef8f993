"""Normalising and tokenising text for lookup: one definition used by the index and by queries.

Folding is Unicode NFKD, combining marks (``\\p{Mn}``) removed, lower case: ``"Économie" -> "economie"``,
``"Ёлка" -> "елка"``, Arabic harakat dropped, full-width, Arabic-Indic and Persian digits made ASCII (an Arabic
reviser's ``٢٠٢٣`` finds the ``2023`` most Arabic UN texts write, and the reverse). Tokens are runs of word
characters (``\\w``), except that Han, Hiragana and Katakana characters are one token each (scripts without
spaces: the index adds character bigrams for them). Both the index and the queries go through the same
polars expressions, so a query is tokenised exactly as the text it is looked up in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Sequence
import polars as pl

__all__ = [
    "CJK_CLASS",
    "TOKEN_PATTERN",
    "TOKEN_RE",
    "fold_expr",
    "tokens_expr",
    "fold",
    "tokenize",
    "fold_with_offsets",
    "is_cjk",
    "spans_of",
    "spans_of_tokens",
]

CJK_CLASS = r"\p{Han}\p{Hiragana}\p{Katakana}"
TOKEN_PATTERN = rf"[{CJK_CLASS}]|[\w--{CJK_CLASS}]+"


# Arabic-Indic (U+0660-0669) and Persian (U+06F0-06F9) digits, which NFKD keeps as they are, to ASCII
_DIGITS = {chr(base + d): str(d) for base in (0x0660, 0x06F0) for d in range(10)}


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """Polars expression: case- and accent-folded text."""
    folded = expr.str.normalize("NFKD").str.replace_all(r"\p{Mn}", "").str.to_lowercase()
    return folded.str.replace_many(list(_DIGITS), list(_DIGITS.values()))


def tokens_expr(expr: pl.Expr) -> pl.Expr:
    """Polars expression: list of folded tokens."""
    return fold_expr(expr).str.extract_all(TOKEN_PATTERN)


class _FoldTable(dict):
    """``str.translate`` table folding one character at a time, filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        piece = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if unicodedata.category(c) != "Mn")
        piece = _DIGITS.get(piece, piece.lower())
        self[code] = piece
        return piece


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold one string as :func:`fold_expr` does (character by character: NFKD, no marks, lower case)."""
    return text.translate(_TABLE)


_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_PY_TOKEN = re.compile(rf"[{_CJK_CHARS}]|[^\W{_CJK_CHARS}]+")
TOKEN_RE = _PY_TOKEN  # words, and Han/Kana one character at a time (on folded or original text)


def tokenize(text: str) -> list[str]:
    """Folded tokens of one string, as the index sees them (pure Python: a query costs microseconds;
    a test checks it agrees with :func:`tokens_expr`)."""
    return _PY_TOKEN.findall(fold(text))


def is_cjk(token: str) -> bool:
    """True for a one-character Han/Kana token (or a bigram of them)."""
    ch = token[0]
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x3134F
    )


def fold_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """Fold ``text``; also return, for each folded character, the index of the original character it came
    from, or None when they correspond one to one (the usual case)."""
    folded = text.translate(_TABLE)
    if len(folded) == len(text):
        return folded, None
    where: list[int] = []
    for i, ch in enumerate(text):
        where.extend([i] * len(_TABLE[ord(ch)]))
    return folded, where


_BRACKETS = (("(", ")"), ("[", "]"))


def spans_of(text: str, folded_query: str, whole_word: bool) -> list[tuple[int, int]]:
    """Character spans of ``text`` where the folded query occurs (punctuation and spaces between the query's
    words may differ, as in the search: the query's own punctuation -- quotes, a final period, a typographic
    apostrophe, a hyphen -- is no part of the pattern), whole words only when ``whole_word``. A bracket the span
    opens is closed in it when the text closes it next: ``resolution 2140 (2014)`` is marked whole, not up to
    ``(2014``."""
    folded, where = fold_with_offsets(text)
    words = [w for w in re.findall(r"\w+", folded_query) if w.strip("_")]
    if not words:
        return []
    pattern = r"[\W_]*".join(re.escape(w) for w in words) if len(words) > 1 else re.escape(words[0])
    cjk_edges = is_cjk(words[0]) or is_cjk(words[-1])
    if whole_word and not cjk_edges:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    spans = []
    for m in re.finditer(pattern, folded):
        if m.end() > m.start():
            end = m.end()
            for opening, closing in _BRACKETS:
                if folded[end : end + 1] == closing and m.group().count(opening) > m.group().count(closing):
                    end += 1
            spans.append((m.start(), end) if where is None else (where[m.start()], where[end - 1] + 1))
    return spans


def spans_of_tokens(text: str, allowed: Sequence[Collection[str]]) -> list[tuple[int, int]]:
    """Character spans of ``text`` where its tokens (folded, as the index cuts them) follow each other as the
    query's positions allow: ``allowed[j]`` holds the tokens that may stand at position ``j`` (the forms of a
    query word that a lookup accepts)."""
    folded, where = fold_with_offsets(text)
    toks = [(m.start(), m.end(), m.group()) for m in _PY_TOKEN.finditer(folded)]
    k, out = len(allowed), []
    for i in range(len(toks) - k + 1):
        if all(toks[i + j][2] in allowed[j] for j in range(k)):
            a, b = toks[i][0], toks[i + k - 1][1]
            out.append((a, b) if where is None else (where[a], where[b - 1] + 1))
    return out

