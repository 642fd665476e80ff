"""Survey weighting: raking to population margins, weighted shares and their standard errors.

Raking (iterative proportional fitting) adjusts the weights until the weighted sample
reproduces each population margin (for example leeftijdsklasse and geslacht). The
standard error of a weighted share follows R's ``survey`` package for a ``rake()``-ed
design with ``ids = ~1``: the linearised (Taylor) variable is residualised on the raking
margins by the same ten rounds of backfitting that ``svyrecvar`` does, and a domain
(respondents with a valid answer) keeps every respondent in the design with weight 0
outside the domain, as ``subset()`` of a calibrated design does.

>>> data = pd.DataFrame({"leeftijd": ["jong", "jong", "oud", "oud", "oud"],
...                      "geslacht": ["m", "v", "m", "v", "v"]})
>>> margins = {"leeftijd": {"jong": 60, "oud": 40}, "geslacht": {"m": 50, "v": 50}}
>>> w = rake_weights(data, margins)
>>> float(w[data["leeftijd"] == "jong"].sum().round(6)), float(w[data["geslacht"] == "m"].sum().round(6))
(60.0, 50.0)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = [
    "BACKFIT_ROUNDS",
    "effective_n",
    "kish_deff",
    "margins_from_population",
    "rake_weights",
    "raked_share",
    "WeightedShare",
]

BACKFIT_ROUNDS = 10  # svyrecvar's fixed number of backfitting rounds for raked designs


def rake_weights(
    data: pd.DataFrame,
    margins: Mapping[str, Mapping[object, float] | pd.Series],
    *,
    base_weights: np.ndarray | None = None,
    max_iter: int = 1000,
    tol: float = 1e-12,
) -> np.ndarray:
    """Raked weights: IPF from ``base_weights`` (default 1) to the population ``margins``.

    ``margins`` maps a column of ``data`` to population totals per category. Categories
    with a population total but no respondents are left out (their total cannot be
    reached; R's ``postStratify(partial = TRUE)`` does the same). Respondents in a
    category without a population total raise ``ValueError``.
    """
    w = np.ones(len(data)) if base_weights is None else np.asarray(base_weights, dtype=float).copy()
    codes = {col: _margin_codes(data[col], totals) for col, totals in margins.items()}
    for _ in range(max_iter):
        before = w.copy()
        for index, target in codes.values():
            current = np.bincount(index, weights=w, minlength=len(target))
            ratio = np.divide(target, current, out=np.ones_like(target), where=current > 0)
            w = w * ratio[index]
        if np.max(np.abs(w - before)) <= tol * max(1.0, np.max(np.abs(w))):
            return w
    raise RuntimeError(f"raking did not converge in {max_iter} iterations")


def _margin_codes(
    column: pd.Series, totals: Mapping[object, float] | pd.Series
) -> tuple[np.ndarray, np.ndarray]:
    """Per respondent the index of its category, and the population total per index."""
    totals = pd.Series(totals, dtype=float)
    values = column.astype(object)
    unknown = sorted(set(values.dropna()) - set(totals.index), key=str)
    if unknown or values.isna().any():
        raise ValueError(f"{column.name}: no population total for {unknown or 'missing values'}")
    categories = list(totals.index)
    index = values.map({c: i for i, c in enumerate(categories)}).to_numpy(dtype=int)
    return index, totals.to_numpy(dtype=float)


def kish_deff(weights: np.ndarray) -> float:
    """Kish's design effect of unequal weights, n * sum(w^2) / sum(w)^2.

    >>> kish_deff(np.array([1.0, 1.0, 2.0, 4.0]))
    1.375
    """
    w = np.asarray(weights, dtype=float)
    return float(len(w) * np.sum(w**2) / np.sum(w) ** 2)


def effective_n(weights: np.ndarray) -> float:
    """Kish's effective sample size, sum(w)^2 / sum(w^2) (= n / deff).

    >>> effective_n(np.array([1.0, 1.0, 2.0, 4.0]))
    2.909090909090909
    """
    w = np.asarray(weights, dtype=float)
    return float(np.sum(w) ** 2 / np.sum(w**2))


@dataclass(frozen=True)
class WeightedShare:
    """A raked share: estimate, linearised SE, Kish deff over all weights, n's."""

    share: float
    se: float
    kish_deff: float
    effective_n: float
    n: int
    n_valid: int
    unweighted: float


def raked_share(
    flags: pd.Series,
    data: pd.DataFrame,
    margins: Mapping[str, Mapping[object, float] | pd.Series],
) -> WeightedShare:
    """Share of ``flags`` == 1 among non-missing flags, raked to ``margins``.

    Weights are raked on every row of ``data`` (the whole sample); the share is the
    weighted mean over rows with a valid flag (a domain). The Kish design effect is over
    all the sample's weights, as reference.R computes it.
    """
    w = rake_weights(data, margins)
    valid = flags.notna().to_numpy()
    y = flags.fillna(0).to_numpy(dtype=float)
    share = float(np.sum(w[valid] * y[valid]) / np.sum(w[valid]))
    se = _linearised_se(y, valid, w, data, list(margins), share)
    return WeightedShare(share=share, se=se, kish_deff=kish_deff(w), effective_n=effective_n(w),
                         n=len(w), n_valid=int(valid.sum()), unweighted=float(np.mean(y[valid])))


def _linearised_se(y: np.ndarray, valid: np.ndarray, w: np.ndarray, data: pd.DataFrame,
                   margin_cols: list[str], share: float) -> float:
    """SE of a raked domain mean as R's ``svymean`` on ``subset(rake(...), valid)``.

    Influence values z = (y - share) / sum of domain weights (0 outside the domain) are
    residualised on the raking margins (``BACKFIT_ROUNDS`` rounds of subtracting the
    unweighted margin means), multiplied by the weights, and their with-replacement
    variance is taken with the n / (n - 1) factor of a single-stage design.
    """
    z = np.where(valid, (y - share) / np.sum(w[valid]), 0.0)
    groups = [pd.factorize(data[c].astype(object))[0] for c in margin_cols]
    for _ in range(BACKFIT_ROUNDS):
        for g in groups:
            means = np.bincount(g, weights=z) / np.bincount(g)
            z = z - means[g]
    x = w * z
    n = len(x)
    return float(np.sqrt(n / (n - 1) * np.sum((x - x.mean()) ** 2)))


def margins_from_population(
    population: pd.DataFrame, columns: list[str], count: str = "aantal_clienten"
) -> dict[str, pd.Series]:
    """Population totals per category of each of ``columns`` (summing over the others).

    >>> pop = pd.DataFrame({"sekse": ["m", "v", "m"], "leeftijd": ["a", "a", "b"],
    ...                     "aantal_clienten": [3, 4, 5]})
    >>> margins_from_population(pop, ["sekse"])["sekse"].to_dict()
    {'m': 8.0, 'v': 4.0}
    """
    return {c: population.groupby(population[c].astype(object), sort=True)[count].sum().astype(float)
            for c in columns}
