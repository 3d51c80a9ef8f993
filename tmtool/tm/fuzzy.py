"""CAT-style fuzzy matching of a whole segment against the TM.

Score (an integer percentage), for a query segment Q and a TM source S:

1. Both are folded and tokenised as for the index (words; one token per Han/Kana character); punctuation is
   not a token and every number becomes the same placeholder token.
2. ``base = 100 * (1 - d / max(len(Q), len(S)))`` with ``d`` the word-level Levenshtein distance
   (insert, delete, substitute one token = 1), computed with rapidfuzz.
3. Penalties, on the original texts, for what step 1 ignored:
   - case or accents: 1 point per word that differs only in case/accents (at most 3);
   - numbers: 2 points per number edit between the two sequences of numbers (at most 6);
   - punctuation: 1 point per edit between the two sequences of punctuation marks (at most 3).
4. ``score = floor(base) - penalties``, clamped to 0..99; 100 only for identical texts (whitespace runs
   apart).

Search: a unit scoring at the threshold misses at most *k* distinct query tokens, so it holds one of the *k*+1
rarest: units holding one of them are gathered from the postings, the words in more than 20 % of units read
only where the rarer ones are too few, and only as far as 200,000 postings allow (a TM of some tens of
thousands of units is searched exactly; in a larger one a unit sharing only very common words with the query
can be missed). They are filtered by the length and shared-token bounds that a score at the threshold implies,
the best few hundred by shared tokens are scored exactly, penalties applied to the best, and results returned
best first (ties: more frequent unit first).
"""

from __future__ import annotations

import math
import re

import numpy as np
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist

from ..errors import UsageError
from .index import open_index
from .results import Hit, make_hits, resolve_langs
from .store import TMStore
from .text import TOKEN_RE, fold, is_cjk, tokenize

__all__ = ["fuzzy", "fuzzy_score", "penalties", "base_score", "diff_spans"]

NUM = -(10**9)
CANDIDATES = 400
COMMON = 0.2
POSTINGS_BUDGET = 200_000  # postings of common words read to keep the candidate guarantee


_CJK_RUN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
# combining marks (Arabic harakat, a decomposed accent) belong to their word: not punctuation, no word break
_MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
_WORD = re.compile(rf"(?:\w|[{_MARKS}])+")
_PUNCT = re.compile(rf"[^\w\s{_MARKS}]")
# an ordinal is a number (7420th, 21st, 7439ª, 3e, 2-й as folded: 2 and a word apart); an amount's thousands
# separators make no numbers of its groups (27,577,000 and 27 577 000 are one number)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th|e|er|re|eme|ere|[aoº])$")
_THOUSANDS = re.compile(r"(?<=\d)[,.\u00a0\u202f](?=\d{3}(?!\d))")


def _is_number(token: str) -> bool:
    """A folded token that is a number: digits, or an ordinal (``7420th``, ``21st``, ``3e``, ``7439ª``)."""
    return token.isdigit() or bool(_ORDINAL.match(token))


def _amounts_joined(text: str) -> str:
    """``text`` with the thousands separators inside amounts taken out (``27,577,000`` -> ``27577000``)."""
    return _THOUSANDS.sub("", text)


def _raw_tokens(text: str) -> tuple[list[str], list[str]]:
    """Original-case words (Han/Kana split into characters) and punctuation marks of ``text`` (amounts one word)."""
    text = _amounts_joined(text)
    punct = _PUNCT.findall(text)
    if not _CJK_RUN.search(text):
        return _WORD.findall(text), punct
    words: list[str] = []
    for tok in _WORD.findall(text):
        run = ""
        for c in tok:
            if is_cjk(c):
                if run:
                    words.append(run)
                    run = ""
                words.append(c)
            else:
                run += c
        if run:
            words.append(run)
    return words, punct


def _seq(tokens: list[str]) -> list:
    return [NUM if _is_number(t) else t for t in tokens]


def base_score(query: str, source: str) -> float:
    """Step 1-2 of the score: word-level edit similarity of folded tokens, numbers (ordinals and amounts with
    thousands separators too) as one placeholder."""
    a, b = _seq(tokenize(_amounts_joined(query))), _seq(tokenize(_amounts_joined(source)))
    if not a and not b:
        return 100.0
    return 100.0 * (1 - Levenshtein.distance(a, b) / max(len(a), len(b)))


def penalties(query: str, source: str, _query_tokens: tuple[list[str], list[str]] | None = None) -> dict[str, int]:
    """Step 3 of the score: points taken off for case/accent, number and punctuation differences."""
    qw, qp = _query_tokens or _raw_tokens(query)
    sw, sp = _raw_tokens(source)
    fq, fs = [fold(w) for w in qw], [fold(w) for w in sw]
    case = 0
    for op in Levenshtein.opcodes(fq, fs):
        if op.tag == "equal":
            case += sum(qw[op.src_start + i] != sw[op.dest_start + i] for i in range(op.src_end - op.src_start))
    numbers = Levenshtein.distance([w for w in fq if _is_number(w)], [w for w in fs if _is_number(w)])
    punct = Levenshtein.distance(qp, sp)
    return {"case": min(case, 3), "numbers": min(2 * numbers, 6), "punctuation": min(punct, 3)}


def _final(query: str, source: str, base: float, query_tokens=None) -> int:
    if " ".join(query.split()) == " ".join(source.split()):
        return 100
    score = math.floor(base + 1e-9) - sum(penalties(query, source, query_tokens).values())
    return max(0, min(99, score))


def diff_spans(query: str, source: str) -> list[tuple[int, int]]:
    """Character spans of the words of ``source`` that differ from ``query`` (what a translator must
    change in the TM match); case/accent-only differences count as differences."""
    words = [(m.start(), m.end()) for m in TOKEN_RE.finditer(source)]
    src = [source[a:b] for a, b in words]
    qry = TOKEN_RE.findall(query)
    spans = []
    for op in Levenshtein.opcodes(qry, src):
        if op.tag in ("replace", "insert") and op.dest_end > op.dest_start:
            spans.append((words[op.dest_start][0], words[op.dest_end - 1][1]))
    return spans


def fuzzy_score(query: str, source: str) -> int:
    """The CAT-style fuzzy match percentage of ``source`` for ``query`` (see module docstring)."""
    return _final(query, source, base_score(query, source))


def fuzzy(store: TMStore, segment: str, src: str, tgt: str | None = None, threshold: int = 70,
          limit: int = 10) -> list[Hit]:
    """Units whose ``src`` text scores at least ``threshold`` (1 to 100) against ``segment``, best first, at most
    ``limit`` (0: none). :class:`UsageError` for a threshold or limit out of range, or a language not in the TM."""
    if not 1 <= threshold <= 100:
        raise UsageError(f"the fuzzy threshold is a percentage from 1 to 100, not {threshold!r}")
    if limit < 0:
        raise UsageError(f"the number of hits to give cannot be negative ({limit!r})")
    if limit == 0:
        return []
    index = open_index(store)
    src_tags, tgt_tags = resolve_langs(index, src, tgt)
    qtoks = tokenize(segment)
    if not qtoks or index.size == 0:
        return []
    li = index.lang(src_tags)
    ids = [li.vocab.get(t, -1 - i) for i, t in enumerate(qtoks)]
    n = len(ids)
    numeric = _numbers(li)
    known = sorted({i for i, t in zip(ids, qtoks) if i >= 0 and not _is_number(t)}, key=lambda i: li.df[i])
    if not known:
        return []
    # a unit scoring >= threshold misses at most `allowed` distinct query tokens, so it has one of the
    # allowed+1 rarest ones: only their postings are read (very common words are skipped if possible)
    allowed = math.floor((100 - threshold) / threshold * n)
    rare = [i for i in known if li.df[i] <= COMMON * index.size] or known
    use = rare[: allowed + 1]
    # too few rare words for that guarantee: the commonest are read too while their postings are few (a small
    # TM, where most words are "common"); past the budget a unit sharing only common words may be missed
    budget = POSTINGS_BUDGET - sum(int(li.df[i]) for i in use)
    for i in known[len(rare):]:  # the common words, least common first
        if len(use) > allowed or li.df[i] > budget:
            break
        use.append(i)
        budget -= int(li.df[i])
    cand, shared = np.unique(np.concatenate([li.posting(i) for i in use]), return_counts=True)
    cand = cand.astype(np.int64)
    if tgt is not None:  # an explicit target language: units without a text in it are no answer
        keep_t = index.has_text(tgt_tags)[cand]
        cand, shared = cand[keep_t], shared[keep_t]
    m = li.lengths[cand]
    allow = np.floor((1 - threshold / 100) * np.maximum(n, m))
    keep = (len(use) - shared <= allow) & (np.abs(m - n) <= allow)
    cand, m, shared = cand[keep], m[keep], shared[keep]
    if len(cand) > CANDIDATES:
        cand = cand[np.lexsort((np.abs(m - n), -shared))[:CANDIDATES]]
    if not len(cand):
        return []
    # word-level edit distance as a string distance: one code point per token (rapidfuzz, in C++). Token ids
    # are renumbered densely over this query's candidates, so any vocabulary size fits in Unicode.
    toks, _ = li.gather(cand)
    qarr = np.array([i if i >= 0 else -1 for i in ids], dtype=np.int64)
    qnum = np.array([_is_number(t) for t in qtoks])
    both = np.concatenate([toks.astype(np.int64), qarr])
    _, dense = np.unique(both, return_inverse=True)
    codes = _code_points(dense)
    codes[np.concatenate([numeric[toks], qnum])] = _NUM_CODE
    qcodes = codes[len(toks) :]
    unknown = qarr < 0
    qcodes[unknown & ~qnum] = 0x20 + np.flatnonzero(unknown & ~qnum) % 200  # each unknown word is its own token
    text = codes[: len(toks)].astype("<u4").tobytes().decode("utf-32-le")
    qtext = qcodes.astype("<u4").tobytes().decode("utf-32-le")
    bounds = np.concatenate([[0], np.cumsum(li.lengths[cand])]).tolist()
    seqs = [text[bounds[j] : bounds[j + 1]] for j in range(len(cand))]
    dist = cdist([qtext], seqs, scorer=Levenshtein.distance, dtype=np.int32)[0]
    bases = 100.0 * (1 - dist / np.maximum(np.maximum(n, li.lengths[cand]), 1))
    good = np.flatnonzero(bases >= threshold)
    scored = sorted(zip(bases[good].tolist(), cand[good].tolist()), key=lambda x: (-x[0], x[1]))
    sources = index.texts(src_tags)
    query_tokens = _raw_tokens(segment)
    amounts = _THOUSANDS.search(segment) is not None  # the query holds an amount written in groups
    finals: list[tuple[int, int]] = []
    for base, uid in scored:
        if len(finals) >= limit and math.floor(base + 1e-9) < sorted(f[0] for f in finals)[-limit]:
            break  # penalties only lower a score: nothing further can enter the top `limit`
        # the exact base where an amount is written in groups (27,577,000): the search counts each group as a
        # number; elsewhere the search's base is the exact one
        grouped = amounts or _THOUSANDS.search(sources[uid]) is not None
        exact = min(base, base_score(segment, sources[uid])) if grouped else base
        score = _final(segment, sources[uid], exact, query_tokens)
        if score >= threshold:
            finals.append((score, uid))
    finals.sort(key=lambda x: (-x[0], x[1]))
    top = finals[:limit]
    hits = make_hits(index, [u for _, u in top], src_tags, tgt_tags, [s for s, _ in top])
    for h in hits:
        h.source_spans = diff_spans(segment, h.source)
    return hits


_NUM_CODE = 0x10


def _numbers(li) -> np.ndarray:
    """Per token id of the language index ``li``: a number, ordinals included (kept on the index)."""
    if "_fuzzy_numbers" not in li.__dict__:
        ordinal = np.fromiter((bool(_ORDINAL.match(t)) for t in li.tokens), dtype=bool, count=len(li.tokens))
        li.__dict__["_fuzzy_numbers"] = np.asarray(li.numeric) | ordinal
    return li.__dict__["_fuzzy_numbers"]


def _code_points(tids: np.ndarray) -> np.ndarray:
    """Dense token numbers as code points from U+0100 up, skipping the surrogates."""
    cp = tids.astype(np.int64) + 0x100
    return np.where(cp >= 0xD800, cp + 0x800, cp)
