"""Words derived from place names: adjectives, demonyms and compounds.

A translation often renders a place name by its adjective (« forces armées arméniennes », « région
azerbaïdjanaise », антиазербайджанская, الأذربيجانية), and a source may itself use the adjective
("Armenian", "anti-Azerbaijan"). For entries whose subject is ``place-name`` and whose approved term is one
word, or else whose short name is (Russia, Syrie, Иран, deprecated beside the UN forms Russian Federation, République
arabe syrienne, Исламская Республика Иран: the adjective is the country's all the same), :func:`find_derived` finds
such words: less an allowed prefix (anti-, анти-), a stem of the name
followed by an adjectival suffix of the language. The rules are data, one section per language, in
``data/derivation.json`` (written for tmtool); irregular stems (армянский for Армения) and whole words (turc for
Türkiye) are listed there.
Chinese needs no rule: the name itself is the modifier and is found as a substring.
"""

from __future__ import annotations

import json
import unicodedata
import weakref
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..languages import base, uses_spaces
from .matching import PLACE_SUBJECT, TermMatch, cached_per_language
from .model import Entry, Glossary, Term
from .normalise import fold, text_variants, tokens

__all__ = ["PLACE_SUBJECT", "DerivedMatcher", "derivation_rules", "find_derived"]

_MIN_STEM = 3  # Inde -> indien, Cuba -> cubano


@lru_cache(maxsize=1)
def derivation_rules() -> dict[str, Any]:
    """The per-language derivation rules of ``data/derivation.json``."""
    text = resources.files(__package__).joinpath("data/derivation.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


def _fold(word: str, lang: str) -> str:
    w = fold(word, lang)
    if base(lang) == "ar":
        return w
    return "".join(c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c))


@dataclass
class _Rules:
    suffixes: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    capitalised: bool = False
    longest: int = 0
    stems: dict[str, list[tuple[Entry, Term]]] = field(default_factory=dict)
    bare: dict[str, list[tuple[Entry, Term]]] = field(default_factory=dict)  # name less an ending, 5+ letters


def _one_word_names(entry: Entry, lang: str) -> list[Term]:
    """The entry's one-word names in ``lang``: its approved terms of one word, else its other terms of one word (the
    short name the UN form replaced: Russia, Syrie, Иран), whose adjective is the country's whatever its official
    name (russe, сирийский)."""
    names = [t for t in entry.terms_in(lang) if len(tokens(t.text)) == 1]
    approved = [t for t in names if t.status in ("preferred", "admitted")]
    return approved or names


class DerivedMatcher:
    """The place-name entries of one glossary in one language, ready to find derived words."""

    def __init__(self, glossary: Glossary, lang: str) -> None:
        self.lang = lang
        spec = derivation_rules().get(base(lang))
        self._r = _Rules()
        if spec is None or not uses_spaces(lang):
            return
        suffixes = {_fold(s, lang) for s in spec.get("suffixes", [])}
        suffixes |= {_fold(s + i, lang) for s in spec.get("suffix_stems", []) for i in spec.get("inflections", [""])}
        suffixes.discard("")
        self._r.suffixes = frozenset(suffixes)
        self._r.longest = max(map(len, suffixes), default=0)
        self._r.prefixes = tuple(_fold(p, lang) for p in spec.get("prefixes", []))
        self._r.capitalised = bool(spec.get("capitalised"))
        endings = [_fold(e, lang) for e in spec.get("name_endings", [])]
        irregular = spec.get("irregular", {})
        whole_words = spec.get("irregular_words", {})
        for entry in glossary.entries:
            if entry.subject != PLACE_SUBJECT:
                continue
            approved = entry.approved(lang)
            for name in _one_word_names(entry, lang):
                # a match names the entry by its approved name, not the short one its word derives from
                term = approved[0] if approved else name
                w = _fold(tokens(name.text)[0][2], lang)
                stems = {w} | {w[: -len(e)] for e in endings if w.endswith(e)}
                stems |= {_fold(s, lang) for s in irregular.get(name.text, [])}
                for s in stems:
                    if len(s) >= _MIN_STEM:
                        self._r.stems.setdefault(s, []).append((entry, term))
                    if len(s) >= 5 and s != w:
                        self._r.bare.setdefault(s, []).append((entry, term))
                for s in {_fold(x, lang) for x in whole_words.get(name.text, [])}:  # turc, tchèque: no suffix
                    self._r.bare.setdefault(s, []).append((entry, term))

    def find(self, text: str) -> list[TermMatch]:
        """Derived words in ``text``, one match per word and entry (``term`` is the entry's name)."""
        r = self._r
        if not r.stems:
            return []
        out: list[TermMatch] = []
        for start, end, word in tokens(text):
            if r.capitalised and not word[0].isupper():
                continue
            hits: dict[str, tuple[Entry, Term]] = {}
            for v in text_variants(word, self.lang):
                v = _fold(v, self.lang) if base(self.lang) != "ar" else v
                for p in ("", *r.prefixes):
                    if p and not v.startswith(p):
                        continue
                    rest = v[len(p) :]
                    for entry, term in r.bare.get(rest, ()):
                        hits.setdefault(entry.id, (entry, term))
                    for cut in range(max(_MIN_STEM, len(rest) - r.longest), len(rest)):
                        if rest[cut:] in r.suffixes:
                            for entry, term in r.stems.get(rest[:cut], ()):
                                hits.setdefault(entry.id, (entry, term))
            out.extend(TermMatch(start, end, e, t, word) for e, t in hits.values())
        return out


_CACHE: dict[int, tuple[weakref.ref, dict[str, DerivedMatcher], frozenset[str]]] = {}


def find_derived(glossary: Glossary, text: str, lang: str) -> list[TermMatch]:
    """Words of ``text`` derived from a one-word place name of ``glossary`` in ``lang`` (not the name itself).

    The index for a glossary and language is cached while the glossary object lives.
    """
    return cached_per_language(_CACHE, glossary, lang, DerivedMatcher).find(text)
