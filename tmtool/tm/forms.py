"""Which tokens of the TM are forms of one word: the keys renderings are counted by, and the stems of ``--forms``.

A rendering is counted over all its inflected forms (Совета Безопасности, Совет Безопасности, Советом
Безопасности are one rendering): each token gets a key equal for the forms of one word. The key is the token's
Snowball stem (English: plural and possessive only), as the glossary matches words; in French, Spanish and
their neighbours, whose Snowball stemmers also take derivational endings (informe, información), the token
without its plural ending; a Russian token the
dictionary knows gets its lemma instead, which joins forms Snowball stems apart (ассамблеи, ассамблея) and
tells apart words it stems alike (права "rights", правила "rules"); an Arabic token is read with its proclitics
taken off, each way the glossary reads it (لحقوق, وحقوق, حقوق). Tokens are folded (lower case, й written и: both put
й back).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ..glossary.morphology import MORPHOLOGY_LANGS, lemmas
from ..glossary.normalise import stem, text_variants
from ..languages import base

__all__ = ["stem_key", "lookup_keys", "word_keys", "inflects"]

_RU_VOWELS = "аеиоуыэюя"
# languages whose Snowball stemmer also takes derivational endings (información and informe share a stem): their
# forms are the singular and the plural
_PLURAL_ONLY = frozenset({"fr", "es", "it", "pt", "ca"})


@lru_cache(maxsize=1 << 18)
def stem_key(token: str, lang: str) -> str:
    """A folded token's Snowball stem in ``lang`` (a base language). Folding made й an и: it is put back where
    Russian endings want it (-ый, -ой) before stemming."""
    if lang == "ru" and len(token) > 3 and token[-1] == "и" and token[-2] in _RU_VOWELS:
        token = token[:-1] + "й"
    return stem(token, lang)


@lru_cache(maxsize=1 << 16)
def lookup_keys(token: str, lang: str) -> frozenset[str]:
    """The stems under which ``--forms`` files a folded token of ``lang`` (a base language): two tokens sharing one
    may be forms of one word. Its Snowball stem, and in French, Spanish and their neighbours the stems of its
    singular readings too (Snowball cuts regimenes to regimen, régimen to regim); in Arabic the stems of its
    readings without proclitics too (والتطهير read as تطهير)."""
    keys = {stem_key(token, lang)}
    if lang in _PLURAL_ONLY:
        keys.update(stem_key(form, lang) for form in _singulars(token))
    elif lang == "ar":
        keys.update(_arabic_readings(token))
    return frozenset(keys)


def word_keys(tokens: Sequence[str], lang: str) -> list[str]:
    """A key per folded token of ``lang``, equal for the forms of one word (see the module): государства,
    государств, государствам one key; ассамблеи and ассамблея one (Snowball gives them two stems); права and
    правила two; حقوق, لحقوق, وحقوق one; informe and informes one, información another. Tokens with a reading
    in common share a key, also through a token read two ways (генеральная, a form of генеральный and a noun of
    its own); a token without readings keeps its stem."""
    lang = base(lang)
    keys = [stem_key(t, lang) for t in tokens]
    if lang in MORPHOLOGY_LANGS:
        read = [lemmas(t, lang) for t in tokens]
    elif lang in _PLURAL_ONLY:
        read = [_singulars(t) for t in tokens]
    elif lang == "ar":
        read = [_arabic_readings(t) for t in tokens]
    else:
        return keys
    parent: dict[str, str] = {}  # union-find over readings: those of one token are one word

    def root(name: str) -> str:
        while parent[name] != name:
            parent[name] = parent[parent[name]]
            name = parent[name]
        return name

    for found in read:
        if found:
            first, *others = sorted(found)
            parent.setdefault(first, first)
            for name in others:
                parent[root(parent.setdefault(name, name))] = root(first)
    return [("|" + root(min(found))) if found else key for key, found in zip(keys, read)]


def inflects(query_token: str, token: str, lang: str) -> bool:
    """Whether folded ``token`` may stand for ``query_token`` in a ``--forms`` lookup in ``lang``: always, except in
    French, Spanish and their neighbours, whose Snowball stems take derivational endings (informe, información,
    informó; résolution, résolument), where it must be its singular or plural, or in French its feminine and in the
    others its other gender (internationale, internationales for international; nueva for nuevo)."""
    lang = base(lang)
    if lang not in _PLURAL_ONLY:
        return True
    return bool(_gendered(query_token, lang) & _gendered(token, lang))


@lru_cache(maxsize=1 << 16)
def _gendered(token: str, lang: str) -> frozenset[str]:
    """:func:`_singulars` and what they are in the other gender (French: without a final -e; the others: -a as
    -o)."""
    out = set(_singulars(token))
    for form in list(out):
        if len(form) > 3 and lang == "fr" and form.endswith("e"):
            out.add(form[:-1])
        elif len(form) > 3 and lang != "fr" and form.endswith("a"):
            out.add(form[:-1] + "o")
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _singulars(token: str) -> frozenset[str]:
    """A French, Spanish, Italian, Portuguese or Catalan token and what it is without a plural ending (folded text
    has no accents): informes -> informe or inform, naciones -> nacione or nacion, generaux -> general. Read as
    either, it joins the singular in the text."""
    out = {token}
    if len(token) > 3 and token.isalpha():
        if token.endswith("aux"):
            out.add(token[:-3] + "al")
        if token[-1] in "sx":
            out.add(token[:-1])
        if token.endswith("es") and len(token) > 4:
            out.add(token[:-2])
    return frozenset(out)


@lru_cache(maxsize=1 << 16)
def _arabic_readings(token: str) -> frozenset[str]:
    """The stems of an Arabic token read without each run of proclitics (و ف, ب ل ك, ال) that leaves three letters or
    more and nothing more to take off (the glossary's readings of a word of running text, less those still
    bearing a proclitic): لحقوق and حقوق have حقوق in common."""
    variants = [v for v in text_variants(token, "ar") if len(v) >= 3]
    # only the readings with nothing more to strip: Snowball cuts الأمين to الام and للأمانة to للام, and those
    # stems, shared through للأمين, made one word of الأمين (Secretary-General) and الأمانة (Secretariat)
    return frozenset(stem(v, "ar") for v in variants if not any(o != v and v.endswith(o) for o in variants))
