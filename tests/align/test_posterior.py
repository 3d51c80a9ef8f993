"""Posteriors of links (tmtool.align.posterior): exact against an enumeration of every chain, the same in a band,
low where a link has a rival; and the confidence built on them on real UN files."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tmtool.align import posterior as posterior_module
from tmtool.align import search as search_module
from tmtool.align.posterior import link_posteriors
from tmtool.align.search import PairInput, Params, _Scorer, search

UN_DEV = Path(__file__).resolve().parents[3] / "shared" / "eval" / "unpc-6way-dev"


def _input(n: int, m: int, seed: int, dim: int = 6) -> PairInput:
    rng = np.random.default_rng(seed)
    u = rng.normal(size=(n, dim)).astype(np.float32)
    v = (u[np.minimum(np.arange(m), n - 1)] + rng.normal(size=(m, dim))).astype(np.float32) if n else \
        rng.normal(size=(m, dim)).astype(np.float32)
    zs, zt = np.zeros(n), np.zeros(m)
    return PairInput(u=u, v=v, len_s=rng.uniform(20, 200, n), len_t=rng.uniform(20, 200, m),
                     skip_s=zs + rng.uniform(1, 4), skip_t=zt + rng.uniform(1, 4), stray_s=zs, stray_t=zt,
                     cut_s=zs, cut_t=zt, join_s=zs, join_t=zt, ratio=1.0, var=6.8)


def _enumerated(inp: PairInput, params: Params, t: float) -> dict[tuple[int, int, int, int], float]:
    """Posterior of every link over every chain, by listing the chains (tiny inputs only)."""
    sc = _Scorer(inp, params)
    n, m = len(inp.len_s), len(inp.len_t)

    def cost(a: int, b: int, i: int, j: int) -> float:
        if a == 0:
            return float(inp.skip_t[j - 1])
        return float(sc.block(i, i + 1, j, j)[sc.moves.index((a, b))][0, 0])

    weights: dict[tuple[int, int, int, int], float] = {}
    total = 0.0

    def walk(i: int, j: int, links: list, w: float) -> None:
        nonlocal total
        if (i, j) == (n, m):
            total += w
            for link in links:
                weights[link] = weights.get(link, 0.0) + w
            return
        for a, b in sc.moves + ((0, 1),):
            if i + a <= n and j + b <= m:
                c = cost(a, b, i + a, j + b)
                if math.isfinite(c):
                    walk(i + a, j + b, links + [(i, i + a, j, j + b)], w * math.exp(-c / t))

    walk(0, 0, [], 1.0)
    return {link: w / total for link, w in weights.items()}


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 4), m=st.integers(1, 4), seed=st.integers(0, 10_000), t=st.sampled_from([1.0, 2.0, 5.0]))
def test_posteriors_equal_the_sum_over_every_chain(n, m, seed, t):
    inp, params = _input(n, m, seed), Params()
    beads = search(inp, params)
    exact = _enumerated(inp, params, t)
    got = link_posteriors(inp, params, beads, temperature=t)
    # the search's similarities are float32: a random case (n=1, m=4, seed=891, t=1) differs by 1.1e-6 relative
    assert got == pytest.approx([exact[b] for b in beads], rel=1e-5, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(1, 25), m=st.integers(1, 25), seed=st.integers(0, 10_000))
def test_the_links_holding_a_segment_share_every_chain(n, m, seed):
    """Every chain holds exactly one link with a given segment, so the posteriors of all the links that could hold
    it sum to 1 (for every link type the search takes, and 0-1 links for a target segment)."""
    inp, params = _input(n, m, seed), Params()
    moves = _Scorer(inp, params).moves
    i, j = seed % n, seed % m
    holding_i = [(s0, s0 + a, t0, t0 + b) for a, b in moves for s0 in range(max(0, i - a + 1), min(i, n - a) + 1)
                 for t0 in range(0, m - b + 1)]
    holding_j = [(s0, s0 + a, t0, t0 + b) for a, b in moves + ((0, 1),) if b
                 for t0 in range(max(0, j - b + 1), min(j, m - b) + 1) for s0 in range(0, n - a + 1)]
    for links in (holding_i, holding_j):
        post = link_posteriors(inp, params, links)
        assert np.all((post >= 0) & (post <= 1)) and post.sum() == pytest.approx(1.0, rel=1e-6)
    beads = search(inp, params)
    assert np.all(link_posteriors(inp, params, beads) > 0)  # the best chain is one of them


def test_the_chains_near_the_best_one_give_the_posteriors_of_all(monkeypatch):
    inp, params = _input(120, 130, 7, dim=24), Params()
    beads = search(inp, params)
    full = link_posteriors(inp, params, beads)  # a small input: every chain
    monkeypatch.setattr(search_module, "FULL_LIMIT", 1_000)  # the search coarse-to-fine: the same chain
    assert search(inp, params) == beads
    monkeypatch.setattr(posterior_module, "FULL_CELLS", 0)  # the chains within BAND_MARGIN of the best one
    assert link_posteriors(inp, params, beads) == pytest.approx(full, abs=1e-4)
    monkeypatch.setattr(posterior_module, "KEEP_COSTS", 0)  # the backward pass computes the link costs again
    monkeypatch.setattr(search_module, "CELLS_PER_BLOCK", 500)  # in blocks of a few rows
    assert link_posteriors(inp, params, beads) == pytest.approx(full, abs=1e-4)


def test_a_link_with_a_rival_is_less_sure_than_one_without():
    # five clear 1-1 links; then a short segment of the source that fits the link before it as well as the next
    e = np.eye(8, dtype=np.float32)
    u = np.vstack([e[:5], np.zeros((1, 8), np.float32), e[5:7]])
    v = np.vstack([e[:5], e[5:7]])
    zs, zt = np.zeros(8), np.zeros(7)
    inp = PairInput(u=u, v=v, len_s=np.array([100.0] * 5 + [10.0, 100, 100]), len_t=np.array([100.0] * 7),
                    skip_s=zs + 3.2, skip_t=zt + 3.2, stray_s=zs, stray_t=zt, cut_s=zs, cut_t=zt, join_s=zs,
                    join_t=zt, ratio=1.0, var=6.8)
    beads = search(inp, Params())
    post = dict(zip(beads, link_posteriors(inp, Params(), beads)))
    clear = [post[b] for b in beads if b[1] <= 4]
    near = [p for b, p in post.items() if b[0] <= 5 < b[1] or b[0] == 5 or b[1] == 5]  # the link holding it
    assert min(clear) > 0.9 and max(near) < 0.8


@pytest.mark.skipif(not UN_DEV.is_dir(), reason="needs ../shared/eval/unpc-6way-dev")
def test_two_files_confidence_flags_few_links_and_most_wrong_ones():
    # before the posterior joined the confidence (18th round) these pairs flagged 44% of their links
    from tmtool.align import REVIEW_THRESHOLD, align_segments, read_ladder

    links = wrong = low = low_wrong = 0
    for a, b in (("en", "zh"), ("ar", "ru"), ("fr", "zh")):
        segs = {lang: (UN_DEV / f"doc0.{lang}").read_text(encoding="utf-8").split("\n")[:-1] for lang in (a, b)}
        gold = set(read_ladder(UN_DEV / f"doc0.{a}-{b}"))
        for link in align_segments(segs):
            right = (tuple(link.segments[a]), tuple(link.segments[b])) in gold
            links, wrong = links + 1, wrong + (not right)
            low += link.confidence < REVIEW_THRESHOLD
            low_wrong += (not right) and link.confidence < REVIEW_THRESHOLD
    assert low / links < 0.30 and low_wrong / wrong >= 0.85, (low / links, low_wrong / wrong)


def test_chains_of_a_side_left_empty_are_sure():
    inp = _input(0, 3, 1)
    beads = search(inp, Params())
    assert list(link_posteriors(inp, Params(), beads)) == [1.0, 1.0, 1.0]
    assert beads == [(0, 0, 0, 1), (0, 0, 1, 2), (0, 0, 2, 3)]


def test_links_without_a_confidence_are_the_same_links():
    from tmtool.align.pairwise import PairAligner

    en = ["The Committee met on 3 March 2021.", "It adopted the report.", "The meeting rose at 6 p.m."]
    fr = ["Le Comité s'est réuni le 3 mars 2021.", "Il a adopté le rapport.", "La séance est levée à 18 heures."]
    scored = PairAligner("en", "fr").align(en, fr)
    bare = PairAligner("en", "fr", confidence=False).align(en, fr)
    assert [(b.src, b.tgt) for b in bare] == [(b.src, b.tgt) for b in scored]
    assert all(math.isnan(b.confidence) for b in bare) and all(0 <= b.confidence <= 1 for b in scored)
