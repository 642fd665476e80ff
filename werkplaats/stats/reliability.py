"""Internal consistency: Cronbach's alpha on raw scores and standardised alpha, as R's psych.

- raw alpha (psych ``raw_alpha``): ``k / (k − 1) · (1 − Σ item variances / variance of the total)``;
- standardised alpha (psych ``std.alpha``): the same on standardised items,
  ``k r̄ / (1 + (k − 1) r̄)`` with r̄ the mean inter-item correlation. It is the alpha of the
  sum of z-scores, and differs from raw alpha when items have very different spreads.

Both on complete cases (rows with every item answered).

>>> s = pd.DataFrame({"a": [1, 2, 3, 4, 5], "b": [2, 2, 3, 5, 5], "c": [1, 3, 3, 4, 4]})
>>> a = alpha(s)
>>> a.n, round(a.raw_alpha, 4), round(a.std_alpha, 4)
(5, 0.9538, 0.9578)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["Alpha", "alpha"]


@dataclass(frozen=True)
class Alpha:
    """Alpha of ``k`` items on ``n`` complete cases: raw, standardised and the mean inter-item r."""

    n: int
    k: int
    raw_alpha: float
    std_alpha: float
    mean_r: float


def alpha(items: pd.DataFrame) -> Alpha:
    """Raw and standardised Cronbach's alpha of the columns of ``items`` (complete cases).

    Fewer than 2 items or 2 complete rows, or an item without spread, is refused.
    """
    complete = items.dropna().astype(float)
    n, k = complete.shape
    if k < 2 or n < 2:
        raise ValueError(f"alfa vraagt minstens 2 items en 2 volledige rijen (nu {k} items, {n} rijen)")
    values = complete.to_numpy()
    if (values.std(axis=0) == 0).any():
        constant = [str(c) for c, s in zip(complete.columns, values.std(axis=0), strict=True) if s == 0]
        raise ValueError(f"alfa: item zonder spreiding ({', '.join(constant)})")
    cov = np.cov(values, rowvar=False, ddof=1)
    raw = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
    corr = np.corrcoef(values, rowvar=False)
    mean_r = (corr.sum() - k) / (k * (k - 1))
    std = k * mean_r / (1 + (k - 1) * mean_r)
    return Alpha(n=int(n), k=int(k), raw_alpha=float(raw), std_alpha=float(std), mean_r=float(mean_r))
