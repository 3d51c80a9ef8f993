"""The centring of the hashed vectors (pairwise._centred), built from the rows' nonzero terms a block of rows at a
time, equals the plain definition on the dense rows: each row less ``alpha`` times the mean of the rows within
``width`` of it, empty rows left empty."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.align import pairwise
from tmtool.align.features import FeatureHasher


def _dense(entries: tuple[np.ndarray, np.ndarray, np.ndarray], n: int, dim: int) -> np.ndarray:
    x = np.zeros((n, dim), dtype=np.float64)
    for r, c, v in zip(*entries):
        x[r, c] += v
    return x


def _plain(x: np.ndarray, featureless: np.ndarray, alpha: float, width: int) -> np.ndarray:
    n = len(x)
    out = np.empty(x.shape, dtype=np.float32)
    for i in range(n):
        out[i] = x[i] - alpha * x[max(0, i - width):min(n, i + width + 1)].mean(axis=0)
    out[featureless] = 0.0
    return out


@st.composite
def hashed_rows(draw):
    """Rows of a few terms each (some rows none, slots that repeat within a row), as FeatureHasher.entries gives
    them: in row order."""
    n, dim = draw(st.integers(3, 200)), draw(st.integers(1, 6))
    terms = st.tuples(st.integers(0, dim - 1), st.floats(-4, 4, allow_nan=False, width=32))
    rows, cols, vals = [], [], []
    for r in range(n):
        for c, v in draw(st.lists(terms, max_size=4)):
            rows.append(r)
            cols.append(c)
            vals.append(v)
    entries = np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals, dtype=np.float64)
    return entries, n, dim


@settings(max_examples=80, deadline=None)
@given(hashed_rows(), st.floats(0.05, 1.0), st.integers(0, 8))
def test_centring_from_the_terms_equals_the_plain_definition(rows, alpha, width):
    entries, n, dim = rows
    got = pairwise._centred(entries, n, dim, alpha, width, block_values=1)  # blocks of 64 rows: up to four
    assert got.dtype == np.float32 and got.shape == (n, dim)
    featureless = np.ones(n, dtype=bool)
    featureless[entries[0]] = False
    np.testing.assert_allclose(got, _plain(_dense(entries, n, dim), featureless, alpha, width), rtol=1e-5, atol=1e-5)


def test_short_inputs_and_no_centring_give_the_plain_hashed_rows():
    hasher = FeatureHasher(16)
    bags = [["a", "b"], [], ["b", "c", "c"], ["d"]]
    weight = {"a": 1.0, "b": 0.5, "c": 2.0}
    plain = hasher.vectors(bags, weight)
    assert plain[1].tolist() == [0.0] * 16 and np.abs(plain[2]).sum() > 0
    np.testing.assert_array_equal(pairwise._centred(hasher.entries(bags, weight), 4, 16, 0.0), plain)
    np.testing.assert_array_equal(pairwise._centred(hasher.entries(bags[:2], weight), 2, 16, 0.5), plain[:2])


def test_centred_rows_of_a_real_input_lose_their_neighbours_share():
    """Four segments sharing one feature and one segment of its own: the shared feature is what centring thins."""
    hasher = FeatureHasher(4096)
    bags = [["shared", f"own{i}"] for i in range(5)]
    weight = {"shared": 1.0, **{f"own{i}": 1.0 for i in range(5)}}
    x = hasher.vectors(bags, weight)
    y = pairwise._centred(hasher.entries(bags, weight), 5, 4096, 1.0)
    shared, sign = hasher._slot("shared")
    assert x[2, shared] == sign and abs(y[2, shared]) < 1e-6  # the mean of all five holds it as fully
    own, own_sign = hasher._slot("own2")
    assert y[2, own] * own_sign > 0.7  # the row's own feature stays (less a fifth of itself)
