"""Language tags and scripts.

Tags are BCP 47-ish: ``normalise_tag("EN-us") == "en-US"``; :func:`base` gives the primary subtag used
for matching (``"fr-CA" -> "fr"``). The six UN official languages are :data:`UN_LANGUAGES`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .errors import UsageError, shown

__all__ = [
    "UN_LANGUAGES",
    "normalise_tag",
    "language_tag",
    "tag_from_name",
    "two_letter_code",
    "base",
    "parse_lang_list",
    "script_of",
    "dominant_script",
    "is_rtl",
    "uses_spaces",
    "expected_script",
    "is_cased",
]

UN_LANGUAGES: tuple[str, ...] = ("ar", "en", "es", "fr", "ru", "zh")

_TAG_RE = re.compile(r"^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$")
_RTL = {"ar", "he", "fa", "ur", "yi", "ps", "dv"}
_NO_SPACES = {"zh", "ja", "th", "lo", "km", "my"}
# The script each language is written in (as named by :func:`script_of`); Latin unless listed.
_SCRIPTS = {
    "zh": "Han", "ja": "Han", "ko": "Hangul",
    "ar": "Arabic", "fa": "Arabic", "ur": "Arabic", "ps": "Arabic",
    "ru": "Cyrillic", "uk": "Cyrillic", "be": "Cyrillic", "bg": "Cyrillic", "sr": "Cyrillic", "mk": "Cyrillic",
    "kk": "Cyrillic", "ky": "Cyrillic", "tg": "Cyrillic", "mn": "Cyrillic",
    "el": "Greek", "he": "Hebrew", "yi": "Hebrew",
}
_NON_LATIN_OTHER = {"hi", "mr", "ne", "bn", "ta", "te", "th", "lo", "km", "my", "am", "hy", "ka", "si", "gu", "pa"}


def normalise_tag(tag: str) -> str:
    """Normalise a language tag: lower-case language (two-letter where ISO 639-1 has a code for a three-letter
    one), Title-case script, upper-case region.

    ``"EN-us" -> "en-US"``, ``"zh_hans_cn" -> "zh-Hans-CN"``, ``"eng" -> "en"``, ``"cmn_Hans" -> "zh-Hans"``,
    ``"*all*"`` is kept as is.
    Raises :class:`UsageError` for something that is not a tag.
    """
    tag = tag.strip()
    if tag.lower() == "*all*":
        return "*all*"
    if not _TAG_RE.match(tag):
        raise UsageError(f"not a language tag: {shown(tag)}")
    parts = re.split(r"[-_]", tag)
    language = parts[0].lower()
    out = [two_letter_code(language) or language]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif len(part) == 2 and part.isalpha() or len(part) == 3 and part.isdigit():
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def language_tag(value: str) -> str | None:
    """``value`` normalised (:func:`normalise_tag`) if it is a language tag whose language is two or three letters
    (``en``, ``fr-CA``, ``eng``), else None (``English``, ``x``, ``*all*``): a cell of a glossary's CSV.

    A two-letter language must be an ISO 639-1 code (CLDR knows them all, and the deprecated ``iw``, ``in``...):
    ``zz``, ``xx`` are None. Three-letter codes are not checked (ISO 639-3 has thousands CLDR does not list)."""
    try:
        tag = normalise_tag(value)
    except UsageError:
        return None
    language = tag.split("-")[0]
    if len(language) == 2:
        return tag if language in _two_letter_languages() else None
    return tag if len(language) == 3 else None


@lru_cache(maxsize=1)
def _two_letter_languages() -> frozenset[str]:
    """The two-letter language codes CLDR knows (through babel), deprecated ones (``iw``, ``in``, ``mo``) included."""
    from babel import Locale
    from babel.core import get_global

    codes = set(Locale("en").languages) | set(get_global("language_aliases"))
    return frozenset(c for c in codes if len(c) == 2)


@lru_cache(maxsize=1)
def _iso639_aliases() -> dict[str, str]:
    """Three-letter ISO 639-2/639-3 codes that have a two-letter code, to it (CLDR's aliases, read through babel):
    ``eng -> en``, ``fre``/``fra -> fr``, ``arb -> ar``, ``cmn``/``zho``/``chi -> zh``."""
    from babel.core import get_global

    return {k: v for k, v in get_global("language_aliases").items() if len(k) == 3 and len(v) == 2 and v.isalpha()}


def two_letter_code(code: str) -> str | None:
    """The ISO 639-1 code of a lower-case three-letter ISO 639-2/639-3 code (``"fre" -> "fr"``), None where there
    is none (``"fil"``) or ``code`` is no three-letter code."""
    return _iso639_aliases().get(code) if len(code) == 3 else None


# Region and script names CAT tools write that CLDR spells otherwise (memoQ: "Chinese (PRC)").
_REGION_ALIASES = {"prc": "CN", "hong kong sar": "HK", "hong kong": "HK", "macao sar": "MO", "macau": "MO",
                   "uae": "AE", "u a e": "AE", "korea": "KR", "usa": "US", "uk": "GB"}
_SCRIPT_ALIASES = {"simplified": "Hans", "traditional": "Hant", "latin": "Latn", "cyrillic": "Cyrl"}


def _name_key(name: str) -> str:
    """``"Norwegian_Bokmål" -> "norwegian bokmal"``: lower case, no accents, words split at anything else."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(re.findall(r"[a-z0-9]+", plain.lower()))


@lru_cache(maxsize=1)
def _english_names() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """CLDR's English names of languages, regions and scripts, keyed by :func:`_name_key`, to their codes."""
    from babel import Locale

    en = Locale("en")
    languages: dict[str, str] = {}
    for code, name in sorted(en.languages.items(), key=lambda kv: len(kv[0])):  # two letters win
        if code.isalpha() and 2 <= len(code) <= 3:
            languages.setdefault(_name_key(name), code)
    regions = {_name_key(name): code for code, name in en.territories.items()} | _REGION_ALIASES
    scripts = {_name_key(name): code for code, name in en.scripts.items()} | _SCRIPT_ALIASES
    return languages, regions, scripts


def tag_from_name(name: str) -> str | None:
    """The tag of an English language name as CAT tools write it in column headers, None if it is none.

    ``"English_United_States" -> "en-US"``, ``"Chinese_PRC" -> "zh-CN"``, ``"French" -> "fr"``,
    ``"Serbian_Latin" -> "sr-Latn"``, ``"Spanish (Latin America)" -> "es-419"`` (CLDR's names through babel,
    and memoQ's few of its own)."""
    languages, regions, scripts = _english_names()
    words = _name_key(name).split()
    for n in range(len(words), 0, -1):
        if (language := languages.get(" ".join(words[:n]))) is not None:
            break
    else:
        return None
    script, region, i = "", "", n
    while i < len(words):  # what follows the language: a script and a region, each at most once
        for j in range(len(words), i, -1):
            key = " ".join(words[i:j])
            if not script and key in scripts:
                script = scripts[key]
                break
            if not region and key in regions:
                region = regions[key]
                break
        else:
            return None
        i = j
    return "-".join(part for part in (language, script, region) if part)


def base(tag: str) -> str:
    """The primary language subtag, lower case: ``"fr-CA" -> "fr"``."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def parse_lang_list(value: str | None) -> list[str] | None:
    """Parse ``"en,fr, zh"`` into normalised tags; ``None`` or ``""`` gives ``None``."""
    if not value:
        return None
    return [normalise_tag(v) for v in value.split(",") if v.strip()]


def script_of(char: str) -> str:
    """A coarse script name for one character: Latin, Cyrillic, Arabic, Han, Greek, Hebrew, Other."""
    code = ord(char)
    if code < 0x250 and char.isalpha():
        return "Latin"
    if 0x0400 <= code <= 0x052F:
        return "Cyrillic"
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "Arabic"
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2FA1F:
        return "Han"
    if 0x3040 <= code <= 0x30FF:
        return "Kana"
    if 0xAC00 <= code <= 0xD7AF:
        return "Hangul"
    if 0x0370 <= code <= 0x03FF:
        return "Greek"
    if 0x0590 <= code <= 0x05FF:
        return "Hebrew"
    if char.isalpha():
        name = unicodedata.name(char, "")
        return "Latin" if "LATIN" in name else "Other"
    return "Other"


def dominant_script(text: str) -> tuple[str, float]:
    """The script of most letters in ``text`` and the share of letters in it (0.0 if no letters)."""
    counts: dict[str, int] = {}
    total = 0
    for ch in text:
        if ch.isalpha():
            s = script_of(ch)
            counts[s] = counts.get(s, 0) + 1
            total += 1
    if not total:
        return "Other", 0.0
    script = max(counts, key=counts.__getitem__)
    return script, counts[script] / total


def is_rtl(tag: str) -> bool:
    """True for right-to-left languages (Arabic, Hebrew, Persian, ...)."""
    return base(tag) in _RTL


def uses_spaces(tag: str) -> bool:
    """False for languages written without spaces between words (Chinese, Japanese, Thai, ...)."""
    return base(tag) not in _NO_SPACES


def expected_script(tag: str) -> str | None:
    """The script ``tag`` is normally written in (``"Latin"``, ``"Cyrillic"``, ``"Han"`` ...), ``None`` if
    :func:`script_of` has no name for it (Devanagari, Thai ...)."""
    code = base(tag)
    if code in _NON_LATIN_OTHER:
        return None
    return _SCRIPTS.get(code, "Latin")


def is_cased(tag: str) -> bool:
    """True for languages whose script has upper and lower case (Latin, Cyrillic, Greek)."""
    return expected_script(tag) in ("Latin", "Cyrillic", "Greek")
