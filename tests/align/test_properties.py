"""Invariants: links cover every segment of every language exactly once, in order, for any input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.align import AlignedDocument, Alignment, align_segments

texts = st.lists(
    st.one_of(
        st.text(max_size=60),
        st.sampled_from(["12", "3/10", "15-55992", "A/69/716", "The Council met in 2015.", "Le Conseil, ", ""]),
    ),
    max_size=25,
)


def _check(segments):
    links = align_segments(segments)
    alignment = Alignment(tuple(AlignedDocument(lang, tuple(s)) for lang, s in segments.items()), tuple(links))
    alignment.validate()  # raises on any gap, overlap or disorder
    for link in links:
        assert 0.0 <= link.confidence <= 1.0
        assert any(link.segments[lang] for lang in segments)


@settings(max_examples=60, deadline=None)
@given(texts, texts)
def test_two_languages_cover_everything(a, b):
    _check({"en": a, "fr": b})


@settings(max_examples=30, deadline=None)
@given(texts, texts, texts)
def test_three_languages_cover_everything(a, b, c):
    _check({"fr": a, "en": b, "zh": c})
