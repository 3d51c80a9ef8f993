"""Language selection: a bare tag selects its regional variants, a regional tag only itself; with an
explicit target language, units without a text in it are not returned."""

from __future__ import annotations

import pytest

from tmtool.errors import UsageError
from tmtool.tm import TMStore, concordance, fuzzy
from tmtool.tm.store import select_tags
from tmtool.tmx import iter_units

from tm_helpers import units_of


@pytest.fixture
def mixed(small_tm: TMStore) -> TMStore:
    small_tm.add_units(units_of([
        {"en-US": "The Security Council met in Geneva.", "fr-CA": "Le Conseil de sécurité s'est réuni à Genève."},
        {"en-GB": "The Security Council met in London.", "fr": "Le Conseil de sécurité s'est réuni à Londres."},
        {"en": "The Security Council met in Vienna.", "de": "Der Sicherheitsrat tagte in Wien."},
    ]), origin="mixed")
    return small_tm


def test_select_tags() -> None:
    present = ["en", "en-GB", "en-US", "fr", "fr-CA", "zh"]
    assert select_tags("en", present) == ["en", "en-GB", "en-US"]
    assert select_tags("EN-us", present) == ["en-US"]
    assert select_tags("fr", present) == ["fr", "fr-CA"]
    assert select_tags("fr-FR", present) == []
    assert select_tags("en", ["en-US"]) == ["en-US"]


def test_bare_tags_find_regional_units(mixed: TMStore) -> None:
    res = concordance(mixed, "met in", "en", "fr", limit=50)
    assert res.src == ["en", "en-GB", "en-US"] and res.tgt == ["fr", "fr-CA"]
    sources = {h.source for h in res.hits}
    assert {"The Security Council met in Geneva.", "The Security Council met in London."} <= sources
    assert "The Security Council met in Vienna." not in sources  # no French: not returned (#13)
    assert all(h.target for h in res.hits)


def test_regional_tag_matches_exactly(mixed: TMStore) -> None:
    res = concordance(mixed, "met in", "en-us", "fr-ca", limit=50)
    assert [h.source for h in res.hits] == ["The Security Council met in Geneva."]
    assert res.hits[0].target == "Le Conseil de sécurité s'est réuni à Genève."
    with pytest.raises(UsageError, match="'fr-FR' is not in"):
        concordance(mixed, "met in", "en", "fr-FR")


def test_explicit_target_drops_units_without_it(mixed: TMStore) -> None:
    assert all(h.target is not None for h in concordance(mixed, "Security Council", "en", "zh", limit=50).hits)
    assert concordance(mixed, "Vienna", "en", "fr").total == 0
    assert concordance(mixed, "Vienna", "en", "de").total == 1
    query = "The Security Council met in Vienna today."
    assert [h.source for h in fuzzy(mixed, query, "en", "de")] == ["The Security Council met in Vienna."]
    assert all(h.target is not None for h in fuzzy(mixed, query, "en", "fr", threshold=30))
    assert "The Security Council met in Vienna." not in [h.source for h in fuzzy(mixed, query, "en", "fr")]


def test_export_of_bare_languages_keeps_regional_units(mixed: TMStore, cli_run, tmp_path) -> None:
    out = tmp_path / "enfr.tmx"
    code, stdout, _ = cli_run(["tm", "export", "--tmx", str(out), "--langs", "en,fr", "--tm", str(mixed.directory)])
    assert code == 0
    langs = [sorted(v.lang for v in u.variants) for u in iter_units(out)]
    assert ["en-US", "fr-CA"] in langs and ["en-GB", "fr"] in langs
    assert len(langs) == 13 + 2
