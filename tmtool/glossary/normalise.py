"""Word tokens and comparison keys for term matching, per language.

A key is the case-folded, stemmed form of a word (Snowball stemmers for ar, es, fr, ru and a few
more; for English only the plural ending is removed, since English words hardly inflect and Snowball
would join "peacekeeping" and "peacekeepers"). Arabic words are first cleaned (harakat and tatweel dropped, alef forms unified, final ى/ة
unified) and, in running text, also tried without the proclitics و ف ب ل ك and the article ال
(``للجمعية`` -> ``جمعية``). Two keys match when equal; for Russian, Arabic and other languages with
many case endings also when one is a prefix of the other, at least four letters long and at most two
letters shorter (Snowball does not always reduce all case forms of a noun to one stem:
Ассамблея/Ассамблеи -> ассамбл/ассамбле).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..languages import base

__all__ = ["PREFIX_LANGS", "TOKEN_RE", "tokens", "fold", "stem", "term_key", "text_variants", "text_keys",
           "key_match", "extends", "is_acronym", "without_arabic_marks", "ARABIC_ARTICLE_RUN", "proclitic_forms"]

_AR_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
TOKEN_RE = re.compile(rf"[^\W_][^\W_{_AR_MARKS}]*(?:[{_AR_MARKS}]+[^\W_]*)*")
_AR_MARKS_RE = re.compile(f"[{_AR_MARKS}]")
_AR_TRANS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"})
_SNOWBALL = {
    "ar": "arabic", "es": "spanish", "fr": "french", "ru": "russian", "de": "german",
    "it": "italian", "pt": "portuguese", "nl": "dutch", "tr": "turkish", "ca": "catalan", "ro": "romanian",
}  # fmt: skip
_AR_CONJ = ("", "و", "ف")
_AR_PREP = ("", "ب", "ل", "ك")
# The Arabic article with the conjunction and/or preposition written on it (و + ب + ال, or ل + ال written لل),
# at the start of a word that goes on for two letters at least: والقانون, بالقانون, للقانون, القانون.
ARABIC_ARTICLE_RUN = re.compile("^[وف]?(?:[بك]?ال|لل)(?=..)")


def without_arabic_marks(text: str) -> str:
    """``text`` without Arabic harakat, Quranic marks and tatweel (``بقوّة`` -> ``بقوة``): optional in the script."""
    return _AR_MARKS_RE.sub("", text)


def tokens(text: str) -> list[tuple[int, int, str]]:
    """Word tokens of ``text`` as ``(start, end, surface)``; punctuation, hyphens and apostrophes split."""
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def is_acronym(word: str) -> bool:
    """True for an all-capitals word of two letters or more (UN, OSCE, ООН): matched case-sensitively."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=200_000)
def fold(word: str, lang: str) -> str:
    """Case-folded word; Arabic also without harakat/tatweel and with unified alef, ya and ta marbuta."""
    w = word.casefold()
    b = base(lang)
    if b == "ar":
        w = _AR_MARKS_RE.sub("", w).translate(_AR_TRANS)
    elif b == "ru":
        w = w.replace("ё", "е")
    return w


@lru_cache(maxsize=64)
def _stemmer(algorithm: str):  # type: ignore[no-untyped-def]
    import snowballstemmer

    return snowballstemmer.stemmer(algorithm)


def _english_plural(w: str) -> str:
    """English inflection is plural and possessive only; Snowball's English stemmer also joins derived
    words ("peacekeeping" and "peacekeepers" -> "peacekeep"), which are different terms."""
    if len(w) > 4 and w.endswith("ies") and w[-4] not in "aeiou":
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


@lru_cache(maxsize=200_000)
def stem(folded: str, lang: str) -> str:
    """Stem of a folded word: Snowball (plural only for English); the word itself where there is no
    stemmer or it is too short."""
    if base(lang) == "en":
        return _english_plural(folded)
    algo = _SNOWBALL.get(base(lang))
    if not algo or len(folded) < 3:
        return folded
    out = _stemmer(algo).stemWord(folded)
    return out or folded


def term_key(word: str, lang: str) -> str:
    """The key of one word of a glossary term."""
    w = fold(word, lang)
    if base(lang) == "ar" and w.startswith("ال") and len(w) > 3:
        w = w[2:]
    return stem(w, lang)


@lru_cache(maxsize=200_000)
def text_variants(word: str, lang: str) -> tuple[str, ...]:
    """The folded word, and for Arabic also the word without each possible run of proclitics."""
    w = fold(word, lang)
    if base(lang) != "ar":
        return (w,)
    out = {w: None}
    for conj in _AR_CONJ:
        for prep in _AR_PREP:
            for art in ("", "ال"):
                prefix = conj + prep + art
                if prefix and w.startswith(prefix) and len(w) - len(prefix) >= 2:
                    out.setdefault(w[len(prefix) :], None)
        lil = conj + "لل"  # ل + ال contracted
        if w.startswith(lil) and len(w) - len(lil) >= 2:
            out.setdefault(w[len(lil) :], None)
    return tuple(out)


@lru_cache(maxsize=200_000)
def text_keys(word: str, lang: str) -> frozenset[str]:
    """Every key a word of running text may match: for Arabic, one per way of splitting off clitics."""
    return frozenset(stem(v, lang) for v in text_variants(word, lang))


# Languages whose stemmer leaves case endings apart often enough that the prefix rule is needed. Not
# English, French or Spanish: there it would let "Russian" match "Russia" and "turque" match "Turquie".
PREFIX_LANGS = frozenset({"ru", "ar", "uk", "be", "bg", "pl", "cs", "sk", "sr", "hr", "sl", "fi", "hu", "tr"})


def proclitic_forms(word: str) -> list[str]:
    """A folded Arabic word as it may be written with a conjunction and/or a preposition on it, itself first (the
    other way round from :func:`text_variants`): قانون -> وقانون, بقانون, لقانون, فبقانون...; القانون -> والقانون,
    بالقانون, للقانون (ل + ال is written لل)."""
    definite = word.startswith("ال") and len(word) > 3
    forms = [c + ("لل" + word[2:] if p == "ل" and definite else p + word) for c in _AR_CONJ for p in _AR_PREP]
    # a word whose first letters only look like the article (ألمانيا, folded المانيا) takes ل as it is: لألمانيا
    return forms + [c + "ل" + word for c in _AR_CONJ] if definite else forms


def extends(word: str, shorter: str) -> bool:
    """``word`` is ``shorter`` (three letters or more) with one or two letters more at its end: in the languages of
    :data:`PREFIX_LANGS` but Arabic, a form of it that Snowball cuts apart (режим -> реж, but режима -> режим)."""
    return len(shorter) >= 3 and 0 < len(word) - len(shorter) <= 2 and word.startswith(shorter)


def key_match(text_key: str, term: str, prefix_rule: bool) -> bool:
    """Whether a key of running text matches a term's key: equal; with ``prefix_rule`` (the language is one of
    :data:`PREFIX_LANGS`) also a prefix at least four letters long lacking at most two."""
    if text_key == term:
        return True
    if not prefix_rule:
        return False
    short, long_ = (text_key, term) if len(text_key) < len(term) else (term, text_key)
    return len(short) >= 4 and len(long_) - len(short) <= 2 and long_.startswith(short)
