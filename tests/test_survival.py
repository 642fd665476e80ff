"""Kaplan–Meier and the Efron Cox model against R (reference data), a textbook table and
statsmodels' independent PHReg implementation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.stats.survival import cox_efron, kaplan_meier, share_by_time
from werkplaats.validate import load_dataset

REL = 1e-4
PEILDATUM = pd.Timestamp("2026-06-30")
R_NAMES = {"energieleverancier": "bronenergieleverancier", "woningcorporatie": "bronwoningcorporatie",
           "drinkwaterbedrijf": "brondrinkwaterbedrijf", "log_amount": "log(amount)"}

# Gehan (1965) 6-MP arm of the leukaemia remission trial; the textbook KM table
# (e.g. R: summary(survfit(Surv(time, cens) ~ 1, data = subset(MASS::gehan, treat == "6-MP")))).
GEHAN_TIME = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35]
GEHAN_EVENT = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]
GEHAN_TABLE = pd.DataFrame({  # time, n.risk, n.event, survival, std.err, lower, upper (log CI)
    "time": [6, 7, 10, 13, 16, 22, 23], "n_risk": [21, 17, 15, 12, 11, 7, 6],
    "survival": [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448],
    "std_err": [0.0764, 0.0869, 0.0963, 0.1068, 0.1141, 0.1282, 0.1346],
    "lower": [0.720, 0.653, 0.586, 0.510, 0.439, 0.337, 0.249],
    "upper": [1.000, 0.996, 0.968, 0.935, 0.896, 0.858, 0.807]})


@pytest.fixture(scope="module")
def reference():
    data = load_dataset("vroegsignalering_signalen", "tests/fixtures/reference").data
    event = data["contact_datum"].notna().to_numpy()
    end = data["contact_datum"].where(event, PEILDATUM)
    days = (end - data["signaal_datum"]).dt.days.to_numpy(float)
    return data, days, event



def test_kaplan_meier_reproduces_the_gehan_textbook_table():
    km = kaplan_meier(GEHAN_TIME, GEHAN_EVENT)
    events = km[km["events"] > 0].reset_index(drop=True)
    assert events["time"].tolist() == GEHAN_TABLE["time"].tolist()
    assert events["n_risk"].tolist() == GEHAN_TABLE["n_risk"].tolist()
    assert events["survival"].to_numpy() == pytest.approx(GEHAN_TABLE["survival"], abs=5e-4)
    std_err = (events["survival"] * events["se_log"]).to_numpy()
    assert std_err == pytest.approx(GEHAN_TABLE["std_err"], abs=5e-5)
    assert events["ci_low"].to_numpy() == pytest.approx(GEHAN_TABLE["lower"], abs=5e-4)
    assert events["ci_high"].to_numpy() == pytest.approx(GEHAN_TABLE["upper"], abs=5e-4)


def test_share_by_time_is_a_right_continuous_step_carried_past_the_end():
    km = kaplan_meier(GEHAN_TIME, GEHAN_EVENT)
    at = share_by_time(km, [0, 6, 8, 23, 100])
    assert at["share"].tolist()[0] == 0.0
    assert at["share"].to_numpy()[1:] == pytest.approx([3 / 21, 1 - 18 / 21 * 16 / 17, 1 - 0.448, 1 - 0.448],
                                                       abs=5e-4)
    assert at["ci_low"].iloc[0] == 0.0 and at["ci_high"].iloc[0] == 0.0


def test_kaplan_meier_share_by_day_agrees_with_r(reference, r_results):
    data, days, event = reference
    for bron, expected in r_results["km_contacted_by_day"].items():
        mask = (data["bron"] == bron).to_numpy()
        got = share_by_time(kaplan_meier(days[mask], event[mask]), [14, 30, 60])["share"]
        want = [expected["day_14"], expected["day_30"], expected["day_60"]]
        assert got.tolist() == pytest.approx(want, rel=REL)


def _covariates(data: pd.DataFrame) -> pd.DataFrame:
    x = pd.DataFrame({b: (data["bron"] == b).astype(float) for b in
                      ("energieleverancier", "woningcorporatie", "drinkwaterbedrijf")})
    return x.assign(log_amount=np.log(data["achterstand_euro"]))


def test_cox_efron_agrees_with_r_coxph(reference, r_results):
    data, days, event = reference
    fit = cox_efron(days, event, _covariates(data))
    r = r_results["cox"]
    assert fit.converged and (fit.n, fit.events) == (r["n"], r["events"])
    for ours, theirs in R_NAMES.items():
        assert fit.table.loc[ours, "estimate"] == pytest.approx(r["coef"][theirs], rel=REL)
        assert fit.table.loc[ours, "se"] == pytest.approx(r["se"][theirs], rel=REL)


def test_cox_efron_agrees_with_statsmodels_on_heavily_tied_data():
    import statsmodels.api as sm

    rng = np.random.default_rng(11)
    n = 800
    x = pd.DataFrame({"a": rng.random(n) < 0.4, "b": rng.normal(size=n)}).astype(float)
    hazard = np.exp(0.7 * x["a"] - 0.4 * x["b"])
    time = np.ceil(rng.exponential(8 / hazard))  # whole days: many ties
    censor = rng.integers(1, 40, size=n)
    event = (time <= censor).astype(int)
    time = np.minimum(time, censor)
    ours = cox_efron(time, event, x)
    theirs = sm.PHReg(time, x.to_numpy(), status=event, ties="efron").fit()
    assert ours.table["estimate"].to_numpy() == pytest.approx(theirs.params, rel=1e-6)
    assert ours.table["se"].to_numpy() == pytest.approx(theirs.bse, rel=1e-6)
    assert ours.loglik == pytest.approx(theirs.llf, rel=1e-9)


def test_cox_recovers_a_planted_hazard_ratio():
    rng = np.random.default_rng(5)
    n = 20000
    x = pd.DataFrame({"groep": (rng.random(n) < 0.5).astype(float)})
    time = np.ceil(rng.exponential(20 / np.exp(0.5 * x["groep"])))
    fit = cox_efron(time, np.ones(n), x)
    row = fit.table.loc["groep"]
    assert row["ci_low"] < 0.5 < row["ci_high"]
    assert row["hazard_ratio"] == pytest.approx(np.exp(row["estimate"]))


def test_bad_input_is_refused():
    with pytest.raises(ValueError):
        kaplan_meier([1, 2, np.nan], [1, 0, 1])
    with pytest.raises(ValueError):
        cox_efron([1, 2], [1, 1], pd.DataFrame({"x": [0.0, 1.0, 2.0]}))
