"""The header of a UN official document, parsed into metadata.

A UN document starts with the organs (``General Assembly Security Council``), its symbol(s), ``Distr.: General``,
the date, ``Original: English``, the session and agenda items with their titles, then the document title. In the
Arabic, Chinese and Russian versions much of this header stays in English or uses the language's own forms;
both are understood. Lines that are pure front matter (organs, symbols, distribution, date, original language)
are taken out of the paragraphs; session lines, agenda items and titles stay as headings, since they are
translated text.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any

from .docx_numbering import ARABIC_ABJAD
from .repair import SECTION_WORDS, SYMBOL, SYMBOL_RE

__all__ = [
    "parse_date",
    "parse_language_name",
    "parse_agenda_items",
    "is_session_or_item_line",
    "split_symbols",
    "FrontMatter",
    "parse_front_matter",
]

_ORGANS = (
    "General Assembly", "Security Council", "Economic and Social Council", "Trusteeship Council", "United Nations",
    "Assemblée générale", "Conseil de sécurité", "Conseil économique et social", "Nations Unies",
    "Asamblea General", "Consejo de Seguridad", "Consejo Económico y Social", "Naciones Unidas",
    "Генеральная Ассамблея", "Совет Безопасности", "Экономический и Социальный Совет", "Организация Объединенных Наций",
    "大会", "安全理事会", "经济及社会理事会", "联合国",
    "الجمعية العامة", "مجلس الأمن", "المجلس الاقتصادي والاجتماعي", "الأمم المتحدة",
)
_ORGANS_RE = re.compile(r"^(?:(?:" + "|".join(map(re.escape, _ORGANS)) + r")[\s,]*)+$", re.IGNORECASE)
_DISTR_RE = re.compile(r"\bDistr\.?\s*:?\s*(General|Limited|Restricted|générale|limitée|restreinte|"
                       r"general|limitada|reservada|Общая|Ограниченная)\b", re.IGNORECASE)
_DISTR_NORMAL = {"general": "general", "générale": "general", "общая": "general", "limited": "limited",
                 "limitée": "limited", "limitada": "limited", "ограниченная": "limited", "restricted": "restricted",
                 "restreinte": "restricted", "reservada": "restricted"}
_DISTR_NATIVE_RE = re.compile(r"(?:分发|分發)\s*[:：]?\s*(一般|普遍|限制)|التوزيع\s*[:：]?\s*(عام|محدود)")
_ORIGINAL_RE = re.compile(
    r"(?:Original|Язык оригинала|Idioma original|原文|الأصل)\s*[:：]?\s*([^\d\n]+?)\s*$", re.IGNORECASE
)
# a sub-item: "(b)", French and Spanish "b)", Arabic "(ب)", Russian "(b)"/"b)"
_SUB = r"(?:\([a-zа-я\u0621-\u064a]{1,4}\)|(?<=\s)[a-zа-я]{1,4}\)(?!\w))"
_AND = r"(?:,|、|،|\band\b|\bet\b|\by\b|\bи\b|和|و)"
_ITEM = rf"\d{{1,3}}(?:\s*{_SUB}(?:\s*{_AND}\s*{_SUB})*)?"
_AGENDA_RE = re.compile(
    r"(?:\b(?:provisional\s+)?agenda\s+items?|\bitems?(?=\s+\d.{0,20}\bpreliminary\s+list)|\bpoints?|\btemas?"
    r"|\bпункты?|议程项目|清单\*?项目|البنود|البندان|البند)\s*"
    rf"(?P<items>{_ITEM}(?:\s*{_AND}\s*{_ITEM})*)",
    re.IGNORECASE,
)
_ITEM_RE = re.compile(rf"(?<![\d/.])(\d{{1,3}})(?![\d/])((?:\s*{_SUB}(?:\s*{_AND}\s*{_SUB})*)?)")
_SUB_RE = re.compile(_SUB)
# Sub-item letters in the English (Latin) form, the one form for every language: Arabic letters by the abjad order
# UN Arabic letters its lists with ((أ) a, (ب) b, (ج) c, (د) d, (هـ) e, (و) f ...); Cyrillic look-alikes of Latin
# letters (a layout slip: UN Russian writes Latin sub-items) as those letters. Other Cyrillic letters stay as
# written: read by the Russian alphabet's order as well, д (5th) and the look-alike е would both be e, and two
# sub-items would look the same.
_TO_LATIN_LETTER = {
    **{letter: chr(ord("a") + i) for i, letter in enumerate(ARABIC_ABJAD[:26])},
    "ا": "a", "إ": "a", "آ": "a", "ة": "e",
    **dict(zip("асеорху", "aceopxy")),
}
# A heading that opens a part of the body, not the document's title: "Summary", "I. Introduction", "Contents".
# Arabic chapters and sections: "أولا - مقدمة" (I.), "ألف - معلومات أساسية" (A.); matched without harakat.
_AR_LABELS = ("أولا|ثانيا|ثالثا|رابعا|خامسا|سادسا|سابعا|ثامنا|تاسعا|عاشرا|حادي عشر|ثاني عشر|ثالث عشر|رابع عشر"
              "|ألف|باء|جيم|دال|هاء|واو|زاي|حاء|طاء|ياء|كاف|لام|ميم|نون")
_SECTION_HEADING_RE = re.compile(
    r"^(?:[IVXLC]{1,6}|[A-Z]|\d{1,2})\.\s|^(?:[一二三四五六七八九十]{1,3})[、.]|"
    rf"^(?:{_AR_LABELS})\s*[-–—]\s|^(?:{SECTION_WORDS})$",
    re.IGNORECASE,
)
_HARAKAT_RE = re.compile("[\u064b-\u0652]")
_ZH_DATE_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_SESSION_RE = re.compile(
    r"\b(?:session|year|période de sessions|année|período de sesiones|año|сессия|год)$|届会议$|第[一二三四五六七八九十百]+年$|"
    r"^(?:.*\s)?(?:الدورة|السنة)\s",
    re.IGNORECASE,
)
_ZH_LANG = {"英文": "en", "英语": "en", "法文": "fr", "法语": "fr", "西班牙文": "es", "西班牙语": "es",
            "俄文": "ru", "俄语": "ru", "中文": "zh", "阿拉伯文": "ar", "阿拉伯语": "ar"}
_AR_LANG = {"الإنكليزية": "en", "الإنجليزية": "en", "الفرنسية": "fr", "الإسبانية": "es", "الروسية": "ru",
            "الصينية": "zh", "العربية": "ar"}


@lru_cache(maxsize=None)
def _month_table() -> dict[str, int]:
    from babel.dates import get_month_names

    table: dict[str, int] = {}
    for locale in ("en", "fr", "es", "ru", "ar"):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for num, name in get_month_names(width, context, locale=locale).items():
                    table[name.lower().rstrip(".")] = num
    # UN Arabic writes both month names: أيلول/سبتمبر
    for name, num in {"كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6, "تموز": 7,
                      "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11, "كانون الأول": 12}.items():
        table[name] = num
    return table


_DATE_RE = re.compile(r"\b(\d{1,2})(?:er|º|°)?\s+(?:de\s+)?([^\W\d_]+(?:\s[^\W\d_]+)?(?:/[^\W\d_]+)?)\.?\s+(?:de\s+)?(\d{4})\b")


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ISO ``YYYY-MM-DD`` (``14 September 2023``, ``14 septembre 2023``,
    ``14 de septiembre de 2023``, ``14 сентября 2023 года``, ``2023年9月14日``, ``14 أيلول/سبتمبر 2023``)."""
    match = _ZH_DATE_RE.search(text)
    if match:
        y, m, d = map(int, match.groups())
        return _iso(y, m, d)
    table = _month_table()
    for match in _DATE_RE.finditer(text):
        day, month, year = match.groups()
        for candidate in (month, *month.split("/"), month.split()[0]):
            num = table.get(candidate.lower().strip())
            if num:
                return _iso(int(year), num, int(day))
    return None


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


@lru_cache(maxsize=None)
def _language_names() -> dict[str, str]:
    from babel import Locale

    names: dict[str, str] = {}
    for ui in ("en", "fr", "es", "ru", "zh", "ar"):
        languages = Locale.parse(ui).languages
        for code in ("ar", "en", "es", "fr", "ru", "zh", "de", "pt", "it"):
            names[languages[code].lower()] = code
    names.update(_ZH_LANG)
    names.update(_AR_LANG)
    return names


def parse_language_name(name: str) -> str | None:
    """A language tag from a language name in any of the six languages (``"anglais" -> "en"``)."""
    name = name.strip().strip(".").lower()
    if name.startswith("بال"):  # Arabic "bi-" (in): بالإنكليزية
        name = name[1:]
    names = _language_names()
    if name in names:
        return names[name]
    for known, code in names.items():
        if known and (name.startswith(known) or known.startswith(name) and len(name) >= 4):
            return code
    return None


def parse_agenda_items(text: str) -> list[str] | None:
    """``"Agenda items 31, 61 and 129"`` -> ``["31", "61", "129"]`` (also ``Points ... de l'ordre du jour``,
    ``Temas ... del programa``, ``Пункты ... повестки дня``, ``议程项目...``, ``البنود ...``, the pre-session
    ``Item 71 (b) of the preliminary list``, ``临时项目清单*项目71(b)``); sub-items in one form whatever the
    language writes (``71 (b)`` from ``71 b)``, ``71(b)``, Arabic ``71 (ب)``; ``71 (b) and (c)`` gives both); ``None``
    if none."""
    match = _AGENDA_RE.search(text)
    if not match or len(text) > 300:
        return None
    items: list[str] = []
    for number, subs in _ITEM_RE.findall(match.group("items")):
        letters = [_latin_letter(sub.strip("()")) for sub in _SUB_RE.findall(subs)]  # "71 (b) and (c)": both
        items += [f"{number} ({letter})" for letter in letters] or [number]
    return items or None


def _latin_letter(letter: str) -> str:
    """A sub-item's letter as English writes it (``ب`` -> ``b``, ``هـ`` -> ``e``, Cyrillic ``с`` -> ``c``); see
    ``_TO_LATIN_LETTER``. Longer labels are kept, lower-cased."""
    letter = letter.replace("\u0640", "").lower()  # the tatweel of هـ
    return _TO_LATIN_LETTER.get(letter, letter) if len(letter) == 1 else letter


def is_session_or_item_line(text: str) -> bool:
    """Whether one header line is a session line (``Seventy-eighth session``) or an agenda item line
    (``Item 71 (b) of the preliminary list*``): lines a UN header sets apart even with no blank line between."""
    text = text.strip()
    return bool(text) and len(text) < 80 and bool(_SESSION_RE.search(text) or parse_agenda_items(text))


def split_symbols(text: str) -> list[str]:
    """The document symbols in ``text``: ``"A/78/371-S/2023/684" -> ["A/78/371", "S/2023/684"]``."""
    return [m.group(0).rstrip(".-") for m in SYMBOL_RE.finditer(text)]


_SYMBOLS_ONLY_RE = re.compile(rf"^{SYMBOL}(?:\s*[-–—\s]\s*{SYMBOL})*$")


class FrontMatter:
    """What :func:`parse_front_matter` found: ``metadata`` and the indexes of the paragraphs it consumed."""

    def __init__(self) -> None:
        self.metadata: dict[str, Any] = {}
        self.consumed: set[int] = set()


def _front_line(text: str, fm: FrontMatter) -> bool:
    """Parse one header paragraph into ``fm.metadata``; True if it is pure front matter (to be removed)."""
    md = fm.metadata
    rest = text
    matched = False
    if _SYMBOLS_ONLY_RE.match(text):
        md.setdefault("symbols", [])
        md["symbols"] += [s for s in split_symbols(text) if s not in md["symbols"]]
        return True
    if _ORGANS_RE.match(text):
        md["organs"] = [o for o in _ORGANS if o.lower() in text.lower()]
        return True
    distr = _DISTR_RE.search(rest) or _DISTR_NATIVE_RE.search(rest)
    if distr:
        value = next(g for g in distr.groups() if g)
        md["distribution"] = _DISTR_NORMAL.get(value.lower(), {"一般": "general", "普遍": "general", "限制": "limited",
                                                              "عام": "general", "محدود": "limited"}.get(value, value))
        rest = rest.replace(distr.group(0), " ")
        matched = True
    original = _ORIGINAL_RE.search(rest)
    if original:
        md["original_language"] = parse_language_name(original.group(1)) or original.group(1).strip()
        rest = rest.replace(original.group(0), " ")
        matched = True
    when = parse_date(rest)
    if when:
        without = _ZH_DATE_RE.sub(" ", _DATE_RE.sub(" ", rest))
        if matched or not re.sub(r"[\s:：.,年]+", "", without) or parse_language_name(without.strip()):
            md.setdefault("date", when)
            rest = without
            matched = True
    # The first page's two columns run into one line ("United Nations A/78/123 General Assembly Distr.: General
    # 5 July 2023 Original: English", or "United Nations A/78/123" alone): organs and symbols around the rest.
    # Taken only when nothing else is left on the line: a title naming an organ and citing a symbol stays a title.
    rest, organs, symbols = _take_organs_and_symbols(rest)
    if not (matched or organs and symbols):
        return False
    leftover = re.sub(r"[\s:：.,]+", " ", rest).strip()
    if leftover and parse_language_name(leftover):  # the language of this version: "French", "Russian"
        leftover = ""
    if leftover:
        return False
    for key, found in (("organs", organs), ("symbols", symbols)):
        if found:
            md.setdefault(key, [])
            md[key] += [item for item in found if item not in md[key]]
    return True


_ORGAN_ANY_RE = re.compile("|".join(map(re.escape, sorted(_ORGANS, key=len, reverse=True))), re.IGNORECASE)


def _take_organs_and_symbols(text: str) -> tuple[str, list[str], list[str]]:
    """``text`` without its organ names and document symbols, and those found (organs as ``_ORGANS`` spells
    them)."""
    found = {m.group(0).lower() for m in _ORGAN_ANY_RE.finditer(text)}
    organs = [o for o in _ORGANS if o.lower() in found]
    symbols = split_symbols(text)
    rest = SYMBOL_RE.sub(" ", _ORGAN_ANY_RE.sub(" ", text))
    return rest, organs, symbols


def parse_front_matter(
    paragraphs: list[tuple[str, str]], dropped: list[str], cells: frozenset[int] = frozenset()
) -> FrontMatter:
    """Read the header of a document from its ``(text, kind)`` paragraphs and the running lines dropped from it.

    The header is everything before the first body paragraph. ``title`` is its last heading that does not open a
    part of the body (``Summary``, ``I. Introduction``: a report's title comes before them). Paragraphs whose
    index is in ``cells`` (table cells) are never header lines.
    """
    fm = FrontMatter()
    for line in dropped:  # running lines only: "A/78/371", "A/78/123        2/5"
        symbols = split_symbols(line)
        if symbols:
            fm.metadata.setdefault("symbols", [])
            fm.metadata["symbols"] += [s for s in symbols if s not in fm.metadata["symbols"]]
    first_body = next((i for i, (_, kind) in enumerate(paragraphs) if kind == "body"), len(paragraphs))
    headings: list[int] = []
    for i, (text, kind) in enumerate(paragraphs[:first_body]):
        if i in cells:
            continue
        if _front_line(text, fm):
            fm.consumed.add(i)
            continue
        items = parse_agenda_items(text)
        if items:
            fm.metadata["agenda_items"] = items
            continue
        if _SESSION_RE.search(text) and len(text) < 80:
            fm.metadata.setdefault("sessions", []).append(text)
        headings.append(i)
    titles = [i for i in headings
              if not _SECTION_HEADING_RE.match(_HARAKAT_RE.sub("", paragraphs[i][0].strip()))] or headings
    if titles:
        fm.metadata["title"] = paragraphs[titles[-1]][0]
    symbols = fm.metadata.get("symbols")
    if symbols:
        fm.metadata["symbols"] = list(dict.fromkeys(symbols))
    return fm

