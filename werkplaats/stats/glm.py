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
    """A fitted logistic model: ``table`` (term -> estimate, se, z, p, ci_low, ci_high), n, model,
    and ``event``, the outcome value that is modelled (coded 1)."""

    table: pd.DataFrame
    n: int
    result: object
    event: str = "1"

    def odds_ratio(self, term: str) -> OddsRatio:
        """Odds ratio of ``term`` with its 95% interval."""
        row = self.table.loc[term]
        return {"odds_ratio": float(np.exp(row["estimate"])),
                "ci": [float(np.exp(row["ci_low"])), float(np.exp(row["ci_high"]))]}


def fit_logit(data: pd.DataFrame, formula: str, *, event: object = None, level: float = 0.95,
              tol: float = 1e-12) -> LogitFit:
    """Fit ``formula`` (patsy syntax) by maximum likelihood; IRLS runs until no coefficient
    moves more than ``tol`` (R's ``glm`` stops earlier, at a relative deviance change of 1e-8).

    The outcome is 0/1 (or True/False). A text outcome needs ``event``, the value that is
    modelled (coded 1); without it the fit is refused, because the model would silently
    describe the other value. ``LogitFit.event`` says which value was modelled.

    >>> d = pd.DataFrame({"y": ["nee", "ja", "ja", "nee", "ja", "nee", "ja", "ja"], "x": [1, 2, 3, 1, 5, 2, 4, 0]})
    >>> fit = fit_logit(d, "y ~ x", event="ja")
    >>> fit.event, round(float(fit.table.loc["x", "estimate"]), 4)
    ('ja', 0.7755)
    """
    import statsmodels.api as sm
    import statsmodels.formula.api as smf

    data, modelled = _coded_outcome(data, formula, event)
    model = smf.glm(formula, data=data, family=sm.families.Binomial())
    result = model.fit(tol=tol, tol_criterion="params", maxiter=200)
    ci = result.conf_int(alpha=1 - level)
    table = pd.DataFrame({
        "estimate": result.params, "se": result.bse, "z": result.tvalues, "p": result.pvalues,
        "ci_low": ci[0], "ci_high": ci[1],
    })
    table.index.name = "term"
    return LogitFit(table=table, n=int(result.nobs), result=result, event=modelled)


def _coded_outcome(data: pd.DataFrame, formula: str, event: object) -> tuple[pd.DataFrame, str]:
    """``data`` with a one-column outcome coded 0/1, and the value that is modelled."""
    from werkplaats.stats.effects import group_key

    name = formula.split("~", 1)[0].strip()
    if name not in data.columns:  # an expression or successes + failures: patsy evaluates it
        return data, "1"
    column = data[name]
    keys = column.astype(object).map(group_key)
    values = sorted(set(keys.dropna()))
    if event is None:
        if pd.api.types.is_bool_dtype(column) or set(values) <= {"0", "1"}:
            return data.assign(**{name: keys.map({"0": 0.0, "1": 1.0})}), "1"
        raise ValueError(f"uitkomst {name} heeft de waarden {', '.join(values)}: geef met event= aan welke "
                         f"waarde het model beschrijft (bijvoorbeeld event={values[-1]!r}), of codeer haar als 0/1")
    if group_key(event) not in values:
        raise ValueError(f"uitkomst {name}: de waarde {event!r} komt niet voor (gevonden: {', '.join(values)})")
    coded = (keys == group_key(event)).astype(float).where(keys.notna())
    return data.assign(**{name: coded}), str(event)


def r_term_name(term: str) -> str:
    """statsmodels' ``C(bron)[T.energieleverancier]`` / ``bron[T.x]`` -> R's ``bronenergieleverancier``."""
    if "[T." in term:
        var, level = term.split("[T.", 1)
        var = var.removeprefix("C(").split(",")[0].rstrip(")")
        return var + level.rstrip("]")
    return term
