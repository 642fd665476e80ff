"""Random-intercept model against lme4 (r_results.json) and a closed-form textbook case."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support import raw_strings

from werkplaats.stats.mixed import conditional_fixed_cov, fit_random_intercept, r_term_name


@pytest.fixture(scope="module")
def fit(r_results):
    """lmer(score ~ meting * groep + (1 | deelnemer_id), REML) on R's own DJG totals."""
    raw = raw_strings("eenzaamheid_metingen")
    data = pd.DataFrame(r_results["djg_scores"]).assign(groep=raw["groep"])
    data["score"] = pd.to_numeric(data["score"], errors="coerce")
    data = data.dropna(subset=["score"])
    data["meting"] = pd.Categorical(data["meting"], categories=["T0", "T1", "T2"])
    data["groep"] = pd.Categorical(data["groep"], categories=["controle", "interventie"])
    return fit_random_intercept(data, "score ~ meting * groep", group="deelnemer_id")


def test_fixed_effects_match_lme4(fit, r_results):
    r = r_results["lmm"]["fixed"]
    assert sorted(fit.table.index) == sorted(r)
    for term, values in r.items():
        assert fit.table.loc[term, "estimate"] == pytest.approx(values["estimate"], rel=1e-6), term
        assert fit.table.loc[term, "se"] == pytest.approx(values["se"], rel=1e-6), term


def test_variance_components_and_sizes_match_lme4(fit, r_results):
    r = r_results["lmm"]
    assert fit.var_participant == pytest.approx(r["var_participant"], rel=1e-6)
    assert fit.var_residual == pytest.approx(r["var_residual"], rel=1e-6)
    assert (fit.n_obs, fit.n_groups) == (r["n_obs"], r["n_groups"])
    assert fit.reml_criterion == pytest.approx(r["reml_criterion"], rel=1e-6)
    assert fit.converged


def test_term_returns_estimate_and_se(fit, r_results):
    term = fit.term("metingT2:groepinterventie")
    assert set(term) == {"estimate", "se"}
    assert term["estimate"] == pytest.approx(
        r_results["lmm"]["fixed"]["metingT2:groepinterventie"]["estimate"], rel=1e-4
    )


def test_wald_interval_uses_normal_quantile(fit):
    row = fit.table.loc["groepinterventie"]
    assert row["ci_high"] - row["estimate"] == pytest.approx(1.959963984540054 * row["se"], rel=1e-9)


def test_r_term_names():
    assert r_term_name("Intercept") == "(Intercept)"
    assert r_term_name("meting[T.T1]") == "metingT1"
    assert r_term_name("C(bron)[T.energieleverancier]") == "bronenergieleverancier"
    assert r_term_name("meting[T.T2]:groep[T.interventie]") == "metingT2:groepinterventie"
    assert r_term_name("leeftijd") == "leeftijd"


def test_conditional_covariance_closed_form_balanced_intercept():
    # Balanced one-way random effects, intercept only: Var(grand mean) = (tau2 + sigma2 / m) / G
    groups, m, tau2, sigma2 = 7, 3, 2.0, 1.5
    rows = [np.arange(g * m, (g + 1) * m) for g in range(groups)]
    cov = conditional_fixed_cov(np.ones((groups * m, 1)), rows, tau2, sigma2)
    assert cov[0, 0] == pytest.approx((tau2 + sigma2 / m) / groups, rel=1e-12)


def test_recovers_planted_variance_components():
    # 600 participants x 3 measurements; planted tau2 = 4, sigma2 = 1, slope 0.5.
    # SE of the REML tau2 estimate is about sqrt(2/600) * (4 + 1/3) ~ 0.25: 5 SE margin = 1.3.
    rng = np.random.default_rng(11)
    ids = np.repeat(np.arange(600), 3)
    t = np.tile([0.0, 1.0, 2.0], 600)
    y = 1 + 0.5 * t + rng.normal(0, 2, 600)[ids] + rng.normal(0, 1, 1800)
    fit = fit_random_intercept(pd.DataFrame({"y": y, "t": t, "id": ids}), "y ~ t", group="id")
    assert fit.var_participant == pytest.approx(4, abs=1.3)
    assert fit.var_residual == pytest.approx(1, abs=0.2)
    assert fit.table.loc["t", "estimate"] == pytest.approx(0.5, abs=5 * fit.table.loc["t", "se"])

