"""Words hyphenated across a line end: is the hyphen part of the word (``procès-|verbal``) or only the
typesetter's (``interna-|tional``)?

Converted PDFs break lines inside words, and the line-end hyphen then looks like the hyphen of a compound. The
hyphen is **kept** when

1. the second part does not start with a lower-case letter (``post-|2015``, ``inter-|State``), or the first part
   ends in a digit;
2. the document itself writes the compound with a hyphen elsewhere (``well-known``); it is **joined** when the
   document writes the joined word elsewhere (``report`` for ``re-|port``); an inflected form counts too (the
   document's ``Государства-члены`` keeps ``государств-|членов``: each part shares all but its last three
   letters, at least three, with the part it writes);
3. the compound has more than two elements and a function word of the language is one of the inner elements
   next to this hyphen (``cessez-|le-feu``, ``c'est-|à-dire``, ``arc-en-|ciel``, ``state-of-the-|art``): a word
   split by a typesetter never goes on with ``-le-feu``;
4. the (last element of the) second part is a word that is attached with a hyphen, when the first part matches
   its pattern if it has one (French ``lui-|même``, English ``capacity-|building`` but not ``peace-|building``);
   a tail written ``WORD*`` stands for every word starting with it (Russian ``член*``: ``государств-|членов``,
   ``государствам-|членам``);
5. the first part is a compound head of the language's list (``procès-``, ``porte-``, ``non-``, ``seventy-``),
   when the second part matches the head's pattern if it has one (English ``ex-`` only before ``combatant...``,
   never in ``ex-|ample``);
6. the first part is used as a compound head elsewhere in the document (``porte-avions``) and the second part is
   a word the document uses.

Otherwise the word was split by hyphenation and is joined. The lists are data files,
``tmtool/documents/data/hyphenation.<lang>.txt`` (``head``, ``link`` and ``tail`` lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources

from ..languages import base

__all__ = ["HyphenRules", "rules_for", "Evidence", "keep_hyphen"]

_LEFT_RE = re.compile(r"\w+(?:['’]\w+)?(?:-\w+)*$")
_RIGHT_RE = re.compile(r"^\w+(?:-\w+)*")
_WORDS_RE = re.compile(r"\w+(?:-\w+)*")
_LINE_END_RE = re.compile(r"\w*(?:-\w+)*[-\u00ad][ \t]*\n[ \t]*\w*(?:-\w+)*")


@dataclass(frozen=True)
class HyphenRules:
    """One language's lists: compound heads (with an optional pattern for the second part), inner function
    words (``link``) and second parts attached with a hyphen (``tail``, with an optional pattern for the first)."""

    heads: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    links: frozenset[str] = frozenset()
    tails: dict[str, re.Pattern[str] | None] = field(default_factory=dict)
    tail_stems: dict[str, re.Pattern[str] | None] = field(default_factory=dict)

    def tail_pattern(self, word: str) -> tuple[bool, re.Pattern[str] | None]:
        """Whether ``word`` is a tail (exactly, or starting with a ``WORD*`` stem), and its first-part pattern."""
        if word in self.tails:
            return True, self.tails[word]
        for stem, pattern in self.tail_stems.items():
            if word.startswith(stem):
                return True, pattern
        return False, None


@lru_cache(maxsize=None)
def rules_for(lang: str) -> HyphenRules:
    """The rules of ``data/hyphenation.<lang>.txt`` (empty rules for a language without a file)."""
    name = f"hyphenation.{base(lang)}.txt"
    try:
        text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return HyphenRules()
    heads: dict[str, re.Pattern[str] | None] = {}
    links: set[str] = set()
    tails: dict[str, re.Pattern[str] | None] = {}
    tail_stems: dict[str, re.Pattern[str] | None] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kind, word, *pattern = line.rstrip("\n").split("\t")
        word = word.strip().lower()
        if kind == "head":
            heads[word] = re.compile(pattern[0]) if pattern and pattern[0] else None
        elif kind == "link":
            links.add(word)
        elif kind == "tail":
            (tail_stems if word.endswith("*") else tails)[word.rstrip("*")] = (
                re.compile(pattern[0]) if pattern and pattern[0] else None)
        else:
            raise ValueError(f"{name}: unknown rule kind {kind!r}")
    return HyphenRules(heads, frozenset(links), tails, tail_stems)


@dataclass(frozen=True)
class Evidence:
    """What a document says about its own words: the words and compounds it writes (lower-cased, line-end
    fragments included) and the heads of the hyphenated compounds it writes within a line."""

    words: frozenset[str] = frozenset()
    heads: frozenset[str] = frozenset()
    pairs: frozenset[tuple[str, str]] = frozenset()  # two neighbouring elements of a hyphenated compound

    @classmethod
    def of(cls, text: str) -> "Evidence":
        """Gather the evidence of a whole text (before its lines are joined)."""
        text = _LINE_END_RE.sub(" ", text)  # the words cut at line ends are what is in question, not evidence
        words = {w.lower() for w in _WORDS_RE.findall(text)}
        heads = {w.split("-", 1)[0] for w in words if "-" in w}
        elements = {part for w in words for part in w.split("-")}
        pairs = {(x, y) for w in words if "-" in w for x, y in zip(w.split("-"), w.split("-")[1:])}
        return cls(frozenset(words | elements), frozenset(heads), frozenset(pairs))

    @cached_property
    def _pairs_by_start(self) -> dict[tuple[str, str], list[tuple[str, str]]]:
        """The pairs by the first three letters of each element (all a shared stem can match, see
        :func:`_same_stem`), so that a line-end hyphen looks at a few pairs, not all of them."""
        index: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for x, y in self.pairs:
            if len(x) >= 3 and len(y) >= 3:
                index.setdefault((x[:3], y[:3]), []).append((x, y))
        return index

    def has_inflected(self, first: str, second: str) -> bool:
        """Whether the document writes ``first-second`` with a hyphen in another inflected form."""
        candidates = self._pairs_by_start.get((first[:3], second[:3]), ())
        return any(_same_stem(first, x) and _same_stem(second, y) for x, y in candidates)


def _same_stem(one: str, other: str) -> bool:
    """Whether two words differ only in their endings: they share all but the last three letters of the shorter
    one, and at least three (``члены``/``членов``, ``государства``/``государств``)."""
    shared = 0
    for x, y in zip(one, other):
        if x != y:
            break
        shared += 1
    return shared >= 3 and shared >= min(len(one), len(other)) - 3


def keep_hyphen(left: str, right: str, lang: str, evidence: Evidence = Evidence()) -> bool:
    """Whether the hyphen ending ``left`` (the text before it, hyphen excluded) belongs to the word that
    ``right`` (the next line) finishes. See the module docstring for the rules."""
    left_match = _LEFT_RE.search(left)
    right_match = _RIGHT_RE.match(right)
    if not left_match or not right_match:
        return True
    first_chain = re.sub(r"^\w+['’]", "", left_match.group()).lower()  # c'est -> est
    second_chain = right_match.group()
    if not second_chain[0].islower() or first_chain[-1].isdigit():
        return True
    second_chain = second_chain.lower()
    firsts, seconds = first_chain.split("-"), second_chain.split("-")
    a, b = firsts[-1], seconds[0]
    if f"{first_chain}-{second_chain}" in evidence.words or f"{a}-{b}" in evidence.words:
        return True
    if f"{first_chain}{second_chain}" in evidence.words or f"{a}{b}" in evidence.words:
        return False
    if evidence.has_inflected(a, b):
        return True
    rules = rules_for(lang)
    if (len(firsts) > 1 and a in rules.links) or (len(seconds) > 1 and b in rules.links):
        return True
    is_tail, pattern = rules.tail_pattern(seconds[-1])
    if is_tail and (pattern is None or pattern.match(a)):
        return True
    if a in rules.heads and len(firsts) == 1:
        pattern = rules.heads[a]
        if pattern is None or pattern.match(second_chain):
            return True
    return (
        len(firsts) == 1 and len(a) >= 3 and a in evidence.heads and a not in rules.links
        and len(b) >= 3 and b in evidence.words
    )
