"""Multiple imputation: m completed datasets from scikit-learn, pooled with Rubin's rules.

- :func:`impute_datasets`: ``IterativeImputer(sample_posterior=True)`` (chained Bayesian
  ridge regressions, each imputation a draw from the posterior predictive distribution, as
  ``mice(method = "norm")``), run ``m`` times with different seeds.
- :func:`pool`: Rubin's rules. The estimate is the mean of the m estimates; its variance
  ``T = Ū + (1 + 1/m) B`` (within- plus between-imputation variance); the degrees of freedom
  those of Barnard & Rubin (1999) for a complete-data ``df_complete``, exactly as R's
  ``mice::pool`` (with its floor of 1e-4 on λ).

>>> pooled = pool([1.0, 1.2, 0.8], [0.04, 0.05, 0.03], df_complete=100)
>>> round(pooled.estimate, 3), round(pooled.se, 4), round(pooled.df, 2)
(1.0, 0.3055, 5.35)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["barnard_rubin_df", "impute_datasets", "pool", "Pooled"]


@dataclass(frozen=True)
class Pooled:
    """A pooled estimate: ``se`` = √T, ``ci`` with t(df), ``fmi`` the fraction of missing
    information ((1 + 1/m) B / T, mice's ``lambda``) and ``m`` the number of imputations."""

    estimate: float
    se: float
    ci: tuple[float, float]
    df: float
    p: float
    within: float
    between: float
    fmi: float
    m: int


def barnard_rubin_df(m: int, between: float, total: float, df_complete: float) -> float:
    """Barnard–Rubin degrees of freedom (mice's ``barnard.rubin``).

    >>> round(barnard_rubin_df(20, 0.01, 0.05, 1e6), 1)
    430.6
    """
    lam = max((1 + 1 / m) * between / total, 1e-4)
    df_old = (m - 1) / lam**2
    if np.isinf(df_complete):
        return float(df_old)
    df_obs = (df_complete + 1) / (df_complete + 3) * df_complete * (1 - lam)
    return float(df_old * df_obs / (df_old + df_obs))


def pool(estimates: Sequence[float], variances: Sequence[float], *, df_complete: float,
         level: float = 0.95) -> Pooled:
    """Rubin's rules over m ≥ 2 estimates and their squared standard errors."""
    from scipy.stats import t

    q = np.asarray(estimates, dtype=float)
    u = np.asarray(variances, dtype=float)
    m = len(q)
    if m < 2 or len(u) != m:
        raise ValueError("poolen vraagt minstens 2 imputaties, met een schatting en een variantie per imputatie")
    estimate, within, between = float(q.mean()), float(u.mean()), float(q.var(ddof=1))
    total = within + (1 + 1 / m) * between
    df = barnard_rubin_df(m, between, total, df_complete)
    se = float(np.sqrt(total))
    crit = float(t.ppf(0.5 + level / 2, df))
    return Pooled(estimate=estimate, se=se, ci=(estimate - crit * se, estimate + crit * se), df=df,
                  p=float(2 * t.sf(abs(estimate) / se, df)), within=within, between=between,
                  fmi=float((1 + 1 / m) * between / total), m=m)


def impute_datasets(data: pd.DataFrame, *, m: int = 20, seed: int = 2026, max_iter: int = 5,
                    bounds: Mapping[str, tuple[float, float]] | None = None) -> list[pd.DataFrame]:
    """``m`` completed copies of the numeric frame ``data`` (NaN = missing).

    Every copy is a separate chained-equations run with ``sample_posterior=True`` and its own
    seed (``seed + i``), so that the copies differ as much as the uncertainty about the missing
    values; imputed values of a column named in ``bounds`` are kept within its (low, high).
    Columns without any observed value are refused.

    >>> frame = pd.DataFrame({"x": [1.0, 2, 3, 4, 5, 6], "y": [2.0, np.nan, 6, 8, np.nan, 12]})
    >>> copies = impute_datasets(frame, m=3)
    >>> len(copies), bool(copies[0]["y"].notna().all()), copies[0]["x"].tolist() == frame["x"].tolist()
    (3, True, True)
    """
    import warnings

    from sklearn import config_context
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.experimental import enable_iterative_imputer  # noqa: F401
    from sklearn.impute import IterativeImputer

    empty = [str(c) for c in data.columns if data[c].notna().sum() == 0]
    if empty:
        raise ValueError(f"imputatie: kolom zonder enige waarneming ({', '.join(empty)})")
    values = data.to_numpy(dtype=float)
    bounds = bounds or {}
    low = np.array([bounds.get(str(c), (-np.inf, np.inf))[0] for c in data.columns], dtype=float)
    high = np.array([bounds.get(str(c), (-np.inf, np.inf))[1] for c in data.columns], dtype=float)
    out = []
    for i in range(m):
        imputer = IterativeImputer(sample_posterior=True, max_iter=max_iter, random_state=seed + i,
                                   min_value=low, max_value=high, skip_complete=True)
        with warnings.catch_warnings(), config_context(skip_parameter_validation=True):
            warnings.simplefilter("ignore", ConvergenceWarning)  # a posterior draw never "converges"
            filled = imputer.fit_transform(values)
        out.append(pd.DataFrame(filled, columns=data.columns, index=data.index))
    return out
