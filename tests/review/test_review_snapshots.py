"""Snapshots of the main screen (pytest-textual-snapshot): two languages, and six with glossary terms.

Update after a deliberate change of the screen with ``pytest tests/review/test_review_snapshots.py --snapshot-update``
and look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from reviewkit import DATA

from tmtool.glossary import read_glossary
from tmtool.review.app import ReviewApp
from tmtool.review.session import ReviewSession


def _snap(snap_compare, path, *, size, press=(), **kwargs) -> bool:
    session = ReviewSession.open(path)
    try:
        return snap_compare(ReviewApp(session, **kwargs), terminal_size=size, press=press)
    finally:
        session.close(save=False)


def test_main_screen_two_languages(snap_compare, two):
    assert _snap(snap_compare, two, size=(110, 30), press=["j", "j"])


def test_main_screen_six_languages_with_terms(snap_compare, six):
    glossary = read_glossary(DATA / "terms.csv")
    assert _snap(snap_compare, six, size=(170, 42), press=["j", "j", "j", "l"], glossaries=[glossary])


def test_six_languages_chosen_order(snap_compare, six):
    assert _snap(snap_compare, six, size=(120, 30), langs=["zh", "ar", "en"], press=["w"])
