"""How alike two names sound across scripts: a transliteration/cognate similarity for term extraction, and
the Latin spellings the aligner's cognates use (:func:`latin_spelling`, :func:`sound_spelling`).

Latin and Cyrillic text (Cyrillic transliterated) and Arabic (a consonant map
written for tmtool) become folded Latin letters, with coarse sound classes (c/k/q, s/z, v/w/b, i/y/j);
two names are compared on their consonant skeletons, so "Azerbaijan", "Азербайджан" and "أذربيجان" meet
while "Армении" does not. Scripts without an alphabet mapping here (Han, ...) give ``None``: no evidence.
"""

from __future__ import annotations

import re
import unicodedata

from rapidfuzz import fuzz

from ..languages import base

__all__ = ["latin_skeleton", "name_similarity", "latin_spelling", "sound_spelling", "SOUND_CLASSES"]

_ARABIC = {
    "ا": "a", "أ": "a", "إ": "i", "آ": "a", "ٱ": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h",
    "خ": "kh", "د": "d", "ذ": "z", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "", "غ": "g", "ف": "f", "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h",
    "ة": "a", "و": "u", "ي": "i", "ى": "a", "ء": "", "ئ": "", "ؤ": "", "پ": "p", "ڤ": "v", "گ": "g",
}  # fmt: skip
_VOWELS = frozenset("aeiou")
_SPLIT = re.compile(r"[^\w]+|_")
_TRANSLITERATED = frozenset({"Latin", "Cyrillic", "Arabic"})
# Cyrillic in Latin letters, one spelling a letter (the hard and soft signs as "_", not a letter).
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
    )
)
# Coarse sound classes so that transliterations and spelling variants meet (c/k/q, s/z, v/w/b, i/y/j).
SOUND_CLASSES = str.maketrans({"c": "k", "q": "k", "z": "s", "w": "v", "b": "v", "y": "i", "j": "i", "h": None,
                               "_": None})


def sound_spelling(word: str) -> str:
    """``word`` in Latin letters (Cyrillic transliterated, accents dropped), folded to coarse sound classes, doubled
    letters single: ``программа`` -> ``programa``, ``resolution`` -> ``resolution``, ``commission`` ->
    ``komision``, so that a transliterated word can meet its English cognate."""
    return re.sub(r"(.)\1", r"\1", latin_spelling(word).translate(SOUND_CLASSES))


def latin_spelling(word: str) -> str:
    """``word`` in lower-case ASCII letters: Cyrillic transliterated, accents and other marks dropped
    (``sécurité`` -> ``securite``, ``Совет`` -> ``sovet``)."""
    w = word.lower()
    if w and "а" <= w[0] <= "я" or w[:1] == "ё":
        w = "".join(_CYRILLIC.get(ch, ch) for ch in w)
    w = unicodedata.normalize("NFKD", w)
    return "".join(ch for ch in w if ch.isascii() and ch.isalpha())


def _script(text: str) -> str | None:
    for ch in text:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for script in ("LATIN", "CYRILLIC", "ARABIC"):
                if name.startswith(script):
                    return script.title()
            return None
    return None


def _latin_word(word: str, script: str) -> str:
    if script == "Arabic":
        w = "".join(ch for ch in word if not unicodedata.combining(ch) and ch != "\u0640")
        for article in ("ال", "لل"):  # the article is no part of a name
            if w.startswith(article) and len(w) > len(article) + 2:
                w = w[len(article):]
                break
        return "".join(_ARABIC.get(ch, "") for ch in w)
    return latin_spelling(word)


def _skeleton(word: str, script: str, fold: dict[int, str | None]) -> str:
    letters = _latin_word(word, script).replace("ph", "f").translate(fold)
    skeleton = "".join(ch for ch in letters if ch not in _VOWELS)
    # a doubled consonant is one sound ("Arménie" vs "Armenia", "Russell")
    return "".join(ch for i, ch in enumerate(skeleton) if i == 0 or ch != skeleton[i - 1])


def latin_skeleton(text: str, lang: str | None = None) -> str | None:
    """The consonant skeletons of the words of ``text`` in folded Latin letters, space-separated
    (``"srvn"`` for Azerbaijan), or ``None`` for a script this module does not transliterate (Chinese...)."""
    script = _script(text)
    if script not in _TRANSLITERATED or (lang and base(lang) in ("zh", "ja", "ko", "th")):
        return None
    words = (_skeleton(w, script, SOUND_CLASSES) for w in _SPLIT.split(text))
    return " ".join(w for w in words if w)


def name_similarity(a: str, a_lang: str, b: str, b_lang: str) -> float | None:
    """0-1, how alike ``a`` and ``b`` sound: normalised Indel similarity of their consonant skeletons,
    words sorted (so that word order does not count: "Secretary-General" / "Генерального секретаря");
    ``None`` when either cannot be transliterated or has no consonant."""
    sa, sb = latin_skeleton(a, a_lang), latin_skeleton(b, b_lang)
    if not sa or not sb:
        return None
    return fuzz.token_sort_ratio(sa, sb) / 100
