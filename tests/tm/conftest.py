"""Fixtures for the TM tests: a small TM built from tests/data/tm/small_tm.tsv (sentences written for tmtool)."""

from __future__ import annotations

import pytest
from tm_helpers import small_units

from tmtool.tm import TMStore
from tmtool.tm.index import drop_cache


@pytest.fixture(autouse=True)
def _fresh_index_cache():
    drop_cache()
    yield
    drop_cache()


@pytest.fixture
def small_tm(tmp_path) -> TMStore:
    store = TMStore.open(tmp_path / "tm")
    store.add_units(small_units(), origin="small_tm.tsv")
    return store
