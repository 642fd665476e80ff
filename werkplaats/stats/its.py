"""Interrupted time series: segmented regression with a level and a slope change.

The model for an outcome ``y`` at time ``t`` (for example months), with the interruption
at ``t = 0`` (times are counted from the interruption) and ``after = 1`` from then on::

    y = b0 + pre_slope * t + level_change * after + slope_change * t * after  (+ group effects)

fitted by (weighted) least squares. ``level_change`` is the jump at the interruption,
``slope_change`` the change in the trend per time unit. Several series (for example teams
with different training dates, each on its own clock) are pooled with a fixed effect per
series. Standard errors are the usual OLS ones or, with ``hac_lags``, Newey–West
(autocorrelation-robust).

>>> t = np.arange(-6, 7)
>>> y = 2 + 0.1 * t + 0.5 * (t >= 0) + 0.2 * t * (t >= 0)
>>> fit = segmented_regression(pd.DataFrame({"t": t, "y": y}), outcome="y", time="t")
>>> fit.table.loc[["level_change", "slope_change"], "estimate"].round(6).tolist()
[0.5, 0.2]
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

__all__ = ["counterfactual", "its_design", "ITSFit", "segmented_regression", "TERMS"]

TERMS = ("pre_slope", "level_change", "slope_change")


@dataclass
class ITSFit:
    """A segmented regression: ``table`` (term -> estimate, se, ci_low, ci_high, p) over
    ``TERMS``, the design data (``fitted`` added) and the number of time points used."""

    table: pd.DataFrame
    data: pd.DataFrame
    n_points: int
    n_series: int


def its_design(data: pd.DataFrame, *, time: str, interruption: float = 0.0) -> pd.DataFrame:
    """``data`` with ``tijd`` (time minus interruption), ``na`` (0/1 from the interruption on)
    and ``tijd_na`` (time since the interruption, 0 before)."""
    out = data.copy()
    out["tijd"] = out[time].astype(float) - interruption
    out["na"] = (out["tijd"] >= 0).astype(float)
    out["tijd_na"] = out["tijd"] * out["na"]
    return out


def segmented_regression(data: pd.DataFrame, *, outcome: str, time: str, interruption: float = 0.0,
                         weights: str | None = None, series: str | None = None,
                         hac_lags: int | None = None, level: float = 0.95) -> ITSFit:
    """Fit the segmented regression (see module docstring) to ``data``.

    ``weights`` names a column of weights (for example the number of signals behind a
    monthly share), ``series`` a column identifying pooled series (one intercept each).
    """
    import statsmodels.formula.api as smf

    design = its_design(data.dropna(subset=[outcome]), time=time, interruption=interruption)
    formula = f"{outcome} ~ tijd + na + tijd_na"
    n_series = 1
    if series is not None:
        n_series = design[series].nunique()
        if n_series > 1:
            formula += f" + C({series})"
    w = design[weights].astype(float) if weights else np.ones(len(design))
    model = smf.wls(formula, data=design, weights=w)
    fit = model.fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags}) if hac_lags else model.fit()
    ci = fit.conf_int(alpha=1 - level)
    names = {"tijd": "pre_slope", "na": "level_change", "tijd_na": "slope_change"}
    table = pd.DataFrame({"estimate": fit.params, "se": fit.bse, "ci_low": ci[0], "ci_high": ci[1],
                          "p": fit.pvalues}).loc[list(names)].rename(index=names)
    table.index.name = "term"
    return ITSFit(table=table, data=design.assign(fitted=fit.fittedvalues), n_points=len(design),
                  n_series=n_series)


def counterfactual(fit: ITSFit) -> pd.Series:
    """The fitted values without the level and slope change: what the pre-interruption trend
    predicts after the interruption (per row of ``fit.data``)."""
    change = fit.table.loc["level_change", "estimate"] * fit.data["na"] \
        + fit.table.loc["slope_change", "estimate"] * fit.data["tijd_na"]
    return fit.data["fitted"] - change
