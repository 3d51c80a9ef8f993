"""English words as a vocabulary that every version of a document shares.

Two versions in scripts that share nothing (Chinese with French, Russian or Arabic) have few features in common
before their own lexicon is learnt, and a lexicon learnt from one document is small; versions that share cognates
(French and Spanish) gain words that are not cognates. When English is among the
versions, the words of every other version can be read as English: through the lexicon that its first-round
alignment with English learnt (:meth:`tmtool.align.pairwise.PairAligner._learn`), and for Chinese and Arabic also
through their dictionaries (:mod:`tmtool.align.glosses`). In the bridged round (:mod:`tmtool.align.bridges`) a
segment of each side of a pair without English then shares ``E:<English stem>`` when words of both read as that
stem: Chinese ``安全`` and French ``sécurité`` meet at ``secur``. UN development set: docs/alignment-rounds.md,
"Eighth round" (Chinese) and "Seventeenth round" (Arabic).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..languages import base
from .glosses import GLOSSED_LANGUAGES, english_stems
from .features import words

__all__ = ["english_readings", "english_features", "english_features_by_language"]


def english_readings(
    lexicon: Mapping[str, Sequence[str]], lexicon_t: Mapping[str, Sequence[str]], *, english_first: bool
) -> dict[str, set[str]]:
    """Word of the other language -> the English word types it was paired with by a pair aligner's learnt lexicon
    (``lexicon``/``lexicon_t``, features ``L:<source word>|<target word>``; ``english_first``: English was the
    source). The dictionaries' readings of Chinese and Arabic words are added by :func:`english_features`."""
    out: dict[str, set[str]] = {}
    for table in (lexicon, lexicon_t):
        for features in table.values():
            for f in features:
                src, _, tgt = f[2:].partition("|")
                word, english = (tgt, src) if english_first else (src, tgt)
                out.setdefault(word, set()).add(english)
    return out


def english_features(
    texts: Sequence[str], lang: str, readings: Mapping[str, set[str]], *, dictionary: bool = True
) -> list[list[str]]:
    """Per segment, ``E:<English word type>`` for every English reading of its words (``readings``, and for Chinese
    and Arabic with ``dictionary`` their dictionary's), sorted."""
    glossed = base(lang) if dictionary and base(lang) in GLOSSED_LANGUAGES else None
    out = []
    for text in texts:
        found: set[str] = set()
        for w in words(text, lang):
            found.update(readings.get(w, ()))
            if glossed:
                found.update(english_stems(w, glossed))
        out.append(sorted("E:" + e for e in found))
    return out


def english_features_by_language(
    segments: Mapping[str, Sequence[str]], learnt: Mapping[tuple[str, str], tuple[Any, Any]], *, dictionary: bool = True
) -> dict[str, list[list[str]]]:
    """Per language other than English, the English readings of each segment's words (:func:`english_features`),
    from the lexicons that the first-round alignment of that language with English learnt (``learnt``: pair ->
    ``(lexicon, lexicon_t)`` of its :class:`~tmtool.align.pairwise.PairAligner`); empty without English."""
    en = next((lang for lang in segments if base(lang) == "en"), None)
    if en is None:
        return {}
    out = {}
    for lang in segments:
        if lang == en or ((en, lang) not in learnt and (lang, en) not in learnt):
            continue
        english_first = (en, lang) in learnt
        lexicon, lexicon_t = learnt[en, lang] if english_first else learnt[lang, en]
        readings = english_readings(lexicon, lexicon_t, english_first=english_first)
        out[lang] = english_features(segments[lang], lang, readings, dictionary=dictionary)
    return out
