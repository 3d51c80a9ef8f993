"""Finding entries by a term's text (`glossary show --term`), on the shipped UN place names: a terminologist
asking "what does the glossary say about Türkiye?" had to page through 197 entries or grep the TBX."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tmtool.glossary import read_glossary
from tmtool.glossary.search import entries_with_term, search_key

PLACES = Path(__file__).resolve().parents[2] / "glossaries" / "un-places.tbx"


@pytest.fixture(scope="module")
def places():
    return read_glossary(PLACES)


@pytest.mark.parametrize(("query", "ids"), [
    ("Korea", ["place-KP", "place-KR"]),        # whole words inside longer names, in the glossary's order
    ("turkiye", ["place-TR"]),                  # no accent typed, lower case
    ("Turkey", ["place-TR"]),                   # a deprecated term finds its entry too
    ("Cote d’Ivoire", ["place-CI"]),            # the other apostrophe
    ("朝鲜", ["place-KP", "place-KR"]),          # Chinese: part of a term (朝鲜; 南朝鲜, deprecated for the ROK)
    ("Нидерланды", ["place-NL"]),
    ("Kore", []),                               # not a whole word
])
def test_entries_with_term(places, query: str, ids: list[str]) -> None:
    assert [e.id for e in entries_with_term(places, query)] == ids


def test_the_languages_asked_for_limit_the_search(places) -> None:
    assert [e.id for e in entries_with_term(places, "Türkiye", ["fr"])] == ["place-TR"]
    assert entries_with_term(places, "Türkiye", ["zh", "ar"]) == []


@given(st.text(min_size=1, max_size=30))
def test_every_term_finds_its_own_entry(text: str) -> None:
    """Any text given as a term is found by searching for itself, whatever its case, marks and styles."""
    from tmtool.glossary.model import Entry, Glossary, Term

    glossary = Glossary((Entry("e1", (Term(text, "en"),)),))
    if search_key(text):
        assert [e.id for e in entries_with_term(glossary, text)] == ["e1"]
        assert [e.id for e in entries_with_term(glossary, text.upper())] == ["e1"]


def test_show_term_prints_the_matching_entries_only(cli_run) -> None:
    code, out, err = cli_run(["glossary", "show", PLACES, "--term", "korea", "--lang", "en,zh", "--brief"])
    assert code == 0 and err == ""
    assert out.splitlines() == [
        "place-KP  [place-name]",
        "  en: Democratic People's Republic of Korea; North Korea (deprecated)",
        "  zh: 朝鲜民主主义人民共和国; 朝鲜 (admitted); 北韩 (deprecated); 北朝鲜 (deprecated)",
        "place-KR  [place-name]",
        "  en: Republic of Korea; south Korea (deprecated)",
        "  zh: 大韩民国; 韩国 (admitted); 南韩 (deprecated); 南朝鲜 (deprecated)",
    ]
    code, out, _ = cli_run(["glossary", "show", PLACES, "--term", "Turkey", "--format", "json"])
    assert code == 0 and [e["id"] for e in json.loads(out)["entries"]] == ["place-TR"]


def test_show_term_that_finds_nothing_says_so(cli_run) -> None:
    code, out, err = cli_run(["glossary", "show", PLACES, "--term", "Atlantis"])
    assert code == 0 and out == ""
    assert err == f"tmtool: no entry of {PLACES} has a term holding 'Atlantis'\n"
    code, _, err = cli_run(["glossary", "show", PLACES, "--term", " "])
    assert code == 2 and "--term is empty" in err
