"""Place names that are also common words (data/homographs.json): dropped where the context shows the common word,
kept where the text names the State; the aligner's Arabic anchors follow the same rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.align.terms import term_marker
from tmtool.glossary import read_glossary
from tmtool.glossary.check import check_pairs
from tmtool.glossary.matching import find_terms
from tmtool.glossary.pairs import SegmentPair

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def places():
    return read_glossary(ROOT / "glossaries" / "un-places.tbx")


COMMON_WORDS = [
    ("ar", "طلبت الأمانة تقديم دعم مالي للبلدان النامية.", "place-ML"),  # financial support
    ("ar", "الحصول على دعم سياسي وتقني ومالي من الدول.", "place-ML"),  # political, technical and financial
    ("ar", "نقل وظيفة لموظف مالي من متطوعي الأمم المتحدة.", "place-ML"),  # a finance officer
    ("ar", "أكد الوفد أنه مصر على موقفه.", "place-EG"),  # insisting on
    ("ar", "عقد الاجتماع في عَمّان.", "place-OM"),  # Amman, written with its shadda
    ("ar", "عقد الاجتماع في عمان، الأردن.", "place-OM"),  # Amman, Jordan
    ("ar", "يبلغ قطر الدائرة مترين.", "place-QA"),  # the diameter of the circle
    ("ar", "ضمن نصف قطر خمسة كيلومترات.", "place-QA"),  # within a radius
    ("ru", "Того же мнения придерживается делегация.", "place-TG"),  # the pronoun
    ("ru", "Того, что было сделано, недостаточно.", "place-TG"),
    ("zh", "马里兰州的代表团出席了会议。", "place-ML"),  # Maryland
    ("zh", "对马里乌波尔的攻击造成平民丧生。", "place-ML"),  # Mariupol
    ("es", "Los Estados Unidos Mexicanos presentaron el informe.", "place-US"),  # Mexico
    ("en", "Mr. Chad Smith spoke for the NGO.", "place-TD"),
    ("en", "A lecture by Professor Jordan Peterson.", "place-JO"),
]

NAMES = [
    ("ar", "قدمت جمهورية مالي تقريرها.", "place-ML"),
    ("ar", "الحالة في مالي.", "place-ML"),
    ("ar", "أعلنت حكومة مالي نهاية تفشي الوباء.", "place-ML"),
    ("ar", "في شمال مالي.", "place-ML"),
    ("ar", "أعلنت مالي موقفها.", "place-ML"),
    ("ar", "تشاد ومالي والنيجر.", "place-ML"),
    ("ar", "اجتمع ممثلو بوركينا فاسو ومالي والنيجر.", "place-ML"),  # after a name of two words
    ("ar", "وتعاونت كوت ديفوار ومالي.", "place-ML"),
    ("ar", "غينيا بيساو ومالي", "place-ML"),
    ("ar", "الممثل الخاص المعني بمالي.", "place-ML"),
    ("ar", "حصلت مصر على الدعم.", "place-EG"),
    ("ar", "تشمل مصر وقطر وعمان.", "place-OM"),
    ("ar", "ترأس دولة قطر الاجتماع.", "place-QA"),
    ("ru", "Делегация Того заявила об этом.", "place-TG"),
    ("ru", "Того поддерживает резолюцию.", "place-TG"),
    ("zh", "马里和尼日尔。", "place-ML"),
    ("es", "Los Estados Unidos de América presentaron el informe.", "place-US"),
    ("es", "Los Estados Unidos votaron en contra.", "place-US"),
    ("en", "Chad and Jordan spoke.", "place-TD"),
    ("en", "The Lake Chad Basin Commission met.", "place-TD"),
    ("en", "Chad Government forces withdrew.", "place-TD"),  # a capitalised word after is no given name
    ("en", "In Jordan Syrian refugees are hosted.", "place-JO"),
]


@pytest.mark.parametrize(("lang", "text", "entry"), COMMON_WORDS)
def test_common_word_is_no_place(places, lang: str, text: str, entry: str) -> None:
    assert entry not in [m.entry.id for m in find_terms(places, text, lang)]


@pytest.mark.parametrize(("lang", "text", "entry"), NAMES)
def test_place_name_still_found(places, lang: str, text: str, entry: str) -> None:
    assert entry in [m.entry.id for m in find_terms(places, text, lang)]


def test_check_does_not_take_financial_for_mali(places) -> None:
    pair = SegmentPair("Financial support for Mali.", "دعم مالي لمالي.")
    assert [p.problem for p in check_pairs(places, [pair], "en", "ar")] == []
    pair = SegmentPair("Financial support for Mali.", "دعم مالي للحكومة.")  # Mali left out: the adjective is no Mali
    assert [(p.problem, p.entry) for p in check_pairs(places, [pair], "en", "ar")] == [("missing", "place-ML")]


def test_aligner_anchors_follow_the_same_rule(places) -> None:
    mark = term_marker(places)
    assert mark("تقديم الدعم المالي والأمين المالي", "ar") == []  # the article: "the financial"
    assert mark("تقديم دعم مالي", "ar") == []
    assert mark("يبلغ قطر الدائرة مترين", "ar") == []
    assert mark("الحالة في مالي وحكومة مالي", "ar") == ["place-ML", "place-ML"]
    assert mark("تشاد ومالي", "ar") == ["place-TD", "place-ML"]
    assert mark("بوركينا فاسو ومالي", "ar") == ["place-BF", "place-ML"]  # Mali after a name of two words
    assert mark("كوت ديفوار ومالي", "ar") == ["place-CI", "place-ML"]


def test_un_dev_arabic_mali(places, shared: Path) -> None:
    """UN dev Arabic: 24 matches of مالي; two were the adjective (line 134 "financial investment", 945 "political,
    technical and financial"), the other 22 name Mali (في مالي, جمهورية مالي, حكومة مالي, شمال مالي, ومالي...)."""
    devset = shared / "corpora-src" / "unpc-v1.0-testsets" / "devset"
    if not devset.is_dir():
        pytest.skip(f"{devset} not found")
    ar = (devset / "UNv1.0.devset.ar").read_text(encoding="utf-8").split("\n")
    hits = [i for i, line in enumerate(ar) for m in find_terms(places, line, "ar") if m.entry.id == "place-ML"]
    assert 134 not in hits and 945 not in hits
    assert len(hits) == 22
