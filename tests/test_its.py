"""Segmented regression (interrupted time series): exact on noise-free data, a planted level
change recovered, and the same least-squares solution as an independent numpy fit."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.stats.its import counterfactual, its_design, segmented_regression


def test_design_columns():
    design = its_design(pd.DataFrame({"m": [-2, -1, 1, 2]}), time="m", interruption=1)
    assert design["tijd"].tolist() == [-3, -2, 0, 1]
    assert design["na"].tolist() == [0, 0, 1, 1]
    assert design["tijd_na"].tolist() == [0, 0, 0, 1]


def test_noise_free_series_with_own_intercepts_are_exact():
    t = np.tile(np.arange(-8, 9), 3)
    team = np.repeat(["a", "b", "c"], 17)
    offset = pd.Series(team).map({"a": 0.0, "b": 0.1, "c": -0.2}).to_numpy()
    y = 0.3 + offset + 0.01 * t + 0.08 * (t >= 0) - 0.005 * t * (t >= 0)
    data = pd.DataFrame({"t": t, "y": y, "team": team})
    fit = segmented_regression(data, outcome="y", time="t", series="team")
    assert fit.table["estimate"].tolist() == pytest.approx([0.01, 0.08, -0.005], abs=1e-10)
    assert fit.n_series == 3 and fit.n_points == 51
    pre_trend = 0.3 + offset + 0.01 * t
    assert counterfactual(fit).to_numpy() == pytest.approx(pre_trend, abs=1e-10)


def test_weighted_fit_equals_numpy_least_squares():
    rng = np.random.default_rng(2)
    t = np.arange(-10, 11).astype(float)
    y = 0.4 + 0.01 * t + 0.05 * (t >= 0) + rng.normal(0, 0.02, len(t))
    w = rng.integers(5, 50, len(t)).astype(float)
    x = np.column_stack([np.ones_like(t), t, t >= 0, t * (t >= 0)]).astype(float)
    beta = np.linalg.lstsq(x * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0]
    fit = segmented_regression(pd.DataFrame({"t": t, "y": y, "w": w}), outcome="y", time="t", weights="w")
    assert fit.table["estimate"].to_numpy() == pytest.approx(beta[1:], rel=1e-8)


def test_planted_level_change_is_recovered_within_its_interval():
    rng = np.random.default_rng(8)
    hits = 0
    for _ in range(40):
        t = np.arange(-12, 13)
        y = 0.3 + 0.002 * t + 0.1 * (t >= 0) + rng.normal(0, 0.03, len(t))
        fit = segmented_regression(pd.DataFrame({"t": t, "y": y}), outcome="y", time="t")
        row = fit.table.loc["level_change"]
        hits += row["ci_low"] < 0.1 < row["ci_high"]
    assert hits >= 34  # 95% intervals: about 38 of 40 should cover


def test_newey_west_standard_errors_are_available():
    t = np.arange(-12, 13)
    y = 0.3 + 0.1 * (t >= 0) + 0.02 * np.sin(t)
    plain = segmented_regression(pd.DataFrame({"t": t, "y": y}), outcome="y", time="t")
    hac = segmented_regression(pd.DataFrame({"t": t, "y": y}), outcome="y", time="t", hac_lags=2)
    assert plain.table["estimate"].tolist() == pytest.approx(hac.table["estimate"].tolist())
    assert not np.allclose(plain.table["se"], hac.table["se"])
