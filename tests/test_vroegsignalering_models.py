"""Models of the debt line: Kaplan–Meier per bron, the monthly reach series and the
interrupted time series and training models on planted effects; None only when a model
cannot be fitted."""

from __future__ import annotations

import numpy as np
import pytest

from werkplaats.lines import load_line
from werkplaats.vroegsignalering import models
from werkplaats.vroegsignalering.preparation import prepare
from werkplaats.vroegsignalering.synth import PLANTED, generate

NAME = "vroegsignalering_signalen"


@pytest.fixture(scope="module")
def signals(reference_dir):
    return prepare(load_line("vroegsignalering", reference_dir), peildatum="2026-06-30").signals


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("debt_models")
    generate(np.random.default_rng(12), n_signals=40000)[NAME].to_csv(folder / f"{NAME}.csv", index=False)
    return prepare(load_line("vroegsignalering", folder)).signals


def test_kaplan_meier_per_bron_agrees_with_r(signals, r_results):
    curves, table = models.time_to_contact(signals)
    assert table["bron"].tolist() == ["zorgverzekeraar", "energieleverancier", "woningcorporatie",
                                      "drinkwaterbedrijf"]
    for bron, expected in r_results["km_contacted_by_day"].items():
        row = table.set_index("bron").loc[bron]
        for day, value in expected.items():
            assert row[day] == pytest.approx(value, rel=1e-4), (bron, day)
    assert set(curves["bron"]) == set(table["bron"])
    assert curves.groupby("bron")["n_risk"].max().to_dict() == table.set_index("bron")["signalen"].to_dict()


def test_monthly_reach_counts_months_from_the_training_and_skips_the_training_month(signals):
    monthly = models.monthly_reach(signals, window=60)
    assert 0 not in set(monthly["maand"])
    assert set(monthly["team"]) == set(signals.loc[signals["team_getraind_op"].notna(), "team"])
    followed = signals["volgtijd"] >= 60
    eligible = signals[signals["contactpoging"] & signals["team_getraind_op"].notna() & followed]
    month = (eligible["signaal_datum"].dt.to_period("M") - eligible["team_getraind_op"].dt.to_period("M"))
    assert monthly["n"].sum() == (month.map(lambda m: m.n) != 0).sum()
    assert ((monthly["aandeel"] >= 0) & (monthly["aandeel"] <= 1)).all()


def test_its_finds_the_planted_jump_in_reach(synthetic):
    fit = models.training_its(models.monthly_reach(synthetic))
    level, slope = fit.table.loc["level_change"], fit.table.loc["slope_change"]
    # planted: +0.5 log-odds on reach and 0.8x delay after training; base reach about 30%
    assert level["ci_low"] > 0.04 and level["estimate"] < 0.25
    assert slope["ci_low"] < 0 < slope["ci_high"]


def test_models_that_cannot_be_fitted_are_none(signals):
    assert models.training_model(signals[~signals["getraind"]]) is None
    assert models.contact_cox(signals[~signals["bereikt"]]) is None
    assert models.contact_cox(signals[signals["bron"] != "zorgverzekeraar"]) is None
    assert models.acceptance_model(signals[~signals["geaccepteerd"]]) is None
    assert models.training_its(models.monthly_reach(signals[~signals["getraind"]])) is None  # no month after


def test_training_effect_with_calendar_quarters_recovers_the_planted_effect(synthetic):
    followed = synthetic[synthetic["volgtijd"] >= 150]
    fit = models.training_model(followed, calendar=True)
    row = fit.table.loc["getraind"]
    assert any(t.startswith("C(kwartaal)") for t in fit.table.index)
    assert row["ci_low"] < PLANTED["training_log_odds_reach"] < row["ci_high"]


def test_bron_dummies_leave_out_the_reference(signals):
    dummies = models.bron_dummies(signals)
    assert list(dummies.columns) == ["energieleverancier", "woningcorporatie", "drinkwaterbedrijf", "log_achterstand"]
    assert dummies["woningcorporatie"].sum() == (signals["bron"] == "woningcorporatie").sum()
