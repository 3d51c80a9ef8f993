"""The edges of terms in a target text, and completing a rendering of spaced text to the whole term.

:func:`token_edges` marks where punctuation stands between two tokens and where a hyphen joins them, for no
rendering to span punctuation or half of a hyphenated word. :func:`extend_spans` completes a rendering: « opérations
de maintien » -> « opérations de maintien de la paix », « Consejo de Derechos » -> « Consejo de Derechos Humanos ».
The candidate n-grams of :mod:`tmtool.tm.concordance` are at most four words long, and among equally associated cuts
of one term the length prior may prefer a shorter one. A rendering is therefore extended, one word at a time (with
the function words before that word: « de la paix », « en masa »), on either side, while the longer n-gram keeps
``KEEP`` of the query's hits that held the shorter one and ``KEEP`` of its frequency in the whole TM (a term, not a
phrase that happens to follow it in near-duplicate hits), in ``MIN_HITS`` hits at least, never across punctuation
nor into half of a hyphenated word, and not when the added word translates a word next to the query (``veto``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import numpy as np

from .text import TOKEN_RE, fold

__all__ = ["KEEP", "MAX_WORDS", "MIN_HITS", "extend_spans", "token_edges"]

KEEP = 0.9  # the longer n-gram keeps this share of the hits and of the TM frequency of the shorter one
MIN_HITS = 5  # hits a rendering needs to be extended: in fewer, any neighbour (« déployés les ») keeps them all
MAX_WORDS = 8  # words: longer n-grams are phrases
_FUNCTION_RUN = 3  # function words at most before the word added (« de la »)


_JOINED = re.compile(r"['\u2019\u02bc]")  # an apostrophe between two words: l'homme, Council's
_HYPHEN = re.compile(r"[-\u2010\u2011]")  # a hyphen between two words: Secretary-General
_RU_DASH = re.compile(r"\s*(?:--|[\u2013\u2014])\s*")  # государства -- члены: a compound written with a dash


def token_edges(texts: list[str | None], lengths: np.ndarray, lang: str) -> tuple[np.ndarray, np.ndarray]:
    """Per token of the texts (in the order :meth:`LangIndex.gather` gives them): ``cut`` -- punctuation other than
    an apostrophe or a hyphen inside a word stands before it (a comma, a period, a bracket, a quote), so no rendering
    spans it; ``inside`` -- a hyphen joins it to the token before (Secretary-General), so no rendering starts or
    ends there. A text whose tokens do not match the index's count gets no marks."""
    total = int(lengths.sum())
    cut, inside = np.zeros(total + 1, dtype=bool), np.zeros(total + 1, dtype=bool)
    at = 0
    dash = lang == "ru"
    for text, size in zip(texts, lengths):
        size = int(size)
        if text and size:
            gaps = TOKEN_RE.split(fold(text))  # the text around and between its tokens
            if len(gaps) == size + 1:
                for j in (j for j in range(1, size) if gaps[j] and not gaps[j].isspace()):
                    gap = gaps[j]
                    if _HYPHEN.fullmatch(gap) or (dash and _RU_DASH.fullmatch(gap)):
                        inside[at + j] = True
                    elif not _JOINED.fullmatch(gap):
                        cut[at + j] = True
        at += size
    return cut, inside


def extend_spans(toks: np.ndarray, spans: list[tuple[int, int, int]], bounds: np.ndarray, cut: np.ndarray,
                 inside: np.ndarray, edge_ok: np.ndarray, function: np.ndarray,
                 df: Callable[[tuple[int, ...]], int],
                 veto: Callable[[tuple[int, ...]], bool] | None = None) -> list[tuple[int, int, int]]:  # fmt: skip
    """The occurrences ``spans`` (hit, start, end in ``toks``; ``bounds[hit]`` the hit's token range) of a rendering,
    extended as the module says. ``cut[i]``: punctuation stands before token ``i``; ``inside[i]``: a hyphen joins
    token ``i`` to the one before; ``edge_ok[t]``: token id ``t`` may end a rendering; ``function[t]``: it is a
    function word, which may stand inside one; ``df(tokens)``: units of the TM holding the token sequence. The
    spans that do not hold the extension are dropped."""
    spans = list(spans)
    while len(spans) >= MIN_HITS:
        grown = False
        for side in (1, -1):
            nexts = [_next_word(toks, lo, hi, side, bounds[hit], cut, inside, edge_ok, function)
                     for hit, lo, hi in spans]
            options = Counter(ext for ext in nexts if ext is not None)
            if not options:
                continue
            ext, count = options.most_common(1)[0]
            if count < KEEP * len(spans) or max(hi - lo for _, lo, hi in spans) + len(ext) > MAX_WORDS:
                continue
            head = Counter(tuple(int(t) for t in toks[lo:hi]) for _, lo, hi in spans).most_common(1)[0][0]
            longer = head + ext if side > 0 else ext + head
            if df(longer) < KEEP * df(head) or (veto is not None and veto(longer)):
                continue
            spans = [(hit, lo, hi + len(ext)) if side > 0 else (hit, lo - len(ext), hi)
                     for (hit, lo, hi), nxt in zip(spans, nexts) if nxt == ext]
            grown = True
        if not grown:
            break
    return spans


def _next_word(toks: np.ndarray, lo: int, hi: int, side: int, bound: tuple[int, int], cut: np.ndarray,
               inside: np.ndarray, edge_ok: np.ndarray, function: np.ndarray) -> tuple[int, ...] | None:  # fmt: skip
    """The tokens from the span ``[lo, hi)`` to the next word that may end a rendering on ``side`` (1: after, -1:
    before), only function words between; None when punctuation or the hit's end comes first."""
    start, stop = int(bound[0]), int(bound[1])
    taken: list[int] = []
    for step in range(1, _FUNCTION_RUN + 2):
        at = hi + step - 1 if side > 0 else lo - step
        if at < start or at >= stop:
            return None
        # punctuation between the span (or the words taken) and this token, or a hyphen inside the word
        if cut[at] if side > 0 else cut[at + 1]:
            return None
        t = int(toks[at])
        taken.append(t)
        if edge_ok[t]:
            ends_inside = inside[at + 1] if side > 0 else inside[at]
            if ends_inside:
                return None
            return tuple(taken) if side > 0 else tuple(reversed(taken))
        if not function[t]:
            return None
    return None
