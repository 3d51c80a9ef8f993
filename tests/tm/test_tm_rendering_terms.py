"""Renderings that are whole terms: never across punctuation nor half of a hyphenated word, completed to the term
(« opérations de maintien de la paix », not « opérations de maintien »). Real data: the UN test set (../shared) as
a six-language TM, as the audit of the lookup built it; hand-made cases for the pieces."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from tmtool.tm import TMStore, concordance
from tmtool.tm.concordance import _token_edges
from tmtool.tmx.model import TranslationUnit, Variant

LANGS = ("en", "fr", "es", "ru", "zh", "ar")


@pytest.fixture(scope="module")
def testset_tm(shared: Path, tmp_path_factory) -> TMStore:
    """The first 4,000 sentences of the UN test set, one six-language unit each."""
    folder = shared / "corpora-src" / "unpc-v1.0-testsets" / "testset"
    segs = {lang: (folder / f"UNv1.0.testset.{lang}").read_text(encoding="utf-8").splitlines() for lang in LANGS}
    store = TMStore.open(tmp_path_factory.mktemp("testset") / "tm")
    store.add_units([TranslationUnit(tuple(Variant(lang, segs[lang][i]) for lang in LANGS)) for i in range(4000)],
                    origin="testset")
    return store


def test_token_edges_mark_punctuation_and_hyphens() -> None:
    texts = ["Security Council, the Secretary-General wishes", "droits de l'homme (suite)", None]
    cut, joined = _token_edges(texts, np.array([6, 5, 0]), "en")
    # tokens: security council | the secretary - general wishes ; droits de l homme | suite
    assert np.flatnonzero(cut).tolist() == [2, 10]
    assert np.flatnonzero(joined).tolist() == [4]  # general, joined to secretary; l'homme is not
    cut, joined = _token_edges(["государства -- члены, и"], np.array([3]), "ru")
    assert np.flatnonzero(joined).tolist() == [1] and np.flatnonzero(cut).tolist() == [2]
    # a text the index cut otherwise (other token count) gets no marks
    assert not _token_edges(["a, b"], np.array([3]), "en")[0].any()


@pytest.mark.parametrize("query,src,tgt", [
    ("Генеральный секретарь", "ru", "en"),  # was « Council, the Secretary »
    ("لمجلس الأمن", "ar", "en"),  # was « General wishes », out of « Secretary-General wishes »
    ("للأمين العام", "ar", "en"),  # was « Representative of the Secretary »
])
def test_no_rendering_spans_punctuation_or_half_a_hyphenated_word(testset_tm: TMStore, query, src, tgt) -> None:
    res = concordance(testset_tm, query, src, tgt)
    for r in res.renderings:
        for form in r.forms or [r]:
            assert not re.search(r"[,;:.()]", form.text), form.text
    for h in res.hits:
        if h.target_span:
            a, b = h.target_span
            assert not re.search(r"[,;:()]", h.target[a:b])
            assert h.target[a - 1 : a] != "-" and h.target[b : b + 1] != "-", h.target[max(0, a - 20) : b + 20]
