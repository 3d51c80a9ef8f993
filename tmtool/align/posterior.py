"""How sure the search is of each link: its posterior probability over all chains of links.

The search (:mod:`.search`) keeps the cheapest chain of links. Reading each chain's cost as a log-probability,
``exp(-cost / TEMPERATURE)``, a forward and a backward pass sum over *all* chains (on a larger input, all chains
near the best one): the posterior of a link is the share of that total held by the chains that contain it. A link
with a close rival (a 1-1 that could as well be a 1-2, a heading that could go with the paragraph before or after)
gets a low posterior even when its own similarity is fine; a link with no rival gets one near 1. The confidence of
:mod:`.pairwise` uses it as a feature: on the UN development files a reviewer reads about 40% fewer links, and
more of the wrong ones are among them (docs/alignment-rounds.md, "Nineteenth round").

Both passes run in log space (``numpy.logaddexp``) over a band of cells around the best chain, with the link costs
computed by blocks of rows as the search computes them, so time and memory stay about linear in the length of the
documents; the backward pass pushes each row's mass to the rows its links start from.
"""

from __future__ import annotations

import numpy as np

from .search import ROWS_PER_BLOCK, Bead, PairInput, Params, _band_from, _band_full, _block_rows, _Scorer

__all__ = ["TEMPERATURE", "link_posteriors"]

# cost units per unit of log-probability (decided on the UN development files, doc0-1 to fit the confidence and
# doc2-3 to judge it: of 0.5, 1, 2, 3 and 5, 1 and 2 best, 2 with fewer links under the threshold)
TEMPERATURE = 2.0
# the chains summed: all of them on a small input; on a larger one those within BAND_MARGIN segments of the best
# (farther ones weigh nothing that shows: posteriors within 3e-8 on UN dev pairs; 1,000 segments 3.9 -> 2.9 s)
FULL_CELLS = 40_000
BAND_MARGIN = 12
KEEP_COSTS = 8_000_000  # link costs (8 bytes each) the forward pass keeps for the backward one; beyond, recomputed
_NEG = -np.inf


def _forward(
    sc: _Scorer, lo: np.ndarray, hi: np.ndarray, kt: np.ndarray, t: float,
    wanted: dict[int, list[tuple[int, int, int]]], found: np.ndarray, kept: list | None,
) -> list[np.ndarray]:
    """fw[i][j - lo[i]]: log of the summed weight of the chains from (0, 0) to cell (i, j). On the way, the cost of
    each link ``wanted[i]`` names (index, end column, link type) is put in ``found``, and each block of link costs
    is appended to ``kept`` (first row, end row, first column, costs) unless it is None."""
    n = len(lo) - 1
    fw: list[np.ndarray] = []
    r0 = r1 = c0 = 0
    costs: list[np.ndarray | None] = []
    for i in range(n + 1):
        rlo, rhi = int(lo[i]), int(hi[i])
        cols = np.arange(rlo, rhi + 1)
        e = np.full(len(cols), _NEG)
        if i == 0:
            e[0] = 0.0 if rlo == 0 else _NEG
        else:
            if i >= r1:
                r0 = i
                r1, c0, c1 = _block_rows(lo, hi, r0, min(n + 1, i + ROWS_PER_BLOCK))
                costs = sc.block(r0, r1, c0, c1)
                if kept is not None:
                    kept.append((r0, r1, c0, costs))
            for k, j, mi in wanted.get(i, ()):
                found[k] = costs[mi][i - r0, j - c0]
            for (a, b), block in zip(sc.moves, costs):
                if i - a < 0 or block is None:
                    continue
                plo, prev = int(lo[i - a]), fw[i - a]
                jlo, jhi = max(rlo, plo + b, b), min(rhi, plo + len(prev) - 1 + b)
                if jlo <= jhi:
                    cand = prev[jlo - b - plo : jhi - b - plo + 1] - block[i - r0, jlo - c0 : jhi - c0 + 1] / t
                    here = slice(jlo - rlo, jhi - rlo + 1)
                    e[here] = np.logaddexp(e[here], cand)
        # then the 0-1 links inside the row: fw[j] = log sum_k<=j exp(e[k] - (kt[j] - kt[k]))
        fw.append(np.logaddexp.accumulate(e + kt[cols]) - kt[cols])
    return fw


def _backward(
    sc: _Scorer, lo: np.ndarray, hi: np.ndarray, kt: np.ndarray, t: float, m: int, kept: list | None,
) -> list[np.ndarray]:
    """bw[i][j - lo[i]]: log of the summed weight of the chains from cell (i, j) to (n, m), with the blocks of link
    costs the forward pass ``kept`` (computed again when None)."""
    n = len(lo) - 1
    bw: list[np.ndarray] = [np.empty(0)] * (n + 1)
    pushed: dict[int, np.ndarray] = {}  # row -> what the links starting in it lead to
    r0 = n + 1
    c0 = 0
    costs: list[np.ndarray | None] = []
    for r in range(n, -1, -1):
        rlo, rhi = int(lo[r]), int(hi[r])
        cols = np.arange(rlo, rhi + 1)
        f = pushed.pop(r, None)
        if f is None:
            f = np.full(len(cols), _NEG)
        if r == n:
            f[m - rlo] = np.logaddexp(f[m - rlo], 0.0)
        row = np.logaddexp.accumulate((f - kt[cols])[::-1])[::-1] + kt[cols]  # the 0-1 links to the right
        bw[r] = row
        if r == 0:
            break
        if r < r0 and kept:  # the block of rows holding r, as the forward pass computed it
            r0, _, c0, costs = kept.pop()
        elif r < r0:  # the costs of a block of rows ending at r
            start = max(1, r + 1 - ROWS_PER_BLOCK)
            while True:
                end, c0, c1 = _block_rows(lo, hi, start, r + 1)
                if end == r + 1:
                    break
                start = r + 1 - max(1, (r + 1 - start) // 2)
            r0 = start
            costs = sc.block(r0, r + 1, c0, c1)
        for (a, b), block in zip(sc.moves, costs):
            if r - a < 0 or block is None:
                continue
            plo, phi = int(lo[r - a]), int(hi[r - a])
            jlo, jhi = max(rlo, plo + b, b), min(rhi, phi + b)
            if jlo <= jhi:
                cand = row[jlo - rlo : jhi - rlo + 1] - block[r - r0, jlo - c0 : jhi - c0 + 1] / t
                into = pushed.setdefault(r - a, np.full(phi - plo + 1, _NEG))
                there = slice(jlo - b - plo, jhi - b - plo + 1)
                into[there] = np.logaddexp(into[there], cand)
    return bw


def link_posteriors(inp: PairInput, params: Params, beads: list[Bead], temperature: float = TEMPERATURE) -> np.ndarray:
    """Posterior probability (0..1) of each of ``beads``: the chain the search chose (any links on an input of up
    to :data:`FULL_CELLS` cells; on a larger one the chains summed are those near ``beads``, so a chain it must be).

    A link of a type the search takes gets the share of the chains that hold it; a larger one (joined after the
    search, :func:`.pairwise.merge_crossing_anchors`) the smaller share of the chains that pass through its two
    corners."""
    n, m = len(inp.len_s), len(inp.len_t)
    if n == 0 or m == 0:
        return np.ones(len(beads))
    lo, hi = _band_full(n, m) if (n + 1) * (m + 1) <= FULL_CELLS else _band_from(beads, 1, n, m, BAND_MARGIN)
    sc = _Scorer(inp, params)
    kt = np.concatenate(([0.0], np.cumsum(inp.skip_t, dtype=np.float64))) / temperature
    kept: list | None = [] if int((hi - lo + 1).sum()) * len(sc.moves) <= KEEP_COSTS else None
    wanted: dict[int, list[tuple[int, int, int]]] = {}
    for k, (s0, s1, t0, t1) in enumerate(beads):
        if s1 > s0 and (s1 - s0, t1 - t0) in sc.moves:
            wanted.setdefault(s1, []).append((k, t1, sc.moves.index((s1 - s0, t1 - t0))))
    cost = np.full(len(beads), np.nan)
    with np.errstate(invalid="ignore"):  # -inf - -inf where no chain reaches a cell: stays -inf or nan, never used
        fw = _forward(sc, lo, hi, kt, temperature, wanted, cost, kept)
        bw = _backward(sc, lo, hi, kt, temperature, m, kept)
    total = fw[n][m - int(lo[n])]

    def at(rows: list[np.ndarray], i: int, j: int) -> float:
        k = j - int(lo[i])
        return float(rows[i][k]) if 0 <= k < len(rows[i]) else _NEG

    out = np.empty(len(beads))
    for k, (s0, s1, t0, t1) in enumerate(beads):
        a, b = s1 - s0, t1 - t0
        if a == 0 and b == 1:
            logp = at(fw, s0, t0) - inp.skip_t[t0] / temperature + at(bw, s1, t1) - total
        elif not np.isnan(cost[k]):
            logp = at(fw, s0, t0) - cost[k] / temperature + at(bw, s1, t1) - total
        else:
            logp = min(at(fw, s0, t0) + at(bw, s0, t0), at(fw, s1, t1) + at(bw, s1, t1)) - total
        out[k] = float(np.exp(min(logp, 0.0))) if np.isfinite(logp) else 0.0
    return out
