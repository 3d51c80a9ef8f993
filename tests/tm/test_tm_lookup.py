"""Concordance on a small TM built in the test: golden cases in tests/data/tm/concordance/*.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tmtool.errors import UsageError
from tmtool.tm import TMStore, concordance, fuzzy

from tm_helpers import DATA, units_of

CASES = sorted((DATA / "concordance").glob("*.json"))


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_concordance_golden(small_tm: TMStore, case_file: Path) -> None:
    case = json.loads(case_file.read_text(encoding="utf-8"))
    res = concordance(small_tm, case["query"], case["src"], case.get("tgt"),
                      whole_word=case.get("whole_word", True))
    assert res.total == case["total"] and res.exact
    assert sorted(h.source for h in res.hits) == sorted(case["sources"])
    if "first" in case:
        assert res.hits[0].source == case["first"]
    if "rendering" in case:
        assert res.renderings and res.renderings[0].text == case["rendering"]
        for h in res.hits:  # the rendering is highlighted in every target that has it
            assert h.target_span is not None
            assert h.target[h.target_span[0] : h.target_span[1]] == case["rendering"]
    for h in res.hits:  # the query is highlighted in the source, whatever its case and accents
        assert h.source_spans, h.source
        for start, end in h.source_spans:
            assert start < end <= len(h.source)


def test_kwic_span_keeps_original_case_and_accents(small_tm: TMStore) -> None:
    res = concordance(small_tm, "economie", "en", "fr")
    (hit,) = res.hits
    start, end = hit.source_spans[0]
    assert hit.source[start:end] == "ÉCONOMIE"


def test_duplicate_counts_and_documents_reach_the_hit(small_tm: TMStore) -> None:
    res = concordance(small_tm, "unanimously", "en", "fr")
    (hit,) = res.hits
    assert hit.count == 2
    assert hit.documents == ["A/1", "A/5"]
    assert hit.target == "Le Conseil de sécurité a adopté la résolution à l'unanimité."


def test_most_frequent_unit_comes_first(small_tm: TMStore) -> None:
    res = concordance(small_tm, "council", "en", "fr")
    assert res.hits[0].count == 2 and all(h.count == 1 for h in res.hits[1:])


def test_limit_keeps_total(small_tm: TMStore) -> None:
    res = concordance(small_tm, "the", "en", "fr", limit=2)
    assert len(res.hits) == 2 and res.total == 10  # the 3 units without "the" are not counted


def test_default_target_is_another_language(small_tm: TMStore) -> None:
    res = concordance(small_tm, "Geneva", "en")
    assert res.tgt[0] in {"fr", "zh"} and res.hits[0].target is not None


def test_unknown_language_is_a_usage_error(small_tm: TMStore) -> None:
    with pytest.raises(UsageError, match="'de' is not in the translation memory"):
        concordance(small_tm, "x", "de")


def test_index_follows_new_units(small_tm: TMStore) -> None:
    assert concordance(small_tm, "Somalia", "en", "fr").total == 0
    small_tm.add_units(units_of([{"en": "The situation in Somalia.", "fr": "La situation en Somalie."}]), "new")
    res = concordance(small_tm, "Somalia", "en", "fr")
    assert res.total == 1 and res.hits[0].origin == "new"
    index_dirs = [p for p in (small_tm.directory / "index").iterdir() if not p.name.startswith(".")]
    assert len(index_dirs) == 1  # the stale index was dropped


def test_index_is_reused_from_disk(small_tm: TMStore) -> None:
    from tmtool.tm.index import drop_cache

    concordance(small_tm, "council", "en", "fr")
    folder = next((small_tm.directory / "index").iterdir())
    stamp = (folder / "en" / "postings.npy").stat().st_mtime_ns
    drop_cache()
    concordance(small_tm, "council", "en", "fr")
    assert (folder / "en" / "postings.npy").stat().st_mtime_ns == stamp


def test_fuzzy_finds_edited_segment_best_first(small_tm: TMStore) -> None:
    hits = fuzzy(small_tm, "The Security Council adopted the decision unanimously.", "en", "fr")
    assert hits[0].source == "The Security Council adopted the resolution unanimously."
    assert hits[0].score == 85  # 1 substitution in 7 words
    assert hits[0].target.startswith("Le Conseil de sécurité")
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert all(h.score >= 70 for h in hits)


def test_fuzzy_threshold_and_zh(small_tm: TMStore) -> None:
    assert fuzzy(small_tm, "Completely unrelated words here.", "en", "fr") == []
    hits = fuzzy(small_tm, "安全理事会通过了决议。", "zh", "en")
    assert hits[0].score == 76 and hits[0].target == "The Security Council adopted the resolution unanimously."
    low = fuzzy(small_tm, "The Security Council met on 12 March.", "en", "fr", threshold=50)
    assert low and low[0].source == "The Security Council met on 12 March 2015."


def test_slow_builds_are_announced_once(small_tm: TMStore) -> None:
    from tmtool.tm.index import drop_cache, open_index

    said: list[str] = []
    open_index(small_tm, notify=said.append).lang(["en"])
    assert len(said) == 2 and "building the lookup index" in said[0] and "en" in said[1]
    drop_cache()
    open_index(small_tm, notify=said.append).lang(["en"])
    assert len(said) == 2  # reused from disk: nothing to announce


def test_same_source_and_target_is_a_usage_error(small_tm: TMStore) -> None:
    with pytest.raises(UsageError, match="same language"):
        concordance(small_tm, "council", "en", "EN")


_WORDS = ["council", "security", "peace", "the", "of", "2015", "安全", "理事会", "和平", "États", "etats"]
_sentence = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_sentence, _sentence), min_size=2, max_size=12),
       st.lists(st.tuples(_sentence, _sentence), min_size=1, max_size=5))
def test_updated_index_equals_rebuilt_index(tmp_path_factory, first, second) -> None:
    import shutil

    from tmtool.tm.index import drop_cache, open_index

    store = TMStore.open(tmp_path_factory.mktemp("inc") / "tm")
    store.add_units(units_of([{"en": a, "zh": b} for a, b in first]), origin="first")
    open_index(store).lang(["en"]), open_index(store).lang(["zh"])
    store.add_units(units_of([{"en": a, "zh": b} for a, b in second]), origin="second")
    drop_cache()
    import json

    import tmtool.tm.update as update

    share, update.MAX_SHARE = update.MAX_SHARE, 1e9  # always take the update path here
    try:
        assert json.loads((open_index(store).folder / "meta.json").read_text()).get("incremental") is True
    finally:
        update.MAX_SHARE = share

    def answers() -> list:
        out = []
        for q in ["council", "security council", "安全", "理事会", "etats", "the of"]:
            for src, tgt in (("en", "zh"), ("zh", "en")):
                res = concordance(store, q, src, tgt, limit=100)
                out.append((q, src, res.total, sorted((h.source, h.target, h.count) for h in res.hits)))
        return out

    updated = answers()
    shutil.rmtree(store.directory / "index")
    drop_cache()
    assert answers() == updated


def test_damaged_index_is_rebuilt(small_tm: TMStore) -> None:
    from tmtool.tm.index import drop_cache

    concordance(small_tm, "council", "en", "fr")
    folder = next(p for p in (small_tm.directory / "index").iterdir() if not p.name.startswith("."))
    (folder / "en" / "postings.npy").write_bytes(b"garbage")
    (folder / "units.parquet").write_bytes(b"garbage")
    drop_cache()
    assert concordance(small_tm, "council", "en", "fr").total == 3


def test_update_with_units_in_other_languages_only(small_tm: TMStore) -> None:
    import json
    import shutil

    from tmtool.tm.index import drop_cache, open_index

    index = open_index(small_tm)
    index.lang(["en"]), index.lang(["zh"])
    small_tm.add_units(units_of([{"es": "Hola.", "de": "Hallo."}, {"fr": "Paix.", "es": "Paz."}]), "other")
    drop_cache()
    assert concordance(small_tm, "council", "en", "fr", limit=50).total == 3  # updated: no new en text
    small_tm.add_units(units_of([{"en": "Peace council.", "fr": "Conseil de paix."}]), "third")
    drop_cache()
    updated = open_index(small_tm)
    assert json.loads((updated.folder / "meta.json").read_text())["incremental"] is True
    got = concordance(small_tm, "council", "en", "fr", limit=50)
    assert got.total == 4 and "Peace council." in [h.source for h in got.hits]
    assert [h.source for h in fuzzy(small_tm, "Peace council", "en", "fr")] == ["Peace council."]
    shutil.rmtree(small_tm.directory / "index")
    drop_cache()
    again = concordance(small_tm, "council", "en", "fr", limit=50)
    assert sorted(h.source for h in again.hits) == sorted(h.source for h in got.hits)


def _hand_made(tmp_path: Path, lang: str, rows: list[tuple[str, str]]) -> TMStore:
    """A TM of ``rows`` (text in ``lang``, English), written for these tests."""
    store = TMStore.open(tmp_path / "tm", create=True)
    store.add_units(units_of([{lang: text, "en": english} for text, english in rows]), "hand-made")
    return store


def test_arabic_concordance_finds_the_first_word_with_particles_on_it(tmp_path: Path) -> None:
    """Arabic writes و, ف, ب, ك and ل on the next word (ل + ال as لل): "القانون الدولي" is also والقانون الدولي,
    للقانون الدولي, بالقانون الدولي. A whole-word search used to find the bare form only."""
    store = _hand_made(tmp_path, "ar", [
        ("يحترم الطرفان القانون الدولي.", "Both parties respect international law."),
        ("انتهاك لميثاق الأمم المتحدة والقانون الدولي.", "A violation of the Charter and international law."),
        ("انتهاك جسيم للقانون الدولي.", "A gross violation of international law."),
        ("عملا بالقانون الدولي الإنساني.", "Under international humanitarian law."),
        ("المسائل القانونية الدولية.", "International legal questions."),  # another word: not a hit
        ("القانون المحلي والدولي.", "Domestic and international law."),  # not the phrase
    ])
    res = concordance(store, "القانون الدولي", "ar", "en")
    assert res.total == 4
    shown = sorted(h.source[a:b] for h in res.hits for a, b in h.source_spans)
    assert shown == ["القانون الدولي", "بالقانون الدولي", "للقانون الدولي", "والقانون الدولي"]
    assert all("international" in h.target for h in res.hits)
    # a word without the article: قانون finds لقانون, not القانون (another form of the word, not a particle)
    store.add_units(units_of([{"ar": "وفقا لقانون العمل.", "en": "Under the labour law."}]), "more")
    assert concordance(store, "قانون", "ar", "en").total == 1


def test_concordance_with_forms_finds_other_inflected_forms(tmp_path: Path) -> None:
    """--forms: a translator types the nominative (марионеточный режим) and the memory holds the genitive."""
    store = _hand_made(tmp_path, "ru", [
        ("Совет Безопасности принял резолюцию.", "The Security Council adopted a resolution."),
        ("Председатель Совета Безопасности выступил.", "The President of the Security Council spoke."),
        ("Члены Совета Безопасности согласились.", "The members of the Security Council agreed."),
        ("Роспуск незаконного марионеточного режима.", "Disbandment of the unlawful puppet regime."),
        ("Положение в Йемене.", "The situation in Yemen."),
        ("Советник выступил.", "The adviser spoke."),  # another word: not a form of совет
    ])
    assert concordance(store, "Совет Безопасности", "ru", "en").total == 1
    res = concordance(store, "Совет Безопасности", "ru", "en", forms=True)
    assert res.total == 3
    assert sorted(h.source[a:b] for h in res.hits for a, b in h.source_spans) == [
        "Совет Безопасности", "Совета Безопасности", "Совета Безопасности"]
    # Snowball cuts режим to реж but режима to режим, and folding makes й an и: both are put right
    res = concordance(store, "марионеточный режим", "ru", "en", forms=True)
    assert [h.source[a:b] for h in res.hits for a, b in h.source_spans] == ["марионеточного режима"]
    assert concordance(store, "Йемен", "ru", "en", forms=True).total == 1
    assert concordance(store, "совет", "ru", "en", forms=True).total == 3  # not Советник
    # the dictionary keeps apart what Snowball joins (право, правила: прав), and names it does not know
    # (Гарабах) keep Snowball's rule
    store.add_units(units_of([{"ru": "Нормы международного права.", "en": "Norms of international law."},
                              {"ru": "Международные правила торговли.", "en": "International trade rules."},
                              {"ru": "Регион Гарабаха.", "en": "The Garabagh region."}]), "law")
    res = concordance(store, "международное право", "ru", "en", forms=True)
    assert [h.source[a:b] for h in res.hits for a, b in h.source_spans] == ["международного права"]
    assert concordance(store, "Гарабах", "ru", "en", forms=True).total == 1
    # English: plural and possessive only
    store.add_units(units_of([{"en": "Two puppet regimes.", "ru": "Два марионеточных режима."},
                              {"en": "A strict regimen.", "ru": "Строгий режим."}]), "more")
    assert concordance(store, "puppet regime", "en", "ru", forms=True).total == 2
    assert concordance(store, "regime", "en", "ru", forms=True).total == 2  # not regimen


@pytest.mark.parametrize("flags", [["--forms", "--substring"], ["--forms", "--fuzzy"]])
def test_forms_goes_with_whole_word_concordance_only(small_tm: TMStore, cli_run, flags: list[str]) -> None:
    code, _, err = cli_run(["lookup", "council", "--src", "en", "--tm", small_tm.directory, *flags])
    assert code == 2 and err.count("\n") == 1 and "--forms" in err


def test_fuzzy_on_a_small_tm_finds_a_unit_that_differs_in_the_query_rarest_word(tmp_path: Path) -> None:
    """In a small TM most words are in more than a fifth of the units ("common"); the candidates came from the
    rare query words only, so a unit that lacks the one rare word (Council) but scores 91 % was never seen."""
    store = _hand_made(tmp_path, "fr", [
        ("Le Comité a adopté le rapport.", "The Committee adopted the report of the Working Group on its session."),
        ("Le Comité a adopté le rapport.", "The Committee adopted the report of the Working Group on its third session."),
        ("Élections.", "Security Council elections took place."),
        ("Le rapport a été adopté.", "The report of the Working Group on its session was adopted."),
        ("Le Groupe a adopté son rapport.", "The Group adopted its report on the session of the Working Group."),
    ])
    hits = fuzzy(store, "The Council adopted the report of the Working Group on its session.", "en", "fr")
    assert [(h.score, h.source) for h in hits] == [
        (91, "The Committee adopted the report of the Working Group on its session."),
        (84, "The Committee adopted the report of the Working Group on its third session.")]


def test_chinese_concordance_skips_a_query_inside_another_word(tmp_path: Path) -> None:
    """中国 (China) in 发展中国家 ("developing countries") is no hit: looked up in the devset's TM, 21 of the 34
    hits were such, and "developing" came out as the first rendering of China."""
    store = _hand_made(tmp_path, "zh", [
        ("中国代表发了言。", "The representative of China spoke."),
        ("援助发展中国家。", "Aid to developing countries."),
        ("中国支持发展中国家。", "China supports developing countries."),  # China stands once outside: a hit
        ("一个中国政策。", "The one-China policy."),
    ])
    res = concordance(store, "中国", "zh", "en")
    assert res.total == 3
    assert all("developing" not in r.text for r in res.renderings)
    assert concordance(store, "中国", "zh", "en", whole_word=False).total == 4  # --substring: every occurrence
    assert concordance(store, "发展中国家", "zh", "en").total == 2


def test_forms_in_spanish_finds_inflections_not_derivations(tmp_path: Path) -> None:
    """Spanish Snowball stems informe ("report"), información and informó alike: --forms found all of them."""
    store = _hand_made(tmp_path, "es", [
        ("El informe del Comité.", "The report of the Committee."),
        ("Los informes anuales.", "The annual reports."),
        ("La información pertinente.", "The relevant information."),
        ("El Presidente informó al Consejo.", "The President informed the Council."),
    ])
    res = concordance(store, "informe", "es", "en", forms=True)
    assert sorted(h.source[a:b] for h in res.hits for a, b in h.source_spans) == ["informe", "informes"]


def test_fuzzy_counts_ordinals_and_amounts_as_numbers(tmp_path: Path) -> None:
    """A meeting number (7420th) was a word, so a new agenda scored 90 instead of 98; an amount (27,577,000) was
    three numbers, so a one-word change in a short line scored 85 instead of 80."""
    store = _hand_made(tmp_path, "fr", [
        ("Ordre du jour provisoire de la 7420e séance", "Provisional agenda for the 7420th meeting of the Security Council"),
        ("Ressources nécessaires : 27 577 000 dollars", "Resource requirements (before recosting): $27,577,000"),
        ("Autre chose", "Something else altogether"),
    ])
    hits = fuzzy(store, "Provisional agenda for the 7421st meeting of the Security Council", "en", "fr")
    assert [h.score for h in hits] == [98]
    hits = fuzzy(store, "Resource requirements (after recosting): $27,577,000", "en", "fr")
    assert [h.score for h in hits] == [80]


def test_an_index_folder_another_builder_renames_meanwhile_is_no_error(small_tm: TMStore, monkeypatch) -> None:
    """Two lookups building the index of one TM state at once (two threads of a script, or two processes): each
    builds into a temp folder and renames it; the other's clean-up listed that temp folder and then looked at it
    after the rename (FileNotFoundError, found with six threads on the letter's TM). Simulated here: the listing
    holds a temp folder that is gone by the time it is looked at."""
    from tmtool.tm.index import open_index

    listing = Path.iterdir

    def with_a_vanished_temp_folder(self: Path):
        yield from listing(self)
        if self.name == "index":
            yield self / ".tmp-0123456789ab"  # renamed by the other builder between the listing and the stat

    monkeypatch.setattr(Path, "iterdir", with_a_vanished_temp_folder)
    assert open_index(small_tm).size == 13
    assert concordance(small_tm, "council", "en", "fr").total > 0


@pytest.mark.parametrize("threshold", [0, -5, 101])
def test_a_fuzzy_threshold_that_is_no_percentage_is_a_usage_error(small_tm: TMStore, threshold: int) -> None:
    """The CLI takes 1-100; from Python, threshold=0 was a ZeroDivisionError and 101 or -5 a numpy ValueError."""
    with pytest.raises(UsageError, match="from 1 to 100"):
        fuzzy(small_tm, "The Security Council adopted the resolution.", "en", "fr", threshold=threshold)


def test_lookup_limits_zero_and_negative(small_tm: TMStore) -> None:
    """fuzzy(limit=0) was an IndexError, now no hit; concordance(limit=0) gives no hit but still counts the hits and
    the renderings; a negative limit is a usage error in both (concordance gave hits=[] and a garbled total)."""
    query = "The Security Council adopted the resolution unanimously."
    assert fuzzy(small_tm, query, "en", "fr", limit=0) == []
    res = concordance(small_tm, "council", "en", "fr", limit=0)
    assert res.hits == [] and res.total == concordance(small_tm, "council", "en", "fr").total > 0
    for lookup in (lambda: fuzzy(small_tm, query, "en", "fr", limit=-1),
                   lambda: concordance(small_tm, "council", "en", "fr", limit=-1)):
        with pytest.raises(UsageError, match="cannot be negative"):
            lookup()
