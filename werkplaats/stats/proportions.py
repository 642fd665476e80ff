"""Proportions with Wilson intervals (not Wald), the interval R's ``prop.test(correct=FALSE)`` gives.

>>> lo, hi = wilson_ci(254, 293)
>>> round(lo, 6), round(hi, 6)
(0.823213, 0.901079)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import norm

__all__ = ["proportion_table", "wilson_ci"]


def wilson_ci(successes, n, level: float = 0.95):
    """Wilson score interval for ``successes`` out of ``n`` (scalars or arrays).

    A single proportion of nothing (n == 0) has no interval and is refused; in arrays (a
    table's cells) an empty cell gets NaN. Successes below 0 or above n are refused.

    >>> wilson_ci(0, 0)
    Traceback (most recent call last):
    ...
    ValueError: geen betrouwbaarheidsinterval: het aantal waarnemingen is 0
    """
    x = np.asarray(successes, dtype=float)
    n = np.asarray(n, dtype=float)
    if x.ndim == 0 and n.ndim == 0 and not n > 0:
        raise ValueError(f"geen betrouwbaarheidsinterval: het aantal waarnemingen is {n:g}")
    if np.any(x < 0) or np.any(x > n):
        raise ValueError("het aantal treffers moet tussen 0 en het aantal waarnemingen liggen")
    z = norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = x / n
        denom = 1 + z**2 / n
        centre = (p + z**2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
        lo, hi = centre - half, centre + half
    lo = np.where(n > 0, lo, np.nan)
    hi = np.where(n > 0, hi, np.nan)
    if lo.ndim == 0:
        return float(lo), float(hi)
    return lo, hi


def proportion_table(
    flags: pd.Series, by: list[pd.Series] | pd.Series | None = None, level: float = 0.95
) -> pd.DataFrame:
    """Share of True in ``flags`` (NaN ignored) per group: columns n, x, share, ci_low, ci_high.

    >>> proportion_table(pd.Series([True, False, True, None]))[["n", "x"]].iloc[0].tolist()
    [3, 2]
    """
    valid = flags.dropna().astype(bool)
    if by is None:
        grouped = valid.groupby(np.zeros(len(valid), dtype=int))
    else:
        keys = by if isinstance(by, list) else [by]
        grouped = valid.groupby([k.loc[valid.index] for k in keys], observed=True)
    table = grouped.agg(n="size", x="sum")
    table["share"] = table["x"] / table["n"]
    table["ci_low"], table["ci_high"] = wilson_ci(table["x"].to_numpy(), table["n"].to_numpy(), level)
    return table.reset_index(drop=by is None)
