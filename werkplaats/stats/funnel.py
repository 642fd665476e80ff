"""Funnel plots for proportions (Spiegelhalter 2005): control limits around a pooled target.

Each unit (gemeente) is plotted at its number of valid answers ``n`` against its share;
the limits are the normal approximation ``target ± z * sqrt(target (1 - target) / n)``
with z for 95% (1.96) and 99.8% (3.09), as in the R reference. A unit outside the 99.8%
limits differs from the pooled share by more than chance would plausibly give.

>>> table = funnel_limits([50, 200], target=0.8)
>>> table.round(4).to_dict("records")[0]
{'n': 50, 'lo95': 0.6891, 'hi95': 0.9109, 'lo998': 0.6252, 'hi998': 0.9748}
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

__all__ = ["funnel_curve", "funnel_limits", "funnel_table", "LEVELS", "pooled_target"]

LEVELS = {"95": 0.95, "998": 0.998}


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


def funnel_table(
    units: Sequence[str], successes: Sequence[float], n: Sequence[float]
) -> tuple[float, pd.DataFrame]:
    """Target and, per unit, n, share, the limits and where the unit falls.

    ``position`` is ``boven`` / ``onder`` (outside the 99.8% limits), ``opvallend
    hoog`` / ``opvallend laag`` (between 95% and 99.8%) or ``binnen``.

    >>> target, table = funnel_table(["A", "B"], [90, 150], [100, 200])
    >>> round(target, 4), table["position"].tolist()
    (0.8, ['opvallend hoog', 'binnen'])
    """
    target = pooled_target(successes, n)
    table = funnel_limits(n, target)
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
    """Limits on a grid of n (for drawing the funnel), clipped to [0, 1].

    >>> funnel_curve(0.8, 400)["n"].iloc[[0, -1]].tolist()
    [5.0, 400.0]
    """
    grid = np.linspace(n_min, max(n_max, n_min + 1), points)
    curve = funnel_limits(grid, target)
    cols = [c for c in curve.columns if c != "n"]
    curve[cols] = curve[cols].clip(0, 1)
    return curve
