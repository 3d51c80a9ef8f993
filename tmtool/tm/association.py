"""How strongly a target n-gram goes with the query in the hits of a concordance: the tests a rendering passes.

Over ``units`` units of the TM, ``hits`` of them hold the query, ``df`` the n-gram and ``co`` both. A rendering must
be significantly more frequent in the hits than in the TM at large (log-likelihood G² of the 2x2 table, p < 0.001,
and a lift of ``MIN_LIFT``); the best one must also reach a Dice of ``MIN_DICE`` or a lift of ``STRONG_LIFT``.
"""

from __future__ import annotations

import numpy as np

__all__ = ["MIN_DICE", "STRONG_LIFT", "MIN_G2", "MIN_LIFT", "convinces", "passes", "g2"]

MIN_DICE = 0.3  # below this Dice no rendering is shown (ranked by share: unless its lift is STRONG_LIFT)
STRONG_LIFT = 3.0  # ... (the frequent rendering of a query in a minority form: Советом Безопасности)
MIN_G2 = 10.83  # log-likelihood ratio a rendering needs (p < 0.001)
MIN_LIFT = 1.5  # ... and be this many times more frequent in the hits than in the whole TM


def convinces(co: float, hits: float, df: float, units: float) -> bool:
    """The n-gram passes the association tests (:func:`passes`), with a Dice of ``MIN_DICE`` or a lift of
    ``STRONG_LIFT``."""
    if not passes(co, hits, df, units):
        return False
    return 2 * co >= MIN_DICE * (hits + df) or co * units >= STRONG_LIFT * hits * df


def passes(co: float, hits: float, df: float, units: float) -> bool:
    """The n-gram is significantly and clearly more frequent in the hits than in the whole TM."""
    return co * units >= MIN_LIFT * hits * df and g2(co, hits, df, units) >= MIN_G2


def g2(a: float, hits: float, df: float, n: float) -> float:
    """Signed log-likelihood ratio (G²) of the 2x2 table hits x n-gram over ``n`` units, negative when
    the n-gram is rarer in the hits than expected."""
    obs = np.array([a, df - a, hits - a, n - hits - df + a], dtype=float)
    exp = np.array([hits * df, (n - hits) * df, hits * (n - df), (n - hits) * (n - df)]) / max(n, 1.0)
    mask = obs > 0
    value = 2 * float((obs[mask] * np.log(obs[mask] / np.maximum(exp[mask], 1e-12))).sum())
    return value if a * n >= hits * df else -value
