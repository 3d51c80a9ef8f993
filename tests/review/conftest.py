"""Fixtures of the review tests: fresh copies of the fixture alignments."""

from __future__ import annotations

from pathlib import Path

import pytest
from reviewkit import copy_fixture


@pytest.fixture
def six(tmp_path) -> Path:
    return copy_fixture("six", tmp_path)


@pytest.fixture
def two(tmp_path) -> Path:
    return copy_fixture("two", tmp_path)
