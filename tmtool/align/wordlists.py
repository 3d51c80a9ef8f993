"""Bilingual word lists the user gives the aligner (``tmtool align --dictionary FILE``).

A word list pairs single words of two languages: ``Berg`` with ``montagne`` and ``mont``. Where both words of a
pair occur in the two texts being aligned, every segment holding one of them gets the shared feature
``W:<word>|<word>``, so that two segments can be seen to say the same thing before the aligner has learnt anything
from the document (:class:`~tmtool.align.pairwise.PairAligner` weighs it half its rarity, and drops it once the
document has taught the aligner one of its words). This matters most for short documents, whose own lexicon is thin
(docs/alignment-rounds.md, "Fourteenth round").

Two formats are read:

- **FreeDict dictionaries** in the dictd format that Debian's ``dict-freedict-*`` packages install
  (``/usr/share/dictd/freedict-deu-fra.index`` with ``freedict-deu-fra.dict.dz`` beside it): give the ``.index``
  or the ``.dict``/``.dict.dz`` file. The two languages come from the name (``deu-fra``: German to French; ISO
  639-1 or 639-2/3 codes). Of each entry, the headword (one word) is paired with the one-word translations of its
  first line and of every numbered sense line (``2. sommet, comble``); definitions, examples and phrases are
  left out.
- **TSV**: a first line naming the two languages (``de<TAB>fr``), then one pair a line, the second column possibly
  several words separated by ``,`` or ``;`` (``Gipfel<TAB>sommet, cime``); ``#`` starts a comment line.

Words are tokenised and matched as glossary terms are (:mod:`tmtool.glossary.normalise`: a list's words by
``term_key``, a text's by ``text_keys``: case-folded, then the Snowball stem where Snowball has the language, plurals
only in English, Arabic clitics tried off), so that the base forms a dictionary lists meet the inflected words of a
text (``Gipfels`` and ``Gipfel``, ``sommets`` and ``sommet``), not the aligner's 5-letter
stems, which pool unrelated words; pairs whose two words share their first five letters are left out, because the
aligner's cognate features already link them. Chinese and Japanese words, written without spaces, are found as any
run of one to :data:`MAX_RUN` characters of the text. A German word the lists lack counts as its head, the longest
ending they hold (``Gipfelmannschaften`` as ``Mannschaft``): German writes compounds as one word.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from ..errors import FormatError, InputError
from ..fileio import regular_file
from ..glossary._text import read_text
from ..glossary.normalise import term_key, text_keys, tokens
from ..languages import base

__all__ = ["WordList", "WordListFeatures", "read_wordlist", "wordlist_features"]

MIN_WORD = 3  # letters; words of two are articles, pronouns, prepositions
_HAN_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+")
_UNSPACED = ("zh", "ja")
_LANG_PAIR = re.compile(r"(?:^|[^a-z])([a-z]{2,3})[-_]([a-z]{2,3})$")
_B64 = {ch: value for value, ch in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}
_ALTERNATIVES = re.compile(r"[,;]")  # between the translations of one sense
_SENSE = re.compile(r"^\s*\d+\.\s+(\S.*)$")
_TRAILING_SENSE = re.compile(r"\s+\d+\.\s*$")
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]|<[^>]*>")
COGNATE_PREFIX = 5  # pairs whose words share this many first letters are left to the cognate features
MAX_RUN = 4  # longest Chinese/Japanese word looked for, in characters
# languages that write compounds as one word: a word the lists lack counts as its head, the longest ending of at
# least MIN_HEAD letters they hold (Gipfelmannschaften -> Mannschaft). German only: the one measured (Text+Berg dev,
# docs/alignment-rounds.md, "Fourteenth round"); Dutch or the Scandinavian languages would be the same rule, unmeasured.
COMPOUNDING = frozenset({"de"})
MIN_HEAD = 4


@dataclass(frozen=True)
class WordList:
    """Word pairs of two languages (``langs``, base codes): ``pairs[w]`` are the words of ``langs[1]`` that
    translate the word ``w`` of ``langs[0]``, all as glossary keys (case-folded, stemmed: ``term_key``).
    ``path``: where it was read from."""

    langs: tuple[str, str]
    pairs: Mapping[str, frozenset[str]]
    path: str = ""

    def oriented(self, src_lang: str, tgt_lang: str) -> Mapping[str, frozenset[str]]:
        """The pairs from ``src_lang`` words to ``tgt_lang`` words (either direction of the list); empty when the
        list is for other languages."""
        a, b = base(src_lang), base(tgt_lang)
        if (a, b) == self.langs:
            return self.pairs
        if (b, a) == self.langs:
            return self._reversed
        return {}

    @cached_property
    def targets(self) -> frozenset[str]:
        """Every word of ``langs[1]`` in the list (as glossary keys)."""
        return frozenset(y for ys in self.pairs.values() for y in ys)

    def words_of(self, lang: str) -> Collection[str]:
        """Every word of ``lang`` in the list (as glossary keys); empty for a language it is not for."""
        a = base(lang)
        return self.pairs.keys() if a == self.langs[0] else self.targets if a == self.langs[1] else ()

    @cached_property
    def _reversed(self) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for x, ys in self.pairs.items():
            for y in ys:
                out.setdefault(y, set()).add(x)
        return {y: frozenset(xs) for y, xs in out.items()}


def read_wordlist(path: str | Path) -> WordList:
    """Read a FreeDict dictd dictionary (``.index``, ``.dict`` or ``.dict.dz``) or a TSV word list.

    :class:`~tmtool.errors.InputError` when the file cannot be read or its languages cannot be told,
    :class:`~tmtool.errors.FormatError` (with the line) when it is malformed."""
    path = Path(path)
    if path.exists():  # a FIFO was read until a writer came, forever without one
        regular_file(path)
    name = path.name
    for suffix in (".index", ".dict.dz", ".dict"):
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            index = path.with_name(stem + ".index")
            data = next((p for p in (path.with_name(stem + ".dict.dz"), path.with_name(stem + ".dict")) if p.exists()),
                        None)
            if data is None or not index.exists():
                raise InputError(f"a dictd dictionary needs {stem}.index and {stem}.dict(.dz) side by side", path)
            regular_file(index)
            regular_file(data)
            langs = _languages(stem, path)
            return WordList(langs, _read_dictd(index, data, langs), str(path))
    return _read_tsv(path)


def _languages(stem: str, path: Path) -> tuple[str, str]:
    """``freedict-deu-fra`` -> ``("de", "fr")``."""
    from babel.core import get_global

    m = _LANG_PAIR.search(stem.lower())
    if m is None:
        raise InputError("cannot tell the two languages from the name (expected e.g. freedict-deu-fra or de-fr)", path)
    aliases = get_global("language_aliases")
    langs = tuple(code if len(code) == 2 else aliases.get(code, "") for code in m.groups())
    if not all(len(code) == 2 for code in langs) or langs[0] == langs[1]:
        raise InputError(f"cannot tell the two languages from the name ({m.group(1)}-{m.group(2)})", path)
    return langs[0], langs[1]


def _number(text: str, path: Path, line: int) -> int:
    """A dictd index number (base 64, most significant digit first)."""
    value = 0
    for ch in text:
        digit = _B64.get(ch)
        if digit is None:
            raise FormatError(f"bad dictd index number {text!r}", path, line)
        value = value * 64 + digit
    return value


def _read_bytes(path: Path) -> bytes:
    try:
        raw = path.read_bytes()
        return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    except OSError as err:  # gzip.BadGzipFile is one
        raise InputError(f"cannot read: {err.strerror or err}", path) from None
    except EOFError:
        raise InputError("cannot read: the compressed file is cut short", path) from None


def _read_dictd(index: Path, data: Path, langs: tuple[str, str]) -> dict[str, frozenset[str]]:
    body = _read_bytes(data)
    try:
        lines = _read_bytes(index).decode("utf-8").splitlines()
    except UnicodeDecodeError as err:
        raise FormatError(f"not UTF-8 ({err.reason})", index) from None
    pairs: dict[str, set[str]] = {}
    for k, line in enumerate(lines, 1):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise FormatError("a dictd index line needs a headword, an offset and a length", index, k)
        head, start, size = cols[0], _number(cols[1], index, k), _number(cols[2], index, k)
        if head.startswith("00database") or head.startswith("00-database"):
            continue
        if start + size > len(body):
            raise FormatError(f"entry {head!r} lies beyond the end of {data.name}", index, k)
        _add(pairs, head, _translations(body[start : start + size].decode("utf-8", "replace")), langs)
    return {w: frozenset(ts) for w, ts in pairs.items()}


def _translations(entry: str) -> list[str]:
    """The translations of a dictd entry: its first line after the headword line, and numbered sense lines."""
    lines = entry.splitlines()[1:]
    chosen = [lines[0]] if lines else []
    chosen += [m.group(1) for m in map(_SENSE.match, lines[1:]) if m]
    out: list[str] = []
    for line in chosen:
        line = _SENSE.sub(r"\1", line.strip())
        out.extend(_ALTERNATIVES.split(_BRACKETS.sub(" ", _TRAILING_SENSE.sub("", line))))
    return out


def _read_tsv(path: Path) -> WordList:
    lines = read_text(path).splitlines()  # as glossary TSV files are read: a BOM, else UTF-8, errors with the line
    numbered = [(k, line) for k, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise FormatError("empty word list (expected a first line such as 'de<TAB>fr')", path)
    k, header = numbered[0]
    codes = [c.strip().lower() for c in header.split("\t")]
    if len(codes) != 2 or not all(re.fullmatch(r"[a-z]{2,3}(?:[-_][a-z0-9]+)*", c) for c in codes):
        raise FormatError("the first line must name the two languages, tab-separated (e.g. 'de<TAB>fr')", path, k)
    langs = (base(codes[0]), base(codes[1]))
    if langs[0] == langs[1]:
        raise FormatError(f"both columns are in {langs[0]}", path, k)
    pairs: dict[str, set[str]] = {}
    for k, line in numbered[1:]:
        cols = line.split("\t")
        if len(cols) != 2:
            raise FormatError(f"expected two tab-separated columns, found {len(cols)}", path, k)
        _add(pairs, cols[0], _ALTERNATIVES.split(cols[1]), langs)
    return WordList(langs, {w: frozenset(ts) for w, ts in pairs.items()}, str(path))


def _one_word(text: str, unspaced: bool) -> str | None:
    """The one word of ``text`` (lower case; words of two letters do not count), else None. ``unspaced``
    (Chinese, Japanese): ``text`` itself when it is one run of characters of at most :data:`MAX_RUN`."""
    if unspaced:
        runs = _HAN_RUN.findall(text)
        return runs[0] if len(runs) == 1 and len(runs[0]) <= MAX_RUN and runs[0] == text.strip() else None
    words = _words_of(text)
    return words[0].lower() if len(words) == 1 else None


def _words_of(text: str) -> list[str]:
    """The words of ``text`` as the glossary tokenises it (:func:`~tmtool.glossary.normalise.tokens`), less those
    under :data:`MIN_WORD` letters and those holding a digit."""
    return [w for _, _, w in tokens(text) if len(w) >= MIN_WORD and not any(c.isdigit() for c in w)]


def _add(pairs: dict[str, set[str]], head: str, translations: Iterable[str], langs: tuple[str, str]) -> None:
    """Pair the headword with each one-word translation (not with those sharing its first letters)."""
    word = _one_word(_BRACKETS.sub(" ", head), langs[0] in _UNSPACED)
    if word is None:
        return
    unspaced = langs[1] in _UNSPACED
    for t in translations:
        other = _one_word(t, unspaced)
        if other is not None and other[:COGNATE_PREFIX] != word[:COGNATE_PREFIX]:
            pairs.setdefault(term_key(word, langs[0]), set()).add(term_key(other, langs[1]))


def _words(text: str, lang: str, surface: dict[str, set[str]]) -> set[str]:
    """The words of a text as glossary keys; for Chinese and Japanese every run of 1 to :data:`MAX_RUN`
    characters. ``surface`` collects the words of the text (lower case) behind each key."""
    if base(lang) in _UNSPACED:
        out: set[str] = set()
        for run in _HAN_RUN.findall(text):
            out.update(run[i : i + n] for n in range(1, MAX_RUN + 1) for i in range(len(run) - n + 1))
        for key in out:
            surface.setdefault(key, {key})
        return out
    keys: set[str] = set()
    for w in _words_of(text):
        for key in text_keys(w, lang):  # in Arabic, one per way of taking clitics off
            keys.add(key)
            surface.setdefault(key, set()).add(w.lower())
    return keys


def _add_heads(keys: list[set[str]], surface: dict[str, set[str]], lang: str, known: list[Collection[str]]) -> None:
    """Give each word of a compounding language that the lists lack (``known``: their words of ``lang``) the key of
    its head, the longest ending of at least :data:`MIN_HEAD` letters that they hold; ``keys`` (per segment) and
    ``surface`` (key -> words of the text) are updated in place."""
    heads: dict[str, str | None] = {}
    for key, words in list(surface.items()):
        if any(key in k for k in known):
            continue
        for word in words:
            if word not in heads:
                heads[word] = _head(word, lang, known)
    for segment in keys:
        extra = set()
        for key in segment:
            for word in surface.get(key, ()):
                head = heads.get(word)
                if head is not None:
                    extra.add(head)
        segment |= extra
    for word, head in heads.items():
        if head is not None:
            surface.setdefault(head, set()).add(word)


def _head(word: str, lang: str, known: list[Collection[str]]) -> str | None:
    """The key of the longest ending of ``word`` (at least :data:`MIN_HEAD` letters) that the lists hold."""
    for i in range(1, len(word) - MIN_HEAD + 1):
        head = term_key(word[i:], lang)
        if any(head in k for k in known):
            return head
    return None


class WordListFeatures(NamedTuple):
    """What :func:`wordlist_features` finds: the ``W:`` features of each segment of each side, and for each
    feature the words of the two texts behind it (lower case), source side and target side."""

    src: list[list[str]]
    tgt: list[list[str]]
    words: dict[str, tuple[frozenset[str], frozenset[str]]]


def wordlist_features(
    lists: Sequence[WordList], src_lang: str, tgt_lang: str, src: Sequence[str], tgt: Sequence[str]
) -> WordListFeatures:
    """The ``W:`` features of each segment of both sides: one per word pair of ``lists`` whose source word is in
    the segment (source side) or whose target word is (target side), for the pairs whose two words both occur
    in the texts. Empty lists when no list is for these two languages."""
    relevant = [(wl, table) for wl in lists if (table := wl.oriented(src_lang, tgt_lang))]
    tables = [table for _, table in relevant]
    if not tables:
        return WordListFeatures([[] for _ in src], [[] for _ in tgt], {})
    seen_s: dict[str, set[str]] = {}
    seen_t: dict[str, set[str]] = {}
    src_words = [_words(t, src_lang, seen_s) for t in src]
    tgt_words = [_words(t, tgt_lang, seen_t) for t in tgt]
    for keys, seen, lang in ((src_words, seen_s, src_lang), (tgt_words, seen_t, tgt_lang)):
        if base(lang) in COMPOUNDING:
            _add_heads(keys, seen, lang, [wl.words_of(lang) for wl, _ in relevant])
    found: dict[str, list[str]] = {}  # source key -> the features of its pairs present in both texts
    by_target: dict[str, list[str]] = {}
    behind: dict[str, tuple[frozenset[str], frozenset[str]]] = {}
    for x in sorted(seen_s):
        for y in sorted({y for t in tables for y in t.get(x, ())} & seen_t.keys()):
            feature = f"W:{x}|{y}"
            found.setdefault(x, []).append(feature)
            by_target.setdefault(y, []).append(feature)
            behind[feature] = (frozenset(seen_s[x]), frozenset(seen_t[y]))
    return WordListFeatures([[f for w in sorted(ws) for f in found.get(w, ())] for ws in src_words],
                            [[f for w in sorted(ws) for f in by_target.get(w, ())] for ws in tgt_words], behind)
