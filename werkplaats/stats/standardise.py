"""Case-mix adjusted shares from a logistic model by marginal standardisation.

For each level g of a factor (the gemeente) every respondent in the model sample is
given level g and the predicted probabilities are averaged: the share g would have with
the whole region's case-mix (age, sex, who filled in the form). Standard errors follow
from the model's covariance matrix by the delta method, also for the difference between
g's standardised share and the region's share (the mean prediction over the sample).

>>> import numpy as np
>>> rng = np.random.default_rng(0)
>>> d = pd.DataFrame({"g": rng.choice(["a", "b"], 4000), "x": rng.integers(0, 2, 4000)})
>>> d["y"] = (rng.random(4000) < np.where(d["g"] == "b", 0.8, 0.6)).astype(int)
>>> from werkplaats.stats.glm import fit_logit
>>> table = standardised_shares(fit_logit(d, "y ~ g + x"), d, "g")
>>> table["adjusted"].round(1).tolist()
[0.6, 0.8]
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["standardised_shares"]


def standardised_shares(fit, data: pd.DataFrame, factor: str, *, level: float = 0.95) -> pd.DataFrame:
    """Per level of ``factor``: n, crude share, standardised share, SE and interval, and the
    difference with the region's share (SE, interval, two-sided p).

    ``fit`` is a :class:`werkplaats.stats.glm.LogitFit` fitted on ``data`` (rows dropped
    for missing values are dropped here too).
    """
    from scipy.stats import norm

    result = fit.result
    frame = _model_frame(result, data)
    beta = np.asarray(result.params)
    cov = np.asarray(result.cov_params())
    y = np.asarray(result.model.endog)
    x_obs = _design(result, frame)
    p_obs = _expit(x_obs @ beta)
    grad_region = (p_obs * (1 - p_obs)) @ x_obs / len(p_obs)
    region = float(p_obs.mean())
    z = norm.ppf(0.5 + level / 2)
    rows = []
    for g in sorted(frame[factor].astype(object).unique(), key=str):
        x_g = _design(result, frame.assign(**{factor: _same_type(frame[factor], g)}))
        p_g = _expit(x_g @ beta)
        grad = (p_g * (1 - p_g)) @ x_g / len(p_g)
        se = float(np.sqrt(grad @ cov @ grad))
        diff_grad = grad - grad_region
        diff_se = float(np.sqrt(diff_grad @ cov @ diff_grad))
        mine = (frame[factor].astype(object) == g).to_numpy()
        adjusted, diff = float(p_g.mean()), float(p_g.mean()) - region
        rows.append({factor: g, "n": int(mine.sum()), "crude": float(y[mine].mean()), "adjusted": adjusted,
                     "se": se, "ci_low": adjusted - z * se, "ci_high": adjusted + z * se, "region": region,
                     "difference": diff, "difference_se": diff_se, "difference_low": diff - z * diff_se,
                     "difference_high": diff + z * diff_se,
                     "p": float(2 * norm.sf(abs(diff) / diff_se)) if diff_se > 0 else float("nan")})
    return pd.DataFrame(rows)


def _model_frame(result, data: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``data`` the model used (patsy drops rows with missing values)."""
    rows = result.model.data.row_labels
    return data.loc[rows] if rows is not None else data


def _design(result, frame: pd.DataFrame) -> np.ndarray:
    """The model matrix of ``frame`` under the fitted formula (patsy or formulaic spec)."""
    spec = getattr(result.model.data, "model_spec", None) or result.model.data.design_info
    if hasattr(spec, "get_model_matrix"):  # formulaic engine
        return np.asarray(spec.get_model_matrix(frame), dtype=float)
    from patsy import build_design_matrices

    return np.asarray(build_design_matrices([spec], frame, NA_action="raise")[0], dtype=float)


def _same_type(column: pd.Series, value: object) -> pd.Series:
    """A column of ``value`` with the dtype (categories) of ``column``."""
    filled = pd.Series([value] * len(column), index=column.index)
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.Categorical(filled, categories=column.cat.categories)
    return filled.astype(column.dtype)


def _expit(eta: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-eta))
