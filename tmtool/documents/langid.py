"""Telling the language of a document: from UN file-name conventions and from its characters.

The script decides most languages (Han -> zh, Arabic -> ar, Cyrillic -> ru ...); Latin-script languages are told
apart by their most frequent function words. No statistical model: the UN languages differ enough for this.
"""

from __future__ import annotations

import re
from collections import Counter
from os import PathLike
from pathlib import PurePath

from ..languages import dominant_script, script_of

__all__ = ["detect_language", "language_from_filename", "language_scores", "STOP_WORD_LANGUAGES"]

# Function words per Latin-script language (frequent, short, and rare in the other languages listed).
_STOP_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to is that for with this are be was it from which have has by".split()),
    "fr": frozenset("le les des du et est une dans pour qui au aux sur par pas cette sont été".split()),
    "es": frozenset("el los las del y que por con una para se al lo su como sobre fue".split()),
    "de": frozenset("der die das und ist nicht mit den dem ein eine zu auf für sich von im".split()),
    "it": frozenset("il di che della delle gli nel nella sono non alla dei anche".split()),
    "pt": frozenset("o os do da dos em uma com não no na ao pelo pela".split()),
    "nl": frozenset("het een van dat op zijn voor niet aan ook wordt worden".split()),
}
STOP_WORD_LANGUAGES = frozenset(_STOP_WORDS)  # the Latin-script languages detect_language can tell apart
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)

# UN document-symbol language suffixes: A_78_371-E.pdf, letter_EN.docx, letter.fr.txt, A-78-371-FR.docx ...
_CODES = {
    "ar": "ar", "en": "en", "es": "es", "fr": "fr", "ru": "ru", "zh": "zh", "ch": "zh", "de": "de",
    "ara": "ar", "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "rus": "ru", "chi": "zh", "zho": "zh",
    "cmn": "zh", "arb": "ar",
}
_ONE_LETTER = {"A": "ar", "C": "zh", "E": "en", "F": "fr", "R": "ru", "S": "es"}
_NAME_TAIL_RE = re.compile(r"(?:^|[._\-\s])([A-Za-z]{1,3})$")


def language_from_filename(path: str | PathLike[str]) -> str | None:
    """The language a UN-style file name states, e.g. ``A_78_371-FR.docx -> "fr"``, ``letter.zh.txt -> "zh"``,
    ``A_78_371-E.pdf -> "en"``; ``None`` if the name does not say."""
    stem = PurePath(path).name
    while "." in stem:  # drop the extension(s) that are not a language code
        head, _, ext = stem.rpartition(".")
        if ext.lower() in _CODES and head:
            return _CODES[ext.lower()]
        stem = head
    match = _NAME_TAIL_RE.search(stem)
    if not match:
        return None
    code = match.group(1)
    if len(code) == 1:  # one letter only in the UN job-number style, upper case after - or _
        return _ONE_LETTER.get(code) if code.isupper() and stem[-2:-1] in "-_" else None
    return _CODES.get(code.lower())


def language_scores(text: str) -> Counter[str]:
    """Stop-word hits per Latin-script language in ``text`` (lower-cased words)."""
    scores: Counter[str] = Counter()
    for word in _WORD_RE.findall(text.lower()):
        for lang, words in _STOP_WORDS.items():
            if word in words:
                scores[lang] += 1
    return scores


def _by_script(text: str, script: str) -> str | None:
    if script == "Han":
        return "ja" if any(script_of(c) == "Kana" for c in text) else "zh"
    if script == "Arabic":
        persian = sum(text.count(c) for c in "پچژگ")
        return "fa" if persian > 3 else "ar"
    if script == "Cyrillic":
        ukrainian = sum(text.count(c) for c in "іїєґ")
        return "uk" if ukrainian > 3 else "ru"
    return {"Greek": "el", "Hebrew": "he", "Hangul": "ko", "Kana": "ja"}.get(script)


def detect_language(text: str) -> str | None:
    """The language of ``text`` as a primary tag (``"en"``, ``"zh"`` ...), or ``None`` if it cannot be told.

    Han counts per character, other scripts per letter, so a Chinese text with an English header reads as Chinese.
    Latin-script text needs a clear winner among en/fr/es/de/it/pt/nl: three function words, or two and none of
    another language.
    """
    script, share = dominant_script(text)
    if share == 0.0:
        return None
    if script != "Latin":
        return _by_script(text, script) if share >= 0.3 else None
    # A non-Latin script with a fair share wins over Latin headers and symbols (ru/ar versions of UN documents).
    others = Counter(script_of(c) for c in text if c.isalpha() and script_of(c) not in ("Latin", "Other"))
    if others:
        other, count = others.most_common(1)[0]
        letters = sum(1 for c in text if c.isalpha())
        if count >= 0.2 * letters:
            return _by_script(text, other)
    scores = language_scores(text)
    if not scores:
        return None
    (best, top), *rest = scores.most_common(2) + [("", 0)]
    second = rest[0][1]
    if top < 1.5 * second or top < 3 and (second or top < 2):  # short texts: two hits and no rival
        return None
    return best

