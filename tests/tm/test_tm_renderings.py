"""Renderings on a small real TM: the bundled letter corpora/un-letter-2023, aligned in the test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmtool.tm import TMStore, concordance

LETTER = Path(__file__).resolve().parents[2] / "corpora" / "un-letter-2023"


@pytest.fixture(scope="module")
def letter_docs() -> list:
    from tmtool.documents import read_document

    return [read_document(p) for p in sorted(LETTER.glob("letter.*.txt"))]


@pytest.fixture(scope="module")
def letter_tm(tmp_path_factory, letter_docs) -> TMStore:
    from tmtool.align import align_documents

    store = TMStore.open(tmp_path_factory.mktemp("letter") / "tm")
    for level in ("paragraph", "sentence"):  # near-duplicate hits: a sentence and the paragraph holding it
        store.add_alignment(align_documents(letter_docs, level=level), origin=level)
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
    shown = {f.text for r in res.renderings for f in r.forms or [r]}
    for h in res.hits:  # each highlighted target span is one of the renderings (or of their forms)
        if h.target_span:
            assert h.target[h.target_span[0] : h.target_span[1]] in shown


def test_arabic_indic_digits_find_the_digits_the_text_writes(letter_tm: TMStore) -> None:
    """An Arabic reviser types the year in Arabic-Indic digits (٢٠٢٣); the letter writes 2023. The query found
    nothing (NFKD folds full-width digits, not these), and the hint sent the reviser to --forms."""
    typed, written = concordance(letter_tm, "٢٠٢٣", "ar", "en"), concordance(letter_tm, "2023", "ar", "en")
    assert written.total >= 3 and typed.total == written.total
    assert [h.source for h in typed.hits] == [h.source for h in written.hits]
    for h in typed.hits:
        assert h.source[h.source_spans[0][0] : h.source_spans[0][1]] == "2023"


@pytest.fixture(scope="module")
def sentence_tm(tmp_path_factory, letter_docs) -> TMStore:
    """The TM of the README tour before review (QA #6): the letter aligned by sentence, added once."""
    return _one_alignment(tmp_path_factory, letter_docs, "sentence")


@pytest.fixture(scope="module")
def default_tm(tmp_path_factory, letter_docs) -> TMStore:
    """The letter aligned at the aligner's default level (fewer, longer units: thinner evidence)."""
    return _one_alignment(tmp_path_factory, letter_docs, None)


def _one_alignment(tmp_path_factory, docs: list, level: str | None) -> TMStore:
    from tmtool.align import align_documents

    store = TMStore.open(tmp_path_factory.mktemp("one") / "tm")
    store.add_alignment(align_documents(docs, **({"level": level} if level else {})), origin="alignment.json")
    return store


# QA #6: the first four came out wrong before the tie-break evidence (tmtool.tm.evidence): a word next to
# the query (unlawful next to 非法, 地区 next to 卡拉巴赫) or a piece of a Chinese word won on length alone
@pytest.mark.parametrize("query,src,tgt,rendering", [
    ("傀儡政权", "zh", "en", "puppet regime"),  # was unlawful puppet: unlawful translates 非法
    ("puppet regime", "en", "zh", "傀儡政权"),
    ("Garabagh", "en", "zh", "卡拉巴赫"),  # was 拉巴赫地
    ("ethnic cleansing", "en", "zh", "族裔清洗"),  # was 裔清洗和文
    ("марионеточного режима", "ru", "en", "puppet regime"),  # was unlawful puppet regime
    ("peacekeepers", "en", "fr", "soldats de la paix"),
])
def test_rendering_is_not_a_neighbour_of_the_translation(sentence_tm, query, src, tgt, rendering) -> None:
    res = concordance(sentence_tm, query, src, tgt)
    assert res.renderings and res.renderings[0].text == rendering, [r.text for r in res.renderings]


# where two or three hits cannot tell the translation from its neighbours, no rendering rather than a wrong one
@pytest.mark.parametrize("tm", ["sentence_tm", "default_tm", "letter_tm"])
@pytest.mark.parametrize("query,src,tgt,rendering", [
    ("Garabagh", "en", "ru", "Карабахского"),  # was региона (3)
    ("傀儡政权", "zh", "en", "puppet regime"),
    ("марионеточного режима", "ru", "en", "puppet regime"),
    ("Garabagh", "en", "zh", "卡拉巴赫"),
])
def test_rendering_is_right_or_absent(request, tm, query, src, tgt, rendering) -> None:
    res = concordance(request.getfixturevalue(tm), query, src, tgt)
    assert [r.text for r in res.renderings][:1] in ([], [rendering])


def test_a_rendering_found_in_two_hits_says_so(sentence_tm: TMStore, cli_run) -> None:
    """Thin evidence (audit, December 2026): « régime fantoche (2) » looked as sure as a rendering in 80 hits."""
    import json

    def run(query: str, *more: str) -> tuple[int, str, str]:
        return cli_run(["lookup", query, "--src", "en", "--tgt", "fr", "--tm", sentence_tm.directory, "--limit", "1",
                        *more])

    code, out, _ = run("puppet regime")
    assert code == 0 and "renderings in fr (of 2 hits): régime fantoche (2 hits only)\n" in out
    assert "renderings in fr (of 3 hits): Conseil de sécurité (3)\n" in run("Security Council")[1]  # 3: not thin
    assert [(r["count"], r["thin"]) for r in json.loads(run("puppet regime", "--format", "json")[1])["renderings"]] \
        == [(2, True)]  # fmt: skip
    assert [r["thin"] for r in json.loads(run("Security Council", "--format", "json")[1])["renderings"]] == [False]


# --forms (audit, December 2026): the README's « марионеточный режим » found the two hits of « марионеточного
# режима » and no rendering: the context evidence looked for the query's own tokens in the hits (not the forms found),
# so « unlawful » next to it went unexplained and « unlawful puppet » / « puppet regime » tied; a plural query missed
# a name's cognate (régimes / regime); regímenes missed régimen and تطهير missed والتطهير (other Snowball stems)
@pytest.mark.parametrize("query,src,rendering", [
    ("марионеточный режим", "ru", "puppet regime"),  # dictionary form of марионеточного режима
    ("марионеточные режимы", "ru", "puppet regime"),  # was unlawful puppet regime
    ("этническая чистка", "ru", "ethnic cleansing"),
    ("régimes fantoches", "fr", "puppet regime"),
    ("nettoyages ethniques", "fr", "ethnic cleansing"),
    ("regímenes títeres", "es", "puppet regime"),  # was no hit
    ("depuraciones étnicas", "es", "ethnic cleansing"),
    ("تطهير عرقي", "ar", "ethnic cleansing"),  # was no hit: the text has والتطهير العرقي
    ("نظام عميل", "ar", "unlawful puppet regime"),  # as النظام العميل gives it (عميل: "agent")
])
def test_a_query_in_any_form_finds_the_rendering_of_its_hits(sentence_tm: TMStore, query, src, rendering) -> None:
    res = concordance(sentence_tm, query, src, "en", forms=True)
    assert res.total >= 2
    assert [r.text for r in res.renderings][:1] == [rendering]


def test_the_readme_forms_lookup_shows_the_rendering(sentence_tm: TMStore, cli_run) -> None:
    code, out, _ = cli_run(["lookup", "марионеточный режим", "--src", "ru", "--tgt", "en", "--tm",
                            sentence_tm.directory, "--forms"])
    assert code == 0 and "renderings in en (of 2 hits): puppet regime (2 hits only)\n" in out, out
    assert "**puppet regime**" in out  # the rendering highlighted in the targets


def test_cognate_similarity_ignores_voicing_and_endings() -> None:
    from tmtool.tm.evidence import cognate_similarity

    assert cognate_similarity("Garabagh", "en", "Карабахского", "ru") == 1.0
    assert cognate_similarity("Garabagh", "en", "региона", "ru") < 0.75
    assert cognate_similarity("Garabagh", "en", "卡拉巴赫", "zh") == 0.0  # no transliteration of Han: no evidence


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


@given(st.sets(st.integers(0, 500)), st.sets(st.integers(0, 500)))
def test_common_postings_count_as_intersect1d(a: set[int], b: set[int]) -> None:
    """Postings (ascending unit ids) are intersected by lookup, not by sorting both: as np.intersect1d."""
    from tmtool.tm.index import shared_ids

    x, y = np.array(sorted(a), dtype=np.uint32), np.array(sorted(b), dtype=np.int64)
    assert shared_ids(x, y).tolist() == sorted(a & b) == np.intersect1d(x, y).tolist()
    assert shared_ids(x, y).dtype == x.dtype and shared_ids(y, x).dtype == y.dtype


@pytest.mark.parametrize("query,form", [("date", "datée"), ("adresse", "adressée")])
def test_forms_do_not_take_a_participle_for_the_noun(sentence_tm: TMStore, query, form) -> None:
    """French « date » is not « datée » (every « Lettre datée du ... » heading): a word is filed under the stems of
    its singular readings, not of its other gender (a participle in -ée without its -e, folded, is the noun)."""
    res = concordance(sentence_tm, query, "fr", "en", limit=50, forms=True)
    assert not [h for h in res.hits if f" {form} " in f" {h.source.lower()} "], [h.source for h in res.hits]
