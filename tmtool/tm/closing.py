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

__all__ = ["KEEP", "MAX_WORDS", "MIN_HITS", "MIN_PIECE", "PIECE_WORDS", "close_word", "extend_spans", "split_piece", "token_edges"]

KEEP = 0.9  # the longer n-gram keeps this share of the hits and of the TM frequency of the shorter one
MIN_HITS = 5  # hits a rendering needs to be extended: in fewer, any neighbour (« déployés les ») keeps them all
MAX_WORDS = 8  # words: longer n-grams are phrases
MIN_PIECE = 2  # hits the word of a piece must be in (a rendering needs two)
PIECE_WORDS = 3  # a Chinese n-gram inside at most this many words (each with one character more) is a piece of them
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
                 veto: Callable[[tuple[int, ...]], bool] | None = None,
                 words: np.ndarray | None = None) -> list[tuple[int, int, int]]:  # fmt: skip
    """The occurrences ``spans`` (hit, start, end in ``toks``; ``bounds[hit]`` the hit's token range) of a rendering,
    extended as the module says. ``cut[i]``: punctuation stands before token ``i``; ``inside[i]``: a hyphen joins
    token ``i`` to the one before; ``edge_ok[t]``: token id ``t`` may end a rendering; ``function[t]``: it is a
    function word, which may stand inside one; ``df(tokens)``: units of the TM holding the token sequence. The
    spans that do not hold the extension are dropped. ``words[i]``: the word token ``i`` is a form of
    (:func:`tmtool.tm.forms.word_keys`); the added words are then counted by word, not form (Генеральной before
    Ассамблеи, Генеральная before Ассамблея; المجلس, للمجلس before الاقتصادي والاجتماعي), and the longer n-gram's
    TM frequency is that of its forms found in the hits together."""
    spans = list(spans)
    while len(spans) >= MIN_HITS:
        grown = False
        for side in (1, -1):
            nexts = [_next_word(toks, lo, hi, side, bounds[hit], cut, inside, edge_ok, function)
                     for hit, lo, hi in spans]
            kinds = [ext if ext is None or words is None else
                     tuple(int(w) for w in (words[hi : hi + len(ext)] if side > 0 else words[lo - len(ext) : lo]))
                     for (_, lo, hi), ext in zip(spans, nexts)]
            options = Counter(kind for kind in kinds if kind is not None)
            if not options:
                continue
            kind, count = options.most_common(1)[0]
            size = len(next(ext for ext, k in zip(nexts, kinds) if k == kind))  # type: ignore[arg-type]
            if count < KEEP * len(spans) or max(hi - lo for _, lo, hi in spans) + size > MAX_WORDS:
                continue
            taken = [(span, ext) for span, ext, k in zip(spans, nexts, kinds) if k == kind]
            heads = [tuple(int(t) for t in toks[lo:hi]) for (_, lo, hi), _ in taken]
            head = Counter(heads).most_common(1)[0][0]
            longers = {(h + ext if side > 0 else ext + h) for h, (_, ext) in zip(heads, taken) if h == head}
            longer = max(longers, key=df)
            if sum(map(df, longers)) < KEEP * df(head) or (veto is not None and veto(longer)):
                continue
            spans = [(hit, lo, hi + size) if side > 0 else (hit, lo - size, hi) for (hit, lo, hi), _ in taken]
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


def close_word(seq: np.ndarray, gram: tuple[int, ...], longest: float, cjk: np.ndarray, bad: np.ndarray,
               df: Callable[[tuple[int, ...]], int],
               veto: Callable[[tuple[int, ...], tuple[int, int]], bool] | None = None,
               cut: np.ndarray | None = None, ends: np.ndarray | None = None) -> tuple[int, ...]:  # fmt: skip
    """Chinese/Japanese have no spaces: a character n-gram that (nearly: ``KEEP`` of its frequency) never occurs in
    the TM without the character before (or after) it is a piece of a longer word (持和平 of 维持和平, even where
    the TM has one 坚持和平). Extend ``gram`` (found in ``seq``) while that holds, up to ``longest`` characters,
    never over a character marked in ``bad`` (function characters) unless ``ends`` marks it and it comes after (a
    function character that ends a word: 其 of 土耳其, 等 of 平等; before a word 在 or 对 starts a phrase), nor over
    punctuation (``cut[i]``: before character ``i`` of ``seq``), nor when ``veto(n-gram, (character before,
    character after))`` says the longer n-gram takes in a word that translates something else."""
    seq = [int(t) for t in seq]
    n = len(gram)
    start = next((i for i in range(len(seq) - n + 1) if tuple(seq[i : i + n]) == gram), None)
    if start is None:
        return gram
    freq = df(gram)
    end = start + n
    grown = True
    while grown:
        grown = False
        for lo, hi in ((start - 1, end), (start, end + 1)):
            if lo < 0 or hi > len(seq) or hi - lo > longest:
                continue
            new = seq[lo] if lo < start else seq[hi - 1]
            if not cjk[new] or (bad[new] and not (ends is not None and ends[new] and lo == start)):
                continue  # a function character is no part of the word, but for one that ends it
            if cut is not None and (cut[start] if lo < start else cut[end]):  # punctuation between
                continue
            longer = tuple(seq[lo:hi])
            if df(longer) >= round(KEEP * freq):
                edge = (seq[lo - 1] if lo > 0 else -1, seq[hi] if hi < len(seq) else -1)
                if veto is not None and veto(longer, edge):
                    continue
                start, end, grown = lo, hi, True
                break
    return tuple(seq[start:end])


def split_piece(owners: np.ndarray, before: np.ndarray, after: np.ndarray, gram: tuple[int, ...], longest: float,
                cjk: np.ndarray, bad: np.ndarray, df: Callable[[tuple[int, ...]], int],
                is_word: Callable[[tuple[int, ...]], bool]) -> tuple[tuple[int, ...], np.ndarray] | None:  # fmt: skip
    """A Chinese n-gram that stands (nearly: ``KEEP`` of its TM frequency) only inside a few longer words, though
    none of them alone keeps ``KEEP`` of it (员国: in 会员国, "Member States", 75 %, and 成员国, "members" of a body,
    24 %), is a piece of those words, which :func:`close_word` cannot tell. Counts alone cannot tell a piece from
    a word that a few neighbours often precede (领空, "airspace", after 该国 and 黎巴嫩), nor from boilerplate (一周内
    before 采取 in near-duplicate hits), so the dictionary decides too: ``is_word`` (CC-CEDICT's headwords,
    :func:`tmtool.glossary.zhwords.chinese_words`) must deny ``gram`` and know the longer word (会员国, 成员国).
    Per occurrence of ``gram`` in the hits: the hit it is in (``owners``), the character ``before`` and ``after``
    it (-1: none, or punctuation between). Returns the word most of the hits hold (``gram`` with the character
    before or after it, one of the ``PIECE_WORDS`` commonest there), in ``MIN_PIECE`` hits at least, and those
    hits; None when ``gram`` is no such piece. The other hits are left for another rendering (成员国 after 会员国)."""
    if len(gram) + 1 > longest:
        return None
    for side, chars in ((-1, before), (1, after)):
        ok = chars >= 0
        ok[ok] = cjk[chars[ok]] & ~bad[chars[ok]]
        pairs = np.unique(np.stack([owners[ok], chars[ok]]), axis=1) if ok.any() else np.zeros((2, 0), np.int64)
        common = Counter(pairs[1].tolist()).most_common(PIECE_WORDS)  # in how many hits each character is
        if not common:
            continue
        grown = lambda c: (c, *gram) if side < 0 else (*gram, c)  # noqa: E731
        if sum(df(grown(c)) for c, _ in common) < KEEP * df(gram):
            continue  # the n-gram stands on its own (or next to many words): a word
        if is_word(gram):  # (asked last: the dictionary takes most of a second to load)
            return None
        word = next((c for c, n in common if n >= MIN_PIECE and is_word(grown(c))), None)
        if word is not None:
            return grown(word), pairs[0][pairs[1] == word]
    return None
