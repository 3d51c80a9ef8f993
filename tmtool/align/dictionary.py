"""Bilingual dictionaries: a lexicon for a language pair before anything is learnt from the document.

The aligner learns word pairs from the document it aligns (``pairwise.PairAligner._learn``), but its first pass has
no lexicon, and Chinese and Arabic share no letters with English: the first links of such a pair rest on numbers,
names and lengths alone. The dictionaries of :mod:`tmtool.align.glosses` give the words of a Chinese or Arabic text
English glosses, as 5-letter stems, and these give the lexicon a start.

Every dictionary pair whose two words both occur in the two texts becomes one shared feature,
``D:<English stem>|<Chinese or Arabic word>``, weighted by its rarity like every other feature (common words such as
"country" count little). English words are their stems (``secur`` and ``安全`` share ``D:secur|安全``).
French, Spanish and Russian share much of their learned vocabulary with English (``sécurité``/security,
``resolución``/resolution, ``программа``/programme): a word whose first five letters are spelled as one of those
English stems meets the glossed word as well: French and Spanish words with their accents dropped, Russian words
transliterated and compared as :func:`tmtool.align.features.sound_spelling` spells both.

An unvocalised Arabic stem stands for several words (``عام``: general, public, year), so an Arabic pair is kept
only where its two words occur in a like share of their texts' segments (:data:`ARABIC_SHARE`): a preposition
glossed "above" is in nearly every Arabic segment, the English word "above" in few. Chinese and Arabic are not
paired with each other through English (UN two-file dev ar-zh 0.9590 -> 0.9105; with two shared stems 0.9614,
three 0.9540: no gain beyond a link or two).
docs/alignment-rounds.md: "Eighth round" (English-Chinese), "Sixteenth round" (French, Spanish and Russian with
Chinese), "Seventeenth round" (Arabic).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from ..languages import base
from .features import latin_spelling, sound_spelling
from .glosses import GLOSSED_LANGUAGES, english_stems
from .lexicon import Cooccurrence, LinkCounts

__all__ = ["ARABIC_SHARE", "COGNATE_LANGUAGES", "has_dictionary", "seed_lexicon", "unrefuted"]

# languages whose words meet the English stems of the dictionary when spelled alike (UN two-file dev: fr-zh
# 0.9337 -> 0.9374, es-zh 0.9578 -> 0.9615, ru-zh 0.9426 -> 0.9572; sets rebuilt from the dev split: 0.9497 ->
# 0.9600, 0.9543 -> 0.9667, 0.9526 -> 0.9541). Russian words are compared by their sound spelling (both sides):
# by their transliteration alone they meet almost nothing; French and Spanish by their letters without accents
# (by sound spelling: es-zh 0.9579)
COGNATE_LANGUAGES = frozenset({"fr", "es", "ru"})
COGNATE_MIN = 5  # letters a word's spelling needs to be read as an English stem (4: ru-zh 0.9285)
# an Arabic dictionary pair is kept when the rarer of its two words is in at least this share of the segments of its
# text, relative to the other's share (UN two-file dev, mean of ar-en, ar-es, ar-fr, ar-ru: 0.9595 without the
# lexicon, 0.9587 with every pair, 0.9616 at 0.33, 0.9634 at 0.5, 0.9622 at 0.7). Chinese pairs keep them all (at
# 0.5 the four Chinese pairs' mean falls 0.9550 -> 0.9531)
ARABIC_SHARE = 0.5


def has_dictionary(src_lang: str, tgt_lang: str) -> bool:
    """Whether a dictionary seeds the pair: Chinese or Arabic (glossed in English) with English, or with a language
    whose words are read as English stems (:data:`COGNATE_LANGUAGES`)."""
    a, b = base(src_lang), base(tgt_lang)
    if (a in GLOSSED_LANGUAGES) == (b in GLOSSED_LANGUAGES):
        return False
    other = b if a in GLOSSED_LANGUAGES else a
    return other == "en" or other in COGNATE_LANGUAGES


def seed_lexicon(
    src_lang: str, tgt_lang: str, src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Dictionary pairs found in the two texts, as lexicon tables (word -> pair features) of each side.

    ``src_words``/``tgt_words``: the word types of each segment (:func:`tmtool.align.features.words`). Empty
    tables when there is no dictionary for the pair (:func:`has_dictionary`)."""
    if not has_dictionary(src_lang, tgt_lang):
        return {}, {}
    a, b = base(src_lang), base(tgt_lang)
    glossed, other = (a, b) if a in GLOSSED_LANGUAGES else (b, a)
    other_words, glossed_words = (src_words, tgt_words) if a == other else (tgt_words, src_words)
    fits = _like_shares(other_words, glossed_words) if glossed == "ar" else None
    spell = _spelling(other)
    readers = _english_readers({w for bag in other_words for w in bag}, spell)
    seed_other: dict[str, list[str]] = {}
    seed_glossed: dict[str, list[str]] = {}
    for word in sorted({w for bag in glossed_words for w in bag}):
        for en in sorted(english_stems(word, glossed)):
            for reader in readers.get(spell(en) if spell else en, ()):
                if fits is not None and not fits(reader, word):
                    continue
                feature = f"D:{en}|{word}"
                seed_other.setdefault(reader, []).append(feature)
                seed_glossed.setdefault(word, []).append(feature)
    return (seed_other, seed_glossed) if a == other else (seed_glossed, seed_other)


def unrefuted(
    seed: tuple[dict[str, list[str]], dict[str, list[str]]], counts: Cooccurrence | LinkCounts
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The pairs of ``seed`` (:func:`seed_lexicon`'s two tables) that the document does not refute: a pair feature
    drops where one of its source words and one of its target words each occur in the links the aligner learnt its
    lexicon from (``counts``), but no two of its words ever occur in one of them together.

    A dictionary pairs every sense of a word with every word its glosses meet anywhere in the two texts; the longer
    the texts, the more of those pairs are chance (UN dev documents aligned two and four at a time lost 0.002 with the
    dictionary against none; docs/alignment-rounds.md, "Twenty-first round"). A pair whose words the learning links
    do not hold is kept: the document has said nothing about it (a rare name or term, where a dictionary helps
    most)."""
    src_of: dict[str, list[str]] = {}
    tgt_of: dict[str, list[str]] = {}
    for table, words_of in ((seed[0], src_of), (seed[1], tgt_of)):
        for word, features in table.items():
            for feature in features:
                words_of.setdefault(feature, []).append(word)

    def refuted(xs: list[str], ys: list[str]) -> bool:
        seen = any(counts.src.get(x, 0) for x in xs) and any(counts.tgt.get(y, 0) for y in ys)
        return seen and not any(counts.pair_count(x, y) for x in xs for y in ys)

    dropped = {f for f, xs in src_of.items() if refuted(xs, tgt_of.get(f, []))}
    return ({w: [f for f in fs if f not in dropped] for w, fs in seed[0].items()},
            {w: [f for f in fs if f not in dropped] for w, fs in seed[1].items()})


def _like_shares(xs: Sequence[Sequence[str]], ys: Sequence[Sequence[str]]) -> Callable[[str, str], bool]:
    """Whether a word type of the texts ``xs`` and one of ``ys`` occur in like shares of their segments
    (:data:`ARABIC_SHARE`)."""
    in_x = Counter(w for bag in xs for w in set(bag))
    in_y = Counter(w for bag in ys for w in set(bag))
    nx, ny = max(1, len(xs)), max(1, len(ys))

    def fits(x: str, y: str) -> bool:
        fx, fy = in_x[x] / nx, in_y[y] / ny
        return min(fx, fy) >= ARABIC_SHARE * max(fx, fy)

    return fits


def _spelling(lang: str) -> Callable[[str], str] | None:
    """How the words of ``lang`` and the dictionary's English stems are compared: as they are (English: None),
    without accents (French, Spanish), by their sound spelling (Russian)."""
    if lang == "en":
        return None
    if lang == "ru":
        return lambda word: sound_spelling(word)[:COGNATE_MIN]
    return latin_spelling


def _english_readers(types: set[str], spell: Callable[[str], str] | None) -> dict[str, list[str]]:
    """English stem (as ``spell`` spells it) -> the word types of the other text that read as it: each English word
    type itself, or a word type (its first five letters) whose spelling keeps :data:`COGNATE_MIN` letters (``sécur``
    -> ``secur``; ``pour`` is not read as English "pour")."""
    if spell is None:
        return {w: [w] for w in types}
    readers: dict[str, list[str]] = {}
    for word in sorted(types):
        key = spell(word)
        if len(key) >= COGNATE_MIN:
            readers.setdefault(key, []).append(word)
    return readers
