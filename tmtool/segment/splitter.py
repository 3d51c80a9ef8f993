"""Sentence splitting tuned for UN official documents.

pysbd proposes sentence boundaries for the languages it knows; the rules here remove the ones it gets wrong in
UN text and add the ones it misses:

- only final punctuation (``. ! ? …`` and the Chinese/Arabic forms) ends a sentence: pysbd also cuts at
  ``:``, ``;``, the Arabic comma ``،`` and before inline list items ``(a)``;
- no cut after a paragraph number or list marker alone (``10.``, ``51 -``, ``(a)``, ``IV.G.``, ``三.``);
- no cut after an abbreviation of ``data/abbreviations.<lang>.txt`` (``Mr.``, ``M.``, ``Sr.``, ``No. 5``,
  ``para. 3``, ``п. 5``, ``долл. США``, ``2014–2015 гг.``, two words: ``т. е.``...), nor before a lower-case word in
  cased scripts;
- a cut moves past closing quotes, brackets and footnote marks (``planning.[23]``, ``(1993).``, ``ouverte. »``);
- Chinese (and Japanese) sentences end at full-width ``。！？`` only (a Latin full stop never ends one there), a
  footnote mark after them staying with the sentence (``。¹``, ``。[3]``; in Chinese ``。1委员会`` too, but not
  ``。12个国家``: ``data/number_words.zh.txt``);
- obvious ends pysbd misses are added (a lower-case word, ``.``, space, a capital); so are the end of a
  reference to a part (``voir chap. II, sect. A. Le texte``: a numeral or letter after an abbreviation of the
  list whose pattern takes it) and the abbreviations of ``data/abbreviation_ends.<lang>.txt`` before a capital
  (Russian ``и т. д. Новый``, which pysbd cuts when written ``т.д.`` only).

Sentences are cut out of the input by character offsets, so splitting never loses, changes or reorders a
non-space character; only the whitespace between sentences is dropped.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate
from importlib import resources

from ..languages import base, is_cased

__all__ = ["split_sentences", "abbreviations", "boundaries"]

# Languages pysbd has rules for; others get the generic rules below.
_PYSBD_LANGS = frozenset("en hi mr zh es am ar hy bg ur ru pl fa nl da fr my el it ja de kk sk".split())
# A segment that is only a paragraph number or list marker: "10.", "1.2.", "(a)", "a)", "IV.", "A.", "*".
_MARKER_RE = re.compile(
    r"""^\s*(?:
        \(?\d{1,3}(?:\.\d{1,3})*[.)]? |   # 10.  1.2.  3)  (4)
        \([a-zA-Z]{1,4}\) |              # (a)  (iv)
        [a-z]\) |                        # a)
        [IVXLCDM]{1,6}\.(?:[A-Z]\.)? |   # IV.  IV.G.
        [A-Za-z]\. |                     # A.  b.
        [一二三四五六七八九十]{1,3}[.、．] |  # 三.
        [\u2022\u25cf\u2013\u2014*-]     # bullets and dashes
    )\s*$""",
    re.VERBOSE,
)
# Sentence-final punctuation of scripts that need no space after it.
_CJK_END_RE = re.compile(r"[。！？!?][」』”’\"）)]*")
# A footnote mark after a full-width end: superscript digits, a number in brackets, a plain number (which
# data/number_words.<lang>.txt tells from the number opening the next sentence).
_CJK_MARK_RE = re.compile(r"[¹²³⁰⁴-⁹]{1,3}|[\[［〔]\d{1,3}[\]］〕]")
_CJK_NUMBER_RE = re.compile(r"\d{1,3}(?![\d.．,，:：/\-–])")
# Generic rule for languages pysbd does not know: . ! ? (and closers), space, then a letter or digit.
_GENERIC_END_RE = re.compile(r"[.!?\u061f\u06d4\u0964][\"'”’»)\]]*(?=\s+[^\s\w]*\w)")
# An end no one can doubt: a word ending in two lower-case letters, . ! ?, closers, space, a capital letter.
_PLAIN_END_RE = re.compile(
    r"(?<![^\W\d_])[^\W\d_]*[a-zà-ÿа-яё]{2}[.!?](?:[\s\u00a0\u202f]?[»”\"’)])*(?=\s+[«“\"(]?[A-ZÀ-ÝА-ЯЁ])"
)
_CANDIDATE_RE = re.compile(r"[.!?…؟۔।॥։።။]\S*\s")
_WORD_BEFORE_RE = re.compile(r"(\S+)\s*$")
# What a sentence may end with: final punctuation, then closing quotes/brackets and a footnote mark.
_FINAL_RE = re.compile(
    r"[.!?…。！？؟۔।॥։።။](?:[\u00a0\u202f ]?[»›])?[\"'”’»)\]）」』]*(?:\[\d{1,3}\]|\(\d{1,3}\))?\s*$"
    r"|[。！？][」』”’\"）)]*(?:\d{1,3}|[¹²³⁰⁴-⁹]{1,3}|[\[［〔]\d{1,3}[\]］〕])\s*$"  # Chinese: and a footnote mark
)
# After the end of a sentence in a spaced script: closers, footnote marks, then space.
_TRAILER_RE = re.compile(r"[\"'”’»)\]）」』.]*(?:\[\d{1,3}\])?(?=\s)")
_HAS_WORD_RE = re.compile(r"[^\W_]")
# a bracketed reference alone, which may hold brackets or a subparagraph letter: "(s.10.103 d), título 18 del CNP)."
_REFERENCE_RE = re.compile(r"\s*\((?:[^()]|\([^()]*\)|(?<=\s)\w\)){1,80}\)[.;]?\s*")
# "sect. A. Le", "гл. IV. Текст": a numeral or letter with its full stop after an abbreviation, then a capital;
# the last of a list of them after a plural one too ("sects. A and B. It", "chaps. I, II et III. Le")
_PART = r"(?:[IVXLC]{1,6}|[A-ZА-ЯЁ])"
_PART_END_RE = re.compile(
    rf"(?<!\S)(\S+\.)\s+(?:{_PART}(?:,\s+|\s+(?:and|or|et|ou|y|o|и|или)\s+)){{0,6}}({_PART})\.(?=\s+[«“\"(]?[A-ZÀ-ÝА-ЯЁ])")
_CAPITAL_NEXT = r"(?=\s+[«“\"(]?[A-ZÀ-ÝА-ЯЁ])"
_UNSPACED = frozenset({"zh", "ja", "th", "lo", "km", "my"})


@lru_cache(maxsize=None)
def abbreviations(lang: str) -> dict[str, re.Pattern[str] | None]:
    """Abbreviations after which no sentence ends in ``lang`` (one word, or two: ``т. е.``), each with the pattern
    the next text must match (``None``: any text), from ``segment/data/abbreviations.<lang>.txt``; for a language with no such list (German,
    Dutch, Polish, Icelandic...), the Moses nonbreaking prefixes sacremoses ships for it (``#NUMERIC_ONLY#`` ones
    before a number only). The lists here win where both exist: Moses's Russian list holds words that end UN
    sentences (``лиц.``), and merging it cost the UN dev set's Russian sentence ends recall 1.000 -> 0.997."""
    name = f"abbreviations.{base(lang)}.txt"
    try:
        text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return _moses_prefixes(base(lang))
    out: dict[str, re.Pattern[str] | None] = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        abbrev, _, follow = line.strip().partition("\t")
        out[abbrev.strip()] = re.compile(follow.strip()) if follow.strip() else None
    return out


_NUMBER_NEXT = re.compile(r"\d")


def _moses_prefixes(lang: str) -> dict[str, re.Pattern[str] | None]:
    """The nonbreaking prefixes of the Moses toolkit for ``lang`` as sacremoses ships them, each with its full
    stop (``Nr.``); a ``#NUMERIC_ONLY#`` prefix holds only before a number. Empty for a language it lacks."""
    from sacremoses.corpus import NonbreakingPrefixes

    prefixes = NonbreakingPrefixes()
    if lang not in prefixes.available_langs:
        return {}
    out: dict[str, re.Pattern[str] | None] = {}
    for entry in prefixes.words(lang):
        word, _, flag = entry.partition("#")
        if word.strip():
            out[word.strip() + "."] = _NUMBER_NEXT if "NUMERIC_ONLY" in flag else None
    return out


@lru_cache(maxsize=None)
def _segmenter(lang: str):  # -> pysbd.Segmenter
    import pysbd

    return pysbd.Segmenter(language=lang, clean=False)


def _pysbd_boundaries(text: str, lang: str) -> list[int]:
    """Offsets where pysbd ends a sentence (end of the sentence's last non-space character)."""
    segments = _segmenter(lang).segment(text)
    cuts: list[int] = []
    pos = 0
    for seg in segments[:-1]:
        core = seg.strip()
        if not core:
            continue
        found = text.find(core, pos)
        if found < 0:  # pysbd changed the text: fall back to counting non-space characters
            return _count_based(text, segments)
        pos = found + len(core)
        cuts.append(pos)
    return cuts


def _count_based(text: str, segments: list[str]) -> list[int]:
    """Cuts placed after the same number of non-space characters as pysbd's segments hold."""
    after = [i + 1 for i, ch in enumerate(text) if not ch.isspace()]  # offset after the k-th non-space char
    totals = accumulate(sum(1 for ch in seg if not ch.isspace()) for seg in segments[:-1])
    return [after[t - 1] for t in totals if 0 < t <= len(after)]


def _plain_boundaries(text: str) -> list[int]:
    """Boundaries no one can doubt, which pysbd sometimes misses: a word of two or more lower-case letters, then
    ``.``, ``!`` or ``?``, closing quotes (French ``»`` after a space too), space and a capital letter."""
    return [m.end() for m in _PLAIN_END_RE.finditer(text)]


@lru_cache(maxsize=None)
def _ending_abbreviations(lang: str) -> re.Pattern[str] | None:
    """The abbreviations of ``data/abbreviation_ends.<lang>.txt`` that end a sentence before a capital, as one
    pattern (``None`` for a language without the file)."""
    try:
        text = resources.files(__package__).joinpath("data", f"abbreviation_ends.{base(lang)}.txt").read_text(
            encoding="utf-8")
    except FileNotFoundError:
        return None
    words = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not words:
        return None
    alternatives = "|".join(r"\s*".join(map(re.escape, w.split())) for w in words)  # "т. д." and "т.д."
    return re.compile(rf"(?<!\S)(?:{alternatives}){_CAPITAL_NEXT}")


def _abbreviation_boundaries(text: str, lang: str, abbrevs: dict[str, re.Pattern[str] | None]) -> list[int]:
    """Ends after abbreviations: a part's numeral or letter after an abbreviation whose pattern takes it
    (``sect. A. Le``), an abbreviation that ends sentences (``и т. д. Новый``)."""
    cuts = [m.end() for m in _PART_END_RE.finditer(text)
            if abbrevs.get(m.group(1)) is not None and abbrevs[m.group(1)].match(m.group(2))]
    ending = _ending_abbreviations(lang)
    return cuts + ([m.end() for m in ending.finditer(text)] if ending else [])


def _generic_boundaries(text: str) -> list[int]:
    return [m.end() for m in _GENERIC_END_RE.finditer(text)]


@lru_cache(maxsize=None)
def _number_words(lang: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of ``data/number_words.<lang>.txt`` that follow a number, and those (``!`` lines) that open a
    sentence although they start like one of them; empty for a language without the file."""
    try:
        text = resources.files(__package__).joinpath("data", f"number_words.{lang}.txt").read_text(encoding="utf-8")
    except FileNotFoundError:
        return (), ()
    words = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return tuple(w for w in words if not w.startswith("!")), tuple(w[1:] for w in words if w.startswith("!"))


def _cjk_mark_end(text: str, pos: int, lang: str) -> int:
    """Where a footnote mark at ``pos``, just after the end of a sentence, ends (``pos`` when there is none): ``¹``,
    ``[3]``, or a number of one to three digits that no unit or measure word of ``data/number_words.<lang>.txt``
    follows (``。1委员会``, ``。2 2015年``; not ``。12个国家``, ``。10 月``, ``。2 000多人``)."""
    mark = _CJK_MARK_RE.match(text, pos)
    if mark:
        return mark.end()
    number = _CJK_NUMBER_RE.match(text, pos)
    units, openers = _number_words(lang)
    if not number or not units:
        return pos
    after = text[number.end():]
    rest = after.lstrip()
    if not rest or rest.startswith(openers) or rest != after and re.match(r"\d{4}(?!\d)", rest):
        return number.end()  # the end, a word opening a sentence, a year after a space ("。2 2015年")
    if rest.startswith(units) or not ("\u3400" <= rest[0] <= "\u9fff" or rest[0] in "《“「『"):
        return pos
    return number.end()


def _cjk_boundaries(text: str, lang: str) -> list[int]:
    """Ends after ``。！？`` (and ``!?``) and their closing quotes, and after a footnote mark that follows them."""
    return [_cjk_mark_end(text, m.end(), lang) if m.group()[0] in "。！？" else m.end()
            for m in _CJK_END_RE.finditer(text)]


def _keep(text: str, start: int, cut: int, lang: str, abbrevs: dict[str, re.Pattern[str] | None]) -> bool:
    """Whether a proposed boundary at ``cut`` (current sentence began at ``start``) is a real one."""
    left = text[start:cut]
    if not _FINAL_RE.search(left) or _MARKER_RE.match(left):
        return False
    rest = text[cut:].lstrip()
    if not rest:
        return False
    word = _WORD_BEFORE_RE.search(left)
    last = word.group(1) if word else ""
    two = " ".join(left.split()[-2:])  # an abbreviation of two words: Russian "т. е."
    for candidate in (last, last.lstrip("(\"'«“"), re.split(r"['’]", last)[-1], two):
        if candidate in abbrevs:
            follow = abbrevs[candidate]
            if follow is None or follow.match(rest):
                return False
    if is_cased(lang) and last[-1:] in ".?!" and rest[0].islower():
        return False
    return True


def _to_space(text: str, cut: int) -> int | None:
    """Move a cut over closing quotes, brackets and footnote marks to the next space; ``None`` if it cannot."""
    if cut >= len(text) or text[cut].isspace():
        return cut
    match = _TRAILER_RE.match(text, cut)
    return match.end() if match else None


_OTHER_SCRIPTS = frozenset({"ar", "fa", "ru", "uk", "bg", "sr", "zh", "ja", "he"})  # no Latin abbreviation of their own


@lru_cache(maxsize=None)
def _with_quoted_english(code: str) -> dict[str, re.Pattern[str] | None]:
    """The abbreviations of ``code``; in a language of another script, English ones too, for the English quoted
    in it ("(المدعي العام ضد كوناراك) Prosecutor v. Kunarac")."""
    own = abbreviations(code)
    return {**abbreviations("en"), **own} if code in _OTHER_SCRIPTS else own


def boundaries(text: str, lang: str) -> list[int]:
    """Character offsets in ``text`` where one sentence ends and the next begins (after the punctuation)."""
    code = base(lang)
    if code in {"zh", "ja"}:  # full-width punctuation ends sentences; a Latin full stop never does here
        cuts = _cjk_boundaries(text, code)
    elif not _CANDIDATE_RE.search(text.rstrip()):  # nothing inside could end a sentence: skip pysbd (slow)
        return []
    elif code in _PYSBD_LANGS:
        cuts = _pysbd_boundaries(text, code)
        if is_cased(code):
            cuts = sorted(set(cuts) | set(_plain_boundaries(text)))
    else:
        cuts = _generic_boundaries(text)
    if "\u06d4" in text:  # the Arabic-script full stop ۔, which pysbd does not know
        cuts = sorted(set(cuts) | {m.end() for m in re.finditer("\u06d4(?=\\s)", text)})
    abbrevs = _with_quoted_english(code)
    if is_cased(code):
        cuts = sorted(set(cuts) | set(_abbreviation_boundaries(text, code, abbrevs)))
    if code not in _UNSPACED:
        cuts = [_to_space(text, cut) for cut in cuts]
    kept: list[int] = []
    start = 0
    for cut in cuts:
        if cut is None:
            continue
        if cut <= start or cut >= len(text):
            continue
        if _keep(text, start, cut, code, abbrevs):
            kept.append(cut)
            start = cut
    # a "sentence" without a letter or digit (a stray "." or ">>"), or only a reference in brackets after a full
    # stop ("... ressortissants. (art. 5-1 du Code d'instruction criminelle)."), belongs to the one before it
    ends = kept + [len(text)]
    return [cut for cut, nxt in zip(kept, ends[1:])
            if _HAS_WORD_RE.search(text, cut, nxt) and not _REFERENCE_RE.fullmatch(text, cut, nxt)]


def split_sentences(text: str, lang: str) -> list[str]:
    """Split one paragraph of ``lang`` text into sentences (stripped, in order, none empty).

    Concatenating the result gives back every non-space character of ``text`` in order.
    """
    if not text.strip():
        return []
    out: list[str] = []
    start = 0
    for cut in boundaries(text, lang) + [len(text)]:
        piece = text[start:cut].strip()
        if piece:
            out.append(piece)
        start = cut
    return out
