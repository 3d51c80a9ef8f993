"""Concordance: units whose source contains the query as words, with the query's renderings in the target.

Search: the query is folded and tokenised like the index (:mod:`tmtool.tm.text`); the posting lists of its
tokens (character bigrams for Han/Kana) are intersected, then the candidates are checked for the tokens in
a row, in unit-id order, which is static rank order (most frequent units first), until enough hits are
found. Whole-word by default; with ``whole_word=False`` the first token may end a word, the last may begin
one (a single token may be anywhere inside a word).

Renderings: over up to ``SAMPLE`` hits, every target n-gram (1-4 words; 2-6 characters for Han/Kana)
found in at least two hits (and 10 % of them) is scored by the Dice association between "the source has
the query" and "the target has the n-gram", ``2*c / (hits + df)`` with ``df`` the n-gram's document
frequency in the whole TM (approximated by its rarest word, or rarest character bigram), with a 10 % bonus
per extra token so that "Conseil de sécurité" beats "sécurité". Renderings are picked greedily (best, then
best among the hits not yet explained) and summarised most frequent first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import polars as pl

from .index import LangIndex, TMIndex, open_index
from .results import Hit, make_hits, resolve_langs
from .store import TMStore
from .text import fold, is_cjk, spans_of, tokenize

__all__ = ["concordance", "ConcordanceResult", "Rendering"]

SAMPLE = 100
MIN_DICE = 0.15


@dataclass
class Rendering:
    """A rendering of the query in the target language and in how many sampled hits it occurs."""

    text: str
    count: int
    score: float
    tokens: tuple[str, ...] = ()


@dataclass
class ConcordanceResult:
    """Hits in rank order; ``total`` hits in the TM (``exact`` False when estimated from the part checked)."""

    query: str
    src: list[str]
    tgt: list[str]
    hits: list[Hit]
    total: int
    exact: bool
    renderings: list[Rendering] = field(default_factory=list)
    sampled: int = 0


def _intersect(lists: list[np.ndarray]) -> np.ndarray:
    lists = sorted(lists, key=len)
    cand = np.asarray(lists[0])
    for other in lists[1:3]:  # the smallest three; the phrase check does the rest
        if not len(cand):
            break
        pos = np.searchsorted(other, cand)
        pos[pos >= len(other)] = len(other) - 1 if len(other) else 0
        cand = cand[np.asarray(other)[pos] == cand] if len(other) else cand[:0]
    return cand


def _position_sets(li: LangIndex, qtoks: list[str], whole_word: bool) -> list[np.ndarray] | None:
    """Allowed token ids at each query position, or None if some position can match nothing."""
    sets: list[np.ndarray] = []
    k = len(qtoks)
    vocab_series = None
    for j, tok in enumerate(qtoks):
        if whole_word or is_cjk(tok):
            tid = li.vocab.get(tok)
            if tid is None:
                return None
            sets.append(np.array([tid], dtype=np.int64))
            continue
        if vocab_series is None:
            vocab_series = pl.Series(li.tokens)
        if k == 1:
            mask = vocab_series.str.contains(tok, literal=True)
        elif j == 0:
            mask = vocab_series.str.ends_with(tok)
        elif j == k - 1:
            mask = vocab_series.str.starts_with(tok)
        else:
            mask = vocab_series == tok
        ids = np.flatnonzero(mask.to_numpy())
        ids = ids[[not is_cjk(li.tokens[i]) or len(li.tokens[i]) == 1 for i in ids]] if len(ids) else ids
        if not len(ids):
            return None
        sets.append(ids.astype(np.int64))
    return sets


def _union(li: LangIndex, ids: np.ndarray) -> np.ndarray:
    if len(ids) == 1:
        return np.asarray(li.posting(int(ids[0])))
    return np.unique(np.concatenate([li.posting(int(i)) for i in ids]))


def _candidates(li: LangIndex, qtoks: list[str], sets: list[np.ndarray]) -> np.ndarray:
    lists = [_union(li, s) for s in sets]
    for a, b in zip(qtoks, qtoks[1:]):  # character bigrams narrow Chinese queries fast
        if is_cjk(a) and is_cjk(b) and (tid := li.vocab.get(a + b)) is not None:
            lists.append(np.asarray(li.posting(tid)))
    return _intersect(lists)


def _phrase_check(li: LangIndex, cands: np.ndarray, sets: list[np.ndarray], need: int) -> tuple[np.ndarray, int]:
    """Candidates whose token sequence has the position sets in a row; stops after ``need`` hits.

    Returns the hits and how many candidates were checked."""
    found: list[np.ndarray] = []
    n_found = 0
    start, batch = 0, 512
    while start < len(cands) and n_found < need:
        part = cands[start : start + batch].astype(np.int64)
        toks, owner = li.gather(part)
        mask = np.isin(toks, sets[0])
        for j in range(1, len(sets)):
            nxt = np.zeros(len(toks), dtype=bool)
            nxt[:-j] = np.isin(toks[j:], sets[j]) & (owner[j:] == owner[:-j])
            mask &= nxt
        hits = part[np.unique(owner[mask])]
        found.append(hits)
        n_found += len(hits)
        start += len(part)
        batch *= 4
    out = np.concatenate(found) if found else cands[:0]
    return out, min(start, len(cands))


_MULT = np.uint64(0x9E3779B97F4A7C15)


def _gram_table(li: LangIndex, uids: np.ndarray) -> dict[str, np.ndarray]:
    """Every candidate rendering n-gram of the units: one entry per (unit, distinct n-gram), as arrays
    ``owner`` (index into ``uids``), ``key`` (n-gram hash), ``pos`` (start in the gathered tokens), ``n``,
    ``first``/``last`` (token ids), ``mindf`` (df of the rarest token), ``cjk``."""
    toks, owner = li.gather(uids)
    total = len(toks)
    cjk = li.cjk[toks]
    df = li.df[toks]
    parts: dict[str, list[np.ndarray]] = {k: [] for k in ("owner", "key", "pos", "n", "first", "last", "mindf", "cjk")}
    key = np.zeros(total, dtype=np.uint64)
    mindf = np.full(total, np.iinfo(np.int64).max, dtype=np.int64)
    allcjk = np.ones(total, dtype=bool)
    with np.errstate(over="ignore"):
        for n in range(1, 7):
            m = total - n + 1
            if m <= 0:
                break
            last = toks[n - 1 :]
            key = key[:m] * _MULT + last.astype(np.uint64) + np.uint64(1)
            mindf = np.minimum(mindf[:m], df[n - 1 :])
            allcjk = allcjk[:m] & cjk[n - 1 :]
            valid = (owner[:m] == owner[n - 1 :]) & np.where(cjk[:m], allcjk & (n >= 2), n <= 4)
            pos = np.flatnonzero(valid)
            for name, arr in (("owner", owner[pos]), ("key", key[pos]), ("pos", pos), ("n", np.full(len(pos), n)),
                              ("first", toks[pos]), ("last", last[pos]), ("mindf", mindf[pos]), ("cjk", cjk[pos])):
                parts[name].append(arr)
    table = {k: np.concatenate(v) if v else np.zeros(0, dtype=np.int64) for k, v in parts.items()}
    if not len(table["key"]):
        return table
    # one sort: (57 bits of the n-gram hash, 7 bits of owner) in one uint64 (SAMPLE <= 128)
    table["key"] &= np.uint64((1 << 57) - 1)
    _, first = np.unique((table["key"] << np.uint64(7)) | table["owner"].astype(np.uint64), return_index=True)
    return {name: arr[first] for name, arr in table.items()}


def _gram_df(li: LangIndex, gram: tuple[int, ...]) -> int:
    words = [li.tokens[t] for t in gram]
    if len(gram) > 1 and is_cjk(words[0]):
        dfs = [int(li.df[tid]) for a, b in zip(words, words[1:]) if (tid := li.vocab.get(a + b)) is not None]
        if dfs:
            return min(dfs)
    return int(min(li.df[t] for t in gram))


def _renderings(index: TMIndex, li: LangIndex, tags: list[str], hits: np.ndarray, limit: int = 3) -> list[Rendering]:
    sample = np.asarray(hits[:SAMPLE], dtype=np.int64)
    if len(sample) < 2:
        return []
    table = _gram_table(li, sample)
    if not len(table["key"]):
        return []
    toks, _ = li.gather(sample)
    # "le conseil", "sécurité a": a word found in 30 % of all units (and not just in the hits) at an edge
    # of a spaced n-gram adds nothing
    big = max(0.3 * index.size, 2 * len(sample))
    ok = table["cjk"] | ((li.df[table["first"]] <= big) & (li.df[table["last"]] <= big))
    table = {k: v[ok] for k, v in table.items()}
    floor = max(2, 0.1 * len(sample))
    out: list[Rendering] = []
    open_mask = np.ones(len(sample), dtype=bool)
    while len(out) < limit and open_mask.sum() >= 2 and len(table["key"]):
        h = int(open_mask.sum())
        sel = open_mask[table["owner"]]
        keys, first, counts = np.unique(table["key"][sel], return_index=True, return_counts=True)
        pos, n, mindf = table["pos"][sel][first], table["n"][sel][first], table["mindf"][sel][first]
        good = (counts >= floor) & (counts >= 0.2 * h)
        if not good.any():
            break
        score = np.where(good, 2 * counts / (h + mindf) * (1 + 0.1 * (n - 1)), -1.0)
        top = np.argsort(-score)[:30]
        best, best_score, best_key = None, 0.0, None
        for i in top[score[top] > 0]:
            gram = tuple(int(t) for t in toks[pos[i] : pos[i] + n[i]])
            if all(li.numeric[t] for t in gram):
                continue
            s = 2 * counts[i] / (h + _gram_df(li, gram)) * (1 + 0.1 * (n[i] - 1))
            if s > best_score:
                best, best_score, best_key = gram, float(s), keys[i]
        if best is None or best_score < MIN_DICE:
            break
        owners = np.unique(table["owner"][table["key"] == best_key])
        words = tuple(li.tokens[t] for t in best)
        text = _shown(index.texts(tags)[int(sample[owners[0]])], words)
        out.append(Rendering(text=text, count=len(owners), score=round(best_score, 3), tokens=words))
        open_mask[owners] = False
    out.sort(key=lambda r: -r.count)
    return out


def _joined(words: tuple[str, ...]) -> str:
    return "".join(words) if is_cjk(words[0]) else " ".join(words)


def _shown(text: str | None, words: tuple[str, ...]) -> str:
    """The rendering as written in ``text``."""
    spans = spans_of(text, _joined(words), whole_word=True) if text else []
    return text[spans[0][0] : spans[0][1]] if spans else _joined(words)


def concordance(store: TMStore, query: str, src: str, tgt: str | None = None, limit: int = 20,
                whole_word: bool = True, renderings: bool = True) -> ConcordanceResult:
    """Units whose ``src`` text contains ``query`` (case/accent-insensitive), best-ranked first."""
    index = open_index(store)
    src_tags, tgt_tags = resolve_langs(index, src, tgt)
    empty = ConcordanceResult(query, src_tags, tgt_tags, [], 0, True)
    qtoks = tokenize(query)
    if not qtoks or index.size == 0:
        return empty
    li = index.lang(src_tags)
    sets = _position_sets(li, qtoks, whole_word)
    if sets is None:
        return empty
    cands = _candidates(li, qtoks, sets)
    need = max(limit, SAMPLE if renderings and tgt_tags else limit)
    if len(sets) == 1:
        hits, checked = cands, len(cands)  # one token: the postings are the answer
    else:
        hits, checked = _phrase_check(li, cands, sets, need)
    exact = checked >= len(cands)
    total = len(hits) if exact else int(round(len(hits) * len(cands) / max(checked, 1)))
    found = make_hits(index, hits[:limit], src_tags, tgt_tags, [100] * min(limit, len(hits)))
    folded_q = fold(query)
    for h in found:
        h.source_spans = spans_of(h.source, folded_q, whole_word)
    result = ConcordanceResult(query, src_tags, tgt_tags, found, total, exact)
    if renderings and tgt_tags:
        tli = index.lang(tgt_tags)
        result.renderings = _renderings(index, tli, tgt_tags, hits)
        result.sampled = min(len(hits), SAMPLE)
        for h in found:
            for r in result.renderings:
                spans = spans_of(h.target, _joined(r.tokens), whole_word=True) if h.target else []
                if spans:
                    h.target_span = spans[0]
                    break
    return result
