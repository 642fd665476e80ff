"""Propensity scores for non-randomised groups: scores, balancing weights, balance, weighted ANCOVA.

- :func:`propensity_scores`: P(treatment | covariates) from scikit-learn, by default an
  unpenalised ``LogisticRegression(C=np.inf)`` (``penalty=None`` before scikit-learn 1.8), the
  same maximum-likelihood fit as R's ``glm(family = binomial)``, or gradient boosting.
- :func:`balancing_weights`: overlap weights (treated 1 − e, control e; Li, Morgan &
  Zaslavsky 2018) or inverse-probability weights (1/e, 1/(1 − e)) with units outside
  ``[trim, 1 − trim]`` left out (Crump et al. 2009).
- :func:`weighted_smd` and :func:`balance_before_after`: standardised mean differences before
  and after weighting (denominator: the unweighted SDs, so before and after compare); |SMD|
  below 0.1 is the usual reading of "balanced".
- :func:`weighted_ancova`: weighted least squares of the outcome on the baseline and the group
  with the design-based (sandwich) SE of R's ``survey::svyglm`` on
  ``svydesign(ids = ~1, weights = ~w)``, and its ``confint`` (t with n − p degrees of freedom).

>>> e = np.array([0.2, 0.5, 0.8]); treated = np.array([1, 0, 1])
>>> balancing_weights(e, treated).tolist()
[0.8, 0.5, 0.19999999999999996]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from werkplaats.stats.effects import EffectEstimate

__all__ = ["balance_before_after", "balancing_weights", "design_matrix", "effective_sample_size",
           "propensity_scores", "weighted_ancova", "weighted_smd", "WeightedAncova"]

Learner = Literal["logistic", "boosting"]
Weighting = Literal["overlap", "ipw"]


def design_matrix(covariates: pd.DataFrame) -> pd.DataFrame:
    """Numeric columns as they are, text/category columns as 0/1 dummies (first level left
    out, as R's treatment contrasts); columns without variation are dropped.

    >>> design_matrix(pd.DataFrame({"x": [1.0, 2, 3], "g": ["b", "a", "b"], "c": [1, 1, 1]})).columns.tolist()
    ['x', 'g_b']
    """
    parts = []
    for name, column in covariates.items():
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            parts.append(column.astype(float).rename(str(name)))
        else:
            values = column.astype(object)
            levels = sorted(values.dropna().unique(), key=str)
            parts += [(values == level).astype(float).rename(f"{name}_{level}") for level in levels[1:]]
    frame = pd.concat(parts, axis=1) if parts else pd.DataFrame(index=covariates.index)
    return frame.loc[:, frame.nunique() > 1]


def propensity_scores(covariates: pd.DataFrame, treated: np.ndarray, *, learner: Learner = "logistic",
                      random_state: int = 0) -> np.ndarray:
    """Estimated P(treated = 1 | covariates) for every row (complete rows only).

    ``logistic``: unpenalised maximum likelihood (Newton on standardised columns, to 1e-10). ``boosting``:
    ``GradientBoostingClassifier`` with shallow trees; its scores are not a model anyone can
    check by hand, so the balance table is then the only check.

    >>> x = pd.DataFrame({"leeftijd": [70.0, 75, 80, 85, 72, 78]}); z = np.array([1, 0, 1, 1, 0, 0])
    >>> propensity_scores(x, z).round(3).tolist()
    [0.28, 0.443, 0.619, 0.768, 0.341, 0.549]
    """
    x = design_matrix(covariates).to_numpy(float)
    z = np.asarray(treated, dtype=int)
    if np.isnan(x).any():
        raise ValueError("propensity-score: ontbrekende waarden in de achtergrondkenmerken")
    if learner == "logistic":
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=np.inf, solver="newton-cholesky", tol=1e-10, max_iter=1000)
        x = (x - x.mean(axis=0)) / x.std(axis=0)  # same fitted values, better conditioned Newton steps
    elif learner == "boosting":
        from sklearn.ensemble import GradientBoostingClassifier

        model = GradientBoostingClassifier(n_estimators=100, max_depth=2, learning_rate=0.05, subsample=0.8,
                                           random_state=random_state)
    else:
        raise ValueError(f"onbekend propensity-model {learner!r} (kies logistic of boosting)")
    model.fit(x, z)
    return np.asarray(model.predict_proba(x)[:, 1], dtype=float)


def balancing_weights(scores: np.ndarray, treated: np.ndarray, *, weighting: Weighting = "overlap",
                      trim: float = 0.1) -> np.ndarray:
    """Overlap weights (default) or trimmed inverse-probability weights (0 outside the trim).

    >>> balancing_weights(np.array([0.05, 0.5, 0.95]), np.array([1, 0, 1]), weighting="ipw").tolist()
    [0.0, 2.0, 0.0]
    """
    e = np.asarray(scores, dtype=float)
    z = np.asarray(treated, dtype=int) == 1
    if weighting == "overlap":
        return np.where(z, 1 - e, e)
    if weighting == "ipw":
        kept = (e >= trim) & (e <= 1 - trim)
        return np.where(kept, np.where(z, 1 / e, 1 / (1 - e)), 0.0)
    raise ValueError(f"onbekende weging {weighting!r} (kies overlap of ipw)")


def effective_sample_size(weights: np.ndarray) -> float:
    """Kish's effective sample size (Σw)² / Σw².

    >>> effective_sample_size(np.array([1.0, 1.0, 0.0, 2.0]))
    2.6666666666666665
    """
    w = np.asarray(weights, dtype=float)
    return float(w.sum() ** 2 / np.sum(w**2))


def weighted_smd(values: np.ndarray, treated: np.ndarray, weights: np.ndarray | None = None) -> float:
    """(weighted mean treated − weighted mean control) / sqrt((s1² + s0²) / 2), the SDs unweighted.

    >>> round(weighted_smd(np.array([1.0, 2, 3, 4]), np.array([1, 1, 0, 0])), 4)
    -2.8284
    """
    x = np.asarray(values, dtype=float)
    z = np.asarray(treated, dtype=int) == 1
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    spread = np.sqrt((x[z].var(ddof=1) + x[~z].var(ddof=1)) / 2)
    if not spread > 0:
        return float("nan")
    m1, m0 = np.average(x[z], weights=w[z]), np.average(x[~z], weights=w[~z])
    return float((m1 - m0) / spread)


def balance_before_after(covariates: pd.DataFrame, treated: np.ndarray, weights: np.ndarray) -> pd.DataFrame:
    """Per column of :func:`design_matrix`: the means per group before and after weighting and
    the standardised difference before (``smd_voor``) and after (``smd_na``)."""
    x = design_matrix(covariates)
    z = np.asarray(treated, dtype=int) == 1
    w = np.asarray(weights, dtype=float)
    rows = []
    for name, column in x.items():
        v = column.to_numpy(float)
        rows.append({"variabele": name, "interventie": v[z].mean(), "controle": v[~z].mean(),
                     "smd_voor": weighted_smd(v, z), "interventie_gewogen": np.average(v[z], weights=w[z]),
                     "controle_gewogen": np.average(v[~z], weights=w[~z]), "smd_na": weighted_smd(v, z, w)})
    return pd.DataFrame(rows)


@dataclass
class WeightedAncova(EffectEstimate):
    """An :class:`EffectEstimate` from weighted data, with the effective sample size."""

    ess: float = float("nan")


def weighted_ancova(outcome: np.ndarray, baseline: np.ndarray, treated: np.ndarray, weights: np.ndarray, *,
                    level: float = 0.95, method: str = "gewogen ANCOVA") -> WeightedAncova:
    """Weighted ANCOVA ``outcome ~ baseline + treated`` with svyglm's sandwich SE.

    ``V = A⁻¹ B A⁻¹`` with ``A = X'WX`` and ``B = n/(n − 1) Σ (uᵢ − ū)(uᵢ − ū)'``,
    ``uᵢ = wᵢ xᵢ rᵢ`` (survey's ``svyrecvar`` for a one-stage design without strata); the
    interval uses t with n − p degrees of freedom, as ``confint`` on a ``svyglm``. Rows with
    weight 0 (trimmed) are left out.
    """
    from scipy.stats import t

    keep = np.asarray(weights, dtype=float) > 0
    w = np.asarray(weights, dtype=float)[keep]
    y = np.asarray(outcome, dtype=float)[keep]
    x = np.column_stack([np.ones(len(y)), np.asarray(baseline, dtype=float)[keep],
                         np.asarray(treated, dtype=float)[keep]])
    bread = np.linalg.inv(x.T @ (x * w[:, None]))
    beta = bread @ (x.T @ (w * y))
    u = x * (w * (y - x @ beta))[:, None]
    u = u - u.mean(axis=0)
    n, p = x.shape
    cov = bread @ (n / (n - 1) * u.T @ u) @ bread
    effect, se = float(beta[2]), float(np.sqrt(cov[2, 2]))
    df = n - p
    crit = float(t.ppf(0.5 + level / 2, df))
    return WeightedAncova(method=method, n=n, effect=effect, se=se,
                          ci=(effect - crit * se, effect + crit * se), p=float(2 * t.sf(abs(effect / se), df)),
                          df=float(df), ess=effective_sample_size(w))
