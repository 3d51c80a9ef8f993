"""Finding glossary terms in a text, with character spans.

Words are compared through :mod:`.normalise` keys (case-folded, stemmed, Arabic clitics split off), so
inflected forms match (Совета Безопасности, للجمعية العامة). Acronyms (all capitals: UN, ООН) match only
with the same capitals, so French "un" is not "UN". Chinese and other unspaced scripts are matched as
substrings. A word of a term that starts with a capital only matches a word that does too ("Turquie"
is not "turque"); a lower-case term word matches any case. A term written in sentence case (a capital on
its first word only: "Постоянный представитель", "Human rights") is a glossary's way of writing a common
phrase, which a text writes in lower case mid-sentence: its first word matches either case, except in a
place name, where a capital tells the name from a common phrase. Inside a multiword term, a list of numbers
in the text is skipped ("tema 42 del programa", "points 31, 61 et 129 de l'ordre du jour" match
"tema del programa", "point de l'ordre du jour"). An acronym joined by a hyphen to another word is part of
another name (UN-Habitat is not "UN"). When matches overlap, the longest wins (then the
leftmost, then the term written exactly as in the text, then the better status): "Iran (Islamic
Republic of)" is one match, not "Iran" plus a stray "Republic".
"""

from __future__ import annotations

import weakref
from functools import lru_cache
from collections import defaultdict
from dataclasses import dataclass

from ..languages import base, uses_spaces
from .homographs import common_word, homograph_terms
from .model import STATUSES, Entry, Glossary, Term
from .morphology import MORPHOLOGY_LANGS, lexeme_forms
from .normalise import (ARABIC_ARTICLE_RUN, PREFIX_LANGS, extends, fold, is_acronym, key_match, proclitic_forms,
                        stem, term_key, text_keys, text_variants, tokens)
from .zhwords import inside_other_word

__all__ = ["TermMatch", "TermMatcher", "find_terms", "cached_per_language", "non_overlapping"]

_MAX_GAP = 3  # characters allowed between two words of a multiword term (space, hyphen, "’", " - ")
_VOWELS = "аеиоуыэюяё"  # Russian vowels
_LIST_WORDS = frozenset({"and", "or", "et", "ou", "y", "e", "o", "и", "или", "و", "أو", "to", "à", "a"})
_RANK = {s: n for n, s in enumerate(STATUSES)}
_HYPHENS = frozenset("-\u2010\u2011")  # hyphen-minus, hyphen, non-breaking hyphen
PLACE_SUBJECT = "place-name"  # the subject of place-name entries (the shipped place-name glossary)


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a glossary term in a text: ``text[start:end]`` is the matched surface form."""

    start: int
    end: int
    entry: Entry
    term: Term
    text: str = ""


@dataclass(frozen=True)
class _Compiled:
    entry: Entry
    term: Term
    words: tuple[tuple[bool, bool, str, str], ...]  # (is_acronym, capitalised, surface, key)
    lead: str
    trail: str


def _index_key(key: str) -> str:
    return key[:3]


class TermMatcher:
    """The terms of one glossary in one language, indexed for fast repeated :meth:`find`."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        self.spaced = uses_spaces(lang)
        self._prefix_rule = base(lang) in PREFIX_LANGS
        # Snowball only changes the ends of en/fr/es/ru... words: a text word whose first three letters
        # begin no term word needs no stemming. Arabic: the same on the first two letters of each
        # clitic-free variant (or of the variant less one letter, which the stemmer may remove).
        self._arabic = base(lang) == "ar"
        self._morphology = base(lang) in MORPHOLOGY_LANGS
        self._forms: dict[str, frozenset[str] | None] = {}
        self._homographs = homograph_terms(lang)
        self._starts: set[str] = set()
        self._index: dict[str, list[_Compiled]] = defaultdict(list)
        self._substrings: list[tuple[str, Entry, Term]] = []
        for entry in glossary.entries:
            for term in entry.terms_in(lang):
                self._add(entry, term)

    def _add(self, entry: Entry, term: Term) -> None:
        if not self.spaced:
            if term.text.strip():
                self._substrings.append((term.text.strip().casefold(), entry, term))
            return
        toks = tokens(term.text)
        if not toks:
            return
        words = tuple((is_acronym(w), w[0].isupper(), w, term_key(w, self.lang)) for _, _, w in toks)
        if _sentence_case(words) and entry.subject != PLACE_SUBJECT:
            words = ((False, False) + words[0][2:],) + words[1:]
        if self._arabic:
            for _, _, w in toks:
                f = fold(w, self.lang)
                f = f[2:] if f.startswith("ال") and len(f) > 3 else f
                self._starts.update((f[:2], stem(f, self.lang)[:2]))
        else:
            self._starts.update(fold(w, self.lang)[:3] for _, _, w in toks)
        lead = term.text[: toks[0][0]].strip()
        trail = term.text[toks[-1][1] :].strip()
        first = words[0]
        compiled = _Compiled(entry, term, words, lead, trail)
        self._index["=" + first[2] if first[0] else _index_key(first[3])].append(compiled)
        written = fold(first[2], self.lang)
        if not first[0] and not self._arabic and len(first[3]) < 3 <= len(written) and self._prefix_rule:
            # Snowball cut the word to fewer letters than the index holds (Гуам -> гу), but not its other forms
            # (Гуама, Гуаме -> гуам): those look the term up under its first letters as written
            self._index[_index_key(written)].append(compiled)

    def find(self, text: str, *, overlapping: bool = False) -> list[TermMatch]:
        """Non-overlapping matches in ``text``, in text order; with ``overlapping``, every match (also those
        inside a longer one, and several entries matching the same words)."""
        found = self._find_substrings(text) if not self.spaced else self._find_words(text)
        if self._homographs:
            found = self._without_common_words(text, found)
        if overlapping:
            return sorted(found, key=lambda m: (m.start, -(m.end - m.start), _RANK.get(m.term.status, 9)))
        return non_overlapping(found)

    def _without_common_words(self, text: str, found: list[TermMatch]) -> list[TermMatch]:
        """``found`` less the place names that their context shows to be common words (:mod:`.homographs`)."""
        places = {m.end for m in found if m.entry.subject == PLACE_SUBJECT}  # where a name ends
        return [m for m in found if not (
            m.entry.subject == PLACE_SUBJECT and fold(m.term.text, self.lang) in self._homographs
            and common_word(text, m.start, m.end, m.term.text, self.lang, places.__contains__))]

    def _find_substrings(self, text: str) -> list[TermMatch]:
        folded = text.casefold() if len(text.casefold()) == len(text) else text
        chinese = base(self.lang) == "zh"
        out = []
        for needle, entry, term in self._substrings:
            start = folded.find(needle)
            while start >= 0:
                end = start + len(needle)
                if not chinese or not inside_other_word(text, start, needle):  # 中国 is not in 发展中国家
                    out.append(TermMatch(start, end, entry, term, text[start:end]))
                start = folded.find(needle, start + 1)
        return out

    def _find_words(self, text: str) -> list[TermMatch]:
        toks = tokens(text)
        lang, starts, empty = self.lang, self._starts, frozenset()
        if self._arabic:
            keys = [frozenset(stem(v, lang) for v in text_variants(w, lang) if v[:2] in starts or v[1:3] in starts
                              or (v[:2] == "ال" and v[2:4] in starts))  # the article's variant: الدورات
                    for _, _, w in toks]  # fmt: skip
        else:
            keys = [text_keys(w, lang) if fold(w, lang)[:3] in starts else empty for _, _, w in toks]
        out: list[TermMatch] = []
        for i, (start, _, surface) in enumerate(toks):
            cands: dict[int, _Compiled] = {}
            for k in keys[i]:
                for c in self._index.get(_index_key(k), ()):
                    cands[id(c)] = c
            for c in self._index.get("=" + surface, ()):
                cands[id(c)] = c
            for c in cands.values():
                last = self._match_at(toks, keys, i, c)
                if last is None:
                    continue
                begin, end = start, toks[last][1]
                if len(c.words) == 1 and c.words[0][0] and _hyphenated(text, begin, end):
                    continue  # UN-Habitat, UN-Women, ООН-Хабитат: the name of another body
                if c.lead and text[:begin].rstrip().endswith(c.lead):
                    begin = text.rindex(c.lead, 0, begin)
                if c.trail and text[end:].lstrip().startswith(c.trail):
                    end = text.index(c.trail, end) + len(c.trail)
                out.append(TermMatch(begin, end, c.entry, c.term, text[begin:end]))
        return out

    def _name_forms(self, surface: str) -> frozenset[str] | None:
        """The forms of a word of a place name that the language's dictionary knows (folded), or None."""
        if surface not in self._forms:
            forms = lexeme_forms(fold(surface, self.lang), self.lang, place=True)
            self._forms[surface] = None if forms is None else frozenset(fold(f, self.lang) for f in forms)
        return self._forms[surface]

    def _word_ok(self, tok: str, keys: frozenset[str], word: tuple[bool, bool, str, str], name: bool = False,
                 single: bool = False) -> bool:
        acronym, capital, surface, key = word
        if acronym:
            return tok == surface
        if capital and not tok[0].isupper():
            return False
        if name and self._arabic:
            # a one-word place name is written as it is, with at most a conjunction or preposition on it (وسورية,
            # لسورية): no ending (مالي Mali, مالية "financial", which Snowball gives one stem; its derived words
            # are the check's business). A word of a longer name may differ in spelling (ناغورني - كاراباخ), but
            # takes no article unless its own (سورية is Syria, السورية "the Syrian")
            if single:
                return fold(tok, self.lang) in _as_written(fold(surface, self.lang))
            if _definite(tok, self.lang) and not _definite(surface, self.lang):
                return False
        if name and self._morphology:
            # a dictionary knows a name's forms: Snowball gives Нигер and Нигерия one stem, and the prefix rule joins
            # Австрия and Австралия, each another State
            forms = self._name_forms(surface)
            if forms is not None:
                return fold(tok, self.lang) in forms
        rule = self._prefix_rule
        if any(key_match(k, key, rule) for k in keys):
            return True
        # Snowball takes some nouns' own last letters for an ending (режим -> реж, but режима -> режим): where
        # the prefix rule holds, the term word itself followed by at most two letters is one of its forms. Not
        # in Arabic, where such letters make another word (مالي Mali, مالية financial; مصر Egypt, مصري Egyptian)
        if self._arabic:
            return _feminine_form(tok, surface, self.lang)
        if not rule:
            return False
        word_form, term_form = fold(tok, self.lang), fold(surface, self.lang)
        # a Russian noun ending in й after a vowel loses it in its other forms (Китай: Китая, Китаю, Китаем), which
        # Snowball cuts to three letters (кит), too short for the prefix rule
        if extends(word_form, term_form) or (term_form[-1:] == "й" and term_form[-2:-1] in _VOWELS
                                             and extends(word_form, term_form[:-1])):
            return True
        # a vowel that comes and goes (Египет, Египта), which neither rule sees: the dictionary's forms
        return word_form in (lexeme_forms(term_form, self.lang) or ())

    def _match_at(self, toks: list[tuple[int, int, str]], keys: list[frozenset[str]], i: int,
                  c: _Compiled) -> int | None:  # fmt: skip
        """Index of the last text word of term ``c`` matched from word ``i``, or None."""
        pos = i
        for j, word in enumerate(c.words):
            if j:
                pos += 1
                while pos < len(toks) and pos + 1 < len(toks) and _numeric(toks, pos):
                    pos += 1  # a list of numbers inside the term: "item(s) 31, 61 and 129 of the agenda"
                if pos >= len(toks) or toks[pos][0] - toks[pos - 1][1] > _MAX_GAP:
                    return None
            if not self._word_ok(toks[pos][2], keys[pos], word, c.entry.subject == PLACE_SUBJECT, len(c.words) == 1):
                return None
        return pos


def non_overlapping(matches: list[TermMatch]) -> list[TermMatch]:
    """The matches :meth:`TermMatcher.find` keeps of ``matches`` (all of them, as ``overlapping=True`` gives
    them): where matches overlap the longest wins, then the leftmost, then the term written exactly as in the
    text, then the better status. In text order."""
    ranked = sorted(matches, key=lambda m: (-(m.end - m.start), m.start, m.text.casefold() != m.term.text.casefold(),
                                            _RANK.get(m.term.status, 9)))  # fmt: skip
    taken: list[TermMatch] = []
    used = bytearray(max((m.end for m in matches), default=0) + 1)
    for m in ranked:
        if not any(used[m.start : m.end]):
            taken.append(m)
            used[m.start : m.end] = b"\x01" * (m.end - m.start)
    taken.sort(key=lambda m: m.start)
    return taken


def _sentence_case(words: tuple[tuple[bool, bool, str, str], ...]) -> bool:
    """Whether a term's words are in sentence case: more than one word, a capital on the first only."""
    first, rest = words[0], words[1:]
    return bool(rest) and first[1] and not first[0] and not any(ch.isupper() for w in rest for ch in w[2])


@lru_cache(maxsize=4096)
def _as_written(name: str) -> frozenset[str]:
    """A folded Arabic place name as it may stand in a text: itself, or with a conjunction or preposition on it."""
    return frozenset(proclitic_forms(name))


def _hyphenated(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is joined by a hyphen to a word before or after it (UN-Habitat)."""
    return (text[end : end + 1] in _HYPHENS and text[end + 1 : end + 2].isalnum()) or (
        start > 1 and text[start - 1] in _HYPHENS and text[start - 2].isalnum())


_AR_POSSESSIVE = ("", "ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "نا", "ي")
# what follows the stem of a feminine noun whose ة became ت: the dual (دورتان, دورتين; دورتا, دورتي before a
# noun or suffix), the plural (دورات) and the possessive suffixes (دورتها)
_AR_FEMININE_ENDINGS = frozenset({"تان", "تين"}
                                 | {f"{t}{p}" for t in ("ت", "تا", "تي", "ات") for p in _AR_POSSESSIVE}) - {"ت"}


def _feminine_form(word: str, term_word: str, lang: str) -> bool:
    """Whether an Arabic ``word`` of running text is a term word ending in ة in the dual, the plural or with a
    possessive suffix (الدورة: الدورتين, دورتيها, لدورات, دوراتها), which Snowball does not reduce to its stem."""
    term = fold(term_word, lang)
    term = term[2:] if term.startswith("ال") and len(term) > 3 else term
    if len(term) < 3 or not term.endswith("ه"):  # folding writes ة as ه
        return False
    root = term[:-1]
    return any(v.startswith(root) and v[len(root) :] in _AR_FEMININE_ENDINGS for v in text_variants(word, lang))


def _definite(word: str, lang: str) -> bool:
    """Whether an Arabic word carries the article (after a conjunction or preposition: والسورية, للسورية)."""
    return bool(ARABIC_ARTICLE_RUN.match(fold(word, lang)))


def _numeric(toks: list[tuple[int, int, str]], pos: int) -> bool:
    word = toks[pos][2]
    if word.isdigit():
        return True
    prev_num = pos > 0 and toks[pos - 1][2].isdigit()
    if len(word) == 1 and word.isalpha() and prev_num and toks[pos][0] - toks[pos - 1][1] <= 2:
        return True  # a subparagraph letter: item 161(b), пункт 5 (а)
    next_num = pos + 1 < len(toks) and toks[pos + 1][2].isdigit()
    return word.casefold() in _LIST_WORDS and prev_num and next_num


_CACHE: dict[int, tuple[weakref.ref, dict[str, TermMatcher], frozenset[str]]] = {}


def cached_per_language(cache: dict, glossary: Glossary, lang: str, build):
    """``build(glossary, lang)``, cached in ``cache`` per glossary object (while it lives) and language: the base
    language, or the tag where the glossary has terms of that very variety (:meth:`Entry.terms_in`)."""
    slot = cache.get(id(glossary))
    if slot is None or slot[0]() is not glossary:
        for key in [k for k, (ref, _, _) in cache.items() if ref() is None]:
            del cache[key]
        varieties = frozenset(t.casefold() for t in glossary.languages if t.casefold() != base(t))  # fr-ca, zh-hant
        slot = (weakref.ref(glossary), {}, varieties)
        cache[id(glossary)] = slot
    tag = lang.casefold()
    key = tag if tag in slot[2] else base(lang)
    if key not in slot[1]:
        slot[1][key] = build(glossary, lang)
    return slot[1][key]


def _matcher(glossary: Glossary, lang: str) -> TermMatcher:
    return cached_per_language(_CACHE, glossary, lang, TermMatcher)


def find_terms(glossary: Glossary, text: str, lang: str, *, overlapping: bool = False) -> list[TermMatch]:
    """Glossary terms of language ``lang`` found in ``text`` (any status), in text order; where matches
    overlap the longest wins, unless ``overlapping`` asks for all of them.

    The index built for a glossary and language is cached while the glossary object lives.
    """
    return _matcher(glossary, lang).find(text, overlapping=overlapping)
