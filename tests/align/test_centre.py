"""The centring of the hashed vectors (pairwise._centre), computed a block of rows at a time, equals the plain
definition: each row less ``alpha`` times the mean of the rows within ``width`` of it, empty rows left empty."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from tmtool.align import pairwise


def _plain(x: np.ndarray, alpha: float, width: int) -> np.ndarray:
    n = len(x)
    out = np.empty(x.shape, dtype=np.float32)
    for i in range(n):
        window = x[max(0, i - width):min(n, i + width + 1)].astype(np.float64)
        out[i] = x[i] - alpha * window.mean(axis=0)
    out[~x.any(axis=1)] = 0.0
    return out


matrices = st.integers(3, 200).flatmap(lambda n: st.integers(1, 6).flatmap(lambda d: arrays(
    np.float32, (n, d), elements=st.one_of(st.just(0.0), st.floats(-4, 4, width=32)))))


@settings(max_examples=60, deadline=None)
@given(matrices, st.floats(0.05, 1.0), st.integers(0, 8))
def test_blockwise_centring_equals_the_plain_definition(x, alpha, width):
    got = pairwise._centre(x, alpha, width, block_values=1)  # blocks of 64 rows, the least: up to four of them
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, _plain(x, alpha, width), rtol=1e-5, atol=1e-5)


def test_short_inputs_and_no_centring_are_returned_as_given():
    x = np.ones((2, 4), dtype=np.float32)
    assert pairwise._centre(x, 0.5) is x
    y = np.ones((10, 4), dtype=np.float32)
    assert pairwise._centre(y, 0.0) is y
