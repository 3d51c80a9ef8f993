"""Term extraction from aligned text: candidate terms in the source, their renderings in the target.

1. Source candidates are word n-grams (1-5 words; an English possessive is part of its word: People's) of two
   kinds: *names* (every content word capitalised: "Security Council", "Charter of the United Nations"; a single
   word only if it is not the first word of the segment, or is an acronym; in French, Spanish, Russian... also
   the first word alone capitalised, not at the start of the segment: "Assemblée générale") and *phrases* of two
   or more lower-case content words with at most one function word inside ("territorial integrity", "rule of
   law"; a preposition, conjunction or article, not "peacekeepers are deployed"). None starts or ends with a function word (:mod:`.stopwords`) or a number, and none (nor any
   rendering) spans a comma, a bracket, a colon or a quotation mark (:func:`_joins`). Words are compared by stem,
   so "Security Council"/"Security Councils" are one candidate; the commonest surface form is shown. From
   Chinese: runs of Han characters between varying neighbours (a run always beside one character is a piece of
   a longer word).
2. Termhood (after the C-value of Frantzi et al. 2000) is log2(1 + length) x the number of segments where
   the candidate occurs outside every longer frequent candidate, so "Security" (always inside "Security
   Council") and "United" are not terms of their own.
3. For the best candidates, every target n-gram (1-6 words, 1-12 characters for Chinese) that does not start
   or end with a function word is scored by Dice over segment co-occurrence, 2·f(s,t) / (f(s) + f(t));
   the best one is the rendering (ties: more co-occurrences, then longer). The log-likelihood ratio G²
   of the same 2x2 table is reported too.
   Dice is then weighed by position, sound and cover (the share of the source term's content words the
   n-gram has words for: « emploi » covers half of "use of force") and the pairs are linked competitively.
   Among renderings as strong, the longest wins, except for a lower-case phrase seen with it three times or
   fewer: there every n-gram of those segments is as strong, and one with no more content words than the
   phrase comes first ("buts et aux principes", not "contraires aux buts et aux principes").
4. Candidates are ranked by association x C-value; pairs seen together fewer than ``min_freq`` times are
   dropped. Number words alone ("Seventy") are no candidates, and no candidate starts or ends inside a
   hyphenated compound ("State" of "inter-State", "Al" of "Al-Qaida", "Guinea" of "Guinea-Bissau").
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import UsageError
from ..languages import base, uses_spaces
from .model import Entry, Example, Glossary, Term
from .morphology import common_citation_form
from .matching import _HYPHENS  # hyphen-minus, hyphen, non-breaking hyphen
from .normalise import ARABIC_ARTICLE_RUN, TOKEN_RE, fold, is_acronym, stem, text_variants, without_arabic_marks
from .pairs import SegmentPair
from .stopwords import CALENDAR_WORDS, END_STOPS, INNER_STOPS, LINKING_WORDS, NUMBER_WORDS, STOPWORDS
from .translit import name_similarity
from .zhwords import chinese_words, starts_inside_word, word_interiors

__all__ = ["Candidate", "extract_terms", "same_language", "candidates_to_glossary", "candidates_to_tsv"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Han characters are a word each, and a word of another script stops at one: "13日阿塞拜疆" is 13 日 阿 塞 拜 疆
_HAN_RE = re.compile(f"[{_HAN}]")
_WORD = re.compile(f"[{_HAN}]|" + TOKEN_RE.pattern.replace(r"[^\W_", rf"[^\W_{_HAN}"))
Key = tuple[str, ...]
# (surface, key, is_stop, start, end, link): how the word is joined to the one before it: _BREAK after
# punctuation that no term spans (see _joins), _COMPOUND after a hyphen between letters (Al-Qaida), else _SPACE
Word = tuple[str, str, bool, int, int, int]
_BREAK, _SPACE, _COMPOUND = 0, 1, 2
# an article after "and"/"or" inside a term: the term starts without one, so its second part does too
_COORDINATED_ARTICLE = {
    "fr": re.compile(r"\b(et|ou) (?:des|du|de la|de l'|de l’|les|la|le|l'|l’) ?(?=[^\W\d_])(?![A-ZÀ-Ý])"),
    "es": re.compile(r"\b(y|e|o|u) (?:los|las|la|el|del|de los|de las|de la) (?![A-ZÀ-Ý])"),
    "it": re.compile(r"\b(e|ed|o) (?:il|lo|la|i|gli|le|l'|l’|dei|degli|delle|del|della|dello) ?"
                     r"(?=[^\W\d_])(?![A-ZÀ-Ý])"),
    "pt": re.compile(r"\b(e|ou) (?:os|as|o|a|dos|das|do|da) (?![A-ZÀ-Ý])"),
}  # not before a capital: a name keeps its article (América Latina y el Caribe, l'Asie et le Pacifique)
_SPANNED = frozenset("'’ʼ‘/&.·")  # punctuation inside a term (see _joins)
_NONE: Mapping[str, str] = {}  # no words to take proclitics off (a language other than Arabic)
# languages that capitalise only the first word of a name of an organ ("Assemblée générale")
_HEADED = frozenset({"fr", "es", "ru", "it", "pt", "ca", "ro", "uk", "bg", "pl"})
_OPTIONS = 30  # target n-grams weighed per source candidate (the best by Dice)
_SAMPLE = 20  # segments read per source candidate to weigh them
_CHANCE = 0.5  # skeleton similarity of unrelated names (measured: 0.2-0.57); only what is above counts
_W_POSITION, _W_SOUND = 0.25, 0.5
_CLITIC = frozenset({"ar", "fa", "he"})  # languages whose words carry clitics: word counts are no guide
_NOISE = 0.9  # a longer n-gram around the chosen one wins if its association is at least this share
# Chinese n-grams: up to 12 characters as renderings (阿拉伯叙利亚共和国, 朝鲜民主主义人民共和国), 8 as source terms
_HAN_TARGET, _HAN_SOURCE = 12, 8
_CUT = 0.5  # a Chinese target n-gram cut at an edge in this share of its occurrences is a piece of a word
_ALONE = 0.25  # where a nested term stands alone, its rendering is seen at least this share as often as overall
_FEW = 3  # ... if the pair was seen together more often than this, or adds no content word to the source term's


@dataclass(frozen=True)
class Candidate:
    """A proposed term pair with its statistics and one example."""

    source: str
    target: str
    frequency: int  # segments containing the source term
    joint: int  # segments containing both
    dice: float
    llr: float
    cvalue: float
    score: float
    example_source: str
    example_target: str
    glossary: str = ""  # what a given glossary says of the pair (:func:`~.known.glossary_status`); "" is new


def same_language(src: str, tgt: str) -> None:
    """:class:`UsageError` when ``src`` and ``tgt`` name one language (``en``/``en-GB`` included)."""
    if base(src) == base(tgt):
        raise UsageError(f"--src {src} and --tgt {tgt} are the same language: give two different languages")


def _words(text: str, lang: str, clitics: Mapping[str, str] = _NONE) -> list[Word]:
    """``(surface, key, is_stop, start, end)`` per word; Han characters are one word each. An English possessive
    stays on its word (People's: "Democratic People's Republic of Korea" is a name of five words, not six).
    ``clitics``: Arabic words to their attested form without proclitics (:func:`_attested_without_proclitics`)."""
    stops = STOPWORDS.get(base(lang), frozenset())
    english = base(lang) == "en"
    out: list[Word] = []
    for m in _WORD.finditer(text):
        w = m.group()
        if english and w in ("s", "S") and out and out[-1][4] == m.start() - 1 and text[m.start() - 1] in "'’":
            start, joined = out[-1][3], out.pop()[5]
            w = text[start : m.end()]
            out.append((w, _key(w[:-2], lang), False, start, m.end(), joined))  # People's is compared as People
            continue
        low = w.casefold()
        gap = text[out[-1][4] : m.start()] if out else " "
        link = _COMPOUND if gap in _HYPHENS and out[-1][0][-1].isalpha() and w[0].isalpha() else (
            _SPACE if _joins(gap) else _BREAK)  # fmt: skip
        out.append((w, _key(w, lang, clitics), low in stops or low.isdigit(), m.start(), m.end(), link))
    return out


def _joins(gap: str) -> bool:
    """Whether a term may span ``gap``, the text between two words: spaces, hyphens and dashes
    (Nagorno-Karabakh, государств — участников), an apostrophe (droits de l'homme), a slash (HIV/AIDS) and a
    full stop inside an abbreviation (a.i.) do; a comma, a colon, a bracket, a quotation mark or a full stop
    before a space do not ("following item, listed in paragraph", "Programme (UNDP", « права и свободы,
    изложенные в настоящей » were candidates)."""
    if "." in gap and gap != ".":
        return False
    return all(c.isspace() or c in _SPANNED or unicodedata.category(c) == "Pd" for c in gap)


def _citation_form(surface: str, lang: str, clitics: Mapping[str, str] = _NONE) -> str:
    """``surface`` as a glossary writes it: in French, Spanish, Italian, Portuguese without an article after a
    conjunction inside it before a lower-case word, as the term starts without one (« femmes et des filles » ->
    « femmes et filles », « paix et de la sécurité internationales » -> « paix et sécurité internationales »; a
    name keeps its: « Asie et le Pacifique »); in Arabic without the conjunction or preposition on the article of
    its first word (والقانون الدولي, للقانون الدولي -> القانون الدولي), or on a first word without the article where
    ``clitics`` has it (وإدارة الموارد البشرية -> إدارة الموارد البشرية); other languages as they are (Russian terms
    are put in the nominative from all their forms at once: :func:`~.morphology.common_citation_form`)."""
    if base(lang) in _COORDINATED_ARTICLE:
        shown = _COORDINATED_ARTICLE[base(lang)].sub(r"\1 ", surface)
        if base(lang) == "es":  # y, o before the sound they cannot stand before: soberanía e integridad
            shown = re.sub(r"\by (?=h?i(?![aeo]))", "e ", shown)
            shown = re.sub(r"\bo (?=h?o)", "u ", shown)
        return shown
    if base(lang) != "ar":
        return surface
    m = ARABIC_ARTICLE_RUN.match(surface)
    if m:
        return "ال" + surface[m.end():]
    first = fold(surface.split(" ", 1)[0], lang)
    bare = clitics.get(first)
    if bare is None:
        return surface
    drop, i = len(first) - len(bare), 0  # letters to take off; marks (ّ) go with their letter
    while i < len(surface) and (drop > 0 or not without_arabic_marks(surface[i])):
        drop -= bool(without_arabic_marks(surface[i]))
        i += 1
    return surface[i:]


def _key(word: str, lang: str, clitics: Mapping[str, str] = _NONE) -> str:
    """The key that words are compared by: the stem of the folded word. Arabic writes the article and the particles
    before it as one word with the noun (و + ل + ال + قانون), and Snowball's Arabic stemmer takes them off one way
    for one form and another for the next (القانون -> قان, والقانون -> والقان, قانون -> قانون): they go first; on a
    word without the article, where ``clitics`` says the bare word is attested (لحقوق -> حقوق)."""
    folded = fold(word, lang)
    if base(lang) == "ar":
        bare = ARABIC_ARTICLE_RUN.sub("", folded)
        folded = clitics.get(folded, folded) if bare == folded else bare
    return stem(folded, lang)


def _attested_without_proclitics(texts: Iterable[str]) -> dict[str, str]:
    """Arabic words without the article that begin with و or ف and/or ب, ل or ك, to the word without them where
    that is attested in ``texts`` at least as often and twice (لحقوق, وحقوق -> حقوق; ولجنة -> لجنة): the letter
    may be the word's own (لبنان is not ل + بنان, بيان not ب + يان), and only the texts can tell."""
    counts = Counter(fold(w, "ar") for text in texts for w in TOKEN_RE.findall(text))
    out: dict[str, str] = {}
    for word, n in counts.items():
        if ARABIC_ARTICLE_RUN.match(word):
            continue
        bare = [v for v in text_variants(word, "ar")[1:] if len(v) >= 3]  # the word without each run
        best = max(bare, key=lambda b: counts.get(b, 0), default="")
        if best and counts.get(best, 0) >= max(n, 2):
            out[word] = best
    return out


def _is_han(word: str) -> bool:
    """Whether ``word`` (a word of :func:`_words`) is a Han character."""
    return bool(_HAN_RE.fullmatch(word))


def _source_candidates(text: str, words: list[Word], max_len: int,
                       headed: bool = False, lang: str = "") -> dict[Key, str]:  # fmt: skip
    """Candidate terms of one source segment, key -> surface. ``headed``: also names whose first word
    alone is capitalised ("Assemblée générale", "Conseil de sécurité"), as French, Spanish, Russian write them."""
    found: dict[Key, str] = {}
    if not uses_spaces(lang):  # Chinese: runs of 2+ characters, as target renderings are cut
        for _, i, j in _target_spans(words, lang, _HAN_SOURCE):
            if j - i >= 2 and all(_is_han(w[0]) for w in words[i:j]):
                found[tuple(w[1] for w in words[i:j])] = text[words[i][3] : words[j - 1][4]]
        return found
    numbers = NUMBER_WORDS.get(base(lang), frozenset())
    calendar = CALENDAR_WORDS.get(base(lang), frozenset())
    linking = LINKING_WORDS.get(base(lang))
    n_words = len(words)
    for i in range(n_words):
        first, _, stop, _, _, _ = words[i]
        if stop or len(first) < 2 or not first[0].isalpha() or words[i][5] == _COMPOUND:  # "State" of "inter-State"
            continue
        if first.casefold() in calendar:  # "March", "March the Peacebuilding Commission" (of "In March the ...")
            continue
        for n in range(1, max_len + 1):
            j = i + n
            if j > n_words:
                break
            last, _, last_stop, _, _, joined = words[j - 1]
            if n > 1 and not joined:  # no term spans a comma, a bracket, a colon...
                break
            span = words[i:j]
            if last_stop or not last[0].isalpha() or j < n_words and words[j][5] == _COMPOUND:  # "Al" of "Al-Qaida"
                continue
            content = [w[0] for w in span if not w[2]]
            inner_stops = n - len(content)
            if any(not w[0].isalpha() for w in content):
                break
            caps = all(w[0].isupper() for w in content)
            lower_rest = not any(w[0].isupper() for w in content[1:])
            if not caps and inner_stops and linking is not None:  # "peacekeepers are deployed" is no phrase
                inner_stops += 2 * any(w[2] and not w[0].isdigit() and w[0].casefold() not in linking for w in span)
            if caps:
                # a number word alone ("Seventy" of "Seventy-eighth") is no term
                if n == 1 and ((i == 0 and not is_acronym(first)) or first.casefold() in numbers):
                    continue
            elif headed and first[0].isupper() and lower_rest and n >= 2 and inner_stops <= 1:
                if i == 0:  # a capital at the start of a segment says nothing
                    continue
            elif not lower_rest or first[0].isupper() or n < 2 or inner_stops > 1:
                continue
            found[tuple(w[1] for w in span)] = text[span[0][3] : span[-1][4]]
    return found


@lru_cache(maxsize=1 << 18)
def _word_id(key: str) -> int:
    """A number for a word key, the same in every run: ``hash`` of a string changes from one process to the next,
    and with it the order in which equally strong renderings were weighed (one input gave two outputs)."""
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def _target_spans(words: list[Word], lang: str,
                  han_len: int = _HAN_TARGET) -> Iterator[tuple[int, int, int]]:  # fmt: skip
    """``(hash of key, i, j)`` of the target n-grams ``words[i:j]`` of a segment, of up to six words or ``han_len``
    Chinese characters.

    Hashes stand for the n-grams (within one run) so that memory holds one int per n-gram and segment.
    No n-gram starts or ends with a function word, and none crosses a Chinese function character (的) or
    punctuation that no term spans (:func:`_joins`).
    """
    max_len = 6 if uses_spaces(lang) else han_len
    inner = INNER_STOPS.get(base(lang), frozenset())
    ends = END_STOPS.get(base(lang), frozenset())
    numbers = NUMBER_WORDS.get(base(lang), frozenset())
    ids = [_word_id(w[1]) for w in words]
    for i, (w, _, stop, _, _, link) in enumerate(words):
        if stop or not w[0].isalpha() or link == _COMPOUND:  # not from inside a compound ("Bissau", "члены")
            continue
        for n in range(1, max_len + 1):
            j = i + n
            if j > len(words):
                break
            last, _, last_stop, _, _, joined = words[j - 1]
            if (inner and last in inner) or (n > 1 and not joined):
                break
            if last_stop or not last[0].isalpha() or (n == 1 and w.casefold() in numbers):
                continue
            if last in ends and (n == 1 or words[j - 2][0] + last not in _zh_words()):  # 族裔清洗和, not 共和
                continue
            if j < len(words) and words[j][5] == _COMPOUND:  # « espace extra » of « extra-atmosphérique »
                continue
            yield (hash(tuple(ids[i:j])) << 4) | n, i, j  # the length rides in the low bits


def _zh_words() -> frozenset[str]:
    from .zhwords import chinese_words

    return chinese_words()


def _contains(outer: Key, inner: Key) -> bool:
    n = len(inner)
    return any(outer[i : i + n] == inner for i in range(len(outer) - n + 1))


def _nested(a: Key, b: Key) -> bool:
    return _contains(a, b) or _contains(b, a)


def _overlap(a: Key, b: Key, least: int = 2) -> bool:
    """One inside the other, or the end of one is the start of the other, ``least``+ words or characters
    (塞拜疆卡拉巴赫 / 阿塞拜疆)."""
    if _nested(a, b):
        return True
    return any(a[-n:] == b[:n] or b[-n:] == a[:n] for n in range(least, min(len(a), len(b))))


def _shared(a: Key, b: Key) -> str:
    """The longest end of one that starts the other, joined (妇女 of 土著妇女 and 妇女和女童); '' if none."""
    for n in range(min(len(a), len(b)) - 1, 0, -1):
        if a[-n:] == b[:n] or b[-n:] == a[:n]:
            return "".join(a[-n:] if a[-n:] == b[:n] else b[-n:])
    return ""


@dataclass
class _Option:
    """A target n-gram proposed for one source candidate, with the evidence for it."""

    h: int
    dice: float
    joint: int
    key: Key = ()
    forms: Counter[str] = field(default_factory=Counter)
    position: float = 0.5  # mean agreement of relative positions, 0-1
    cover: float = 1.0  # content words of the target n-gram / of the source term, at most 1
    excess: int = 0  # content words of the target n-gram beyond a lower-case source term's (spaced scripts)
    sound: float = 0.0  # transliteration/cognate similarity above chance, 0-1
    cut: float = 0.0  # Chinese: share of its occurrences that start or end inside a dictionary word (员国, 审议大)
    assoc: float = 0.0
    llr: float = 0.0


def _weigh(options: list[_Option], segs: list[int], key: Key, src_sets: list[dict[Key, str]],
           texts: list[tuple[str, str]], words_of: Callable[[int], list], src: str, tgt: str) -> None:  # fmt: skip
    """Fill in the evidence of each option from (a sample of) the segments where the source occurs:
    target key and forms, position agreement, and how alike source and target sound."""
    by_hash = {o.h: o for o in options}
    agree: dict[int, list[float]] = defaultdict(list)
    source_form = Counter(src_sets[n][key] for n in segs).most_common(1)[0][0]
    # a rendering should cover the source term's content words ("use of force" is not « emploi »);
    # word counts say nothing between a spaced and an unspaced script, nor in Arabic (one word holds
    # conjunction, preposition, article and pronoun: وسلامتها "and its integrity")
    spaced = all(uses_spaces(x) and base(x) not in _CLITIC for x in (src, tgt))
    src_content = sum(not w[2] for w in _words(source_form, src)) if spaced else 0
    # a name's rendering may well hold more words ("United Nations" -> "Организации Объединенных Наций"); a
    # lower-case phrase's has about as many
    phrase = bool(src_content) and source_form[:1].islower()
    han = base(tgt) == "zh"
    dictionary = chinese_words() if han else frozenset()
    step = max(1, len(segs) // _SAMPLE)
    for n in segs[::step][:_SAMPLE]:
        src_text, tgt_text = texts[n]
        surface = src_sets[n][key]
        at = src_text.find(surface)
        rel_s = (at + len(surface) / 2) / max(1, len(src_text))
        words = words_of(n)
        seen: set[int] = set()
        for h, i, j in _target_spans(words, tgt):
            o = by_hash.get(h)
            if o is None or h in seen:
                continue
            seen.add(h)
            if not o.key:
                o.key = tuple(w[1] for w in words[i:j])
                content = sum(not w[2] for w in words[i:j])
                o.cover = min(1.0, content / src_content) if src_content else 1.0
                o.excess = max(0, content - src_content) if phrase else 0
            o.forms[tgt_text[words[i][3] : words[j - 1][4]]] += 1
            if han and "".join(o.key) not in dictionary:  # a word is no piece (宪章 in 联合国宪章, 人权 after 国人)
                inside = word_interiors(tgt_text)
                o.cut += words[i][3] in inside or words[j - 1][4] in inside
            rel_t = (words[i][3] + words[j - 1][4]) / 2 / max(1, len(tgt_text))
            agree[h].append(1 - abs(rel_s - rel_t))
    for o in options:
        o.cut /= max(1, sum(o.forms.values()))
        o.key = o.key or (f"#{o.h}",)  # not in the sample: a key of its own
        if agree[o.h]:
            o.position = sum(agree[o.h]) / len(agree[o.h])
        if o.forms:
            sim = name_similarity(source_form, src, o.forms.most_common(1)[0][0], tgt)
            o.sound = max(0.0, (sim - _CHANCE) / (1 - _CHANCE)) if sim is not None else 0.0
        o.assoc = o.dice * (1 - _W_POSITION + _W_POSITION * o.position) * (1 + _W_SOUND * o.sound) * o.cover


def _link(proposals: dict[Key, list[_Option]], words: frozenset[str] = frozenset()) -> dict[Key, _Option]:
    """Competitive linking: source terms choose in the order of their strongest pair (association x G²,
    so that a pair seen ten times goes before one seen twice); a target n-gram given to one source term
    is not the rendering of another, nor is any n-gram inside it or overlapping its ends (unless the two
    source terms are nested themselves: "Member States" / "States"; or, in Chinese, unless the overlapping
    n-gram is a dictionary word: 发展中国家 shares 发展 with 可持续发展). A longer n-gram around it stays
    free: 大会 for "General Assembly" leaves 缔约方大会 to "Conference of the Parties"."""
    order = sorted(proposals, key=lambda k: (-max(o.assoc * o.llr for o in proposals[k]), k))
    chosen: dict[Key, _Option] = {}
    by_token: dict[str, list[Key]] = defaultdict(list)  # target word -> source terms whose rendering has it

    def others(key: Key, o: _Option) -> Iterator[tuple[Key, _Option]]:
        """Chosen renderings sharing a word with ``o``, of source terms not nested with ``key``."""
        seen = set()
        for token in o.key:
            for k in by_token.get(token, ()):
                if k not in seen:
                    seen.add(k)
                    yield k, chosen[k]

    def free(key: Key, o: _Option) -> bool:
        for k, t in others(key, o):
            if o.key == t.key:
                return False
            if _nested(key, k):
                continue
            inside = _contains(t.key, o.key)
            across = _overlap(o.key, t.key) and not _contains(o.key, t.key)
            # inside, or across an end: unless o is a word, or what the two share is one (土著妇女 and 妇女和女童
            # share 妇女 as "indigenous women" and "women and girls" share "women"; 塞拜疆 is no word)
            if inside or (across and "".join(o.key) not in words and _shared(o.key, t.key) not in words):
                return False
        return True

    for key in order:
        options = [p for p in proposals[key] if free(key, p)]
        if not options:
            continue
        # what a source term chooses is its strongest free option...
        o = max(options, key=lambda p: (p.assoc, p.joint, len(p.key)))
        # ... but positions and sounds are weak evidence: among free options as strong (within _NOISE) and
        # seen as often, the longest is the rendering ("Организации Объединенных Наций", not "Наций";
        # 主权和领土完整, not 公), as with Dice alone; it takes in another rendering only where the chosen
        # one reaches into it (缔约方大 -> 缔约方大会)
        near = [p for p in options if p.joint >= o.joint and p.assoc >= _NOISE * o.assoc
                and not any(_contains(p.key, t.key) and not _nested(key, k) and not _overlap(o.key, t.key, 1)
                            for k, t in others(key, p))]  # fmt: skip
        # ... unless the pair was seen only a few times: then every n-gram of those segments is as strong, and
        # the longest takes in the words around the term ("contraires aux buts et aux principes" for "purposes
        # and principles"); for a phrase, no more content words than it has comes first
        few = o.joint <= _FEW
        best = max(near or [o], key=lambda p: (-p.excess if few else 0, len(p.key), p.assoc))
        chosen[key] = best
        for token in set(best.key):
            by_token[token].append(key)
    return chosen


def _llr(k11: int, k12: int, k21: int, k22: int) -> float:
    def h(*ks: int) -> float:
        total = sum(ks)
        return sum(k * math.log(k / total) for k in ks if k)

    return 2 * (h(k11, k12, k21, k22) - h(k11 + k12, k21 + k22) - h(k11 + k21, k12 + k22))


def _add_sides(words: list[Word], found: dict[Key, str], lang: str,
               sides: dict[Key, tuple[set, set]]) -> None:  # fmt: skip
    """Add to ``sides[key]`` the characters before and after each occurrence of the runs ``found`` in a segment
    (None at its start or end, or next to a character of another kind)."""
    for _, i, j in _target_spans(words, lang, _HAN_SOURCE):
        key = tuple(w[1] for w in words[i:j])
        if key in found:
            before = words[i - 1][1] if i > 0 and _is_han(words[i - 1][0]) else None
            after = words[j][1] if j < len(words) and _is_han(words[j][0]) else None
            sides[key][0].add(before)
            sides[key][1].add(after)


def _closed_runs(sides: dict[Key, tuple[set, set]]) -> set[Key]:
    """The runs of Han characters that are pieces of a longer word: always after the same character or always
    before the same one (塞拜疆 is always 阿塞拜疆); a term stands between varying neighbours or at an edge."""
    def one(side: set) -> bool:
        return len(side) == 1 and None not in side

    return {key for key, (before, after) in sides.items() if one(before) or one(after)}


def _mostly_cut(key: Key, segs: list[int], src_sets: list[dict[Key, str]], texts: list[tuple[str, str]]) -> bool:
    """Whether most occurrences of a Chinese run (in a sample of its segments) start inside a dictionary word."""
    cut = seen = 0
    for n in segs[:: max(1, len(segs) // _SAMPLE)][:_SAMPLE]:
        text, surface = texts[n][0], src_sets[n][key]
        at = text.find(surface)
        while at >= 0:
            seen += 1
            cut += starts_inside_word(text, at)
            at = text.find(surface, at + 1)
    return seen > 0 and 2 * cut >= seen


def _free_keys(found: dict[Key, str], frequent: Counter[Key]) -> list[Key]:
    """The frequent candidates of one segment that occur outside every longer frequent candidate there."""
    keys = [k for k in found if k in frequent]
    nested = set()
    for k in keys:
        for n in range(1, len(k)):
            for i in range(len(k) - n + 1):
                nested.add(k[i : i + n])
    return [k for k in keys if k not in nested]


def _alone(options: list[_Option], alone: list[int], tgt_sets: list[frozenset[int]], total: int) -> list[_Option]:
    """The options of a term nested in a longer one ("Republic of Korea" in "Democratic People's Republic of
    Korea", ``total`` segments) seen where it stands alone at least ``_ALONE`` times as often (as a share of the
    segments) as overall: the others render the longer term (« République populaire démocratique », in 17 of 24
    segments and in none of the 8 where "Republic of Korea" stands alone). All of them where none is."""
    seen: Counter[int] = Counter()
    for n in alone:
        seen.update(tgt_sets[n])
    kept = [o for o in options if seen[o.h] / len(alone) >= _ALONE * o.joint / total]
    return kept or options


def extract_terms(pairs: Iterable[SegmentPair], src: str, tgt: str, *, limit: int = 100, min_freq: int = 2,
                  max_len: int = 5) -> list[Candidate]:  # fmt: skip
    """Ranked candidate term pairs from aligned segment pairs (best first, at most ``limit``).

    :class:`UsageError` when ``src`` and ``tgt`` are one language (the pairs would be the text itself)."""
    same_language(src, tgt)
    headed = base(src) in _HEADED
    src_sets: list[dict[Key, str]] = []
    tgt_sets: list[frozenset[int]] = []
    tgt_freq: Counter[int] = Counter()
    src_sides: dict[Key, tuple[set, set]] = defaultdict(lambda: (set(), set()))
    texts = [(pair.src, pair.tgt) for pair in pairs]
    src_clitics = _attested_without_proclitics(t[0] for t in texts) if base(src) == "ar" else _NONE
    tgt_clitics = _attested_without_proclitics(t[1] for t in texts) if base(tgt) == "ar" else _NONE
    for src_text, tgt_text in texts:
        words = _words(src_text, src, src_clitics)
        s = _source_candidates(src_text, words, max_len, headed, src)
        if not uses_spaces(src):
            _add_sides(words, s, src, src_sides)
        t = frozenset(h for h, _, _ in _target_spans(_words(tgt_text, tgt, tgt_clitics), tgt))
        src_sets.append(s)
        tgt_sets.append(t)
        tgt_freq.update(t)
    total = len(texts)
    if not uses_spaces(src):
        closed = _closed_runs(src_sides)
        src_sets = [{k: v for k, v in found.items() if k not in closed} for found in src_sets]
    src_freq = Counter(k for found in src_sets for k in found)
    frequent = Counter({k: f for k, f in src_freq.items() if f >= min_freq})
    free_sets = [_free_keys(found, frequent) for found in src_sets]
    free = Counter(k for keys in free_sets for k in keys)  # segments where it is outside every longer candidate
    cvalue = {k: math.log2(1 + len(k)) * f for k, f in free.items() if f >= min_freq}
    shortlist = sorted(cvalue, key=lambda k: -cvalue[k])[: max(5 * limit, 200)]
    postings: dict[Key, list[int]] = defaultdict(list)
    alone: dict[Key, list[int]] = defaultdict(list)  # the segments that `free` counts, per shortlisted key
    wanted = set(shortlist)
    for n, s in enumerate(src_sets):
        for k in s.keys() & wanted:
            postings[k].append(n)
        for k in free_sets[n]:
            if k in wanted:
                alone[k].append(n)
    if base(src) == "zh":  # a run that mostly starts inside a dictionary word is a piece (约不 of 条约不扩散)
        shortlist = [k for k in shortlist if not _mostly_cut(k, postings[k], src_sets, texts)]
    words_cache: dict[int, list[Word]] = {}

    def words_of(n: int) -> list[Word]:
        if n not in words_cache:
            words_cache[n] = _words(texts[n][1], tgt, tgt_clitics)
        return words_cache[n]

    proposals: dict[Key, list[_Option]] = {}
    for key in shortlist:
        segs = postings[key]
        joint: Counter[int] = Counter()
        for n in segs:
            joint.update(tgt_sets[n])
        f_s = len(segs)
        options = [
            _Option(t, 2 * c / (f_s + f_t), c, llr=_llr(c, f_s - c, f_t - c, total - f_s - f_t + c))
            for t, c in joint.items() if c >= min_freq
            for f_t in (tgt_freq[t],)
        ]  # fmt: skip
        options.sort(key=lambda o: (-o.dice, -o.joint, -(o.h & 15)))
        if min_freq <= len(alone[key]) < f_s:  # nested in a longer term in some segments
            options = _alone(options, alone[key], tgt_sets, f_s)
        if options:
            proposals[key] = options[:_OPTIONS]
            _weigh(proposals[key], segs, key, src_sets, texts, words_of, src, tgt)
            # a Chinese rendering mostly cut out of a longer word is a piece of it (员国 of 会员国, 审议大 of 审议大会)
            proposals[key] = [o for o in proposals[key] if o.cut < _CUT] or proposals[key]
    words_cache.clear()
    linked = _link(proposals, chinese_words() if base(tgt) == "zh" else frozenset())
    scored = sorted(((o.assoc * cvalue[key], key, o) for key, o in linked.items()), key=lambda x: (-x[0], x[1]))
    out: list[Candidate] = []
    for score, key, o in scored[:limit]:  # surfaces and examples for the winners only
        segs = postings[key]
        best, c = o.h, o.joint
        f_s = len(segs)
        both = [n for n in segs if best in tgt_sets[n]]
        src_forms = Counter(_citation_form(src_sets[n][key], src, src_clitics) for n in segs)
        tgt_forms: Counter[str] = Counter()  # of the rendering, as found
        for n in both:
            words = _words(texts[n][1], tgt, tgt_clitics)
            tgt_forms.update(_citation_form(texts[n][1][words[i][3] : words[j - 1][4]], tgt, tgt_clitics)
                             for h, i, j in _target_spans(words, tgt) if h == best)  # fmt: skip
        ex = texts[both[0]]
        out.append(
            Candidate(
                source=common_citation_form(src_forms, src), target=common_citation_form(tgt_forms, tgt),
                frequency=f_s,
                joint=c, dice=round(o.dice, 4), llr=round(o.llr, 2),
                cvalue=round(cvalue[key], 2), score=round(score, 3), example_source=ex[0], example_target=ex[1],
            )  # fmt: skip
        )
    out.sort(key=lambda c: (-c.score, c.source))
    return out


def candidates_to_tsv(candidates: Iterable[Candidate], glossary_column: bool = False) -> str:
    """Ranked TSV with a header line; ``glossary_column`` adds a last column, ``glossary`` (see
    :func:`~.known.glossary_status`)."""
    clean = lambda s: " ".join(str(s).split())  # noqa: E731
    header = "rank\tsource\ttarget\tfrequency\tjoint\tdice\tllr\tscore\texample_source\texample_target"
    lines = [header + ("\tglossary" if glossary_column else "")]
    for n, c in enumerate(candidates, start=1):
        cells = [n, c.source, c.target, c.frequency, c.joint, c.dice, c.llr, c.score, c.example_source, c.example_target]
        cells += [c.glossary] if glossary_column else []
        lines.append("\t".join(clean(x) for x in cells))
    return "\n".join(lines) + "\n"


def candidates_to_glossary(candidates: Iterable[Candidate], src: str, tgt: str) -> Glossary:
    """Candidates as a glossary whose terms all have status ``proposed``."""
    entries = []
    for n, c in enumerate(candidates, start=1):
        note = f"extracted: frequency {c.frequency}, joint {c.joint}, Dice {c.dice}, G2 {c.llr}, score {c.score}"
        note += f"; glossary: {c.glossary}" if c.glossary else ""
        entries.append(
            Entry(
                id=f"x{n}",
                terms=(Term(c.source, src, "proposed", examples=(Example(c.example_source),)),
                       Term(c.target, tgt, "proposed", examples=(Example(c.example_target),))),
                subject="extracted",
                note=note,
            )  # fmt: skip
        )
    return Glossary(tuple(entries), metadata={"description": "Terms extracted by tmtool glossary extract"})
