"""Folding and tokenising: queries (pure Python) are tokenised exactly as the index (polars) does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.tm.text import fold, spans_of, tokenize, tokenize_polars

ALPHABET = (list("abcXYZéÉèçÇœÆß") + list("ёЁйЙдом") + list("عَرَبِيّ") + list("安全理事会の") + list("0129１２")
            + list(" ,.-'’«»（）。、"))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=30))
def test_python_and_polars_tokenisers_agree(text: str) -> None:
    assert tokenize(text) == tokenize_polars(text)


def test_folding_examples() -> None:
    assert fold("Économie ÉTATS") == "economie etats"
    expected = ["conseil", "de", "securite", "2015", "年", "安", "全"]
    assert tokenize("Conseil de sécurité, 2015年安全") == expected
    assert tokenize("عَرَبِيّ") == ["عربي"]
    assert tokenize("ﬁnale １２") == ["finale", "12"]


def test_spans_map_back_to_original_text() -> None:
    text = "L'ﬁnance de l'ÉCONOMIE"
    (span,) = spans_of(text, fold("economie"), whole_word=True)
    assert text[span[0] : span[1]] == "ÉCONOMIE"
    assert spans_of("internationale", "nation", whole_word=True) == []
    assert spans_of("internationale", "nation", whole_word=False) == [(5, 11)]
