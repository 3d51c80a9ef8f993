"""Concordance: units whose source contains the query as words, with the query's renderings in the target.

Search: the query is folded and tokenised like the index (:mod:`tmtool.tm.text`); the posting lists of its
tokens (character bigrams for Han/Kana) are intersected, then the candidates are checked for the tokens in
a row, in unit-id order, which is static rank order (most frequent units first), until enough hits are
found. Whole-word by default; with ``whole_word=False`` the first token may end a word, the last may begin
one (a single token may be anywhere inside a word).

Renderings: over up to ``SAMPLE`` hits with a target text, every target n-gram (1-4 words; 2-6 characters
for Han/Kana) found in at least two hits and ``MIN_COVER`` of them is a candidate. Its association with the query is the
Dice coefficient ``2*co / (hits + df)`` with ``co`` the hits holding it and ``df`` the number of units of the whole
TM whose target holds it (counted exactly with the postings and a phrase check; hits and ``co`` scaled up when only
a sample was checked); when a candidate is in ``ALL_HITS`` of ``THIN`` hits or more, the share ``co / hits`` instead
(Dice a tie-break: Dice punished the frequent rendering of a query in a minority form, Советом Безопасности). It
must pass a log-likelihood test (G² of the 2x2 table, p < 0.001) and a lift of ``MIN_LIFT`` (more frequent in the
hits than in the whole TM), the best a Dice of ``MIN_DICE`` (by share: or a lift of ``STRONG_LIFT``; these tests are
:mod:`tmtool.tm.association`). Among the
candidates within ``NEAR`` of the best, the one whose length fits the query's (times the hits' target/source length
ratio) and whose place in the
target fits the query's place in the source wins. N-grams with a function word at an edge (a stop word of
:mod:`tmtool.glossary.stopwords`, a token in 30 % of units, a word of one or two letters), across
punctuation or starting or ending inside a hyphenated word (:func:`~tmtool.tm.closing.token_edges`) are skipped; a
Chinese n-gram that (nearly) never occurs without its neighbouring character is extended to the word,
and a spaced one to the whole term (:mod:`tmtool.tm.closing`). Renderings are
picked greedily (best, then best among the hits not yet explained); none is shown when none passes.
Spaced text is counted by words, not forms: n-grams whose tokens are forms of the same words (Совета
Безопасности, Совет Безопасности; State, States; :func:`~tmtool.tm.forms.word_keys`) are one candidate, its
hits those holding any form, its df the sum of its forms'. A rendering is shown in its most frequent form, its
``forms`` listing each form with the hits holding it.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import polars as pl

from ..errors import UsageError
from ..glossary.normalise import proclitic_forms
from ..glossary.zhwords import chinese_words
from ..languages import base
from .association import MIN_DICE, convinces, passes
from .closing import KEEP, close_word, extend_spans, split_piece, token_edges
from .evidence import cognate_similarity, context_tokens, explained_elsewhere, query_forms, query_tokens
from .forms import inflects, word_keys
from .index import LangIndex, TMIndex, open_index, shared_ids
from .lengths import longest_expected, short_ratios
from .results import Hit, make_hits, resolve_langs
from .store import TMStore
from .text import fold, is_cjk, spans_of, spans_of_tokens, tokenize

__all__ = ["concordance", "ConcordanceResult", "Rendering", "THIN_EVIDENCE"]

SAMPLE = 100
TIE_DICE = 0.1  # Dice breaks ties between equal shares (times prior): up to +10 %
ALL_HITS = 0.9  # an n-gram in this share of the hits has them rank by share, not Dice (a query in a minority form)
MIN_COVER = 0.3  # a rendering occurs in at least this share of the (unexplained) hits
NEAR = 0.8  # n-grams with at least this share of the best score compete on length and place
CANDIDATES = 12  # n-grams (on each Dice bound) whose exact TM frequency is counted per round
SMALL_TM = 50_000  # units: below this, four times as many are counted
DF_CHECK = 500  # units checked when counting an n-gram's TM frequency (more: extrapolated)
_PHRASE_DFS = 200_000  # n-gram frequencies kept per language index between queries (a few MB)
EXPLAINED = 0.5  # a finalist whose edge word translates a word next to the query loses this share of its score
MIN_COGNATE, COGNATE = 0.75, 0.5  # a finalist this much like the query (a name) gets up to +50 %
FEW_HITS = 20  # the context evidence is weighed only with fewer (unexplained) hits: more hits settle it
CLOSE_IN = 5  # hits in which a Chinese rendering is closed to the word
THIN = 5  # with fewer (unexplained) hits than this, an ambiguous winner is not shown
AMBIGUOUS = 0.9  # ... ambiguous: a rival (see _ambiguous) scores this share of its score
SHIFTED = 0.75  # ... or the same number of words shifted ("unlawful puppet" / "puppet regime") this share
MOST = 0.7  # ... or in this share of its hits, when its length is nearer the expected one or it is more specific
WHOLE = 2.0  # a term that a winning piece is part of is taken when at most this many times the longest expected
THIN_EVIDENCE = 3  # a rendering found in fewer hits than this is marked as resting on thin evidence (Rendering.thin)


@dataclass
class Rendering:
    """A rendering of the query in the target language and in how many sampled hits it occurs."""

    text: str
    count: int
    score: float
    tokens: tuple[str, ...] = ()
    forms: list[Rendering] = field(default_factory=list)  # each inflected form, most frequent first (2+ forms)

    @property
    def thin(self) -> bool:
        """Found in fewer than ``THIN_EVIDENCE`` hits (two: a rendering needs two at least): worth checking."""
        return self.count < THIN_EVIDENCE


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
        cand = shared_ids(cand, np.asarray(other))
    return cand


def _position_sets(
    li: LangIndex, qtoks: list[str], whole_word: bool, lang: str = "", forms: bool = False
) -> list[np.ndarray] | None:
    """Allowed token ids at each query position, or None if some position can match nothing. In Arabic (whole
    words), the first word also as written with a conjunction or preposition on it (:func:`proclitic_forms`:
    القانون finds والقانون and للقانون); with ``forms`` (whole words), every word also in its other inflected
    forms (:meth:`LangIndex.forms_of`: режим finds режима, режиме)."""
    sets: list[np.ndarray] = []
    k = len(qtoks)
    vocab_series = None
    language = base(lang)
    for j, tok in enumerate(qtoks):
        particles = j == 0 and language == "ar"
        if whole_word and not is_cjk(tok) and (forms or particles):
            written = proclitic_forms(tok) if particles else [tok]
            ids = {tid for w in written if (tid := li.vocab.get(w)) is not None}
            if forms:  # in French or Spanish only the singular, plural and gender forms (not información)
                ids.update(tid for w in written for tid in li.forms_of(w, language)
                           if inflects(w, li.tokens[tid], language))
            if not ids:
                return None
            sets.append(np.array(sorted(ids), dtype=np.int64))
            continue
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


def _not_inside_other_words(index: TMIndex, tags: list[str], hits: np.ndarray, query: str) -> np.ndarray:
    """The hits where the Chinese ``query`` stands once at least outside a word that holds it across its own word
    boundaries (中国 in 发展中国家, "developing countries": :mod:`tmtool.glossary.zhwords`). The hits' texts are
    read only for a query some word holds so."""
    from ..glossary.zhwords import inside_other_word, other_words

    if not other_words(query) or not len(hits):
        return hits

    def stands(text: str | None) -> bool:
        at = (text or "").find(query)
        while at >= 0:
            if not inside_other_word(text, at, query):
                return True
            at = text.find(query, at + 1)
        return False

    texts = index.texts(tags).gather(hits).to_list()
    return hits[np.fromiter((stands(text) for text in texts), dtype=bool, count=len(hits))]


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
_WORDS = np.uint64(0x5851F42D4C957F2D)  # keeps word keys (_by_word) apart from the hashes of token sequences


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


def _phrase_df(li: LangIndex, gram: tuple[int, ...]) -> int:
    """Units of the whole TM whose text has the token sequence ``gram`` (estimated from the first
    ``DF_CHECK`` candidates when more units hold all its tokens). Kept on the language index (fixed for a
    store state), so the queries of one ``--queries`` run count « de la » or « Nations Unies » once."""
    if len(gram) == 1:
        return int(li.df[gram[0]])
    known = li.phrase_dfs
    if gram not in known:
        if len(known) >= _PHRASE_DFS:
            known.clear()
        known[gram] = _count_phrase(li, gram)
    return known[gram]


def _count_phrase(li: LangIndex, gram: tuple[int, ...]) -> int:
    words = [li.tokens[t] for t in gram]
    sets = [np.array([t], dtype=np.int64) for t in gram]
    cands = _candidates(li, words, sets)
    if not len(cands):
        return 0
    sub = cands[:DF_CHECK]
    found, checked = _phrase_check(li, sub, sets, len(sub) + 1)
    return int(round(len(found) * len(cands) / max(checked, 1)))


def _renderings(index: TMIndex, li: LangIndex, tags: list[str], hits: np.ndarray, query: str,
                src_tags: list[str], total: int, limit: int = 3, sli: LangIndex | None = None,
                positions: list[np.ndarray] | None = None, allowed: list[set[str]] | None = None) -> list[Rendering]:
    """The target n-grams that translate the query in the hits (see module docstring); [] when none convinces.
    ``positions``: the source token ids each query position matched (:func:`_position_sets`; the query's own
    tokens when None); ``allowed``: their texts when they hold other forms than the query's words (``--forms``,
    Arabic), for the query to be found in the hits' sources in any of them."""
    sample = np.asarray(hits[:SAMPLE], dtype=np.int64)
    scale = max(total, len(sample), 1) / max(len(sample), 1)  # hits in the TM per sampled hit
    sample = sample[li.lengths[sample] > 0]  # only hits with a target text are evidence
    if len(sample) < 2:
        return []
    table = _gram_table(li, sample)
    if not len(table["key"]):
        return []
    toks, _ = li.gather(sample)
    # n-grams with a function word at an edge ("le Conseil", "sécurité a", "和人员"): a stop word of the
    # language (tmtool.glossary.stopwords), a one- or two-letter word, or a word found in 30 % of all units
    # cannot start or end a rendering
    big = max(0.3 * index.size, 2 * len(sample))
    stops, inner = _stops(tags[0])
    bad = _stop_mask(li, tags[0], stops)
    edge_ok = lambda t: (li.df[t] <= big) & ~bad[t]  # noqa: E731
    last_bad = bad[table["last"]]
    if (tid := li.vocab.get("和")) is not None:  # "and" ends no Chinese term (it starts some: 和平)
        last_bad = last_bad | (table["last"] == tid)
    ok = np.where(table["cjk"], ~bad[table["first"]] & ~last_bad,
                  edge_ok(table["first"]) & edge_ok(table["last"]))
    inner_ids = [li.vocab[c] for c in inner if c in li.vocab]
    if inner_ids:  # function characters no Chinese term crosses ("的")
        cum = np.concatenate([[0], np.cumsum(np.isin(toks, inner_ids))])
        ok &= cum[table["pos"] + table["n"]] == cum[table["pos"]]
    # nor span punctuation (« Council, the Secretary »), nor start or end inside a hyphenated word (« General
    # wishes » out of Secretary-General wishes)
    targets = index.texts(tags).gather(pl.Series(sample)).to_list()
    cut, joined = token_edges(targets, li.lengths[sample], tags[0])
    cuts = np.concatenate([[0], np.cumsum(cut[: len(toks)])])
    end = table["pos"] + table["n"]
    ok &= (cuts[end] - cuts[table["pos"] + 1] == 0) & ~joined[table["pos"]] & ~joined[end]
    table = {k: v[ok] for k, v in table.items()}
    least = max(2, 0.1 * len(sample))  # hits an n-gram must be in (a share of those left, MIN_COVER, too)
    table, variants, word_of = _by_word(li, table, toks, tags[0], least)  # Совета Безопасности, Совет Безопасности
    # expected length of the rendering: the query's length times the target/source length ratio of the hits
    sources = index.texts(src_tags).gather(pl.Series(sample)).to_list()
    expected = max(1.0, len(query.strip()) * sum(map(len, targets)) / max(sum(map(len, sources)), 1))
    # and the longest to expect: between Chinese and an alphabetic language a term's ratio is no one number (大会,
    # « Assemblée générale »; Libya, 利比亚), the TM's short units tell how long one may be (tmtool.tm.lengths)
    spaced, target_spaced = not all(map(is_cjk, tokenize(query))), bool(li.cjk[toks].mean() < 0.5)
    longest_term = expected if sli is None or spaced == target_spaced else longest_expected(
        len(query.strip()), expected, short_ratios(sli, li, spaced))
    # where the query sits in each source (0..1), and where each n-gram sits in its target
    units = max(float((li.lengths > 0).sum()), len(sample) * scale)
    folded_q = fold(query.strip())
    where = np.array([_centre(s, folded_q, allowed) for s in sources])
    # a query matched in other forms (--forms) is judged a name's cognate as the hits write it too (régimes/régime)
    written = [q for q in (query, _as_written(sources, allowed) if allowed else "") if q]
    uniq, inv = np.unique(toks, return_inverse=True)
    tok_chars = np.array([len(li.tokens[int(t)]) for t in uniq], dtype=np.int64)[inv.ravel()]
    char_cum = np.concatenate([[0], np.cumsum(tok_chars)])  # n-gram length = span of this + spaces
    lengths = li.lengths[sample]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    rel = (table["pos"] - starts[table["owner"]] + table["n"] / 2) / lengths[table["owner"]]
    table["near"] = np.clip(1 - np.abs(rel - where[table["owner"]]), 0.05, 1.0)
    dfs: dict[int, int] = {}
    dice_of: dict[int, float] = {}

    @functools.cache
    def evidence() -> tuple[list[int], list[int]]:
        """The source words next to the query in the hits, and the query's parts (computed when needed)."""
        qtoks, src = tokenize(query), src_tags[0]
        places = [frozenset(int(t) for t in ids) for ids in positions] if positions is not None else \
            [frozenset([sli.vocab.get(t, -1)]) for t in qtoks]  # the forms the lookup matched (--forms)
        parts = sorted(set(query_tokens(sli, qtoks)) | set(query_forms(sli, sample, places)))
        return context_tokens(sli, sample, places, _stop_mask(sli, src, _stops(src)[0])), parts

    def size_of(gram: Sequence[int]) -> int:  # characters of an n-gram, as expected counts them
        return len(_joined(tuple(li.tokens[int(t)] for t in gram)))

    open_mask = np.ones(len(sample), dtype=bool)
    out: list[Rendering] = []
    # masks over the whole vocabulary that closing a rendering needs: built at the first rendering, once a lookup
    closing_bad: np.ndarray | None = None  # Chinese: characters no term crosses (closing_end: ... but may end one)
    closing_end: np.ndarray | None = None
    word_ok: np.ndarray | None = None  # spaced text: where a term may start or end
    while len(out) < limit and open_mask.sum() >= 2 and len(table["key"]):
        h = int(open_mask.sum())
        sel = open_mask[table["owner"]]
        keys, first, inverse, counts = np.unique(table["key"][sel], return_index=True, return_inverse=True,
                                                 return_counts=True)
        pos, n, mindf = table["pos"][sel][first], table["n"][sel][first], table["mindf"][sel][first]
        near = np.bincount(inverse.ravel(), weights=table["near"][sel]) / counts
        good = counts >= max(least, MIN_COVER * h)
        if not good.any():
            break
        hits_h = h * scale
        co = counts * scale
        length = (char_cum[pos + n] - char_cum[pos] + np.where(li.cjk[toks[pos]], 0, n - 1)).astype(float)
        prior = np.sqrt(np.minimum(length, expected) / np.maximum(length, expected)) * near
        # the rarest token's df bounds the n-gram's df from above, so Dice lies between these two bounds;
        # the exact df is counted for the candidates best on either bound
        low = np.where(good, 2 * co / (hits_h + np.maximum(mindf, co)), -1.0) * prior
        high = np.where(good, 2 * co / (hits_h + co), -1.0) * prior
        k = CANDIDATES if index.size > SMALL_TM else 4 * CANDIDATES  # counting is cheap in a small TM
        top = np.unique(np.concatenate([np.argsort(-low, kind="stable")[:k], np.argsort(-high, kind="stable")[:k]]))
        scored: list[tuple[float, float, tuple[int, ...], int]] = []
        bound = 2 * co / (hits_h + co)  # Dice if the n-gram occurred nowhere but in the hits
        top = top[high[top] > 0]
        top = top[np.argsort(-bound[top], kind="stable")]
        # Ranked by Dice, or -- when an n-gram that passes the tests is in nearly all the hits (ALL_HITS) -- by the
        # share of the hits holding the n-gram (P(n-gram | query)), Dice a tie-break: Dice against the whole TM's
        # frequency punished the frequent rendering of a query in a minority form (Советом Безопасности, 9 hits:
        # Security Council in all 9 but in 191 units of the TM, Dice 0.09) and raised the boilerplate of a few
        # near-duplicate hits; elsewhere Dice keeps a frequent word of the hits (Secrétaire in the hits of « and
        # requests ») behind the rarer translation (prie).
        # A candidate that passes the tests even with its df bound has at least its lower-bound Dice: no n-gram
        # whose Dice (score) cannot reach NEAR times the best can come near it (top is in decreasing share)
        best_dice = best_score = 0.0
        by_shares = not out and h >= THIN  # the first rendering, in enough hits (in 2, every word is in all)
        for i in top:
            d_low = 2 * co[i] / (hits_h + max(mindf[i], co[i]))
            if d_low > best_dice and d_low >= MIN_DICE and passes(co[i], hits_h, max(mindf[i], co[i]), units):
                best_dice = d_low
        found: list[tuple[float, float, float, float, tuple[int, ...], int]] = []  # share, Dice, df, prior, n-gram, key
        for i in top:
            share = co[i] / hits_h
            by_share = share >= ALL_HITS or (best_score > 0 and share * prior[i] * (1 + TIE_DICE) >= NEAR * best_score)
            if bound[i] < NEAR * best_dice and not (by_share and by_shares):
                continue  # it cannot come near the best
            gram = tuple(int(t) for t in toks[pos[i] : pos[i] + n[i]])
            if all(li.numeric[t] for t in gram):
                continue
            if int(keys[i]) not in dfs:  # the rarest token's df is exact when it only occurs in sampled hits
                dfs[int(keys[i])] = (int(mindf[i]) if mindf[i] <= counts[i]
                                     else sum(_phrase_df(li, form) for form in variants(int(keys[i]))))
            df = max(dfs[int(keys[i])], co[i])
            if not passes(co[i], hits_h, df, units):
                continue  # not (much) more frequent in the hits than in the TM at large: no evidence
            dice = 2 * co[i] / (hits_h + df)
            if dice >= MIN_DICE:
                best_dice = max(best_dice, dice)
            if by_shares and convinces(co[i], hits_h, df, units) and (share >= ALL_HITS or best_score > 0):
                best_score = max(best_score, share * prior[i] * (1 + TIE_DICE * dice))
            found.append((share, dice, float(df), float(prior[i]), gram, int(keys[i])))
        if best_score > 0:  # one n-gram is in nearly all the hits: the shares decide
            scored = [(sh, sh * pr * (1 + TIE_DICE * d), g, k) for sh, d, df, pr, g, k in found
                      if convinces(sh * hits_h, hits_h, df, units)]
        else:  # the best must have a Dice of MIN_DICE; those near it compete
            scored = [(d, d * pr, g, k) for _, d, _, pr, g, k in found]
        if not scored or (best_score == 0 and max(s[0] for s in scored) < MIN_DICE):
            break
        dice_of.update({k: d for _, d, _, _, _, k in found})
        top_score = max(s[1] for s in scored)
        best_first = max(s[0] for s in scored)
        # among the n-grams nearly as associated as the best: the one whose length and place fit the query's,
        # unless its edge translates a word next to the query, and a name's cognate first
        finalists = [s for s in scored if (s[1] >= NEAR * top_score if best_score > 0 else s[0] >= NEAR * best_first)]
        before = {s[3]: s[1] for s in finalists}
        few = h < FEW_HITS  # the context evidence matters (and is affordable) when hits are few
        if len(finalists) > 1 and sli is not None:
            around: dict[int, tuple[int, int]] = {}
            for *_, gram, key in finalists if few else ():  # the characters around one occurrence (Chinese)
                at = int(np.flatnonzero(table["key"] == np.uint64(key))[0])
                p, o, n_ = int(table["pos"][at]), int(table["owner"][at]), len(gram)
                inside = lambda i: 0 <= i < len(toks) and starts[o] <= i < starts[o] + lengths[o]  # noqa: E731
                around[key] = (int(toks[p - 1]) if inside(p - 1) else -1, int(toks[p + n_]) if inside(p + n_) else -1)
            finalists = _tie_break(finalists, li, sli, sample[open_mask], written, src_tags[0], tags[0], scale, around,
                                   evidence if few else lambda: ([], []))
        # the context evidence may move the choice only to another cut of the same words; a cognate of
        # the query (score raised) anywhere
        first = set(max(finalists, key=lambda s: before[s[3]])[2])
        kept = [s for s in finalists if set(s[2]) & first or s[1] > before[s[3]]]
        _, _, best, best_key = max(kept, key=lambda s: s[1])
        if not few:  # a longer n-gram in (nearly) all its hits is the term it is a piece of (Chinese too: 理事会 of
            # 安全理事会, which 人权理事会 makes common alone); in few hits every neighbour is (« régime fantoche illégal »)
            best, best_key = _whole(best, best_key, scored, {k: sh for sh, *_, k in found},
                                    lambda g: size_of(g) <= WHOLE * longest_term,
                                    lambda g, k: abs(size_of(g) - expected) < abs(size_of(best) - expected)
                                    or dice_of[k] > dice_of[best_key])
        dice = dice_of[best_key]
        owners = np.unique(table["owner"][table["key"] == np.uint64(best_key)])
        hits_open = sample[open_mask]

        def veto(gram: tuple[int, ...], edge: tuple[int, int] = (-1, -1)) -> bool:  # no growing into a context word
            context, parts = evidence()
            return bool(context) and explained_elsewhere(li, sli, gram, hits_open, context, parts, scale, edge) == 1.0

        if li.cjk[best[0]]:
            # closed in the first hits holding it: the commonest word found (境内 in most, 国内 in one)
            # (up to a quarter longer than the longest expected; with thin evidence one character)
            longest = max(4.0, longest_term + 1 if h < THIN else 1.25 * longest_term + 1)
            if closing_bad is None:  # a function character may end a word (土耳其, 平等), not 的 了 着 和
                never = np.isin(np.arange(len(bad)), inner_ids + [li.vocab.get("和", -1)])
                closing_bad, closing_end = bad | never, bad & li.cjk & ~never
            df_of = lambda g: _phrase_df(li, g)  # noqa: E731
            closed = Counter(close_word(li.tokens_of(int(sample[o])), best, longest, li.cjk, closing_bad, df_of,
                                        veto if sli is not None and few else None,
                                        cut[starts[o] : starts[o] + lengths[o]], closing_end)
                             for o in owners[:CLOSE_IN])
            gram, best = best, max(closed, key=lambda gram: (closed[gram], len(gram)))
            if best == gram:  # a piece of a few words (员国 of 会员国, 成员国): the word most hits hold, the rest open
                rows = np.flatnonzero(table["key"] == np.uint64(best_key))
                o, at, end = table["owner"][rows], table["pos"][rows], table["pos"][rows] + len(gram)
                wide = toks.astype(np.int64)  # (-1: no character there)
                left = np.where((at > starts[o]) & ~cut[at], wide[np.maximum(at - 1, 0)], -1)
                right = np.where((end < starts[o] + lengths[o]) & ~cut[end], wide[np.minimum(end, len(toks) - 1)], -1)
                piece = split_piece(o, left, right, gram, longest, li.cjk, closing_bad, df_of,
                                    lambda g: "".join(li.tokens[t] for t in g) in chinese_words())
                if piece is not None:
                    best, owners = piece
        words = tuple(li.tokens[t] for t in best)
        if h < THIN and _ambiguous(li, finalists, before, best_key, best):
            break  # few hits and no clear winner: no rendering rather than a wrong one
        if li.cjk[best[0]]:
            out.append(Rendering(_most_written(targets, owners, words), len(owners), round(dice, 3), words))
        else:  # completed to the whole term (« opérations de maintien » + « de la paix »): tmtool.tm.closing
            rows = np.flatnonzero(table["key"] == np.uint64(best_key))
            if word_ok is None:
                word_ok = edge_ok(np.arange(len(bad))) & ~li.numeric
            spans = [(int(table["owner"][r]), int(table["pos"][r]), int(table["pos"][r] + table["n"][r]))
                     for r in rows]
            grown = extend_spans(toks, spans, np.stack([starts, starts + lengths], axis=1), cut, joined,
                                 word_ok, bad, lambda g: _phrase_df(li, g),
                                 veto if sli is not None and few else None, word_of)
            # a term far longer than the query's translation would be takes in the words around the query: the
            # rendering of "Nicosia" is not « región de información de vuelo de Nicosia », the phrase most hits hold
            _, lo, hi = grown[0]
            if size_of(toks[lo:hi]) <= WHOLE * longest_term:
                spans = grown
            out.append(_with_forms(li, toks, targets, spans, round(dice, 3)))
            owners = np.unique([hit for hit, _, _ in spans])
        open_mask[owners] = False
    out.sort(key=lambda r: -r.count)
    return out


def _whole(best: tuple[int, ...], best_key: int, scored: list[tuple[float, float, tuple[int, ...], int]],
           share: dict[int, float], fits: Callable[[tuple[int, ...]], bool],
           better: Callable[[tuple[int, ...], int], bool]) -> tuple[tuple[int, ...], int]:
    """The candidate of ``scored`` that holds the n-gram ``best``, is in ``KEEP`` of as many hits (or in ``MOST`` and
    ``better``: nearer the expected length, or more specific, a higher Dice) and ``fits`` (is at most ``WHOLE`` times
    the longest length expected), the most widespread of them (the shorter among equals); ``best`` itself when none
    is. The length prior, meant to keep a neighbour out, preferred the piece: مجلس الأمن -> ru gave « Безопасности »
    (96 hits), not « Совета Безопасности » (96), since Arabic is written shorter than Russian; the step that
    completes a term (:func:`~tmtool.tm.closing.extend_spans`) did not add « Совета », as « безопасности » alone is
    common. (Without the bound, « island » -> fr gave « petits États insulaires en développement », the whole of
    "small island developing States".) Ranked by share, a piece is in all the hits of its term and more: 国际法 -> en
    gave « international » (55 of 57 hits, Dice 0.28), not « international law » (41, Dice 0.81)."""
    size = len(best)
    longer = [(share[k], -len(g), g, k) for _, _, g, k in scored if len(g) > size and fits(g)
              and (share[k] >= KEEP * share[best_key] or (share[k] >= MOST * share[best_key] and better(g, k)))
              and any(g[i : i + size] == best for i in range(len(g) - size + 1))]
    if not longer:
        return best, best_key
    _, _, gram, key = max(longer)
    return gram, key


def _by_word(li: LangIndex, table: dict[str, np.ndarray], toks: np.ndarray, lang: str,
             least: float) -> tuple[dict[str, np.ndarray], Callable[[int], list[tuple[int, ...]]], np.ndarray | None]:  # fmt: skip
    """The n-gram table counted by words rather than forms: the ``key`` of an n-gram of spaced text hashes the
    :func:`~tmtool.tm.forms.word_keys` of its tokens (Совета Безопасности and Совет Безопасности share one), its
    own hash kept as ``form``; one row per hit and key, and only keys in ``least`` hits or more (no other can be
    a rendering); ``mindf`` bounds the df of all the key's forms together. Also ``variants(key)``: the token
    sequences of the key's forms in the table, for their exact df, and the word of each token of ``toks`` (None
    when no text is spaced)."""
    form = table["key"]
    spaced = ~table["cjk"]
    key = form.copy()
    mapped = None
    if spaced.any():
        uniq = np.unique(toks)
        ids: dict[str, int] = {}
        word_id = np.array([ids.setdefault(k, len(ids)) for k in word_keys([li.tokens[int(t)] for t in uniq], lang)],
                           dtype=np.uint64)  # fmt: skip
        mapped = word_id[np.searchsorted(uniq, toks)]
        words = np.zeros(len(form), dtype=np.uint64)
        with np.errstate(over="ignore"):
            for j in range(int(table["n"].max())):
                on = table["n"] > j
                words[on] = words[on] * _MULT + mapped[table["pos"][on] + j] + np.uint64(1)
        key = np.where(spaced, (words ^ _WORDS) & np.uint64((1 << 57) - 1), form)
    # keys in too few hits are no candidate in any round: dropped before the work below
    _, first = np.unique((key << np.uint64(7)) | table["owner"].astype(np.uint64), return_index=True)
    held, counts = np.unique(key[first], return_counts=True)
    kept = np.isin(key, held[counts >= least])
    table = {name: arr[kept] for name, arr in table.items()}
    form, key = form[kept], key[kept]
    # the distinct forms of each key: their rarest-token dfs add up to a bound of the key's df
    order = np.lexsort((form, key))
    new = np.ones(len(order), dtype=bool)
    new[1:] = (key[order][1:] != key[order][:-1]) | (form[order][1:] != form[order][:-1])
    distinct = order[new]
    keys_of_forms = key[distinct]
    ukeys, at = np.unique(keys_of_forms, return_inverse=True)
    bound = np.zeros(len(ukeys), dtype=np.int64)
    np.add.at(bound, at.ravel(), table["mindf"][distinct])
    mindf = bound[np.searchsorted(ukeys, key)]
    pos, n = table["pos"], table["n"]

    def variants(k: int) -> list[tuple[int, ...]]:
        lo, hi = np.searchsorted(keys_of_forms, np.array([k, k + 1], dtype=np.uint64))
        return [tuple(int(t) for t in toks[pos[r] : pos[r] + n[r]]) for r in distinct[lo:hi]]

    table = dict(table, key=key, form=form, mindf=mindf)
    _, first = np.unique((key << np.uint64(7)) | table["owner"].astype(np.uint64), return_index=True)
    return {name: arr[first] for name, arr in table.items()}, variants, mapped


def _with_forms(li: LangIndex, toks: np.ndarray, targets: list[str | None], spans: list[tuple[int, int, int]],
                score: float) -> Rendering:  # fmt: skip
    """The rendering found at ``spans`` (hit, start, end in ``toks``; one per hit): its most frequent form's text,
    the hits holding any form, and each form with its hits when there are several."""
    by_form: dict[tuple[int, ...], list[int]] = {}
    for hit, lo, hi in spans:
        by_form.setdefault(tuple(int(t) for t in toks[lo:hi]), []).append(hit)
    found = []
    for gram, hits in sorted(by_form.items(), key=lambda item: -len(item[1])):
        words = tuple(li.tokens[t] for t in gram)
        found.append(Rendering(_most_written(targets, hits, words), len(hits), score, words))
    head = found[0]
    return Rendering(head.text, len(spans), score, head.tokens, found if len(found) > 1 else [])


def _tie_break(finalists: list[tuple[float, float, tuple[int, ...], int]], li: LangIndex, sli: LangIndex,
               hits: np.ndarray, queries: list[str], src: str, tgt: str, scale: float,
               around: dict[int, tuple[int, int]], evidence: Callable[[], tuple[list[int], list[int]]]):
    """Finalists with their scores adjusted by :mod:`tmtool.tm.evidence`: halved when an edge word is better
    explained by a word next to the query; raised by up to half for a cognate of the query (a name) as given or as
    the hits write it (``queries``)."""
    context, parts = evidence()
    out = []
    for dice, score, gram, key in finalists:
        edge = around.get(key, (-1, -1))
        if context:  # halved when explained by the context, times 0.75 when context and query tie
            score *= 1 - EXPLAINED * explained_elsewhere(li, sli, gram, hits, context, parts, scale, edge)
        sim = max(cognate_similarity(q, src, _joined(tuple(li.tokens[t] for t in gram)), tgt) for q in queries)
        if sim >= MIN_COGNATE:
            score *= 1 + COGNATE * sim
        out.append((dice, score, gram, key))
    return out


def _ambiguous(li: LangIndex, finalists: list[tuple[float, float, tuple[int, ...], int]], before: dict[int, float],
               best_key: int, shown: tuple[int, ...]) -> bool:
    """The winner (``best_key``, finally the tokens ``shown``) is no clear answer: an edge of it translates a word next
    to the query (the context evidence halved its score), or a finalist that shares no word with it, or the
    same number of words shifted, scores at least
    ``AMBIGUOUS`` (shifted: ``SHIFTED``) times its score."""
    score = next(s[1] for s in finalists if s[3] == best_key)
    if score <= before[best_key] * (1 - EXPLAINED) * 1.001:  # an edge translates a word next to the query
        return True
    winner = next(s[2] for s in finalists if s[3] == best_key)
    best = set(winner) | set(shown)
    for _, other, gram, key in finalists:
        if key == best_key or other < SHIFTED * score:
            continue
        if not set(gram) & best and other >= AMBIGUOUS * score:  # another word altogether
            return True
        # the same number of words, shifted: "unlawful puppet" / "puppet regime" (a longer or shorter cut
        # of the same words is a boundary question the length prior settles)
        if not li.cjk[gram[0]] and len(gram) == len(winner) and gram != winner:
            return True
    return False


def _stop_mask(li: LangIndex, lang: str, stops: frozenset[str]) -> np.ndarray:
    """Per token id of ``li``: a stop word of ``lang``, or a word of one or two letters (not Han, not a number).
    Kept on the language index (its vocabulary is fixed)."""
    masks: dict[str, np.ndarray] = li.__dict__.setdefault("_stop_masks", {})
    if lang not in masks:
        vocab = pl.Series(li.tokens, dtype=pl.String)
        short = (vocab.str.len_chars() <= 2).to_numpy() & ~li.cjk & ~li.numeric
        masks[lang] = vocab.is_in(list(stops)).to_numpy() | short
    return masks[lang]


@functools.lru_cache(maxsize=16)
def _stops(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """Folded function words of ``lang`` that start or end no rendering, and characters none crosses."""
    from ..glossary.stopwords import INNER_STOPS, STOPWORDS

    return frozenset(fold(w) for w in STOPWORDS.get(base(lang), ())), INNER_STOPS.get(base(lang), frozenset())


def _centre(text: str | None, folded_query: str, allowed: list[set[str]] | None = None) -> float:
    """Relative place (0..1) of the middle of the query in ``text`` (0.5 when not found); with ``allowed`` (the
    tokens each query position accepts: its other forms), of its first occurrence in any of them."""
    if not text:
        return 0.5
    if allowed and (spans := spans_of_tokens(text, allowed)):
        return (spans[0][0] + spans[0][1]) / 2 / len(text)
    folded = fold(text)
    at = folded.find(folded_query)
    if at < 0:  # punctuation or spacing differs: the first word
        folded_query = (tokenize(folded_query) or [""])[0]
        at = folded.find(folded_query) if folded_query else -1
    return (at + len(folded_query) / 2) / len(text) if at >= 0 else 0.5


def _as_written(sources: list[str | None], allowed: list[set[str]]) -> str:
    """The query as most of the ``sources`` write it, ``allowed[j]`` the tokens its ``j``-th word may be ("" when
    none holds it)."""
    found = Counter(text[spans[0][0] : spans[0][1]] for text in sources
                    if text and (spans := spans_of_tokens(text, allowed)))
    return found.most_common(1)[0][0] if found else ""


def _joined(words: tuple[str, ...]) -> str:
    return "".join(words) if is_cjk(words[0]) else " ".join(words)


_SPELLINGS = 32  # hits read for a rendering's spelling: enough for a majority, the cost of a few (spans_of each)


def _most_written(targets: list[str | None], hits, words: tuple[str, ...]) -> str:
    """The rendering ``words`` as most of the ``hits`` write it (« information », not the « Information » of the
    first hit, an agenda title), read in the first ``_SPELLINGS`` of them; the earliest hit's spelling among equals."""
    spellings = Counter(_shown(targets[int(hit)], words) for hit in hits[:_SPELLINGS])
    return spellings.most_common(1)[0][0]


def _shown(text: str | None, words: tuple[str, ...]) -> str:
    """The rendering as written in ``text``."""
    spans = spans_of(text, _joined(words), whole_word=True) if text else []
    return text[spans[0][0] : spans[0][1]] if spans else _joined(words)


def concordance(store: TMStore, query: str, src: str, tgt: str | None = None, limit: int = 20,
                whole_word: bool = True, renderings: bool = True, forms: bool = False) -> ConcordanceResult:
    """Units whose ``src`` text contains ``query`` (case/accent-insensitive), best-ranked first; with ``forms``
    (whole words only), also where its words stand in other inflected forms (:meth:`LangIndex.forms_of`). At most
    ``limit`` hits (0: none, the renderings and ``total`` still counted over the TM); :class:`UsageError` for a
    negative ``limit`` or a language not in the TM."""
    if limit < 0:
        raise UsageError(f"the number of hits to give cannot be negative ({limit!r})")
    index = open_index(store)
    src_tags, tgt_tags = resolve_langs(index, src, tgt)
    empty = ConcordanceResult(query, src_tags, tgt_tags, [], 0, True)
    qtoks = tokenize(query)
    if not qtoks or index.size == 0:
        return empty
    li = index.lang(src_tags)
    sets = _position_sets(li, qtoks, whole_word, src, forms)
    if sets is None:
        return empty
    cands = _candidates(li, qtoks, sets)
    if tgt is not None:  # an explicit target language: units without a text in it are no answer
        cands = cands[index.has_text(tgt_tags)[cands]]
    need = max(limit, SAMPLE if renderings and tgt_tags else limit)
    if len(sets) == 1:
        hits, checked = cands, len(cands)  # one token: the postings are the answer
    else:
        hits, checked = _phrase_check(li, cands, sets, need)
    if whole_word and all(is_cjk(t) for t in qtoks):
        hits = _not_inside_other_words(index, src_tags, hits, "".join(qtoks))
    exact = checked >= len(cands)
    total = len(hits) if exact else int(round(len(hits) * len(cands) / max(checked, 1)))
    found = make_hits(index, hits[:limit], src_tags, tgt_tags, [100] * min(limit, len(hits)))
    folded_q = fold(query)
    widened = whole_word and (forms or base(src) == "ar")  # the sets hold other forms than the query's words
    allowed = [{li.tokens[int(t)] for t in ids} for ids in sets] if widened else []
    for h in found:
        h.source_spans = spans_of_tokens(h.source, allowed) if widened else spans_of(h.source, folded_q, whole_word)
    result = ConcordanceResult(query, src_tags, tgt_tags, found, total, exact)
    if renderings and tgt_tags:
        tli = index.lang(tgt_tags)
        result.renderings = _renderings(index, tli, tgt_tags, hits, query, src_tags, total, sli=li,
                                        positions=sets, allowed=allowed or None)
        result.sampled = min(len(hits), SAMPLE)
        for h in found:
            for r in (form for r in result.renderings for form in r.forms or [r]):
                spans = spans_of(h.target, _joined(r.tokens), whole_word=True) if h.target else []
                if spans:
                    h.target_span = spans[0]
                    break
    return result
