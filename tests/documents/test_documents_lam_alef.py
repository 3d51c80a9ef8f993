"""The lam-alef ligature PDF extractors give as alef then lam (tmtool/documents/lam_alef.py). The golden case
``tests/data/documents/repair/lam_alef.ar.txt`` is the project's letter as pdftotext gives it; here the letter and
the UDHR (from ../shared, when present) are damaged the way every extractor tried damages them, every lam then
alef form swapped, and must come back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.documents.lam_alef import is_known_arabic_word, is_lam_alef_damaged, repair_lam_alef

ROOT = Path(__file__).resolve().parents[2]
LETTER = (ROOT / "corpora" / "un-letter-2023" / "letter.ar.txt").read_text(encoding="utf-8")
UDHR = ROOT.parent / "shared" / "corpora-src" / "udhr-6lang" / "txt" / "udhr_arb.txt"
_WORD_RE = re.compile(r"[\u0621-\u064a\u0671-\u06d3][\u0621-\u065f\u0670-\u06d3]*")


def _damage(text: str) -> str:
    """``text`` as a PDF extractor gives it: each lam-alef ligature as alef then lam."""
    return re.sub("ل([اأإآ])", r"\1ل", text)


def _score(clean: str) -> tuple[int, int, int]:
    """(damaged words, words repaired, words changed wrongly) when ``clean`` is damaged and repaired."""
    damaged = _damage(clean)
    triples = zip(_WORD_RE.findall(clean), _WORD_RE.findall(damaged), _WORD_RE.findall(repair_lam_alef(damaged)),
                  strict=True)
    counts = [0, 0, 0]
    for c, d, r in triples:
        counts[0] += c != d
        counts[1] += r != d and r == c
        counts[2] += r != d and r != c
    return counts[0], counts[1], counts[2]


def test_the_letter_damaged_comes_back_with_no_word_made_wrong() -> None:
    assert is_lam_alef_damaged(_damage(LETTER)) and not is_lam_alef_damaged(LETTER)
    damaged, repaired, wrong = _score(LETTER)
    assert damaged == 93 and wrong == 0
    assert repaired >= 88  # the rest are known words either way: قوال, وفعال (قولا وفعلا)


@pytest.mark.skipif(not UDHR.exists(), reason="the UDHR in Arabic is read from ../shared (third-party data)")
def test_the_udhr_damaged_comes_back() -> None:
    text = UDHR.read_text(encoding="utf-8")
    assert repair_lam_alef(text) == text
    damaged, repaired, wrong = _score(text)
    assert wrong <= damaged // 100
    assert repaired >= 0.85 * damaged


@pytest.mark.parametrize(("damaged", "clean"), [
    ("األمن", "الأمن"), ("واالتفاق", "والاتفاق"), ("اإلعالن", "الإعلان"), ("اآلالف", "الآلاف"),
    ("خالل", "خلال"), ("االحتالل", "الاحتلال"), ("الحاالت", "الحالات"), ("إال", "إلا"), ("ال", "لا"),
    ("قال", "قال"), ("مجال", "مجال"), ("أعمال", "أعمال"), ("إلى", "إلى"), ("الكلور", "الكلور"),
    # known words both ways: the lam-alef one wins when data/lam_alef.ar.txt lists it
    ("السالم", "السلام"), ("وسالمتها", "وسلامتها"), ("الثالثة", "الثالثة"), ("العالقة", "العالقة"),
])
def test_words_of_a_damaged_text(damaged: str, clean: str) -> None:
    text = " ".join(["األمم المتحدة واألمن"] * 3 + [damaged])
    assert repair_lam_alef(text).split()[-1] == clean


def test_an_unknown_word_is_not_read_as_li_before_a_hamza_left_unwritten() -> None:
    # the lexicon lists "اشراك" for "إشراك" and the prefix "لا" for "لأ": الشراكات is not لاشراكات, nor الحفز لاحفز
    assert is_known_arabic_word("لاشراكات") and is_known_arabic_word("لاحفز")
    text = "األمم واألمن الشراكات الحفز"
    assert repair_lam_alef(text) == "الأمم والأمن الشراكات الحفز"


_CLEAN_WORDS = sorted(set(_WORD_RE.findall(LETTER)))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_CLEAN_WORDS), st.sampled_from(["،", ".", "\n", "A/78/371", "2023"]),
                          st.text(alphabet="Ab9 -()/\n", max_size=4)), max_size=200))
def test_an_undamaged_text_is_left_as_it_is(words: list[str]) -> None:
    text = " ".join(words)
    assert repair_lam_alef(text) == text
