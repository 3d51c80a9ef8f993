"""Lookups on a TM of the real UN devset (read in place from ../shared, never copied)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmtool.tm import TMStore, concordance, fuzzy
from tmtool.tmx.model import TranslationUnit, Variant

LANGS = ("en", "fr", "zh", "ru", "ar")


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


def test_inflected_forms_of_a_rendering_are_one_rendering(un_tm: TMStore) -> None:
    """Russian renders "Security Council" in six cases: the forms were three renderings, which filled the list
    (Совета Безопасности, Совет Безопасности, Советом Безопасности) and left no room for another rendering.
    They are one rendering now, counted over the hits holding any of them, each form listed."""
    res = concordance(un_tm, "Security Council", "en", "ru")
    top = res.renderings[0]
    forms = [f.text for f in top.forms]
    assert top.text == forms[0] == "Совета Безопасности"  # the most frequent form heads the rendering
    assert "Совет Безопасности" in forms
    assert top.count == sum(f.count for f in top.forms) <= res.sampled  # each hit counted once, in one form
    assert not any(r.text.startswith("Совет") for r in res.renderings[1:])
    # English: singular and plural are one rendering too; a rendering in one form has no forms listed
    res = concordance(un_tm, "резолюция", "ru", "en", forms=True)
    assert res.renderings[0].text == "resolution"
    assert [f.text for f in res.renderings[0].forms] == ["resolution", "resolutions"]
    assert concordance(un_tm, "Security Council", "en", "fr").renderings[0].forms == []


@pytest.mark.parametrize("query,head,least,form", [
    ("Member States", "государств", 0.85, "государствам-членам"),  # no form alone is in 30 % of the hits
    ("General Assembly", "Генеральн", 0.9, "Генеральная Ассамблея"),  # ассамблеи, ассамблея: two Snowball stems
    ("international law", "международн", 0.9, "международному праву"),
])
def test_a_rendering_is_counted_over_its_forms(un_tm: TMStore, query, head, least, form) -> None:
    """The hits are counted by word, not by form: "Member States" came out as « членов » (30 of 91 hits), the
    word its genitive forms state-членов and государств -- членов share, since no one form of « государства-члены »
    was in 30 % of the hits; "General Assembly" as two renderings, the genitive and the nominative."""
    res = concordance(un_tm, query, "en", "ru")
    top = res.renderings[0]
    assert top.text.startswith(head) and top.count >= least * res.sampled
    assert form in [f.text for f in top.forms]
    assert not any(r.text.startswith(head) for r in res.renderings[1:])


def test_arabic_renderings_are_counted_with_and_without_proclitics(un_tm: TMStore, cli_run) -> None:
    """لحقوق الإنسان, وحقوق الإنسان are حقوق الإنسان with a preposition or a conjunction on it: counted apart, the
    bigram lost to the one word « الإنسان » ("the human"), which it always holds."""
    res = concordance(un_tm, "human rights", "en", "ar")
    top = res.renderings[0]
    assert top.text == "حقوق الإنسان" and top.count >= 0.9 * res.sampled
    assert {"لحقوق الإنسان", "وحقوق الإنسان"} <= {f.text for f in top.forms}
    code, out, _ = cli_run(["lookup", "Secretary-General", "--src", "en", "--tgt", "ar", "--tm", un_tm.directory])
    line = next(x for x in out.splitlines() if x.startswith("renderings in ar"))
    assert code == 0 and "الأمين العام (" in line and "once)" in line  # forms found once are counted, not listed


def test_lookup_shows_the_forms_of_a_rendering(un_tm: TMStore, cli_run) -> None:
    code, out, _ = cli_run(["lookup", "Security Council", "--src", "en", "--tgt", "ru", "--tm", un_tm.directory])
    line = next(x for x in out.splitlines() if x.startswith("renderings in ru"))
    assert code == 0 and ": Совета Безопасности (" in line and ": Совета Безопасности " in line.split("(", 1)[1]
    code, out, _ = cli_run(["lookup", "Security Council", "--src", "en", "--tgt", "ru", "--tm", un_tm.directory,
                            "--format", "json"])
    first = json.loads(out)["renderings"][0]
    assert first["text"] == first["forms"][0]["text"] and len(first["forms"]) >= 2
    assert first["count"] == sum(f["count"] for f in first["forms"])


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


def test_incremental_index_answers_like_a_full_rebuild(devset, tmp_path: Path) -> None:
    import json
    import shutil

    from tmtool.tm.index import drop_cache, open_index

    def unit(i: int) -> TranslationUnit:
        return TranslationUnit(tuple(Variant(lang, devset[lang][i]) for lang in LANGS))

    store = TMStore.open(tmp_path / "tm")
    store.add_units([unit(i) for i in range(3000)], origin="first")
    index = open_index(store)
    index.lang(["en"]), index.lang(["zh"])
    store.add_units([unit(i) for i in range(2900, 3400)], origin="second")  # 100 repeats, 400 new units
    drop_cache()
    updated = open_index(store)
    assert json.loads((updated.folder / "meta.json").read_text())["incremental"] is True
    assert updated.size == 3400

    def answers(s: TMStore) -> list:
        out = []
        for q, src, tgt in [("Security Council", "en", "zh"), ("the", "en", "zh"), ("安全理事会", "zh", "en"),
                            ("international cooperation", "en", "zh"), ("2015", "en", "zh")]:
            res = concordance(s, q, src, tgt, limit=5000)
            out.append((q, res.total, sorted((h.source, h.count, tuple(h.origins)) for h in res.hits)))
        for i in (100, 2950, 3300):
            hits = fuzzy(s, " ".join(devset["en"][i].split()[1:]), "en", "zh")
            out.append((i, sorted((h.score, h.source, h.target) for h in hits)))
        return out

    incremental = answers(store)
    shutil.rmtree(tmp_path / "tm" / "index")
    drop_cache()
    assert "incremental" not in json.loads((open_index(store).folder / "meta.json").read_text())
    assert answers(store) == incremental
