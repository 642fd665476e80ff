"""Marginal standardisation of a logistic model: textbook special cases and a planted effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.stats.glm import fit_logit
from werkplaats.stats.standardise import standardised_shares


def test_saturated_model_gives_crude_share_and_binomial_se():
    """With only the factor in the model the standardised share is the observed share and
    the delta-method SE is the binomial sqrt(p (1 - p) / n)."""
    data = pd.DataFrame({"g": ["a"] * 200 + ["b"] * 100,
                         "y": [1] * 150 + [0] * 50 + [1] * 60 + [0] * 40})
    table = standardised_shares(fit_logit(data, "y ~ g"), data, "g").set_index("g")
    assert table.loc["a", "adjusted"] == pytest.approx(0.75, rel=1e-8)
    assert table.loc["b", "adjusted"] == pytest.approx(0.60, rel=1e-8)
    assert table.loc["a", "se"] == pytest.approx(np.sqrt(0.75 * 0.25 / 200), rel=1e-6)
    assert table.loc["b", "se"] == pytest.approx(np.sqrt(0.6 * 0.4 / 100), rel=1e-6)
    assert table.loc["a", "region"] == pytest.approx(210 / 300)


def test_direct_standardisation_by_hand():
    """Saturated model in g x c: standardised share = sum_c p(g, c) * share of c overall."""
    rng = np.random.default_rng(2)
    g = rng.choice(["a", "b"], 2000)
    c = np.where(g == "a", rng.random(2000) < 0.2, rng.random(2000) < 0.7).astype(int)
    y = (rng.random(2000) < 0.5 + 0.3 * c).astype(int)
    data = pd.DataFrame({"g": g, "c": c, "y": y})
    table = standardised_shares(fit_logit(data, "y ~ g * C(c)"), data, "g").set_index("g")
    cell = data.groupby(["g", "c"])["y"].mean()
    weight = data["c"].value_counts(normalize=True)
    for level in ("a", "b"):
        expected = sum(cell[(level, k)] * weight[k] for k in (0, 1))
        assert table.loc[level, "adjusted"] == pytest.approx(expected, rel=1e-6)


def test_planted_confounding_is_removed():
    """Group b has no own effect but many older members who agree more: the crude shares
    differ, the standardised ones do not."""
    rng = np.random.default_rng(7)
    n = 20000
    g = rng.choice(["a", "b"], n)
    old = np.where(g == "b", rng.random(n) < 0.8, rng.random(n) < 0.2).astype(int)
    y = (rng.random(n) < 1 / (1 + np.exp(-(0.2 + 1.2 * old)))).astype(int)
    data = pd.DataFrame({"g": g, "old": old, "y": y})
    table = standardised_shares(fit_logit(data, "y ~ g + old"), data, "g").set_index("g")
    assert table.loc["b", "crude"] - table.loc["a", "crude"] > 0.1
    assert abs(table.loc["b", "adjusted"] - table.loc["a", "adjusted"]) < 0.02


def test_rows_with_missing_values_are_dropped_like_the_model():
    rng = np.random.default_rng(5)
    data = pd.DataFrame({"g": rng.choice(["a", "b"], 200), "x": rng.normal(size=200),
                         "y": rng.integers(0, 2, 200)})
    data.loc[::7, "x"] = None
    table = standardised_shares(fit_logit(data, "y ~ g + x"), data, "g")
    assert table["n"].sum() == data["x"].notna().sum()
