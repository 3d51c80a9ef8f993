"""Russian inflection from a dictionary (pymorphy3 with OpenCorpora's Russian dictionary).

Snowball cuts words to stems by rule, so it joins words that are not one (право "right", правила "rules") and
cannot give a term back in the form a glossary writes it. A dictionary knows both:

- :func:`lexeme_forms`: every inflected form of the word's most likely lemma (права -> право, прав, праву, ...);
- :func:`common_citation_form` (and :func:`citation_form` for one form): a term as a glossary writes it, its head
  noun and the words agreeing with it in the nominative, what depends on it left as it is (Организации
  Объединенных Наций with Организацию ... among its forms -> Организация Объединенных Наций, территориальной
  целостности -> территориальная целостность, прав человека -> права человека).

Both answer ``None`` (or the text unchanged) for a word the dictionary does not know, and for other languages,
so callers keep their own rule there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import product
from typing import Any

from ..languages import base

__all__ = ["MORPHOLOGY_LANGS", "lexeme_forms", "lemmas", "citation_form", "common_citation_form"]

MORPHOLOGY_LANGS = frozenset({"ru"})
_WORD_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ADJECTIVES = frozenset({"ADJF", "PRTF"})
_CONJUNCTIONS = frozenset({"и", "или"})
_LEMMA_SHARE = 0.2  # a lemma whose parses hold less than this share of the word's score is another word's


@lru_cache(maxsize=1)
def _analyzer():  # type: ignore[no-untyped-def]
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


@lru_cache(maxsize=65536)
def _parses(word: str) -> tuple:
    """The dictionary's readings of ``word`` (lower case), best first; () if it does not know the word. A word
    whose й lost its breve (folded text: международныи) is read as the word with it."""
    if "-" in word:  # the analyser guesses compounds and inflects them oddly: read the two nouns
        return _compound_parses(word)
    morph = _analyzer()
    variants = [word]
    at = [i for i, c in enumerate(word) if c == "и"][:3]
    variants += ["".join("й" if i in chosen else c for i, c in enumerate(word))
                 for mask in product((False, True), repeat=len(at)) if any(mask)
                 for chosen in ({i for i, on in zip(at, mask) if on},)]  # fmt: skip
    for variant in variants:
        if morph.word_is_known(variant):
            return tuple(morph.parse(variant))
    return ()


@dataclass(frozen=True)
class _Form:
    word: str


@dataclass(frozen=True)
class _Compound:
    """Two nouns joined by a hyphen that agree in case and number (государств-членов), read as one noun: both
    parts inflect (государства-члены)."""

    first: Any
    second: Any

    @property
    def tag(self) -> Any:
        return self.first.tag

    @property
    def score(self) -> float:
        return self.first.score * self.second.score

    def inflect(self, grammemes: set[str]) -> _Form | None:
        a, b = self.first.inflect(grammemes), self.second.inflect(grammemes)
        return _Form(f"{a.word}-{b.word}") if a is not None and b is not None else None


def _compound_parses(word: str) -> tuple:
    """Readings of a hyphenated word as two nouns in one case and number (none for Нью-Йорке,
    Народно-Демократической and other compounds)."""
    parts = word.split("-")
    if len(parts) != 2 or not all(parts):
        return ()
    first, second = (tuple(p for p in _parses(part) if p.tag.POS == "NOUN") for part in parts)
    found = [_Compound(a, b) for a in first for b in second
             if a.tag.case == b.tag.case and a.tag.number == b.tag.number]  # fmt: skip
    return tuple(sorted(found, key=lambda c: -c.score))


@lru_cache(maxsize=16384)
def lexeme_forms(word: str, lang: str, *, place: bool = False) -> frozenset[str] | None:
    """The inflected forms (lower case) of the lemma or lemmas that hold most of ``word``'s readings (at least a
    fifth each: права -> право, not правый), ``word`` among them; ``None`` for a word the dictionary does not know
    or a language without one. With ``place`` (a word of a place name), a place-name reading is kept however rare
    (Сахара: сахар "sugar" holds most readings, so Сахары was not among the forms)."""
    if base(lang) not in MORPHOLOGY_LANGS or "-" in word:
        return None
    parses = _parses(word.casefold().replace("ё", "е"))
    if not parses:
        return None
    kept = _lemmas(parses)
    if place:
        kept |= {(p.normal_form, p.tag.POS or "") for p in parses if "Geox" in p.tag}
    forms = {word.casefold()}
    for p in parses:
        if (p.normal_form, p.tag.POS or "") in kept:
            forms.update(f.word.replace("ё", "е") for f in p.lexeme)
    return frozenset(forms)


@lru_cache(maxsize=65536)
def lemmas(word: str, lang: str) -> frozenset[str] | None:
    """The lemma or lemmas :func:`lexeme_forms` takes ``word`` for, as ``lemma/POS`` (государства, государств,
    государствам: ``{"государство/NOUN"}``); ``None`` where :func:`lexeme_forms` is ``None``."""
    if base(lang) not in MORPHOLOGY_LANGS or "-" in word:
        return None
    parses = _parses(word.casefold().replace("ё", "е"))
    return frozenset(f"{lemma}/{pos}" for lemma, pos in _lemmas(parses)) if parses else None


def _lemmas(parses: tuple) -> set[tuple[str, str]]:
    """The (lemma, part of speech) pairs that hold at least a fifth of the readings' score."""
    weight: dict[tuple[str, str], float] = {}
    for p in parses:
        key = (p.normal_form, p.tag.POS or "")
        weight[key] = weight.get(key, 0.0) + p.score
    total = sum(weight.values()) or 1.0
    return {key for key, w in weight.items() if w / total >= _LEMMA_SHARE}


def _like(form: str, original: str) -> str:
    """``form`` in the letter case of ``original`` (Организации -> Организация, СОВЕТА -> СОВЕТ)."""
    if original.isupper() and len(original) > 1:
        return form.upper()
    if original[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _noun_phrases(words: list[str], start: int) -> list[tuple[int, list, float]]:
    """The readings of ``words[start:]`` as adjectives or participles (two may be joined by и/или), then a noun,
    agreeing in case and number (and gender in the singular): ``(index after the noun, the reading of each word,
    None for a conjunction, score)`` each."""
    def adjective(i: int) -> bool:
        return i < len(words) and any(p.tag.POS in _ADJECTIVES for p in _parses(words[i].casefold()))

    end = start
    while adjective(end) or (end > start and words[end - 1].casefold() not in _CONJUNCTIONS and end + 1 < len(words)
                             and words[end].casefold() in _CONJUNCTIONS and adjective(end + 1)):
        end += 1  # adjectives, some joined by и/или (Экономического и Социального Совета)
    # the noun after the adjectives heads; else the last of them read as a noun (военных, учёных)
    for head in ([end, end - 1] if end > start else [end]):
        if head < start or head >= len(words):
            continue
        readings = []
        for noun in (p for p in _parses(words[head].casefold()) if p.tag.POS == "NOUN"):
            chosen, score = [noun], noun.score
            for w in reversed(words[start:head]):
                if w.casefold() in _CONJUNCTIONS:
                    chosen.insert(0, None)
                    continue
                agreeing = [p for p in _parses(w.casefold()) if p.tag.POS in _ADJECTIVES
                            and p.tag.case == noun.tag.case and p.tag.number == noun.tag.number
                            and (noun.tag.number == "plur" or p.tag.gender == noun.tag.gender)]  # fmt: skip
                if not agreeing:
                    break
                best = max(agreeing, key=lambda p: p.score)
                chosen.insert(0, best)
                score += best.score
            else:
                readings.append((head + 1, chosen, score))
        if readings:
            return readings
    return []


def _after_genitives(words: list[str], end: int, most: int = 3) -> int:
    """The index after the words from ``end`` that may be a genitive depending on the phrase before them (прав
    *человека* и основных свобод), at most ``most`` of them, stopping at a conjunction."""
    n = end
    while n < len(words) and n - end < most and words[n].casefold() not in _CONJUNCTIONS and any(
            p.tag.case == "gent" for p in _parses(words[n].casefold())):  # fmt: skip
        n += 1
    return n


def _nominative(chosen: list, words: list[str], start: int) -> dict[int, str] | None:
    """The words of one reading in the nominative, in their number and letter case (no ё where the text has
    none, as UN Russian writes); ``None`` if the dictionary cannot inflect one."""
    out = {}
    for k, p in enumerate(chosen):
        if p is None:  # и, или between two adjectives
            continue
        form = p.inflect({"nomn", p.tag.number} if p.tag.number else {"nomn"})
        if form is None:
            return None
        word = form.word if "ё" in words[start + k].casefold() else form.word.replace("ё", "е")
        out[start + k] = _like(word, words[start + k])
    return out


def _coordinated(words: list[str], end: int, case: str, over_genitives: bool) -> dict[int, str]:
    """The nominatives of the noun phrases joined by и/или to the one ending at ``end``, in its ``case`` (and
    what depends on each, as written); with ``over_genitives``, also past a genitive depending on the phrase."""
    out: dict[int, str] = {}
    while True:
        end = _after_genitives(words, end) if over_genitives else end
        if not (end + 1 < len(words) and words[end].casefold() in _CONJUNCTIONS):
            return out
        more = [r for r in _noun_phrases(words, end + 1) if r[1][-1].tag.case == case]
        best = max(more, key=lambda r: r[2]) if more else None
        added = _nominative(best[1], words, end + 1) if best else None
        if best is None or added is None:
            return out
        out.update(added)
        end = best[0]


def _readings(text: str) -> dict[str, float]:
    """Each way the dictionary reads the start of ``text`` as a noun phrase, as the citation form it gives, with
    its score (a reading already nominative gives ``text``). A phrase in the genitive followed by a genitive and
    a second phrase (прав человека и основных свобод) is read both ways: the second phrase joined to the first
    (права человека и основные свободы, a little likelier) or depending on it (права человека и народов)."""
    spans = [(m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    words = [text[a:b] for a, b in spans]
    if not words or not _parses(words[0].casefold()):
        return {}
    out: dict[str, float] = {}
    for end, chosen, score in _noun_phrases(words, 0):
        case = chosen[-1].tag.case
        head = _nominative(chosen, words, 0)
        if head is None:
            continue
        ways: dict[str, float] = {}  # the forms of this reading (both ways may give one form: counted once)
        for over_genitives, weight in [(True, 1.0)] if case != "gent" else [(True, 1.01), (False, 1.0)]:
            replaced = {**head, **_coordinated(words, end, case, over_genitives)}
            pieces, last = [], 0
            for i, (a, b) in enumerate(spans):
                if i in replaced:
                    pieces += [text[last:a], replaced[i]]
                    last = b
            form = "".join(pieces) + text[last:]
            ways[form] = max(ways.get(form, 0.0), score * weight)
        for form, weighted in ways.items():
            out[form] = out.get(form, 0.0) + weighted
    return out


def citation_form(text: str, lang: str) -> str:
    """``text`` (a term as found in running text) in the form a glossary writes it: in Russian its head noun and
    the adjectives before it in the nominative, in their number, and so for a noun phrase joined to it by и/или
    in the same case; the rest as written. Unchanged where the form may be nominative (Организации: singular
    genitive or plural nominative; :func:`common_citation_form` decides from more occurrences), where the first
    words are not such a phrase, or in another language."""
    return common_citation_form({text: 1}, lang)


def common_citation_form(surfaces: Mapping[str, int], lang: str) -> str:
    """The citation form of one term seen in several forms (``{surface: count}``): the reading most of its
    occurrences allow (прав человека and правам человека say that права человека is plural: права человека,
    not право человека), then the commonest surface as written if it is one of them (so a form that may well be
    nominative is never changed on the dictionary's guess alone), then the likeliest. A surface the dictionary
    cannot read as a noun phrase stands for itself; in a language without a dictionary here, the commonest."""
    commonest = max(surfaces, key=lambda s: surfaces[s])
    if base(lang) not in MORPHOLOGY_LANGS:
        return commonest
    support: dict[str, tuple[int, float]] = {}
    for surface, count in surfaces.items():  # a surface the dictionary cannot read stands for itself
        for form, score in (_readings(surface) or {surface: 0.0}).items():
            n, total = support.get(form, (0, 0.0))
            support[form] = (n + count, total + count * score)
    return max(support, key=lambda f: (support[f][0], f == commonest, support[f][1]))
