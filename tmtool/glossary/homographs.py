"""Place names that are also common words, told apart by their context (data in ``data/homographs.json``).

Arabic مالي is Mali and the adjective "financial" (دعم مالي), مصر Egypt and "insisting" (أنه مصر على), عمان Oman
and Amman, قطر Qatar and "diameter" (نصف قطر); Russian Того is Togo and, opening a sentence, the pronoun (Того же
мнения...); Chinese 马里 (Mali) begins 马里兰 (Maryland); Spanish "Estados Unidos Mexicanos" is Mexico; English
"Mr. Chad Smith" is a man. A match is dropped only where its context shows the common word, so a real mention (في مالي,
جمهورية مالي, حكومة مالي, Делегация Того) stays. The rules are data, per language and per term as the glossary
writes it: the words just before or after, a sentence start, a capitalised word after (a surname), and for Arabic
adjectives the agreement rule: an adjective follows its noun, with no punctuation between, and agrees with it, so
مالي is the adjective only after a masculine indefinite word that is no preposition, particle, place name or noun
that governs a State's name (شمال مالي, وفد مالي). A word with a preposition on it (بمالي, لمالي) is a name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from importlib import resources

from ..languages import base, uses_spaces
from .normalise import ARABIC_ARTICLE_RUN, fold, tokens

__all__ = ["common_word", "homograph_terms"]

_SENTENCE_END = re.compile(r"(?:^|[.!?…:;]\s*[«\"“„(\[]?|^[«\"“„(\[])\s*$")
_TANWIN_FATH = ("\u064b", "\u064bا", "ا\u064b")


@lru_cache(maxsize=1)
def _data() -> dict[str, dict[str, dict]]:
    text = resources.files(__package__).joinpath("data/homographs.json").read_text(encoding="utf-8")
    out: dict[str, dict[str, dict]] = {}
    for lang, terms in json.loads(text).items():
        if lang.startswith("_"):
            continue
        out[lang] = {}
        for term, rule in terms.items():
            rule = dict(rule)
            for ctx in rule.get("contexts", ()):
                for part in ("before", "after"):
                    if part in ctx:
                        ctx[part] = frozenset(fold(w, lang) for w in ctx[part])
            rule["heads"] = frozenset(fold(w, lang) for w in rule.get("heads", ()))
            out[lang][fold(term, lang)] = rule
    return out


def homograph_terms(lang: str) -> frozenset[str]:
    """The folded terms of ``lang`` that the data knows as homographs (empty for most languages)."""
    return frozenset(_data().get(base(lang), {}))


def _word_before(text: str, start: int) -> tuple[str, str]:
    """The word just before ``start`` and what stands between it and ``start`` ("" and "" at the text's start)."""
    toks = tokens(text[:start])
    if not toks:
        return "", text[:start]
    return toks[-1][2], text[toks[-1][1] : start]


def _word_after(text: str, end: int) -> str:
    toks = tokens(text[end:])
    return toks[0][2] if toks else ""


def _context_holds(ctx: dict, text: str, start: int, end: int, lang: str) -> bool:
    if ctx.get("first") and not _SENTENCE_END.search(text[:start]):
        return False
    if "before" in ctx and fold(_word_before(text, start)[0], lang) not in ctx["before"]:
        return False
    if "after" in ctx:
        if uses_spaces(lang):
            if fold(_word_after(text, end), lang) not in ctx["after"]:
                return False
        elif not any(text.startswith(chars, end) for chars in ctx["after"]):
            return False
    return True


def _arabic_adjective(text: str, start: int, matched: str, term: str, heads: frozenset[str],
                      is_place: Callable[[int], bool]) -> bool:  # fmt: skip
    """Whether an Arabic match reads as an adjective agreeing with the word before it (see the module)."""
    word_form = fold(matched, "ar")
    if any(p in word_form[: len(word_form) - len(term)] for p in "بلك"):
        return False  # بمالي, لمالي, وبمالي: an adjective takes no preposition
    word, gap = _word_before(text, start)
    if not word or gap.strip():
        return False  # nothing before, or punctuation between: no noun for an adjective to follow
    folded = fold(word, "ar")
    bare = folded[1:] if folded[:1] in ("و", "ف") and len(folded) > 2 else folded
    if ARABIC_ARTICLE_RUN.match(folded) or folded.endswith(("ه", "ات", "ت")) or word.endswith(_TANWIN_FATH):
        return False  # definite, feminine (ة folds to ه; a State's verb: أعلنت) or with tanwin: the adjective would differ
    if folded in heads or bare in heads or is_place(start - len(gap)):  # بوركينا فاسو ومالي
        return False
    return True


def common_word(text: str, start: int, end: int, term_text: str, lang: str,
                is_place: Callable[[int], bool] = lambda _: False) -> bool:
    """Whether the match ``text[start:end]`` of glossary term ``term_text`` is, by its context, the common word the
    data gives for that term rather than the place name. ``is_place(i)`` says whether a place name ends at ``i``
    (the word before an Arabic adjective, the last of a name of several words: بوركينا فاسو ومالي)."""
    rule = _data().get(base(lang), {}).get(fold(term_text, lang))
    if rule is None:
        return False
    matched = text[start:end]
    if any(w in matched for w in rule.get("written", ())):
        return True
    if rule.get("adjective") and _arabic_adjective(text, start, matched, fold(term_text, lang), rule["heads"], is_place):
        return True
    return any(_context_holds(ctx, text, start, end, lang) for ctx in rule.get("contexts", ()))
