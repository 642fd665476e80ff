"""Logistic regression with a tidy coefficient table (statsmodels GLM, binomial, logit link).

The same maximum-likelihood fit as R's ``glm(family = binomial)``; standard errors from
the observed information.

>>> import pandas as pd, numpy as np
>>> rng = np.random.default_rng(1); x = rng.normal(size=20000)
>>> y = (rng.random(20000) < 1 / (1 + np.exp(-(0.5 + x)))).astype(int)
>>> fit_logit(pd.DataFrame({"y": y, "x": x}), "y ~ x").table.loc["x", "estimate"].round(1)
np.float64(1.0)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

import numpy as np
import pandas as pd

__all__ = ["fit_logit", "LogitFit", "OddsRatio", "r_term_name"]


class OddsRatio(TypedDict):
    """An odds ratio with its interval: ``{"odds_ratio": 1.6, "ci": [1.2, 2.1]}``."""

    odds_ratio: float
    ci: list[float]


@dataclass
class LogitFit:
    """A fitted logistic model: ``table`` (term -> estimate, se, z, p, ci_low, ci_high), n, model."""

    table: pd.DataFrame
    n: int
    result: object

    def odds_ratio(self, term: str) -> OddsRatio:
        """Odds ratio of ``term`` with its 95% interval."""
        row = self.table.loc[term]
        return {"odds_ratio": float(np.exp(row["estimate"])),
                "ci": [float(np.exp(row["ci_low"])), float(np.exp(row["ci_high"]))]}


def fit_logit(data: pd.DataFrame, formula: str, *, level: float = 0.95) -> LogitFit:
    """Fit ``formula`` (patsy syntax, outcome coded 0/1) by maximum likelihood."""
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    model = smf.glm(formula, data=data, family=sm.families.Binomial())
    result = model.fit()
    ci = result.conf_int(alpha=1 - level)
    table = pd.DataFrame({
        "estimate": result.params, "se": result.bse, "z": result.tvalues, "p": result.pvalues,
        "ci_low": ci[0], "ci_high": ci[1],
    })
    table.index.name = "term"
    return LogitFit(table=table, n=int(result.nobs), result=result)


def r_term_name(term: str) -> str:
    """statsmodels' ``C(bron)[T.energieleverancier]`` / ``bron[T.x]`` -> R's ``bronenergieleverancier``."""
    if "[T." in term:
        var, level = term.split("[T.", 1)
        var = var.removeprefix("C(").split(",")[0].rstrip(")")
        return var + level.rstrip("]")
    return term
