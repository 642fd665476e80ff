"""The statistics against R on R's own example datasets, and no silent wrong answers (issue 14).

R values: tests/fixtures/r/stats_reference.json, made by tests/fixtures/r/stats_reference.R.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from support import FIXTURES

from werkplaats.stats.effects import ancova, cohens_d, difference_in_differences
from werkplaats.stats.glm import fit_logit
from werkplaats.stats.survival import cox_efron, kaplan_meier, median_survival

R_DIR = FIXTURES / "r"


@pytest.fixture(scope="module")
def r() -> dict:
    return json.loads((R_DIR / "stats_reference.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lung() -> pd.DataFrame:
    return pd.read_csv(R_DIR / "lung.csv")


def _logit_terms(fit) -> dict[str, tuple[float, float]]:
    return {("(Intercept)" if t == "Intercept" else t): (row["estimate"], row["se"])
            for t, row in fit.table.iterrows()}


def test_logit_converges_to_r_at_tight_tolerance(r):
    fit = fit_logit(pd.read_csv(R_DIR / "infert.csv"), "case ~ spontaneous + induced + age")
    for term, (estimate, se) in _logit_terms(fit).items():
        assert estimate == pytest.approx(r["glm_infert"]["tight"]["estimate"][term], rel=1e-8), term
        assert se == pytest.approx(r["glm_infert"]["tight"]["se"][term], rel=1e-8), term


def test_logit_text_outcome_needs_the_modelled_value(r):
    data = pd.read_csv(R_DIR / "infert.csv")
    data["uitkomst"] = np.where(data["case"] == 1, "ja", "nee")
    with pytest.raises(ValueError, match="event="):
        fit_logit(data, "uitkomst ~ spontaneous + induced + age")
    fit = fit_logit(data, "uitkomst ~ spontaneous + induced + age", event="ja")
    assert fit.event == "ja"
    for term, (estimate, se) in _logit_terms(fit).items():
        assert estimate == pytest.approx(r["glm_infert_text"]["estimate"][term], rel=1e-8), term
        assert se == pytest.approx(r["glm_infert_text"]["se"][term], rel=1e-8), term
    with pytest.raises(ValueError, match="komt niet voor"):
        fit_logit(data, "uitkomst ~ age", event="Yes")


def test_logit_boolean_outcome_models_true():
    data = pd.read_csv(R_DIR / "infert.csv")
    as_bool = fit_logit(data.assign(case=data["case"] == 1), "case ~ age").table["estimate"]
    as_int = fit_logit(data, "case ~ age").table["estimate"]
    np.testing.assert_allclose(as_bool, as_int, rtol=1e-12)


def test_cox_drops_incomplete_rows_with_a_count_and_agrees_with_r(r, lung):
    with pytest.raises(ValueError, match="1/2"):
        cox_efron(lung["time"], lung["status"], lung[["age", "sex", "ph.ecog"]])
    with pytest.warns(UserWarning, match="1 van 228 rijen weggelaten"):
        fit = cox_efron(lung["time"], lung["status"] - 1, lung[["age", "sex", "ph.ecog"]])
    ref = r["cox_lung"]
    assert (fit.n, fit.events, fit.dropped) == (ref["n"], ref["nevent"], ref["dropped"])
    for term in ("age", "sex", "ph.ecog"):
        assert fit.table.loc[term, "estimate"] == pytest.approx(ref["coef"][term], rel=1e-6), term
        assert fit.table.loc[term, "se"] == pytest.approx(ref["se"][term], rel=1e-6), term


def test_kaplan_meier_refuses_status_1_2(lung):
    with pytest.raises(ValueError, match="status moet 0"):
        kaplan_meier(lung["time"], lung["status"])


def test_median_survival_agrees_with_survfit(r, lung):
    def check(got, ref):
        for key in ("median", "ci_low", "ci_high"):
            if ref[key] is None:
                assert np.isnan(got[key]), key
            else:
                assert got[key] == pytest.approx(ref[key], rel=1e-12), key

    check(median_survival(kaplan_meier(lung["time"], lung["status"] - 1)), r["median_lung"])
    for sex, part in lung.groupby("sex"):
        check(median_survival(kaplan_meier(part["time"], part["status"] - 1)), r["median_lung_by_sex"][str(sex)])


def test_hedges_g_se_and_interval_agree_with_effsize(r, lung):
    sleep = pd.read_csv(R_DIR / "sleepstudy.csv")
    sleep = sleep[sleep["Days"].isin([0, 9])]
    cases = [(sleep["Reaction"], sleep["Days"], 9, 0, r["hedges_sleep"]),
             (lung["age"], lung["sex"], 1, 2, r["hedges_lung_age"])]
    for values, groups, treatment, control, ref in cases:
        g = cohens_d(values, groups, treatment=treatment, control=control)
        assert g.hedges_g == pytest.approx(ref["g"], rel=1e-10)
        assert g.se_g == pytest.approx(ref["se"], rel=1e-10)
        assert g.ci_g == pytest.approx(tuple(ref["ci"]), rel=1e-10)


@pytest.mark.parametrize("labels", [(1, 0), ("1", "0"), (1.0, 0.0), (" 1", "0 ")], ids=str)
@pytest.mark.parametrize("given", [(1, 0), ("1", "0")], ids=str)
def test_numeric_and_text_group_labels_give_the_same_answer(labels, given):
    rng = np.random.default_rng(4)
    pre = rng.normal(5, 1, 40)
    arm = np.repeat([True, False], 20)
    post = pre - 1.0 * arm + rng.normal(0, 1, 40)
    named = pd.DataFrame({"pre": pre, "post": post, "groep": np.where(arm, "interventie", "controle")})
    coded = named.assign(groep=pd.Series(np.where(arm, labels[0], labels[1]), dtype=object))
    expected = ancova(named, outcome="post", baseline="pre")
    got = ancova(coded, outcome="post", baseline="pre", treatment=given[0], control=given[1])
    assert (got.effect, got.se) == pytest.approx((expected.effect, expected.se), rel=1e-12)
    did = difference_in_differences(coded, pre="pre", post="post", treatment=given[0], control=given[1])
    assert did.effect == pytest.approx(difference_in_differences(named, pre="pre", post="post").effect)
    d = cohens_d(coded["post"], coded["groep"], treatment=given[0], control=given[1])
    assert d.cohen_d == pytest.approx(cohens_d(named["post"], named["groep"]).cohen_d, rel=1e-12)


def test_a_group_that_is_not_there_is_one_clear_error():
    data = pd.DataFrame({"pre": [1.0, 2, 3, 4], "post": [1.0, 2, 2, 3], "groep": [1, 0, 1, 0]})
    with pytest.raises(ValueError, match="onbekende groep 0, 1"):
        ancova(data, outcome="pre", baseline="post")  # default labels interventie/controle
    with pytest.raises(ValueError, match="groep 2 komt niet voor"):
        ancova(data.assign(groep=0), outcome="pre", baseline="post", treatment=2, control=0)
    with pytest.raises(ValueError, match="te weinig waarden"):
        cohens_d(data["post"], data["groep"], treatment=2, control=0)
