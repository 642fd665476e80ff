"""Propensity helpers: the sandwich SE against statsmodels' HC0 (times n / (n − 1), svyrecvar's
factor), weights by hand, trimming, and an effect planted under confounding."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.stats.propensity import (
    balancing_weights,
    design_matrix,
    effective_sample_size,
    propensity_scores,
    weighted_ancova,
    weighted_smd,
)


def test_sandwich_se_is_hc0_with_the_survey_factor():
    import statsmodels.api as sm

    rng = np.random.default_rng(2)
    n = 200
    pre, z, w = rng.normal(5, 2, n), rng.integers(0, 2, n), rng.uniform(0.2, 0.8, n)
    post = 1 + 0.5 * pre - 0.7 * z + rng.normal(0, 1, n)
    est = weighted_ancova(post, pre, z, w)
    fit = sm.WLS(post, sm.add_constant(np.column_stack([pre, z])), weights=w).fit(cov_type="HC0")
    assert est.effect == pytest.approx(fit.params[2], rel=1e-10)
    assert est.se == pytest.approx(fit.bse[2] * np.sqrt(n / (n - 1)), rel=1e-10)
    assert est.df == n - 3


def test_weights_and_trimming_by_hand():
    e = np.array([0.05, 0.25, 0.5, 0.75, 0.97])
    z = np.array([1, 1, 0, 0, 1])
    np.testing.assert_allclose(balancing_weights(e, z), [0.95, 0.75, 0.5, 0.75, 0.03])
    np.testing.assert_allclose(balancing_weights(e, z, weighting="ipw", trim=0.1), [0, 4, 2, 4, 0])
    assert effective_sample_size(np.array([1.0, 1, 1, 1])) == 4
    with pytest.raises(ValueError, match="overlap of ipw"):
        balancing_weights(e, z, weighting="att")  # type: ignore[arg-type]


def test_design_matrix_and_unweighted_smd_by_hand():
    x = design_matrix(pd.DataFrame({"g": pd.Categorical(["a", "b", "c", "a"]), "x": [1, 2, 3, 4]}))
    assert x.columns.tolist() == ["g_b", "g_c", "x"]
    # means 1.5 and 3.5, variances 0.5 and 0.5
    assert weighted_smd(np.array([1.0, 2, 3, 4]), np.array([1, 1, 0, 0])) == pytest.approx(-2 / np.sqrt(0.5))


def test_overlap_weighting_recovers_a_planted_effect_that_plain_regression_misses():
    rng = np.random.default_rng(11)
    n = 5000
    age = rng.normal(0, 1, n)
    z = (rng.random(n) < 1 / (1 + np.exp(-1.2 * age))).astype(int)
    pre = rng.normal(0, 1, n)
    post = 0.5 * pre + 1.0 * age - 0.8 * z + rng.normal(0, 1, n)
    naive = weighted_ancova(post, pre, z, np.ones(n))
    assert naive.ci[0] > -0.8  # confounded by age: the plain ANCOVA misses -0.8
    for learner in ("logistic", "boosting"):
        e = propensity_scores(pd.DataFrame({"age": age}), z, learner=learner)  # type: ignore[arg-type]
        est = weighted_ancova(post, pre, z, balancing_weights(e, z))
        assert est.ci[0] < -0.8 < est.ci[1], learner
