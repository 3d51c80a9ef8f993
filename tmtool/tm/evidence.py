"""Extra evidence for choosing among rendering candidates that the hits associate equally with the query.

On a small TM every word of a sentence can be as associated with the query as its real translation.
Two signals tell them apart (used by :mod:`tmtool.tm.concordance` on its finalists only):

- **explained by the context**: a target word at the edge of a candidate that is better associated, over
  the whole TM, with a source word found next to the query in the hits (but not part of it) translates that
  word, not the query: ``unlawful`` in ``unlawful puppet`` goes with 非法 in 非法傀儡政权, so the rendering
  of 傀儡政权 is ``puppet regime``;
- **cognates**: for names, a candidate that sounds like the query (consonant skeletons in Latin letters,
  :mod:`tmtool.glossary.translit`, voicing ignored) wins a tie: ``Garabagh`` → ``Карабахского``, not the
  ``региона`` next to it.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz

from .index import LangIndex, shared_ids
from .text import is_cjk

__all__ = ["context_tokens", "query_forms", "query_tokens", "explained_elsewhere", "cognate_similarity"]

MIN_EXPLAIN = 0.75  # a context word explains a target word only when they nearly always go together
_VOICING = str.maketrans({"g": "k", "d": "t", "b": "p", "v": "p"})  # Garabagh/Карабах, Bagdad/Baghdad


def _edge_tokens(li: LangIndex, gram: tuple[int, ...], around: tuple[int, int] = (-1, -1)) -> list[int]:
    """The token ids that stand for the edges of ``gram``: its first and last words, or for a Chinese
    n-gram its first and last character bigrams (single characters say little) and the bigrams across its
    edges with the characters ``around`` it in a target (-1: none), so that a piece cut out of a word
    that translates the context (法傀儡 from 非法傀儡) is caught."""
    if li.cjk[gram[0]]:
        chars = [li.tokens[t] for t in gram]
        pairs = [chars[0] + chars[1], chars[-2] + chars[-1]] if len(chars) >= 2 else []
        before, after = around
        if before >= 0 and li.cjk[before]:
            pairs.append(li.tokens[before] + chars[0])
        if after >= 0 and li.cjk[after]:
            pairs.append(chars[-1] + li.tokens[after])
        return sorted({li.vocab[p] for p in pairs if p in li.vocab})
    return sorted({gram[0], gram[-1]})


def _occurrence(seq: list[int], positions: Sequence[frozenset[int]]) -> int | None:
    """Where the query first stands in the token ids ``seq``: ``positions[j]`` holds the ids that may stand at its
    ``j``-th place (its word, or with ``--forms`` any form of it: марионеточный finds марионеточного)."""
    k = len(positions)
    if not k:
        return None
    return next((i for i in range(len(seq) - k + 1) if all(seq[i + j] in positions[j] for j in range(k))), None)


def context_tokens(sli: LangIndex, uids: np.ndarray, positions: Sequence[frozenset[int]], bad: np.ndarray,
                   share: float = 0.5, window: int = 3) -> list[int]:
    """Source tokens next to the query (within ``window`` tokens; Chinese: the character bigram right
    before and right after it) in at least ``share`` of the units ``uids``, function words (``bad``)
    left out: the words whose translations sit next to the query's in the targets. ``positions[j]``: the token
    ids the query's ``j``-th token may be in the units (its other forms with ``--forms``), as the lookup found
    them: a query in the dictionary form finds the words next to the inflected form of its hits."""
    k = len(positions)
    query_ids = frozenset().union(*positions) if k else frozenset()
    seen: dict[int, int] = {}
    for uid in uids:
        seq = [int(t) for t in sli.tokens_of(int(uid))]
        at = _occurrence(seq, positions)
        if at is None:
            continue
        toks: set[int] = set()
        if sli.cjk[seq[at]]:
            for lo in (at - 2, at + k):
                if lo >= 0 and lo + 2 <= len(seq) and sli.cjk[seq[lo]] and sli.cjk[seq[lo + 1]]:
                    pid = sli.vocab.get(sli.tokens[seq[lo]] + sli.tokens[seq[lo + 1]])
                    if pid is not None:
                        toks.add(pid)
        else:
            near = seq[max(0, at - window) : at] + seq[at + k : at + k + window]
            toks.update(t for t in near if not bad[t] and not sli.cjk[t] and t not in query_ids)
        for t in toks:
            seen[t] = seen.get(t, 0) + 1
    need = max(2, share * len(uids))
    return sorted((t for t, n in seen.items() if n >= need), key=lambda t: (-seen[t], int(sli.df[t])))


def query_forms(sli: LangIndex, uids: np.ndarray, positions: Sequence[frozenset[int]]) -> list[int]:
    """The ids of the (spaced) tokens standing for the query's words in the units ``uids`` (see
    :func:`context_tokens`): the forms the hits hold, which the query itself may not (марионеточного for
    марионеточный)."""
    found: set[int] = set()
    k = len(positions)
    for uid in uids:
        seq = [int(t) for t in sli.tokens_of(int(uid))]
        at = _occurrence(seq, positions)
        if at is not None:
            found.update(t for t in seq[at : at + k] if not sli.cjk[t])
    return sorted(found)


def _dice(a: np.ndarray, b: np.ndarray) -> float:
    """Dice of two postings (ascending unit ids)."""
    if not len(a) or not len(b):
        return 0.0
    return 2 * len(shared_ids(a, b)) / (len(a) + len(b))


def query_tokens(sli: LangIndex, query_tokens: list[str]) -> list[int]:
    """The source token ids of the query's parts: its words, or for Chinese its character bigrams."""
    out = []
    for a, b in zip(query_tokens, query_tokens[1:]):
        if is_cjk(a) and is_cjk(b) and (tid := sli.vocab.get(a + b)) is not None:
            out.append(tid)
    out += [sli.vocab[t] for t in query_tokens if not is_cjk(t) and t in sli.vocab]
    return out


def explained_elsewhere(li: LangIndex, sli: LangIndex, gram: tuple[int, ...], hits: np.ndarray,
                        context: list[int], parts: list[int], scale: float = 1.0,
                        around: tuple[int, int] = (-1, -1)) -> float:
    """1.0 when an edge of ``gram`` is better associated (Dice over the whole TM) with a context token of
    the source than with the query (whose units are ``hits``, a sample standing for ``scale`` times as
    many) and with each of the query's ``parts`` (words or bigrams: ``regime`` goes with 傀儡 as well);
    0.5 when as well associated (a tie: on a tiny TM the evidence cannot tell); else 0."""
    sample = np.unique(np.asarray(hits)).astype(li.postings.dtype)  # unit ids, as the postings hold them
    level = 0.0
    for t in _edge_tokens(li, gram, around):
        post_t = li.posting(t)
        co = len(shared_ids(sample, post_t)) * scale
        with_query = 2 * co / (len(sample) * scale + len(post_t))
        for q in parts:
            with_query = max(with_query, _dice(post_t, sli.posting(q)))
        for s in context:
            d = _dice(post_t, sli.posting(s))
            if d >= MIN_EXPLAIN and d > with_query + 1e-9:
                return 1.0
            if d >= MIN_EXPLAIN and d >= with_query - 1e-9:
                level = 0.5
    return level


@functools.lru_cache(maxsize=256)
def _skeletons(text: str, lang: str) -> tuple[str, ...]:
    from ..glossary.translit import latin_skeleton

    skeleton = latin_skeleton(text, lang)
    return tuple(w.translate(_VOICING) for w in skeleton.split()) if skeleton else ()


def cognate_similarity(query: str, src: str, text: str, tgt: str) -> float:
    """0-1: how much ``text`` sounds like ``query`` (each query word against the best-matching start of a
    word of ``text``, averaged); 0 when either script cannot be transliterated (Chinese) or a word is too
    short to tell (skeletons of fewer than three consonants)."""
    if is_cjk(query.strip()[:1]) or is_cjk(text.strip()[:1]):
        return 0.0
    q, t = _skeletons(query, src), _skeletons(text, tgt)
    if not q or not t:
        return 0.0
    t = t + ("".join(t),) if len(t) > 1 else t  # a name written in two words (قره باغ)
    scores = []
    for word in q:
        if len(word) < 3:
            continue
        scores.append(max(fuzz.ratio(word, other[: len(word)]) for other in t) / 100)
    return sum(scores) / len(scores) if scores else 0.0
