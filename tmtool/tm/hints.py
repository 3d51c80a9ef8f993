"""What to try when a lookup finds nothing: the query in another language of the TM, its words in other forms.

A translator who pastes a French term with ``--src en`` (the tour's `--src en --tgt fr` kept from the last query),
or types ``Secur*`` as in a CAT tool's concordance, got ``0 units`` and nothing else: the same answer as for a
term the TM does not hold. :func:`no_hit_hints` looks, only after a lookup found nothing, for the query in the
TM's other languages (concordance: the units holding it; fuzzy: the best match at the threshold), for the query's
other forms (a concordance without ``forms``), and for wildcard characters, which the lookup does not offer.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..languages import base
from .concordance import concordance
from .fuzzy import fuzzy
from .index import open_index
from .results import resolve_langs
from .store import TMStore, lang_of_column
from .text import tokenize

__all__ = ["NoHitHints", "no_hit_hints"]

WILDCARDS = frozenset("*?%")


@dataclass
class NoHitHints:
    """``languages``: (language, units holding the query -- concordance -- or the best fuzzy score), most first;
    ``forms``: units that hold the query's words in other forms (0 when not looked for); ``wildcard``: the query
    holds a wildcard character (``*``, ``?``, ``%``), which is searched for as punctuation; ``no_words``: the query
    has no word at all (empty, spaces or punctuation), so nothing can be found."""

    languages: list[tuple[str, int]] = field(default_factory=list)
    forms: int = 0
    wildcard: bool = False
    no_words: bool = False

    def __bool__(self) -> bool:
        return bool(self.languages or self.forms or self.wildcard or self.no_words)


def no_hit_hints(store: TMStore, query: str, src: str, *, use_fuzzy: bool = False, threshold: int = 70,
                 whole_word: bool = True, forms: bool = False) -> NoHitHints:
    """Hints for a lookup of ``query`` in ``src`` that found nothing (the same options as that lookup)."""
    index = open_index(store)
    src_tags, _ = resolve_langs(index, src, None)
    present = sorted({base(t) for c in index.columns if (t := lang_of_column(c))} - {base(t) for t in src_tags})
    hints = NoHitHints(wildcard=any(c in WILDCARDS for c in query))
    if not tokenize(query):
        hints.no_words = True
        return hints
    for lang in present:
        if use_fuzzy:
            found = fuzzy(store, query, lang, None, threshold=threshold, limit=1)
            score = found[0].score if found else 0
        else:
            score = concordance(store, query, lang, None, limit=1, whole_word=whole_word, renderings=False,
                                forms=forms).total
        if score:
            hints.languages.append((lang, score))
    hints.languages.sort(key=lambda found: -found[1])
    if not use_fuzzy and whole_word and not forms and not hints.languages:
        hints.forms = concordance(store, query, src, None, limit=1, renderings=False, forms=True).total
    return hints
