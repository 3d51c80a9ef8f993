"""Invariants: links cover every segment of every language exactly once, in order, for any input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
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


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["The Council met in 2015.", "12", "Le Conseil, ", "A long paragraph " * 5, "x"]),
                min_size=16, max_size=60),
       st.lists(st.sampled_from(["Le Conseil s'est réuni en 2015.", "3/10", "y", "Un long paragraphe " * 6]),
                min_size=16, max_size=60))
def test_banded_search_covers_everything(monkeypatch_module, a, b):
    """The coarse-to-fine band (forced here on small inputs) always reaches the end and keeps the invariant."""
    _check({"en": a, "fr": b})


@pytest.fixture(scope="module")
def monkeypatch_module():
    from tmtool.align import search

    saved = search.FULL_LIMIT
    search.FULL_LIMIT = 50
    yield
    search.FULL_LIMIT = saved


def test_banded_search_matches_full_search_on_real_text(shared, monkeypatch):
    """On a real UN document the banded search finds (almost) the same links as the full one."""
    from tmtool.align import search

    base = shared / "eval" / "unpc-6way-dev"
    segs = {lang: (base / f"doc0.{lang}").read_text(encoding="utf-8").splitlines() for lang in ("en", "fr")}
    full = {(link.segments["en"], link.segments["fr"]) for link in align_segments(segs)}
    monkeypatch.setattr(search, "FULL_LIMIT", 1000)
    banded = {(link.segments["en"], link.segments["fr"]) for link in align_segments(segs)}
    assert len(full & banded) >= 0.97 * len(full)
