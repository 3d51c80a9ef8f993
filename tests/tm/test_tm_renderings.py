"""Renderings on a small real TM: the bundled letter corpora/un-letter-2023, aligned in the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.tm import TMStore, concordance

LETTER = Path(__file__).resolve().parents[2] / "corpora" / "un-letter-2023"


@pytest.fixture(scope="module")
def letter_tm(tmp_path_factory) -> TMStore:
    from tmtool.align import align_documents
    from tmtool.documents import read_document

    docs = [read_document(p) for p in sorted(LETTER.glob("letter.*.txt"))]
    store = TMStore.open(tmp_path_factory.mktemp("letter") / "tm")
    for level in ("paragraph", "sentence"):  # near-duplicate hits: a sentence and the paragraph holding it
        store.add_alignment(align_documents(docs, level=level), origin=level)
    return store


@pytest.mark.parametrize("query,src,tgt,rendering", [
    ("puppet regime", "en", "fr", "régime fantoche"),
    ("Security Council", "en", "fr", "Conseil de sécurité"),
    ("Security Council", "en", "zh", "安全理事会"),
    ("傀儡政权", "zh", "en", "puppet regime"),
    ("régime fantoche", "fr", "en", "puppet regime"),
    ("puppet regime", "en", "zh", "傀儡政权"),
    ("Azerbaijan", "en", "ru", "Азербайджана"),
])
def test_rendering_is_the_translation_of_the_query(letter_tm: TMStore, query, src, tgt, rendering) -> None:
    res = concordance(letter_tm, query, src, tgt)
    assert res.total >= 2
    assert res.renderings and res.renderings[0].text == rendering
    shown = {r.text for r in res.renderings}
    for h in res.hits:  # each highlighted target span is one of the renderings
        if h.target_span:
            assert h.target[h.target_span[0] : h.target_span[1]] in shown


def test_no_rendering_when_none_is_consistent(letter_tm: TMStore) -> None:
    res = concordance(letter_tm, "of", "en", "zh")  # "of" has no one rendering in Chinese
    assert res.total >= 10
    assert res.renderings == []
    assert all(h.target_span is None for h in res.hits)


def test_target_without_rendering_shows_the_aligned_region() -> None:
    from tmtool.cli.tm import _kwic

    target = " ".join(f"mot{i}" for i in range(100))  # 489 characters, no rendering marked
    start = _kwic(target, [], styled=False, width=60)
    assert start.startswith("mot0 ")
    end = _kwic(target, [], styled=False, width=60, around=0.95)  # the query sits near the source's end
    assert end.startswith("…") and "mot94" in end and "mot0 " not in end and "*" not in end
