"""Term extraction from aligned text: candidate terms in the source, their renderings in the target.

1. Source candidates are word n-grams (1-5 words) of two kinds: *names* (every content word capitalised:
   "Security Council", "Charter of the United Nations"; a single word only if it is not the first word of
   the segment, or is an acronym; in French, Spanish, Russian... also the first word alone capitalised,
   not at the start of the segment: "Assemblée générale") and *phrases* of two or more lower-case content
   words with at most one function word inside ("territorial integrity", "rule of law"). None starts or ends with a function
   word (:mod:`.stopwords`) or a number. Words are compared by stem, so "Security Council"/"Security
   Councils" are one candidate; the commonest surface form is shown.
2. Termhood (after the C-value of Frantzi et al. 2000) is log2(1 + length) x the number of segments where
   the candidate occurs outside every longer frequent candidate, so "Security" (always inside "Security
   Council") and "United" are not terms of their own.
3. For the best candidates, every target n-gram (1-6 words, 1-8 characters for Chinese) that does not start
   or end with a function word is scored by Dice over segment co-occurrence, 2·f(s,t) / (f(s) + f(t));
   the best one is the rendering (ties: more co-occurrences, then longer). The log-likelihood ratio G²
   of the same 2x2 table is reported too.
4. Candidates are ranked by Dice x C-value; pairs seen together fewer than ``min_freq`` times are dropped.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import UsageError
from ..languages import base, uses_spaces
from .model import Entry, Example, Glossary, Term
from .normalise import TOKEN_RE, fold, is_acronym, stem
from .pairs import SegmentPair
from .stopwords import STOPWORDS

__all__ = ["Candidate", "extract_terms", "same_language", "candidates_to_glossary", "candidates_to_tsv"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(f"[{_HAN}]|(?:(?![{_HAN}])(?:{TOKEN_RE.pattern}))")
Key = tuple[str, ...]
# languages that capitalise only the first word of a name of an organ ("Assemblée générale")
_HEADED = frozenset({"fr", "es", "ru", "it", "pt", "ca", "ro", "uk", "bg", "pl"})


@dataclass(frozen=True)
class Candidate:
    """A proposed term pair with its statistics and one example."""

    source: str
    target: str
    frequency: int  # segments containing the source term
    joint: int  # segments containing both
    dice: float
    llr: float
    cvalue: float
    score: float
    example_source: str
    example_target: str


def same_language(src: str, tgt: str) -> None:
    """:class:`UsageError` when ``src`` and ``tgt`` name one language (``en``/``en-GB`` included)."""
    if base(src) == base(tgt):
        raise UsageError(f"--src {src} and --tgt {tgt} are the same language: give two different languages")


def _words(text: str, lang: str) -> list[tuple[str, str, bool, int, int]]:
    """``(surface, key, is_stop, start, end)`` per word; Han characters are one word each."""
    stops = STOPWORDS.get(base(lang), frozenset())
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        low = w.casefold()
        out.append((w, stem(fold(w, lang), lang), low in stops or low.isdigit(), m.start(), m.end()))
    return out


def _source_candidates(text: str, words: list[tuple[str, str, bool, int, int]], max_len: int,
                       headed: bool = False) -> dict[Key, str]:  # fmt: skip
    """Candidate terms of one source segment, key -> surface. ``headed``: also names whose first word
    alone is capitalised ("Assemblée générale", "Conseil de sécurité"), as French, Spanish, Russian write them."""
    found: dict[Key, str] = {}
    n_words = len(words)
    for i in range(n_words):
        first, _, stop, _, _ = words[i]
        if stop or len(first) < 2 or not first[0].isalpha():
            continue
        for n in range(1, max_len + 1):
            j = i + n
            if j > n_words:
                break
            last, _, last_stop, _, _ = words[j - 1]
            span = words[i:j]
            if last_stop or not last[0].isalpha():
                continue
            content = [w[0] for w in span if not w[2]]
            inner_stops = n - len(content)
            if any(not w[0].isalpha() for w in content):
                break
            caps = all(w[0].isupper() for w in content)
            lower_rest = not any(w[0].isupper() for w in content[1:])
            if caps:
                if n == 1 and i == 0 and not is_acronym(first):
                    continue
            elif headed and first[0].isupper() and lower_rest and n >= 2 and inner_stops <= 1:
                if i == 0:  # a capital at the start of a segment says nothing
                    continue
            elif not lower_rest or first[0].isupper() or n < 2 or inner_stops > 1:
                continue
            found[tuple(w[1] for w in span)] = text[span[0][3] : span[-1][4]]
    return found


def _target_ngrams(text: str, words: list[tuple[str, str, bool, int, int]], lang: str,
                   want: int | None = None) -> Iterator[tuple[int, str]]:  # fmt: skip
    """``(hash of key, surface)`` of the target n-grams of a segment; only the n-gram hashed ``want`` if given.

    Hashes stand for the n-grams (within one run) so that memory holds one int per n-gram and segment.
    """
    max_len = 6 if uses_spaces(lang) else 8
    for i, (w, _, stop, _, _) in enumerate(words):
        if stop or not w[0].isalpha():
            continue
        for n in range(1, max_len + 1):
            j = i + n
            if j > len(words):
                break
            last, _, last_stop, _, _ = words[j - 1]
            if last_stop or not last[0].isalpha():
                continue
            h = (hash(tuple(w[1] for w in words[i:j])) << 4) | n  # the length rides in the low bits
            if want is None:
                yield h, ""
            elif h == want:
                yield h, text[words[i][3] : words[j - 1][4]]


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def _free_counts(sets: list[dict[Key, str]], frequent: Counter[Key]) -> Counter[Key]:
    """Per candidate, the segments where it occurs outside every longer frequent candidate."""
    free: Counter[Key] = Counter()
    for found in sets:
        keys = [k for k in found if k in frequent]
        nested = set()
        for k in keys:
            for n in range(1, len(k)):
                for i in range(len(k) - n + 1):
                    nested.add(k[i : i + n])
        free.update(k for k in keys if k not in nested)
    return free


def extract_terms(pairs: Iterable[SegmentPair], src: str, tgt: str, *, limit: int = 100, min_freq: int = 2,
                  max_len: int = 5) -> list[Candidate]:  # fmt: skip
    """Ranked candidate term pairs from aligned segment pairs (best first, at most ``limit``).

    :class:`UsageError` when ``src`` and ``tgt`` are one language (the pairs would be the text itself)."""
    same_language(src, tgt)
    headed = base(src) in _HEADED
    src_sets: list[dict[Key, str]] = []
    tgt_sets: list[frozenset[int]] = []
    texts: list[tuple[str, str]] = []
    src_freq: Counter[Key] = Counter()
    tgt_freq: Counter[int] = Counter()
    for pair in pairs:
        s = _source_candidates(pair.src, _words(pair.src, src), max_len, headed)
        t = frozenset(h for h, _ in _target_ngrams(pair.tgt, _words(pair.tgt, tgt), tgt))
        src_sets.append(s)
        tgt_sets.append(t)
        texts.append((pair.src, pair.tgt))
        src_freq.update(s.keys())
        tgt_freq.update(t)
    total = len(texts)
    frequent = Counter({k: f for k, f in src_freq.items() if f >= min_freq})
    free = _free_counts(src_sets, frequent)
    cvalue = {k: math.log2(1 + len(k)) * f for k, f in free.items() if f >= min_freq}
    shortlist = sorted(cvalue, key=lambda k: -cvalue[k])[: max(5 * limit, 200)]
    postings: dict[Key, list[int]] = defaultdict(list)
    wanted = set(shortlist)
    for n, s in enumerate(src_sets):
        for k in s.keys() & wanted:
            postings[k].append(n)
    scored = []
    for key in shortlist:
        segs = postings[key]
        joint: Counter[int] = Counter()
        for n in segs:
            joint.update(tgt_sets[n])
        f_s = len(segs)
        best, best_rank = None, None
        for t, c in joint.items():
            if c < min_freq:
                continue
            rank = (2 * c / (f_s + tgt_freq[t]), c, t & 15)
            if best_rank is None or rank > best_rank:
                best, best_rank = t, rank
        if best is not None and best_rank is not None:
            scored.append((best_rank[0] * cvalue[key], key, best, best_rank))
    scored.sort(key=lambda x: -x[0])
    out: list[Candidate] = []
    for score, key, best, (dice, c, _) in scored[:limit]:  # surfaces and examples for the winners only
        segs = postings[key]
        f_s, f_t = len(segs), tgt_freq[best]
        both = [n for n in segs if best in tgt_sets[n]]
        src_forms = Counter(src_sets[n][key] for n in segs)
        tgt_forms = Counter(
            form for n in both for _, form in _target_ngrams(texts[n][1], _words(texts[n][1], tgt), tgt, want=best)
        )
        ex = texts[both[0]]
        out.append(
            Candidate(
                source=src_forms.most_common(1)[0][0], target=tgt_forms.most_common(1)[0][0], frequency=f_s,
                joint=c, dice=round(dice, 4), llr=round(_llr(c, f_s - c, f_t - c, total - f_s - f_t + c), 2),
                cvalue=round(cvalue[key], 2), score=round(score, 3), example_source=ex[0], example_target=ex[1],
            )  # fmt: skip
        )
    out.sort(key=lambda c: (-c.score, c.source))
    return out


def candidates_to_tsv(candidates: Iterable[Candidate]) -> str:
    """Ranked TSV with a header line."""
    clean = lambda s: " ".join(str(s).split())  # noqa: E731
    lines = ["rank\tsource\ttarget\tfrequency\tjoint\tdice\tllr\tscore\texample_source\texample_target"]
    for n, c in enumerate(candidates, start=1):
        cells = [n, c.source, c.target, c.frequency, c.joint, c.dice, c.llr, c.score, c.example_source, c.example_target]
        lines.append("\t".join(clean(x) for x in cells))
    return "\n".join(lines) + "\n"


def candidates_to_glossary(candidates: Iterable[Candidate], src: str, tgt: str) -> Glossary:
    """Candidates as a glossary whose terms all have status ``proposed``."""
    entries = []
    for n, c in enumerate(candidates, start=1):
        note = f"extracted: frequency {c.frequency}, joint {c.joint}, Dice {c.dice}, G2 {c.llr}, score {c.score}"
        entries.append(
            Entry(
                id=f"x{n}",
                terms=(Term(c.source, src, "proposed", examples=(Example(c.example_source),)),
                       Term(c.target, tgt, "proposed", examples=(Example(c.example_target),))),
                subject="extracted",
                note=note,
            )  # fmt: skip
        )
    return Glossary(tuple(entries), metadata={"description": "Terms extracted by tmtool glossary extract"})
