"""What the aligner looks at in a segment: length, anchors, cognates, lexicon words, boilerplate.

Every segment becomes a bag of *features*, strings meant to be equal across languages when the segments
translate each other: anchors that survive translation (numbers, document symbols, URLs, e-mail addresses,
Latin-script names, quotes and brackets), cognate stems (Latin, and Cyrillic transliterated to Latin) and,
after bootstrapping, learnt word pairs. Bags are hashed into dense vectors (signed feature hashing) so that
the search compares segments, and groups of segments, with dot products.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..glossary.normalise import without_arabic_marks
from ..glossary.translit import SOUND_CLASSES, latin_spelling, sound_spelling
from ..languages import base
from .numbers import number_words

__all__ = [
    "is_boilerplate",
    "is_debris",
    "cut_after",
    "bracket_cuts",
    "end_marks",
    "joined_at",
    "char_length",
    "anchors",
    "cognates",
    "latin_spelling",
    "sound_spelling",
    "names",
    "leading_name",
    "skeletons",
    "months",
    "words",
    "FeatureHasher",
]

# Lines that page layout adds and that are no translation of anything: page numbers ("12", "3/10"),
# UN job numbers ("15-55992", "93973 (E)") and document symbols standing alone ("A/69/716").
_BOILERPLATE = re.compile(
    r"""^\s*(?:
        \d{1,4}                              # page number
      | \d{1,4}\s*/\s*\d{1,4}                # page n/m
      | \d{2}-\d{5}(?:\s*\(.{1,3}\))?        # job number 15-55992
      | \d{5}\s*\(.{1,3}\)                   # job number 93973 (E)
      | [A-Z][A-Z0-9]*(?:/[A-Za-z0-9.\-]*){2,}  # document symbol alone: S/2015/165, A/CONF/224/PC/III//4
    )\s*$""",
    re.VERBOSE,
)
_TERMINAL = re.compile(r"[.!?;:。！？；：…»\"”'’)\]）؟؛]\s*$")
_NUM = re.compile(r"\d+(?:[,.\u00a0\u202f ]\d{3}(?!\d))*(?:[.,]\d+)?")
_SYMBOL = re.compile(r"\b[A-Z][A-Z0-9]*(?:/[A-Za-z0-9.\-]+)+")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'）)]+|[\w.+-]+@[\w-]+\.[\w.]+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LATIN_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+")
_QUOTES = re.compile(r"[\"“”«»„《》「」]")
_BRACKETS = re.compile(r"[(（]")

_ARABIC_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال", "و")


def is_boilerplate(text: str) -> bool:
    """True for lines page layout adds: page numbers, job numbers, a document symbol alone."""
    return bool(_BOILERPLATE.match(text))


DEBRIS_MAX_ALNUM = 1  # letters or digits a line of debris holds at most


def is_debris(text: str) -> bool:
    """True for a non-empty line with (almost) no letter or digit, such as OCR debris (``.....``, ``- _-``),
    which is rarely a translation of anything; page numbers are :func:`is_boilerplate` instead."""
    return bool(text.strip()) and not _alnum_at_least(text, DEBRIS_MAX_ALNUM + 1) and not is_boilerplate(text)


_OPEN_END = re.compile(r"(?:[,，、،\-–—]|[^\W\d_])\s*$")
_LOWER_START = re.compile(r"^\W*[a-zà-ÿа-я]")
# the marker of a list item: "a)", "(iv)", "2. ", "3 - " (Arabic): the start of a new item, not of a cut piece
_LIST_START = re.compile(r"^(?:\(?[a-zа-я]{1,2}\)|\(?[ivx]{1,4}\)|\d{1,3}\s*[.)]\s|[\d٠-٩]{1,3}\s*-\s)")
_SEPARATOR_END = re.compile(r"[,;，；،؛]\s*$")


CUT_MIN_CHARS = 4  # letters or digits each piece of a cut paragraph holds at least


def _alnum_at_least(text: str, count: int) -> bool:
    """True when ``text`` holds at least ``count`` letters or digits (stops as soon as it has seen them)."""
    for ch in text:
        if ch.isalnum():
            count -= 1
            if count <= 0:
                return True
    return count <= 0


_ENDS_IN_DIGIT = re.compile(r"\d\s*$")


def end_marks(texts: Sequence[str]) -> np.ndarray:
    """Per text, how it ends: 1 with sentence-final punctuation, -1 without (a heading, a label, a cut piece), 0
    with a digit (a time, a date or a number often closes a sentence in one version and not in another). The
    punctuation (``_TERMINAL``) includes a closing bracket or quote (unlike
    :func:`tmtool.documents.repair.ends_sentence`, which looks behind closing quotes to repair text)."""
    return np.fromiter((1 if _TERMINAL.search(t) else 0 if _ENDS_IN_DIGIT.search(t) else -1 for t in texts),
                       dtype=np.int8, count=len(texts))


def cut_after(texts: Sequence[str], *, strict: bool = False) -> np.ndarray:
    """1.0 where segment k looks cut from segment k+1 by a page break, else 0.0.

    Cut: ``k`` leaves a bracket open that a following segment closes (:func:`bracket_cuts`); ``k`` ends open
    (comma, or a letter) and ``k+1`` starts in lower case; in scripts without case,
    ``k`` ends with a comma or (unless ``strict``) is long and ends in a letter. Numbers cut from their words count
    too: ``k`` ends in a digit and ``k+1`` starts in lower case (``le lundi 19`` / ``janvier 2015``), or ``k`` ends
    with a comma or semicolon and ``k+1`` starts with a number (``for 483,`` / ``918 people``). Never a cut: ``k+1``
    is a layout line or starts with a list marker (``a)``, ``2.``, ``3 -``).
    """
    out = bracket_cuts(texts)
    for k in range(len(texts) - 1):
        a, b = texts[k].rstrip(), texts[k + 1].lstrip()
        if not a or not b or is_boilerplate(a) or is_boilerplate(b) or _LIST_START.match(b):
            continue
        if not (_alnum_at_least(a, CUT_MIN_CHARS) and _alnum_at_least(b, CUT_MIN_CHARS)):
            continue  # a few letters (OCR debris such as "JfV", "f r") are no piece of a paragraph
        lower = _LOWER_START.match(b) is not None
        if (a[-1].isdigit() and lower) or (_SEPARATOR_END.search(a) and b[:1].isdigit()):
            out[k] = 1.0
        elif not _OPEN_END.search(a):
            continue
        elif lower:
            out[k] = 1.0
        elif not b[:1].isupper() and not b[:1].isdigit() and (a[-1] in ",，、،" or (len(a) >= 40 and not strict)):
            out[k] = 1.0
    return out


# Brackets and quotes that a sentence splitter or a page break may cut: a piece that opens one and leaves it open,
# followed by a piece that closes it, is one sentence ("... ( « Makalu » , Grenoble-Paris :" / "B.Arthaud ) , das
# jetzt ..."). Translators keep a bracket with its sentence, so the pieces belong in one link (twelfth round).
_BRACKET_PAIRS = {"(": ")", "[": "]", "（": "）", "《": "》", "«": "»"}
BRACKET_WINDOW = 3  # the closing bracket is looked for in this many following segments
_BRACKET_CHAR = re.compile("[" + re.escape("".join(_BRACKET_PAIRS) + "".join(_BRACKET_PAIRS.values())) + "]")


def _guillemets_reversed(texts: Sequence[str]) -> bool:
    """True when the text quotes »like this« (German usage) rather than «like this»."""
    firsts = [t[min(t.index("«"), t.index("»"))] for t in texts if "«" in t and "»" in t]
    return firsts.count("»") > firsts.count("«")


def _open_and_closed(text: str, pairs: dict[str, str]) -> tuple[list[str], set[str]]:
    """The brackets ``text`` opens and leaves open (innermost last), and those it closes without opening them."""
    closers = {c: o for o, c in pairs.items()}
    stack: list[str] = []
    closed: set[str] = set()
    for ch in _BRACKET_CHAR.findall(text):
        if ch in pairs:
            stack.append(ch)
        elif ch in closers:
            opener = closers[ch]
            if opener in stack:
                while stack.pop() != opener:  # an inner bracket left open is closed with its outer one
                    pass
            else:
                closed.add(opener)
    return stack, closed


def bracket_cuts(texts: Sequence[str]) -> np.ndarray:
    """1.0 where segment ``k`` leaves a bracket or guillemet open and one of the next :data:`BRACKET_WINDOW`
    segments closes it (1.0 too for the segments in between), else 0.0. A layout line in between stops the search."""
    pairs = dict(_BRACKET_PAIRS)
    if _guillemets_reversed(texts):
        del pairs["«"]
        pairs["»"] = "«"
    out = np.zeros(len(texts))
    for k in range(len(texts) - 1):
        opened, _ = _open_and_closed(texts[k], pairs)
        if not opened:
            continue
        for j in range(k + 1, min(len(texts), k + 1 + BRACKET_WINDOW)):
            if is_boilerplate(texts[j]):
                break
            if opened[-1] in _open_and_closed(texts[j], pairs)[1]:
                out[k:j] = 1.0
                break
    return out


# a list marker after the start of a segment: the next unit of a list joined to the previous one ("... submitted to the
# Executive Board 2. Encourages UNICEF", "4. Other matters. 5. Also at the same meeting", "... التنفيذي 2 - يشجع",
# "...决定草案2. 鼓励", "妇女地位委员会，10. 欢迎"); Russian operative paragraphs start in lower case ("2. призывает")
_JOINED = (
    re.compile(r"[^\W\d_][.:;)]?\s+\d{1,3}\.\s+[A-ZА-Яа-яё]"),
    re.compile(r"\S\s+[\d٠-٩]{1,3}\s*-\s+\S"),
    re.compile(r"[。；：，\u4e00-\u9fff]\s*\d{1,3}\.\s*[\u4e00-\u9fff]"),
)


def joined_at(texts: Sequence[str]) -> np.ndarray:
    """1.0 where a segment holds a list marker after its start (two units of a list joined into one), else 0.0."""
    return np.fromiter((any(p.search(t, 1) for p in _JOINED) for t in texts), dtype=np.float64, count=len(texts))


# In Chinese or Japanese text, numbers, document symbols and names in Latin letters (`S/2015/165`, `2015年`, `Sergio
# Camacho`) are as long as in the Latin-script version they translate, while the rest of the text is about three
# times shorter: such characters count less, so a paragraph full of them does not look far too long for its
# translation: a third, about the ratio of Chinese to English characters (docs/alignment-rounds.md, "Seventh round").
_LATIN_IN_CJK = re.compile(r"[\x21-\x7e\u00a0-\u024f\u0370-\u04ff\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]")
LATIN_IN_CJK_WEIGHT = 1 / 3


def char_length(texts: Sequence[str]) -> np.ndarray:
    """Length of each text in characters, white space not counted; in a text with Chinese characters, Latin and
    Cyrillic letters, digits and ASCII signs count ``LATIN_IN_CJK_WEIGHT`` each (a third)."""

    def length(text: str) -> float:
        n = len(text) - text.count(" ")
        if _HAN.search(text):
            n -= (1.0 - LATIN_IN_CJK_WEIGHT) * len(_LATIN_IN_CJK.findall(text))
        return n

    return np.fromiter((length(t) for t in texts), dtype=np.float64, count=len(texts))


def _ascii_digits(raw: str) -> str:
    """Arabic-Indic, Persian, full-width... digits as ASCII (``\\d`` matches them all)."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in raw)


def _number(raw: str) -> str:
    digits = _ascii_digits(re.sub(r"[\s\u00a0\u202f\u066c]", "", raw)).replace("\u066b", ".")
    # "1,641,294" / "1.641.294" / "1 641 294" -> 1641294; a decimal part keeps its digits only
    if re.fullmatch(r"\d{1,3}(?:[,.]\d{3})+", digits):
        return digits.replace(",", "").replace(".", "")
    return re.sub(r"[,.]", ".", digits)


# Month names (en, fr, es, de, ru stems, ar): a date's month is an anchor across languages and scripts
_MONTHS = [
    "january janvier enero januar январ يناير كانون الثاني",
    "february février fevrier febrero februar феврал فبراير شباط",
    "march mars marzo märz март مارس آذار",
    "april avril abril april апрел أبريل ابريل نيسان",
    "may mai mayo mai мая май مايو أيار",
    "june juin junio juni июн يونيه يونيو حزيران",
    "july juillet julio juli июл يوليه يوليو تموز",
    "august août aout agosto august август أغسطس آب",
    "september septembre septiembre setiembre september сентябр سبتمبر أيلول",
    "october octobre octubre oktober октябр أكتوبر اكتوبر تشرين الأول",
    "november novembre noviembre november ноябр نوفمبر تشرين الثاني",
    "december décembre decembre diciembre dezember декабр ديسمبر كانون الأول",
]
_MONTH_OF = {w: k + 1 for k, names in enumerate(_MONTHS) for w in names.split() if w not in ("كانون", "تشرين", "الثاني", "الأول")}
_MONTH = re.compile(r"(?<!\w)(" + "|".join(sorted(map(re.escape, _MONTH_OF), key=len, reverse=True)) + r")\w{0,3}(?!\w)", re.I)
_HAN_MONTH = re.compile(r"(\d{1,2})\s*月")
_NEAR_DIGIT = re.compile(r"\d")


def months(text: str) -> list[str]:
    """Month features of dates ("6 March 2015", "2015年3月6日", "6 آذار/مارس 2015"): a month name counts only
    next to a number, so the English modal "may" is no month."""
    out = [f"M:{int(_ascii_digits(m.group(1)))}" for m in _HAN_MONTH.finditer(text)]
    for m in _MONTH.finditer(text):
        if _NEAR_DIGIT.search(text, max(0, m.start() - 8), m.start()) or _NEAR_DIGIT.search(text[m.end() : m.end() + 8]):
            out.append(f"M:{_MONTH_OF[m.group(1).lower()]}")
    return list(dict.fromkeys(out))


# Arabic UN texts converted from PDF or Word often write the thousands groups of a number in reverse order, as the
# right-to-left layout shows them: "294 641 1" for 1,641,294, "300 288" for 288,300.
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_GROUPS_REVERSED = re.compile(r"(?<![\d,.])\d{3}(?:[ \u00a0\u202f]\d{3})*[ \u00a0\u202f]\d{1,3}(?![\d,.])")


def _reversed_groups(text: str, out: list[str]) -> str:
    """Add the reversed reading of space-grouped numbers in Arabic text to ``out``; return ``text`` without the
    numbers that can only be read reversed (a last group of one or two digits), which keep that reading alone."""
    def read(m: re.Match[str]) -> str:
        groups = re.split(r"[ \u00a0\u202f]", _ascii_digits(m.group(0)))
        out.append("N:" + "".join(reversed(groups)))
        return " " * len(m.group(0)) if len(groups[-1]) < 3 else m.group(0)

    return _GROUPS_REVERSED.sub(read, text)


def anchors(text: str) -> list[str]:
    """Features that survive translation unchanged: numbers (in digits or in words, :mod:`.numbers`), symbols, URLs,
    quotes, brackets."""
    out: list[str] = []
    for m in _URL.finditer(text):
        out.append("U:" + m.group(0).lower().rstrip(".,;"))
    for m in _SYMBOL.finditer(text):
        out.append("S:" + m.group(0).upper())
    if _ARABIC_LETTER.search(text):
        text = _reversed_groups(text, out)
    for m in _NUM.finditer(text):
        out.append("N:" + _number(m.group(0)))
    out.extend(number_words(text))
    out.extend(months(text))
    if _QUOTES.search(text):
        out.append("P:quote")
    if _BRACKETS.search(text):
        out.append("P:bracket")
    return out


@lru_cache(maxsize=200_000)
def _stem4(word: str) -> str:
    folded = latin_spelling(word).translate(SOUND_CLASSES)
    return "C:" + folded[:4] if len(folded) >= 4 else ""


# Consonant skeletons so that names written in Arabic letters meet their Latin (or Cyrillic) spelling:
# Arabic writes no short vowels, so both sides keep consonants only, folded to coarse classes.
_AR_CONSONANT = dict(zip("بتثجخدذرزسشصضطظغفقكلمنپچڤگ", "btsjkddrssssdtsjfkklmnbjfj"))
_LATIN_SKELETON = str.maketrans({"c": "k", "q": "k", "z": "s", "x": "k", "v": "f", "p": "b", "g": "j", "w": None,
                                 "h": None, "a": None, "e": None, "i": None, "o": None, "u": None, "y": None})
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]+")


def skeletons(text: str, script: str) -> list[str]:
    """Consonant skeletons (first 4 consonant classes) of names: capitalised Latin/Cyrillic words, or
    Arabic words (without the article), for matching transliterated names across the two scripts."""
    out = []
    if script == "Arabic":
        for w in _ARABIC_WORD.findall(text):
            for p in ("وال", "بال", "لل", "ال", "و"):
                if w.startswith(p) and len(w) - len(p) >= 4:
                    w = w[len(p) :]
                    break
            k = "".join(_AR_CONSONANT.get(ch, "") for ch in w)
            if len(k) >= 3:
                out.append("K:" + k[:4])
    elif script in ("Latin", "Cyrillic"):
        for w in _WORD.findall(text):
            if len(w) >= 5 and w[:1].isupper():
                k = latin_spelling(w)
                k = k.replace("zh", "j").replace("ph", "f").replace("ch", "s").replace("sh", "s").replace("th", "t")
                k = re.sub(r"(.)\1", r"\1", k.translate(_LATIN_SKELETON))
                if len(k) >= 3:
                    out.append("K:" + k[:4])
    return out


def cognates(text: str, script: str) -> list[str]:
    """Cognate stems of the words of 5+ letters (Latin, or Cyrillic transliterated): folded 4-letter prefixes."""
    if script not in ("Latin", "Cyrillic"):
        # names and titles left in Latin letters inside Chinese or Arabic text still meet their counterparts
        return [c for c in (_stem4(w) for w in _LATIN_WORD.findall(text) if len(w) >= 5) if c]
    return [c for c in (_stem4(w) for w in _WORD.findall(text) if len(w) >= 5) if c]


def names(text: str) -> list[str]:
    """Cognate stems (as :func:`cognates` gives them) of the proper names in ``text``: words of 5+ letters that start
    with a capital, are not all capitals, and are not the first word (which any sentence capitalises)."""
    return _capitalised_stems(_WORD.findall(text)[1:])


def leading_name(text: str) -> list[str]:
    """The cognate stem of the first word of ``text`` when it could be a name (capitalised, 5+ letters, not all
    capitals): a sentence may start with a name (``Evans , Gipfelmannschaften ...``), but it capitalises any first
    word, so this is weaker evidence than :func:`names`."""
    return _capitalised_stems(_WORD.findall(text)[:1])


def _capitalised_stems(found: Sequence[str]) -> list[str]:
    return [c for c in (_stem4(w) for w in found if len(w) >= 5 and w[0].isupper() and not w.isupper()) if c]


def words(text: str, lang: str) -> list[str]:
    """Word types for lexicon learning: 5-letter stems; Arabic without its article and its vowel marks; Chinese
    character bigrams."""
    primary = base(lang)
    if primary in ("zh", "ja"):
        out = []
        for run in _HAN.findall(text):
            out.extend(run[k : k + 2] for k in range(max(1, len(run) - 1)))
        return list(dict.fromkeys(out))
    out = []
    if primary == "ar":  # vowel marks and tatweel are no letters to \w: they would cut a word in pieces
        text = without_arabic_marks(text)
    for w in _WORD.findall(text.lower()):
        if primary == "ar":
            for p in _ARABIC_PREFIXES:
                if w.startswith(p) and len(w) - len(p) >= 3:
                    w = w[len(p) :]
                    break
        if len(w) >= 2:
            out.append(w[:5])
    return list(dict.fromkeys(out))


class FeatureHasher:
    """Signed feature hashing into ``dim`` dimensions, weighted by inverse document frequency. ``salt``, put before
    every feature, draws another hash function: features that collided no longer do, and others do instead."""

    def __init__(self, dim: int, salt: str = "") -> None:
        self.dim = dim
        self.salt = salt
        self._cache: dict[str, tuple[int, float]] = {}

    def _slot(self, feature: str) -> tuple[int, float]:
        hit = self._cache.get(feature)
        if hit is None:
            h = zlib.crc32((self.salt + feature).encode("utf-8"))
            hit = (h % self.dim, 1.0 if (h >> 31) & 1 else -1.0)
            self._cache[feature] = hit
        return hit

    def entries(
        self, bags: Sequence[Sequence[str]], weight: dict[str, float]
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The nonzero terms of the hashed rows, in row order: (row, slot, signed weight) per weighted feature of a
        bag (unknown features: none); a row's vector is the sum of its terms."""
        rows: list[int] = []
        cols: list[int] = []
        vals: list[float] = []
        slot, get = self._slot, weight.get
        for r, bag in enumerate(bags):
            for f in bag:
                w = get(f)
                if w:
                    c, s = slot(f)
                    rows.append(r)
                    cols.append(c)
                    vals.append(s * w)
        return np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64), np.asarray(vals, dtype=np.float64)

    def vectors(self, bags: Sequence[Sequence[str]], weight: dict[str, float]) -> np.ndarray:
        """One row per bag: the sum of its features' signed slots times their weight (unknown features: 0)."""
        rows, cols, vals = self.entries(bags, weight)
        flat = np.bincount(rows * self.dim + cols, vals, minlength=len(bags) * self.dim)
        return flat.astype(np.float32).reshape(len(bags), self.dim)
