"""Fixtures of the CLI tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def pair(tmp_path):
    """A two-sentence document in English and French, one file each, written for the tests."""
    en = tmp_path / "doc.en.txt"
    fr = tmp_path / "doc.fr.txt"
    en.write_text("The Security Council met on 3 May 2023.\nIt adopted resolution 2680 (2023).\n", "utf-8")
    fr.write_text("Le Conseil de sécurité s'est réuni le 3 mai 2023.\nIl a adopté la résolution 2680 (2023).\n", "utf-8")
    return en, fr
