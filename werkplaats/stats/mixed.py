"""Linear mixed model with a random intercept per participant (statsmodels MixedLM, REML).

The same model as lme4's ``lmer(y ~ x + (1 | id), REML = TRUE)``. Variance components come
from statsmodels' REML fit; the standard errors of the fixed effects are computed as lme4
does, conditional on the estimated variances: ``sqrt(diag(σ² (X' V⁻¹ X)⁻¹))`` with
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

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["conditional_fixed_cov", "fit_random_intercept", "MixedFit", "OPTIMIZERS", "r_term_name"]

OPTIMIZERS = ["bfgs", "lbfgs", "powell"]  # tried in turn until one converges


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


def fit_random_intercept(data: pd.DataFrame, formula: str, *, group: str, reml: bool = True,
                         level: float = 0.95) -> MixedFit:
    """Fit ``formula`` with a random intercept per ``group`` on the complete rows of ``data``.

    Category columns use their first category as the reference level (as R's factors).
    """
    import statsmodels.formula.api as smf
    from scipy.stats import norm
    from statsmodels.tools.sm_exceptions import ConvergenceWarning

    model = smf.mixedlm(formula, data, groups=data[group])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        warnings.filterwarnings("ignore", message=".*(boundary|Hessian|singular).*")
        result = model.fit(reml=reml, method=OPTIMIZERS)
    var_participant = float(result.cov_re.iloc[0, 0])
    var_residual = float(result.scale)
    rows = list(model.row_indices.values())
    cov = conditional_fixed_cov(model.exog, rows, var_participant, var_residual)
    se = np.sqrt(np.diag(cov))
    estimate = result.fe_params.to_numpy()
    z = norm.ppf(0.5 + level / 2)
    table = pd.DataFrame({"estimate": estimate, "se": se, "z": estimate / se,
                          "ci_low": estimate - z * se, "ci_high": estimate + z * se},
                         index=pd.Index([r_term_name(t) for t in result.fe_params.index], name="term"))
    return MixedFit(table=table, var_participant=var_participant, var_residual=var_residual,
                    n_obs=int(model.nobs), n_groups=len(rows), reml_criterion=float(-2 * result.llf),
                    converged=bool(result.converged))
