"""Fixtures of the review tests: fresh copies of the fixture alignments."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data" / "review"


def _copy(name: str, folder: Path) -> Path:
    path = folder / "alignment.json"
    shutil.copy(DATA / f"{name}.json", path)
    return path


@pytest.fixture
def six(tmp_path) -> Path:
    return _copy("six", tmp_path)


@pytest.fixture
def two(tmp_path) -> Path:
    return _copy("two", tmp_path)
