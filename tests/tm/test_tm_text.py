"""Folding and tokenising: queries (pure Python) are tokenised exactly as the index (polars) does."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.tm.text import fold, spans_of, tokenize, tokens_expr

ALPHABET = (list("abcXYZéÉèçÇœÆß") + list("ёЁйЙдом") + list("عَرَبِيّ") + list("安全理事会の") + list("0129１２٢٠۱")
            + list(" ,.-'’«»（）。、"))


def tokenize_polars(text: str) -> list[str]:
    """:func:`tokenize` through the polars expressions the index is built with."""
    out = pl.select(tokens_expr(pl.lit(text, dtype=pl.String))).item()
    return list(out) if out is not None else []


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
    assert tokenize("٢٠٢٣ ۱۲") == ["2023", "12"]  # Arabic-Indic and Persian digits as the Arabic text may write them


def test_spans_map_back_to_original_text() -> None:
    text = "L'ﬁnance de l'ÉCONOMIE"
    (span,) = spans_of(text, fold("economie"), whole_word=True)
    assert text[span[0] : span[1]] == "ÉCONOMIE"
    assert spans_of("internationale", "nation", whole_word=True) == []
    assert spans_of("internationale", "nation", whole_word=False) == [(5, 11)]


def test_spans_ignore_the_punctuation_of_the_query() -> None:
    """The search ignores punctuation between the query's words; the highlight kept the query's own (a typographic
    apostrophe, quotes, a final period, a hyphen) in its pattern, so the hits were found but nothing was marked."""
    text = "Le Conseil des droits de l'homme et le Conseil de sécurité."
    (span,) = spans_of(text, fold("droits de l’homme"), whole_word=True)
    assert text[span[0] : span[1]] == "droits de l'homme"
    for query in ('"Conseil de sécurité"', "Conseil de sécurité.", "Conseil-de-sécurité", "« Conseil de sécurité »"):
        (span,) = spans_of(text, fold(query), whole_word=True)
        assert text[span[0] : span[1]] == "Conseil de sécurité", query
    assert spans_of(text, fold("..."), whole_word=True) == []
    assert spans_of("安全理事会。", "安全理事会。", whole_word=True) == [(0, 5)]


def test_a_bracket_the_query_opens_is_marked_closed() -> None:
    """« resolution 2140 (2014) » was marked up to « (2014 »: the query's own punctuation is no part of the
    pattern, and the closing bracket was left out while the opening one, between two words, was in."""
    text = "pursuant to resolution 2140 (2014) and [the annex]."
    (span,) = spans_of(text, fold("resolution 2140 (2014)"), whole_word=True)
    assert text[span[0] : span[1]] == "resolution 2140 (2014)"
    (span,) = spans_of(text, fold("(2014) and [the annex"), whole_word=True)
    assert text[span[0] : span[1]] == "2014) and [the annex]"  # a bracket the span does not open is not added
    (span,) = spans_of(text, fold("resolution 2140"), whole_word=True)
    assert text[span[0] : span[1]] == "resolution 2140"
