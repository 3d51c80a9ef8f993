"""Normalising and tokenising text for lookup: one definition used by the index and by queries.

Folding is Unicode NFKD, combining marks (``\\p{Mn}``) removed, lower case: ``"Économie" -> "economie"``,
``"Ёлка" -> "елка"``, Arabic harakat dropped, full-width digits made ASCII. Tokens are runs of word
characters (``\\w``), except that Han, Hiragana and Katakana characters are one token each (scripts without
spaces: the index adds character bigrams for them). Both the index and the queries go through the same
polars expressions, so a query is tokenised exactly as the text it is looked up in.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import polars as pl

__all__ = [
    "CJK_CLASS",
    "TOKEN_PATTERN",
    "fold_expr",
    "tokens_expr",
    "fold",
    "tokenize",
    "fold_with_offsets",
    "is_cjk",
]

CJK_CLASS = r"\p{Han}\p{Hiragana}\p{Katakana}"
TOKEN_PATTERN = rf"[{CJK_CLASS}]|[\w--{CJK_CLASS}]+"


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """Polars expression: case- and accent-folded text."""
    return expr.str.normalize("NFKD").str.replace_all(r"\p{Mn}", "").str.to_lowercase()


def tokens_expr(expr: pl.Expr) -> pl.Expr:
    """Polars expression: list of folded tokens."""
    return fold_expr(expr).str.extract_all(TOKEN_PATTERN)


def fold(text: str) -> str:
    """Fold one string exactly as :func:`fold_expr` does."""
    return pl.select(fold_expr(pl.lit(text, dtype=pl.String))).item()


def tokenize(text: str) -> list[str]:
    """Folded tokens of one string, as the index sees them."""
    out = pl.select(tokens_expr(pl.lit(text, dtype=pl.String))).item()
    return list(out) if out is not None else []


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


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """Fold ``text`` character by character; return the folded string and, for each folded character,
    the index of the original character it came from (to map a match back for highlighting)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        piece = "".join(c for c in unicodedata.normalize("NFKD", ch) if unicodedata.category(c) != "Mn").lower()
        out.append(piece)
        where.extend([i] * len(piece))
    return "".join(out), where


def spans_of(text: str, folded_query: str, whole_word: bool) -> list[tuple[int, int]]:
    """Character spans of ``text`` where the folded query occurs (punctuation and spaces between the query's
    words may differ), whole words only when ``whole_word``."""
    import re

    folded, where = fold_with_offsets(text)
    words = re.findall(r"\w+|[^\w\s]", folded_query)
    if not words:
        return []
    pattern = r"[\W_]*".join(re.escape(w) for w in words) if len(words) > 1 else re.escape(words[0])
    cjk_edges = is_cjk(words[0]) or is_cjk(words[-1])
    if whole_word and not cjk_edges:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    spans = []
    for m in re.finditer(pattern, folded):
        if m.end() > m.start():
            spans.append((where[m.start()], where[m.end() - 1] + 1))
    return spans


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    """Contiguous ``n``-grams of a token list."""
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
