"""Fixture for the bundled-corpus tests: the six letters, read once."""

from __future__ import annotations

import pytest
from _corpus import LANGS, letter


@pytest.fixture(scope="module")
def documents():
    """The six letters read by ``tmtool.documents.read_document`` (auto format, language from the file name)."""
    from tmtool.documents import read_document

    return {lang: read_document(letter(lang)) for lang in LANGS}
