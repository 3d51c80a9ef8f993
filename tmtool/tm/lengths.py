"""How long the rendering of a query may grow, read from the lengths of the TM's short units.

The concordance (:mod:`tmtool.tm.concordance`) expects a rendering to be about as long as the query times the
hits' target/source length ratio: a ratio of running text. That expectation prefers, among the n-grams the hits
associate equally with the query, the one of the right length; and it bounds how far a piece may be completed to
the term it is part of (``WHOLE`` times it), so that « Nicosia » does not become « región de información de vuelo
de Nicosia ». Between languages written alike a term's ratio is near that of running text. Between Chinese, whose
characters are syllables or morphemes, and an alphabetic language it is not one number: a name takes a character
a syllable (Libya, 利比亚: 0.6 of its letters), a compound a character a morpheme (大会, « Assemblée générale »: 9
times its characters), running text lies between (zh -> fr 4.5, en -> zh 0.25). The bound stopped the right
completion: « Assemblée » for 大会, 理事会 for مجلس الأمن, « Организации Объединенных » for 联合国.

The TM shows how long the translation of a short text can be: its short units (headings, names, titles: at most
``SHORT_WORDS`` words in the language written with spaces) and the ``HIGH`` quantile of their target/source length
ratio. Between Chinese and another language, :func:`longest_expected` is that ratio times the query's length when
it is more than the running-text expectation, and a completion may grow up to ``WHOLE`` times that: on the UN
devset, Chinese to French 5.5 times the query's characters (running text 4.5), English to Chinese 0.7 (0.25).
Between languages written alike a term's ratio is that of running text (English to French: 1.12 for the UN organs'
names, 1.13 for running text), and the bound stays as it was: « climate » -> « climatiques », not « changements
climatiques ». The expectation itself, which ranks the candidates, stays the hits' own.
"""

from __future__ import annotations

import numpy as np

from .index import LangIndex

__all__ = ["HIGH", "MIN_UNITS", "SHORT_WORDS", "longest_expected", "short_ratios"]

SHORT_WORDS = 4  # a unit of at most this many words (in the language written with spaces) is a short unit
HIGH = 0.9  # the quantile of the short units' length ratio that gives the longest rendering to expect
MIN_UNITS = 20  # short units needed: with fewer, the hits' running-text ratio alone
_READ = 5000  # short units read at most (the first in rank order)


def _chars(li: LangIndex, uids: np.ndarray) -> np.ndarray:
    """Characters of each unit's text as the concordance counts an n-gram's (its tokens, with one space between
    two tokens of spaced text); 0 for a unit of numbers only."""
    toks, owner = li.gather(uids)
    if li.token_chars is None:
        li.token_chars = np.fromiter(map(len, li.tokens), dtype=np.int64, count=len(li.tokens))
    sizes = li.token_chars
    count = np.bincount(owner, weights=sizes[toks], minlength=len(uids))
    count += np.maximum(np.bincount(owner, weights=~li.cjk[toks], minlength=len(uids)) - 1, 0)
    words = np.bincount(owner, weights=~li.numeric[toks], minlength=len(uids))
    return np.where(words > 0, count, 0)


def short_ratios(sli: LangIndex, tli: LangIndex, spaced_source: bool = True) -> np.ndarray:
    """The target/source length ratios of the TM's short units, sorted; ``spaced_source``: the source is written
    with spaces (its words measure a unit, else the target's). Kept on the source index (fixed for a store state)."""
    kept = sli.short_ratios
    key = (str(tli.folder), spaced_source)
    if key not in kept:
        src, tgt = sli.lengths, tli.lengths
        size = src if spaced_source else tgt
        uids = np.flatnonzero((size > 0) & (size <= SHORT_WORDS) & (src > 0) & (tgt > 0))[:_READ]
        s, t = _chars(sli, uids), _chars(tli, uids)
        ok = (s > 0) & (t > 0)
        kept[key] = np.sort(t[ok] / s[ok])
    return kept[key]


def longest_expected(query_chars: int, expected: float, ratios: np.ndarray) -> float:
    """The longest rendering to expect of a query of ``query_chars`` characters: the ``HIGH`` quantile of the short
    units' ``ratios`` times it, or ``expected`` (the running-text expectation) when that is longer or the TM has
    fewer than ``MIN_UNITS`` short units."""
    if len(ratios) < MIN_UNITS:
        return expected
    return max(expected, float(np.quantile(ratios, HIGH)) * query_chars)
