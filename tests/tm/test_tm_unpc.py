"""Lookups on a TM of the real UN devset (read in place from ../shared, never copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmtool.tm import TMStore, concordance, fuzzy
from tmtool.tmx.model import TranslationUnit, Variant

LANGS = ("en", "fr", "zh")


@pytest.fixture(scope="module")
def devset(shared: Path) -> dict[str, list[str]]:
    folder = shared / "corpora-src" / "unpc-v1.0-testsets" / "devset"
    return {lang: (folder / f"UNv1.0.devset.{lang}").read_text(encoding="utf-8").splitlines() for lang in LANGS}


@pytest.fixture(scope="module")
def un_tm(devset, tmp_path_factory) -> TMStore:
    store = TMStore.open(tmp_path_factory.mktemp("un") / "tm")
    units = [TranslationUnit(tuple(Variant(lang, devset[lang][i]) for lang in LANGS))
             for i in range(len(devset["en"]))]
    store.add_units(units, origin="devset")
    return store


@pytest.mark.parametrize("query,src,tgt,rendering", [
    ("Security Council", "en", "fr", "Conseil de sécurité"),
    ("human rights", "en", "fr", "droits de l'homme"),
    ("安全理事会", "zh", "en", "Security Council"),
    ("climate change", "en", "zh", "气候变化"),
    ("General Assembly", "en", "fr", "Assemblée générale"),
])
def test_known_un_renderings_come_first(un_tm: TMStore, query, src, tgt, rendering) -> None:
    res = concordance(un_tm, query, src, tgt)
    assert res.total >= 5
    assert res.renderings[0].text.lower() == rendering.lower()
    marked = [h.target[h.target_span[0] : h.target_span[1]].lower() for h in res.hits if h.target_span]
    assert marked.count(rendering.lower()) >= len(res.hits) // 2


def test_whole_word_is_stricter_than_substring(un_tm: TMStore) -> None:
    whole = concordance(un_tm, "nation", "en", "fr").total
    part = concordance(un_tm, "nation", "en", "fr", whole_word=False).total
    assert part > whole * 10  # "nations", "international", "national" ... contain it


def test_fuzzy_finds_the_sentence_an_edit_came_from(un_tm: TMStore, devset) -> None:
    found = 0
    for i in range(100, 4000, 200):
        words = devset["en"][i].split()
        if len(words) < 8:
            continue
        edited = " ".join(words[:3] + words[4:])  # one word deleted
        hits = fuzzy(un_tm, edited, "en", "fr")
        found += bool(hits) and hits[0].source == devset["en"][i] and hits[0].target == devset["fr"][i]
        assert all(h.score >= 70 for h in hits)
    assert found >= 15
