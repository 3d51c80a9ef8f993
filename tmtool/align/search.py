"""The dynamic-programming search: the best monotone chain of links between two segment lists.

Link types 1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3, 3-1 and, when :class:`Params` gives them a prior, larger ones
(2-3, 3-2, 1-4, 4-1, ...: up to :data:`MAX_GROUP` segments a side). The search runs inside a *band* of cells; on large inputs
the band comes from the same search run on blocks of ``BLOCK`` segments (recursively), so time and memory grow
about linearly with the length of the documents. The costs of every link type are computed with numpy for a
block of rows at once (:data:`ROWS_PER_BLOCK`); the recursion then takes each row as vectors, each link type one
slice of it, and the within-row 0-1 moves are a running minimum over prefix sums. The similarity products of a
block run on one BLAS thread (:func:`one_blas_thread`).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from threadpoolctl import ThreadpoolController

__all__ = ["Params", "PairInput", "Bead", "search", "bead_terms", "one_blas_thread", "MOVES"]

MOVES: tuple[tuple[int, int], ...] = (
    (1, 1), (1, 0), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3), (3, 2), (1, 4), (4, 1), (3, 3), (1, 5), (5, 1)
)  # (1, 0) always; the others only when Params.prior has them
MAX_GROUP = 5  # segments on one side of a link, at most
FULL_LIMIT = 1_500_000  # cells: below this the whole matrix is searched
BLOCK = 8  # coarse-to-fine block size


@dataclass
class Params:
    """Weights of the link cost (tuned on the development sets only)."""

    length_weight: float = 1.1
    length_cap: float = 12.0
    length_dof: float = 3.6
    sim_weight: float = 19.5
    prior: dict[tuple[int, int], float] = field(
        default_factory=lambda: {(1, 1): 0.0, (1, 2): 1.85, (2, 1): 1.85, (2, 2): 3.35, (1, 3): 3.35, (3, 1): 3.35,
                                 (2, 3): 5.5, (3, 2): 5.5, (1, 4): 5.5, (4, 1): 5.5}
    )  # link types without a prior are not searched (MOVES lists those the search can take)
    skip: float = 3.2
    skip_boilerplate: float = 0.2  # also for debris lines (features.is_debris)
    boilerplate_in_link: float = 6.0
    cut_bonus: float = 3.25
    # a segment that holds a list marker after its start (features.joined_at: two units joined) linked to two or
    # more segments of the other side (UN dev six files 0.9753 -> 0.9778, two files 0.9593 -> 0.9614; Text+Berg dev
    # halves about equal; 1.5: 0.9759, 4.5: 0.9776)
    join_bonus: float = 3.0
    centre: float = 0.35
    # 2-2 bonus: this times how much worse than the 2-2 both its diagonal 1-1s fit the lengths (the versions break
    # the text at different places), when both 1-1s have a similarity of at least crossed_sim (TB dev: 0.4-1.0 tried)
    crossed_break: float = 0.5
    crossed_sim: float = 0.1
    # segments shorter than short_fraction x the median length of their side cost short_skip x skip to leave
    # unlinked (0: off). Off for two versions (Text+Berg dev 0.876 -> 0.862); on for the pair alignments of
    # several versions (bridges.py), where absorbing a lost heading into a neighbour's link was the top error
    short_fraction: float = 0.0
    short_skip: float = 0.6
    # cost of a link one side of which holds a number (one seen in both versions) while the other holds none (0:
    # off). Translations keep numbers, so such a link is usually one segment off. On for the pair alignments of
    # several versions (bridges.py: UN dev six files 0.9818 -> 0.9835); off for two (Text+Berg dev 0.879 -> 0.870)
    number_gap: float = 0.0
    # cost of a link whose last segment ends a sentence (features.end_marks) on one side and not on the other
    # (0: off): a heading absorbed into the link of the paragraph before it, or a paragraph next to a unit the other
    # version lost. On for the pair alignments of several versions (bridges.py: UN dev six files 0.9835 -> 0.9851);
    # off for two: UN two files 0.9621 -> 0.9682 and Text+Berg dev unchanged with it, but the Bible and ParIce (report
    # sets, seen after the decision) fell 0.937 -> 0.911 and 0.878 -> 0.868 (docs/alignment-rounds.md, "Tenth round")
    end_gap: float = 0.0
    # weight of the cosine of sentence embeddings (PairInput.eu/ev, given only with an embedding model: optional,
    # :mod:`.embeddings`); the lexical similarity's weight, not tuned: no multilingual model can be had here
    embed_weight: float = 19.5


@dataclass
class PairInput:
    """Per-segment data of the two sides: feature vectors, lengths, skip costs and flags."""

    u: np.ndarray  # (N, D) float32
    v: np.ndarray  # (M, D)
    len_s: np.ndarray  # (N,) float64
    len_t: np.ndarray  # (M,)
    skip_s: np.ndarray  # (N,) cost of leaving the segment unlinked
    skip_t: np.ndarray
    stray_s: np.ndarray  # (N,) float: 1 for boilerplate lines
    stray_t: np.ndarray
    cut_s: np.ndarray  # (N,) float: 1 when the segment looks cut before the next one
    cut_t: np.ndarray
    join_s: np.ndarray  # (N,) float: 1 when the segment looks like two units joined (a list marker inside it)
    join_t: np.ndarray
    ratio: float = 1.0  # target chars per source char
    var: float = 6.8  # variance of target chars per source char
    num_s: np.ndarray | None = None  # (N,) float: 1 when the segment holds a number the other version holds too
    num_t: np.ndarray | None = None
    end_s: np.ndarray | None = None  # (N,) int8: 1 ends with sentence-final punctuation, -1 not, 0 with a digit
    end_t: np.ndarray | None = None
    eu: np.ndarray | None = None  # (N, E) float32: sentence embeddings (optional, :mod:`.embeddings`)
    ev: np.ndarray | None = None  # (M, E)


Bead = tuple[int, int, int, int]  # src start, src end, tgt start, tgt end


def _group(x: np.ndarray, a: int) -> np.ndarray:
    """g[i] = sum x[i-a:i] for i in 0..n (0 where i < a)."""
    c = np.concatenate(([0.0], np.cumsum(x, dtype=np.float64)))
    out = np.zeros(len(x) + 1)
    if a <= len(x):
        out[a:] = c[a:] - c[:-a] if a else 0.0
    return out


def _internal(cut: np.ndarray, a: int) -> np.ndarray:
    """g[i] = number of cut boundaries inside the group [i-a, i): cut[i-a .. i-2]."""
    n = len(cut)
    out = np.zeros(n + 1)
    if a >= 2 and n >= a:
        c = np.concatenate(([0.0], np.cumsum(cut, dtype=np.float64)))
        i = np.arange(a, n + 1)
        out[i] = c[i - 1] - c[i - a]
    return out


def _norms(u: np.ndarray, kmax: int) -> list[np.ndarray]:
    """n[a][i] = |sum u[i-a:i]|^2 for a = 0..kmax."""
    n = len(u)
    u64 = u.astype(np.float64)
    d = [np.zeros(n) for _ in range(kmax)]  # d[k][p] = u[p] . u[p+k]
    for k in range(kmax):
        if n > k:
            d[k][: n - k] = np.einsum("ij,ij->i", u64[: n - k], u64[k:])
    out = [np.zeros(n + 1) for _ in range(kmax + 1)]
    for a in range(1, kmax + 1):
        idx = np.arange(a, n + 1)
        tot = np.zeros(len(idx))
        for k in range(a):  # pairs (p, p+k) inside [idx-a, idx): p = idx-a .. idx-1-k
            for p in range(a - k):
                tot += (2 if k else 1) * d[k][idx - a + p]
        out[a][idx] = tot
    return out


ROWS_PER_BLOCK = 48  # rows whose link costs are computed together (numpy over a block, not a row at a time)
CELLS_PER_BLOCK = 250_000  # fewer rows when the band is wide (a short text against a very long one)


class _Scorer:
    """Link costs over a block of the band: every link type, every cell of a few rows at once."""

    def __init__(self, inp: PairInput, params: Params) -> None:
        self.inp, self.p = inp, params
        self.moves = _moves(params)
        self.ka = ka = max(a for a, _ in self.moves)  # largest group of the source side
        self.kb = kb = max(b for _, b in self.moves)
        self.ls = [_group(inp.len_s, a) for a in range(ka + 1)]
        self.lt = [_group(inp.len_t, b) for b in range(kb + 1)]
        self.ns = _norms(inp.u, ka)
        self.nt = _norms(inp.v, kb)
        self.stray_s = [_group(inp.stray_s, a) for a in range(ka + 1)]
        self.stray_t = [_group(inp.stray_t, b) for b in range(kb + 1)]
        self.cut_s = [_internal(inp.cut_s, a) for a in range(ka + 1)]
        self.cut_t = [_internal(inp.cut_t, b) for b in range(kb + 1)]
        self.numbers = params.number_gap > 0 and inp.num_s is not None and inp.num_t is not None
        if self.numbers:
            self.num_s = [_group(inp.num_s, a) > 0 for a in range(ka + 1)]
            self.num_t = [_group(inp.num_t, b) > 0 for b in range(kb + 1)]
        self.ends = params.end_gap > 0 and inp.end_s is not None and inp.end_t is not None
        self.embedded = params.embed_weight > 0 and inp.eu is not None and inp.ev is not None
        if self.embedded:
            self.ens = _norms(inp.eu, ka)
            self.ent = _norms(inp.ev, kb)

    def block(self, r0: int, r1: int, c0: int, c1: int) -> list[np.ndarray | None]:
        """Per link type (in :attr:`moves` order), the cost of the link ending at cell (i, j) for i in [r0, r1)
        (r0 >= 1) and j in [c0, c1]: an array of shape (r1 - r0, c1 - c0 + 1), inf where the link does not fit;
        None for a type no row of the block can take."""
        inp, p, ka, kb = self.inp, self.p, self.ka, self.kb
        rows, cols = np.arange(r0, r1), np.arange(c0, c1 + 1)
        # similarities of the segments any link of the block can hold (rows [p0, r1 - 1), columns [q0, c1)):
        # sim[x, y + 1] = u[p0 + x] . v[q0 + y], column 0 left at zero
        p0, q0 = max(0, r0 - ka), max(0, c0 - kb)
        with one_blas_thread():
            sim = _dots(inp.u, inp.v, p0, r1 - 1, q0, c1)
            esim = _dots(inp.eu, inp.ev, p0, r1 - 1, q0, c1) if self.embedded else None
        ri = rows[:, None]
        out: list[np.ndarray | None] = []
        summed: dict[int, np.ndarray] = {}
        esummed: dict[int, np.ndarray] = {}
        for a, b in self.moves:
            if a > r1 - 1:
                out.append(None)
                continue
            if b == 0:
                cost = np.repeat(inp.skip_s[rows - 1][:, None], len(cols), axis=1)
                cost[rows < a] = np.inf
                out.append(cost)
                continue
            cos = _group_cos(sim, summed, self.ns, self.nt, rows, cols, a, b, p0, q0)
            ls = self.ls[a][rows][:, None]
            lt = self.lt[b][cols][None, :]
            var = inp.var * (inp.ratio * ls + lt) / 2 + 1.0
            fit = _length_cost((lt - inp.ratio * ls) ** 2 / var, p)
            cost = p.prior[(a, b)] + p.length_weight * fit - p.sim_weight * cos
            if esim is not None:
                cost = cost - p.embed_weight * _group_cos(esim, esummed, self.ens, self.ent, rows, cols, a, b, p0, q0)
            if a == b == 2 and p.crossed_break:
                cost = cost - p.crossed_break * self._crossed(rows, cols, fit, sim, p0, q0)
            stray = self.stray_s[a][rows][:, None] + self.stray_t[b][cols][None, :]
            cut = self.cut_s[a][rows][:, None] + self.cut_t[b][cols][None, :]
            prev_t = np.clip(cols - 1, 0, None)
            if a == 1 and b >= 2:  # one segment that looks joined, linked to several
                cost = cost - p.join_bonus * inp.join_s[rows - 1][:, None]
            elif b == 1 and a >= 2:
                cost = cost - p.join_bonus * inp.join_t[prev_t][None, :]
            if self.numbers:  # numbers on one side only
                cost = cost + p.number_gap * (self.num_s[a][rows][:, None] != self.num_t[b][cols][None, :])
            if self.ends:  # one side's link ends a sentence, the other's does not
                cost = cost + p.end_gap * (inp.end_s[rows - 1][:, None] * inp.end_t[prev_t][None, :] < 0)
            cost = cost + p.boilerplate_in_link * stray - p.cut_bonus * cut
            cost[(ri < a) | (cols[None, :] < b)] = np.inf
            out.append(cost)
        return out

    def _crossed(
        self, rows: np.ndarray, cols: np.ndarray, fit: np.ndarray, sim: np.ndarray, p0: int, q0: int
    ) -> np.ndarray:
        """How much worse than the 2-2 link ending at (i, j) both of its diagonal 1-1 links fit the lengths (0 unless
        both have some similarity): large when the two versions break one text at different places, so that one
        1-1 is too long and the other too short while the 2-2 fits."""
        inp, p = self.inp, self.p
        worst = np.full(fit.shape, np.inf)
        for k in (1, 2):
            rk, ck = np.clip(rows - k, 0, None), np.clip(cols - k, 0, None)
            ls, lt = inp.len_s[rk][:, None], inp.len_t[ck][None, :]
            var = inp.var * (inp.ratio * ls + lt) / 2 + 1.0
            worst = np.minimum(worst, _length_cost((lt - inp.ratio * ls) ** 2 / var, p))
            dot = sim[np.clip(rows - k - p0, 0, None)][:, np.clip(cols - k - q0 + 1, 0, None)]
            den = np.sqrt(self.ns[1][rk + 1][:, None] * self.nt[1][ck + 1][None, :])
            cos = np.where(den > 0, dot / np.where(den > 0, den, 1.0), 0.0)
            worst = np.where(cos >= p.crossed_sim, worst, 0.0)
        return np.maximum(0.0, worst - fit)


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    from threadpoolctl import ThreadpoolController  # on first use (16 ms), not when the module is imported

    return ThreadpoolController()  # finds the BLAS numpy has loaded


def one_blas_thread() -> AbstractContextManager:
    """A context in which numpy's BLAS runs on one thread (the setting before is restored on leaving).

    A block's products are small (tens of rows by hundreds of columns): BLAS threads make one alignment no
    faster, and where processes share the cores (``tmtool batch`` workers, anything else running) their threads
    contend for them: two batch workers on two cores aligned 200-sentence sets more slowly than one
    (``python -m benchmarks.batch --sets 8 --lines 200``, docs/batch.md)."""
    return _blas().limit(limits=1, user_api="blas")


def _dots(u: np.ndarray, v: np.ndarray, p0: int, p1: int, q0: int, q1: int) -> np.ndarray:
    """d[x, y + 1] = u[p0 + x] . v[q0 + y] for rows [p0, p1) and columns [q0, q1); column 0 left at zero."""
    out = np.zeros((p1 - p0, q1 - q0 + 1))
    if q1 > q0:
        out[:, 1:] = (u[p0:p1] @ v[q0:q1].T).astype(np.float64)
    return out


def _group_cos(
    dots: np.ndarray, summed: dict[int, np.ndarray], ns: list[np.ndarray], nt: list[np.ndarray], rows: np.ndarray,
    cols: np.ndarray, a: int, b: int, p0: int, q0: int,
) -> np.ndarray:
    """Cosine of the group sums over [i-a, i) x [j-b, j) for the cells (rows x cols), from ``dots``
    (:func:`_dots`) and the squared norms of the groups (:func:`_norms`). ``summed`` keeps, per group size
    ``a``, the row sums of ``a`` rows as prefix sums along the columns (``summed[a][:, y]``: columns [q0, q0 + y)),
    shared by the link types of that size."""
    if a not in summed:
        parts = [dots[np.clip(rows - 1 - k - p0, 0, None)] for k in range(a)]
        summed[a] = np.cumsum(np.sum(parts, axis=0), axis=1)
    jj = cols - q0
    dot = summed[a][:, jj] - summed[a][:, np.clip(jj - b, 0, None)]
    denom = np.sqrt(ns[a][rows][:, None] * nt[b][cols][None, :])
    return np.where(denom > 0, dot / np.where(denom > 0, denom, 1.0), 0.0)


def _length_cost(delta2: np.ndarray, p: Params) -> np.ndarray:
    """-log of a Student-t density of the length deviation (heavier tails than Gale-Church's normal), capped."""
    nu = p.length_dof
    return np.minimum((nu + 1) / 2 * np.log1p(delta2 / nu), p.length_cap)


def _moves(params: Params) -> tuple[tuple[int, int], ...]:
    """The link types the search tries: (1, 0) and those :class:`Params` gives a prior (0-1 is handled apart)."""
    return tuple(mv for mv in MOVES if mv == (1, 0) or mv in params.prior)


def _band_full(n: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m, dtype=np.int64)


def _block_rows(lo: np.ndarray, hi: np.ndarray, r0: int, r1: int) -> tuple[int, int, int]:
    """The rows [r0, r1) of the band cut (from the end) to at most :data:`CELLS_PER_BLOCK` cells: (end row, first
    column, last column)."""
    c0, c1 = int(lo[r0:r1].min()), int(hi[r0:r1].max())
    if (r1 - r0) * (c1 - c0 + 1) > CELLS_PER_BLOCK:
        r1 = r0 + max(1, CELLS_PER_BLOCK // (c1 - c0 + 1))
        c0, c1 = int(lo[r0:r1].min()), int(hi[r0:r1].max())
    return r1, c0, c1


def _dp(inp: PairInput, params: Params, lo: np.ndarray, hi: np.ndarray) -> list[Bead]:
    n, m = len(inp.len_s), len(inp.len_t)
    sc = _Scorer(inp, params)
    moves = sc.moves
    kt = np.concatenate(([0.0], np.cumsum(inp.skip_t, dtype=np.float64)))
    rows: list[np.ndarray] = []
    backs: list[np.ndarray] = []
    inf = np.inf
    costs: list[np.ndarray | None] = []
    r0 = r1 = c0 = 0
    for i in range(n + 1):
        rlo, rhi = int(lo[i]), int(hi[i])
        cols = np.arange(rlo, rhi + 1)
        e = np.full(len(cols), inf)
        back = np.full(len(cols), -1, dtype=np.int8)
        if i == 0:
            if rlo == 0:
                e[0] = 0.0
        else:
            if i >= r1:  # the costs of the next block of rows
                r0 = i
                r1, c0, c1 = _block_rows(lo, hi, r0, min(n + 1, i + ROWS_PER_BLOCK))
                costs = sc.block(r0, r1, c0, c1)
            for mi, (a, b) in enumerate(moves):
                block = costs[mi]
                if i - a < 0 or block is None:
                    continue
                plo, prev = int(lo[i - a]), rows[i - a]
                # the columns j whose previous cell j-b lies in the previous row's band: one run [jlo, jhi]
                jlo, jhi = max(rlo, plo + b, b), min(rhi, plo + len(prev) - 1 + b)
                if jlo > jhi:
                    continue
                cand = prev[jlo - b - plo : jhi - b - plo + 1] + block[i - r0, jlo - c0 : jhi - c0 + 1]
                here = e[jlo - rlo : jhi - rlo + 1]  # views: updating them updates the row
                better = cand < here
                here[better] = cand[better]
                back[jlo - rlo : jhi - rlo + 1][better] = mi
        # 0-1 moves inside the row: d[j] = min_k<=j (e[k] - kt[k]) + kt[j]
        base = e - kt[cols]
        run = np.minimum.accumulate(base)
        d = run + kt[cols]
        newmin = base <= run
        origin = np.maximum.accumulate(np.where(newmin, np.arange(len(cols)), 0))
        back = np.where(origin == np.arange(len(cols)), back, np.int8(-2))
        rows.append(d)
        backs.append(back)
    # trace back from (n, m)
    beads: list[Bead] = []
    i, j = n, m
    if not np.isfinite(rows[n][m - int(lo[n])]):
        raise RuntimeError("alignment band does not reach the end")  # a bug, never user input
    while i > 0 or j > 0:
        mv = int(backs[i][j - int(lo[i])])
        if mv == -2 or i == 0:
            beads.append((i, i, j - 1, j))
            j -= 1
        else:
            a, b = moves[mv]
            beads.append((i - a, i, j - b, j))
            i, j = i - a, j - b
    beads.reverse()
    return beads


def _coarse(inp: PairInput, k: int) -> PairInput:
    def blocks(x: np.ndarray) -> np.ndarray:
        n = len(x)
        starts = np.arange(0, n, k)
        return np.add.reduceat(x, starts, axis=0) if n else x

    return PairInput(
        u=blocks(inp.u.astype(np.float32)),
        v=blocks(inp.v.astype(np.float32)),
        len_s=blocks(inp.len_s),
        len_t=blocks(inp.len_t),
        skip_s=blocks(inp.skip_s),
        skip_t=blocks(inp.skip_t),
        stray_s=np.zeros((len(inp.len_s) + k - 1) // k),
        stray_t=np.zeros((len(inp.len_t) + k - 1) // k),
        cut_s=np.zeros((len(inp.len_s) + k - 1) // k),
        cut_t=np.zeros((len(inp.len_t) + k - 1) // k),
        join_s=np.zeros((len(inp.len_s) + k - 1) // k),
        join_t=np.zeros((len(inp.len_t) + k - 1) // k),
        ratio=inp.ratio,
        var=inp.var,
        eu=blocks(inp.eu) if inp.eu is not None else None,
        ev=blocks(inp.ev) if inp.ev is not None else None,
    )


def _band_from(path: list[Bead], k: int, n: int, m: int, margin: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The cells within ``margin`` columns (default 3k + 3) of a chain found on blocks of ``k`` segments."""
    margin = 3 * k + 3 if margin is None else margin
    lo = np.full(n + 1, m, dtype=np.int64)
    hi = np.zeros(n + 1, dtype=np.int64)
    for s0, s1, t0, t1 in path:
        r0, r1 = min(n, s0 * k), min(n, s1 * k)
        c0, c1 = max(0, t0 * k - margin), min(m, t1 * k + margin)
        lo[r0 : r1 + 1] = np.minimum(lo[r0 : r1 + 1], c0)
        hi[r0 : r1 + 1] = np.maximum(hi[r0 : r1 + 1], c1)
    for _ in range(3):  # widen vertically by a few rows
        lo[1:] = np.minimum(lo[1:], lo[:-1])
        hi[:-1] = np.maximum(hi[:-1], hi[1:])
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[n] = 0, m
    hi = np.maximum(hi, lo)
    return lo, hi


def search(inp: PairInput, params: Params) -> list[Bead]:
    """Best chain of links covering both sides, in order (coarse-to-fine on large inputs)."""
    n, m = len(inp.len_s), len(inp.len_t)
    if n == 0 or m == 0:
        return [(i, i + 1, 0, 0) for i in range(n)] + [(n, n, j, j + 1) for j in range(m)]
    if (n + 1) * (m + 1) <= FULL_LIMIT or min(n, m) < 2 * BLOCK:
        lo, hi = _band_full(n, m)
    else:
        coarse = search(_coarse(inp, BLOCK), params)
        lo, hi = _band_from(coarse, BLOCK, n, m)
    return _dp(inp, params, lo, hi)


def bead_terms(inp: PairInput, bead: Bead) -> tuple[float, float]:
    """(similarity, squared length deviation) of one link, for confidence and lexicon learning."""
    s0, s1, t0, t1 = bead
    if s0 == s1 or t0 == t1:
        return 0.0, 0.0
    a = inp.u[s0:s1].sum(axis=0, dtype=np.float64)
    b = inp.v[t0:t1].sum(axis=0, dtype=np.float64)
    den = float(np.sqrt((a @ a) * (b @ b)))
    sim = float(a @ b) / den if den > 0 else 0.0
    ls, lt = float(inp.len_s[s0:s1].sum()), float(inp.len_t[t0:t1].sum())
    var = inp.var * (inp.ratio * ls + lt) / 2 + 1.0
    return sim, (lt - inp.ratio * ls) ** 2 / var
