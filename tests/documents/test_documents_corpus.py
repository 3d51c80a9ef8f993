"""The bundled sample corpus (corpora/un-letter-2023, written by the corpus engineer) read end to end."""

from __future__ import annotations

import re

import pytest

from tmtool.documents import read_document

LANGS = ("ar", "en", "es", "fr", "ru", "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_every_language_version_is_repaired(root, lang):
    path = root / "corpora" / "un-letter-2023" / f"letter.{lang}.txt"
    if not path.exists():
        pytest.skip(f"sample corpus file missing: {path}")
    document = read_document(path)
    assert document.lang == lang
    kinds = [p.kind for p in document.paragraphs]
    assert kinds.count("body") == 12
    assert kinds[-1] == "signature"
    md = document.metadata
    assert md["date"] == "2023-09-14"
    assert md["agenda_items"] == ["31", "61", "69", "71", "83", "129"]
    assert md["original_language"] == "en"
    headings = [p.text for p in document.paragraphs if p.kind == "heading"]
    assert len(headings) == 10 and md["title"] == headings[-1]  # the letter's title, right before the body
    assert "13" in md["title"] and "2023" in md["title"]
    for paragraph in document.paragraphs:  # no running header, page number or job number left anywhere
        assert not re.search(r"\b\d{2}-\d{5}\b|^\d+/\d+$|^[AS]/\d", paragraph.text), paragraph.text
