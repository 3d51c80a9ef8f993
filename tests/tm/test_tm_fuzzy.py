"""Fuzzy scores: hand-checked pairs (tests/data/tm/fuzzy_pairs.tsv) and invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tm_helpers import DATA

from tmtool.tm import fuzzy_score
from tmtool.tm.fuzzy import base_score, penalties


def _pairs() -> list[tuple[str, str, int, str]]:
    out = []
    for line in (DATA / "fuzzy_pairs.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        query, source, score, why = line.split("\t")
        out.append((query, source, int(score), why))
    return out


@pytest.mark.parametrize("query,source,expected,why", _pairs(), ids=[p[3] for p in _pairs()])
def test_hand_checked_pairs(query: str, source: str, expected: int, why: str) -> None:
    assert fuzzy_score(query, source) == expected, why


def test_penalty_parts() -> None:
    p = penalties("The COUNCIL met on 12 March 2015!", "The Council met on 13 March 2016.")
    assert p == {"case": 1, "numbers": 4, "punctuation": 1}


words = st.lists(st.sampled_from(["the", "Council", "met", "on", "12", "March", ",", ".", "sécurité", "安", "全"]),
                 min_size=1, max_size=10).map(" ".join)


@given(words, words)
def test_score_is_a_symmetric_percentage(a: str, b: str) -> None:
    s = fuzzy_score(a, b)
    assert 0 <= s <= 100
    assert s == fuzzy_score(b, a)
    assert (s == 100) == (" ".join(a.split()) == " ".join(b.split()))


@given(words)
def test_identical_is_100_and_case_change_is_less(a: str) -> None:
    assert fuzzy_score(a, a) == 100
    if a.upper() != a:
        assert fuzzy_score(a.upper(), a) < 100 and base_score(a.upper(), a) == 100


def test_diff_spans_mark_what_differs_in_the_tm_source() -> None:
    from tmtool.tm.fuzzy import diff_spans

    source = "The Security Council adopted the resolution unanimously."
    marked = [source[a:b] for a, b in diff_spans("The Security Council adopted the decision unanimously.", source)]
    assert marked == ["resolution"]
    marked = [source[a:b] for a, b in diff_spans("The security Council adopted the resolution.", source)]
    assert marked == ["Security", "unanimously"]
    zh = "安全理事会一致通过了该决议。"
    assert [zh[a:b] for a, b in diff_spans("安全理事会通过了决议。", zh)] == ["一致", "该"]
    assert diff_spans(source, source) == []
