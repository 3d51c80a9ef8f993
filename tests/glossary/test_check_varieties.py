"""``glossary check`` with terms of regional varieties (fr-FR, fr-CA; en-GB, en-US): a text in one variety is
held to its own terms, and each alignment language is checked once (audit, December 2026: a fr-CA text passed
with fr-FR's « e-mail », which fr-CA forbids, and problems came twice, once labelled fr-FR)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tmtool.glossary import read_glossary
from tmtool.glossary.check import check_pairs
from tmtool.glossary.pairs import SegmentPair

DATA = Path(__file__).resolve().parent.parent / "data" / "glossary" / "regional-varieties.csv"


@pytest.fixture(scope="module")
def varieties():
    return read_glossary(DATA)


def _problems(g, src: str, tgt: str, src_lang: str, tgt_lang: str) -> list[tuple[str, str, str]]:
    return [(p.problem, p.found or p.term, p.expected)
            for p in check_pairs(g, [SegmentPair(src, tgt)], src_lang, tgt_lang)]  # fmt: skip


@pytest.mark.parametrize(("tgt", "lang", "expected"), [
    ("Envoyez un e-mail.", "fr-CA", [("forbidden", "e-mail", "courriel")]),
    ("Envoyez un mél.", "fr-CA", [("forbidden", "mél", "courriel")]),
    ("Envoyez un courriel.", "fr-CA", []),
    ("Envoyez un e-mail.", "fr-FR", []),
    ("Envoyez un courriel.", "fr-FR", [("missing", "email", "e-mail")]),
    ("Envoyez un courriel.", "fr", []),  # no region: any variety's approved term is right
])  # fmt: skip
def test_a_variety_is_held_to_its_own_terms(varieties, tgt: str, lang: str, expected) -> None:
    assert _problems(varieties, "Send an email.", tgt, "en", lang) == expected


def test_a_variety_without_terms_of_its_own_takes_the_others(varieties) -> None:
    # the entry has no fr-BE term: a Belgian text may use any French one
    assert _problems(varieties, "Send an email.", "Envoyez un courriel.", "en", "fr-BE") == []


def test_english_varieties(varieties) -> None:
    assert _problems(varieties, "la couleur", "the colour", "fr", "en-US") == [("deprecated", "colour", "color")]
    assert _problems(varieties, "la couleur", "the colour", "fr", "en-GB") == []


def test_each_alignment_language_is_checked_once(cli_run, tmp_path: Path) -> None:
    docs = [{"lang": "en", "path": "x.en", "metadata": {}, "segments": ["Send an email."]},
            {"lang": "fr-CA", "path": "x.fr", "metadata": {}, "segments": ["Envoyez un mél."]}]  # fmt: skip
    links = [{"segments": {"en": [0], "fr-CA": [0]}, "confidence": 1.0, "status": "auto"}]
    path = tmp_path / "alignment.json"
    path.write_text(json.dumps({"version": 1, "level": "sentence", "documents": docs, "links": links}),
                    encoding="utf-8")  # fmt: skip
    code, out, err = cli_run(["glossary", "check", "--glossary", DATA, path])
    lines = [x for x in out.splitlines() if "#0" in x]
    assert lines == [f"{path}#0: forbidden fr-CA: 'mél' (expected 'courriel'): Envoyez un mél."], out + err

