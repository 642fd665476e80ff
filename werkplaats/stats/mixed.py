"""Linear mixed model with a random intercept per participant (REML or ML, as lme4).

The same model as lme4's ``lmer(y ~ x + (1 | id), REML = TRUE)``. The REML (or ML)
criterion is profiled over β and σ², as in lme4, and minimised over its one parameter τ/σ
(statsmodels builds the design; its own optimiser stops early, 1e-4 off lme4). The standard
errors of the fixed effects are computed as lme4 does, conditional on the estimated
variances: ``sqrt(diag(σ² (X' V⁻¹ X)⁻¹))`` with
``V = I + (τ² / σ²) Z Z'`` (statsmodels' own ``bse_fe`` comes from the joint Hessian and
differs from lme4 in the fourth digit). Term names are given the R way
(``metingT1:groepinterventie``) so that they compare one-to-one with R output.

>>> import numpy as np, pandas as pd
>>> rng = np.random.default_rng(5); ids = np.repeat(np.arange(300), 3); t = np.tile([0.0, 1, 2], 300)
>>> y = 2 + 0.5 * t + rng.normal(0, 1.5, 300)[ids] + rng.normal(0, 1, 900)
>>> fit = fit_random_intercept(pd.DataFrame({"y": y, "t": t, "id": ids}), "y ~ t", group="id")
>>> round(float(fit.table.loc["t", "estimate"]), 1), fit.n_groups
(0.5, 300)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["conditional_fixed_cov", "fit_random_intercept", "MixedFit", "r_term_name"]

@dataclass
class MixedFit:
    """A fitted random-intercept model.

    ``table``: term (R name) -> estimate, se, z, ci_low, ci_high (Wald, normal quantiles);
    ``var_participant`` (τ², between participants), ``var_residual`` (σ²), ``n_obs``,
    ``n_groups``, ``reml_criterion`` (−2 × REML log-likelihood, as lme4's ``REMLcrit``).
    """

    table: pd.DataFrame
    var_participant: float
    var_residual: float
    n_obs: int
    n_groups: int
    reml_criterion: float
    converged: bool

    def term(self, name: str) -> dict[str, float]:
        """``{"estimate": ..., "se": ...}`` of one term (R name)."""
        row = self.table.loc[name]
        return {"estimate": float(row["estimate"]), "se": float(row["se"])}


def r_term_name(term: str) -> str:
    """statsmodels' term name to R's: ``meting[T.T1]:groep[T.interventie]`` -> ``metingT1:groepinterventie``.

    >>> r_term_name("meting[T.T1]:groep[T.interventie]"), r_term_name("Intercept")
    ('metingT1:groepinterventie', '(Intercept)')
    """
    if term == "Intercept":
        return "(Intercept)"
    parts = []
    for part in term.split(":"):
        if "[T." in part:
            var, level = part.split("[T.", 1)
            part = var.removeprefix("C(").split(",")[0].rstrip(")") + level.rstrip("]")
        parts.append(part)
    return ":".join(parts)


def conditional_fixed_cov(exog: np.ndarray, rows: list[np.ndarray], var_participant: float,
                          var_residual: float) -> np.ndarray:
    """Covariance of the fixed effects given the variances: ``σ² (X' V⁻¹ X)⁻¹`` (lme4's ``vcov``).

    Uses ``(I + λ J)⁻¹ = I − λ / (1 + n λ) J`` per participant, ``λ = τ² / σ²``.

    >>> x = np.ones((4, 1)); cov = conditional_fixed_cov(x, [np.array([0, 1]), np.array([2, 3])], 1.0, 1.0)
    >>> round(float(cov[0, 0]), 6)  # variance of the mean of 2 participant means, each 1 + 1/2
    0.75
    """
    ratio = var_participant / var_residual
    info = np.zeros((exog.shape[1], exog.shape[1]))
    for idx in rows:
        xi = exog[idx]
        total = xi.sum(axis=0)
        info += xi.T @ xi - ratio / (1 + len(idx) * ratio) * np.outer(total, total)
    return var_residual * np.linalg.inv(info)


class _GroupSums:
    """Per-group sums that make the profiled (RE)ML criterion of a random intercept cheap."""

    def __init__(self, exog: np.ndarray, endog: np.ndarray, rows: list[np.ndarray]) -> None:
        self.sizes = np.array([len(r) for r in rows], dtype=float)
        self.sum_x = np.array([exog[r].sum(axis=0) for r in rows])
        self.sum_y = np.array([endog[r].sum() for r in rows])
        self.xx, self.xy, self.yy = exog.T @ exog, exog.T @ endog, float(endog @ endog)
        self.n, self.p = exog.shape

    def solve(self, ratio: float) -> tuple[np.ndarray, np.ndarray, float]:
        """GLS at ``ratio`` = τ²/σ²: coefficients, X'V⁻¹X (times σ²) and the weighted residual SS."""
        c = ratio / (1 + self.sizes * ratio)
        xwx = self.xx - (self.sum_x * c[:, None]).T @ self.sum_x
        xwy = self.xy - (self.sum_x * (c * self.sum_y)[:, None]).sum(axis=0)
        ywy = self.yy - float(np.sum(c * self.sum_y**2))
        beta = np.linalg.solve(xwx, xwy)
        return beta, xwx, float(ywy - beta @ xwy)

    def criterion(self, ratio: float, reml: bool) -> float:
        """lme4's ``REMLcrit`` (reml) or ``deviance`` (ML), profiled over σ² and β."""
        _, xwx, rss = self.solve(ratio)
        dof = self.n - self.p if reml else self.n
        value = dof * (1 + np.log(2 * np.pi * rss / dof)) + float(np.sum(np.log1p(self.sizes * ratio)))
        if reml:
            value += float(np.linalg.slogdet(xwx)[1])
        return value


    def gradient(self, ratio: float, reml: bool) -> float:
        """d criterion / d ratio, analytic: the criterion's value is flat to rounding near the
        optimum, its derivative is not, so the root of this pins the optimum to ~1e-15."""
        beta, xwx, rss = self.solve(ratio)
        d = 1 / (1 + self.sizes * ratio) ** 2
        group_resid = self.sum_y - self.sum_x @ beta
        drss = -float(np.sum(d * group_resid**2))
        dof = self.n - self.p if reml else self.n
        value = dof * drss / rss + float(np.sum(self.sizes / (1 + self.sizes * ratio)))
        if reml:
            inv = np.linalg.inv(xwx)
            value -= float(np.sum(d * np.einsum("ij,jk,ik->i", self.sum_x, inv, self.sum_x)))
        return value


def _optimal_ratio(sums: _GroupSums, reml: bool) -> float:
    """τ/σ minimising the profiled criterion: a grid on the log scale (and 0), Brent's method
    between the grid neighbours of the best point, then the root of the analytic gradient."""
    from scipy.optimize import minimize_scalar

    grid = np.concatenate([[0.0], np.logspace(-6, 4, 121)])
    values = [sums.criterion(t**2, reml) for t in grid]
    best = int(np.argmin(values))
    if best == 0:
        return 0.0
    low, high = grid[best - 1], grid[min(best + 1, len(grid) - 1)]
    found = minimize_scalar(lambda t: sums.criterion(t**2, reml), bounds=(low, high), method="bounded",
                            options={"xatol": 1e-13 * max(grid[best], 1e-3), "maxiter": 500})
    theta = float(found.x) if found.fun <= values[best] else float(grid[best])
    return _polish(sums, reml, theta, low, high)


def _polish(sums: _GroupSums, reml: bool, theta: float, low: float, high: float) -> float:
    """The root of the analytic gradient between the grid neighbours (if it changes sign there)."""
    from scipy.optimize import brentq

    def slope(t: float) -> float:
        return sums.gradient(t**2, reml)

    lo, hi = max(low, 1e-12), high
    if slope(lo) < 0 < slope(hi):
        return float(brentq(slope, lo, hi, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=200))
    return theta


def fit_random_intercept(data: pd.DataFrame, formula: str, *, group: str, reml: bool = True,
                         level: float = 0.95) -> MixedFit:
    """Fit ``formula`` with a random intercept per ``group`` on the complete rows of ``data``.

    Category columns use their first category as the reference level (as R's factors). The
    criterion (REML or ML) is profiled over the fixed effects and σ², as lme4 does, and its
    one parameter τ/σ is found to machine precision (statsmodels' optimiser stops early).
    """
    import statsmodels.formula.api as smf
    from scipy.stats import norm

    model = smf.mixedlm(formula, data, groups=data[group])
    rows = list(model.row_indices.values())
    sums = _GroupSums(np.asarray(model.exog, dtype=float), np.asarray(model.endog, dtype=float), rows)
    theta = _optimal_ratio(sums, reml)
    estimate, _, rss = sums.solve(theta**2)
    var_residual = rss / (sums.n - sums.p if reml else sums.n)
    var_participant = theta**2 * var_residual
    cov = conditional_fixed_cov(model.exog, rows, var_participant, var_residual)
    se = np.sqrt(np.diag(cov))
    z = norm.ppf(0.5 + level / 2)
    table = pd.DataFrame({"estimate": estimate, "se": se, "z": estimate / se,
                          "ci_low": estimate - z * se, "ci_high": estimate + z * se},
                         index=pd.Index([r_term_name(t) for t in model.exog_names], name="term"))
    return MixedFit(table=table, var_participant=float(var_participant), var_residual=float(var_residual),
                    n_obs=int(model.nobs), n_groups=len(rows), reml_criterion=sums.criterion(theta**2, reml),
                    converged=True)
