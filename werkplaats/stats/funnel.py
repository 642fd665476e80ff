"""Funnel plots for proportions (Spiegelhalter 2005): control limits around a pooled target.

Each unit (gemeente) is plotted at its number of valid answers ``n`` against its share;
the limits are the normal approximation ``target ± z * sqrt(target (1 - target) / n)``
with z for 95% (1.96) and 99.8% (3.09), as in the R reference. A unit outside the 99.8%
limits differs from the pooled share by more than chance would plausibly give.

Where ``n · min(target, 1 − target)`` is below :data:`EXACT_BELOW` the normal limits are
poor (at target 0.1 and n 30 the lower 95% limit is below 0), and :func:`funnel_table`
uses the exact binomial limits of Spiegelhalter (2005, appendix A.1.1), interpolated
between the integer quantiles: ``(r_p − α) / n`` with ``r_p`` the binomial p-quantile and
``α = (F(r_p) − p) / (F(r_p) − F(r_p − 1))``. Column ``limits`` says which were used.

>>> table = funnel_limits([50, 200], target=0.8)
>>> table.round(4).to_dict("records")[0]
{'n': 50, 'lo95': 0.6891, 'hi95': 0.9109, 'lo998': 0.6252, 'hi998': 0.9748}
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["EXACT_BELOW", "exact_funnel_limits", "funnel_curve", "funnel_limits", "funnel_table", "LEVELS",
           "pooled_target"]

LEVELS = {"95": 0.95, "998": 0.998}
EXACT_BELOW = 10.0  # n · min(p, 1 − p) below this: exact binomial limits (the normal ones are poor)


def pooled_target(successes: Sequence[float], n: Sequence[float]) -> float:
    """The pooled share, sum(successes) / sum(n).

    >>> pooled_target([8, 30], [10, 40])
    0.76
    """
    n_total = float(np.sum(n))
    return float(np.sum(successes) / n_total) if n_total > 0 else float("nan")


def funnel_limits(n: Sequence[float] | np.ndarray, target: float) -> pd.DataFrame:
    """Normal-approximation control limits at 95% and 99.8% for each ``n``.

    Limits are not clipped to [0, 1] so that they equal the R reference; plots clip.
    """
    from scipy.stats import norm

    n_arr = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        se = np.sqrt(target * (1 - target) / n_arr)
    out = pd.DataFrame({"n": np.asarray(n)})
    for name, level in LEVELS.items():
        z = norm.ppf(0.5 + level / 2)
        out[f"lo{name}"] = target - z * se
        out[f"hi{name}"] = target + z * se
    return out


def exact_funnel_limits(n: Sequence[float] | np.ndarray, target: float) -> pd.DataFrame:
    """Exact binomial control limits at 95% and 99.8% (Spiegelhalter 2005), always in [0, 1].

    >>> exact_funnel_limits([30], 0.1).round(4).to_dict("records")[0]
    {'n': 30, 'lo95': 0.0, 'hi95': 0.2015, 'lo998': 0.0, 'hi998': 0.2884}
    """
    n_arr = np.asarray(n, dtype=float)
    out = pd.DataFrame({"n": np.asarray(n)})
    for name, level in LEVELS.items():
        out[f"lo{name}"] = _binomial_limit(n_arr, target, (1 - level) / 2)
        out[f"hi{name}"] = _binomial_limit(n_arr, target, (1 + level) / 2)
    return out


def _binomial_limit(n: np.ndarray, target: float, p: float) -> np.ndarray:
    from scipy.stats import binom

    r = binom.ppf(p, n, target)
    at, below = binom.cdf(r, n, target), binom.cdf(r - 1, n, target)
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = np.where(at > below, (at - p) / (at - below), 0.0)
        return np.clip((r - alpha) / n, 0.0, 1.0)


def funnel_table(
    units: Sequence[str], successes: Sequence[float], n: Sequence[float]
) -> tuple[float, pd.DataFrame]:
    """Target and, per unit, n, share, the limits, which limits (``limits``: ``normaal`` or
    ``exact``, see :data:`EXACT_BELOW`) and where the unit falls.

    ``position`` is ``boven`` / ``onder`` (outside the 99.8% limits), ``opvallend
    hoog`` / ``opvallend laag`` (between 95% and 99.8%) or ``binnen``.

    >>> target, table = funnel_table(["A", "B"], [90, 150], [100, 200])
    >>> round(target, 4), table["position"].tolist(), table["limits"].tolist()
    (0.8, ['opvallend hoog', 'binnen'], ['normaal', 'normaal'])
    """
    target = pooled_target(successes, n)
    table = funnel_limits(n, target)
    small = np.asarray(n, dtype=float) * min(target, 1 - target) < EXACT_BELOW
    if small.any():
        exact = exact_funnel_limits(n, target)
        bounds = [c for c in table.columns if c != "n"]
        table.loc[small, bounds] = exact.loc[small, bounds]
    table["limits"] = np.where(small, "exact", "normaal")
    table.insert(0, "unit", list(units))
    table.insert(2, "share", np.asarray(successes, dtype=float) / np.asarray(n, dtype=float))
    table["position"] = [_position(row) for row in table.itertuples()]
    return target, table


def _position(row) -> str:
    if row.share > row.hi998:
        return "boven"
    if row.share < row.lo998:
        return "onder"
    if row.share > row.hi95:
        return "opvallend hoog"
    if row.share < row.lo95:
        return "opvallend laag"
    return "binnen"


def funnel_curve(target: float, n_max: float, *, n_min: float = 5, points: int = 200) -> pd.DataFrame:
    """Limits on a grid of n (for drawing the funnel), clipped to [0, 1]; exact where
    ``n · min(target, 1 − target)`` is below :data:`EXACT_BELOW`, as in :func:`funnel_table`.

    >>> funnel_curve(0.8, 400)["n"].iloc[[0, -1]].tolist()
    [5.0, 400.0]
    """
    grid = np.linspace(n_min, max(n_max, n_min + 1), points)
    curve = funnel_limits(grid, target)
    cols = [c for c in curve.columns if c != "n"]
    small = grid * min(target, 1 - target) < EXACT_BELOW
    if small.any():
        curve.loc[small, cols] = exact_funnel_limits(np.round(grid), target).loc[small, cols].to_numpy()
    curve[cols] = curve[cols].clip(0, 1)
    return curve
