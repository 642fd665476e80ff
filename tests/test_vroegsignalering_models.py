"""Models of the debt line: Kaplan–Meier per bron with privacy cut-offs, coefficient keys,
the monthly reach series and the interrupted time series on a planted training effect."""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from werkplaats.validate import load_dataset
from werkplaats.vroegsignalering import analysis as debt
from werkplaats.vroegsignalering import models as debt_models
from werkplaats.vroegsignalering.synth import generate

NAME = "vroegsignalering_signalen"


@pytest.fixture(scope="module")
def signals(reference_dir):
    return debt.prepare(load_dataset(NAME, reference_dir), peildatum="2026-06-30", write=False)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("debt_models")
    generate(np.random.default_rng(12), n_signals=40000)[NAME].to_csv(folder / f"{NAME}.csv", index=False)
    return debt.prepare(load_dataset(NAME, folder), write=False)


def test_doctests():
    assert doctest.testmod(debt_models).failed == 0


def test_curves_stop_where_fewer_than_min_cel_are_at_risk(signals):
    curves, table = debt_models.time_to_contact(signals, min_cel=1000)
    assert (curves["n_risk"] >= 1000).all()
    assert table["bron"].tolist() == ["zorgverzekeraar", "energieleverancier", "woningcorporatie",
                                      "drinkwaterbedrijf"]
    hidden = table[table["suppressed"]]
    assert set(hidden["bron"]) == set(table.loc[table["huishoudens"] < 1000, "bron"])
    assert hidden["day_30"].isna().all()
    assert set(curves["bron"]) == set(table.loc[~table["suppressed"], "bron"])


def test_coefficient_keys_map_statsmodels_names(signals):
    fit = debt_models.acceptance_model(signals)
    keyed = debt_models.coefficient_dict(fit.table)
    assert set(keyed) == {"energieleverancier", "woningcorporatie", "drinkwaterbedrijf", "log_achterstand"}
    assert all(v["estimate"] is not None for v in keyed.values())
    assert debt_models.coefficient_dict(None)["log_achterstand"] == {"estimate": None, "se": None}


def test_small_bron_levels_are_named(signals):
    water = signals[signals["bron"] == "drinkwaterbedrijf"]["huishouden"].unique()[:3]
    part = signals[(signals["bron"] != "drinkwaterbedrijf") | signals["huishouden"].isin(water)]
    assert debt_models.small_bron_terms(part, 10) == {"drinkwaterbedrijf"}


def test_monthly_reach_counts_months_from_the_training_and_skips_the_training_month(signals):
    monthly = debt_models.monthly_reach(signals, window=60)
    assert 0 not in set(monthly["maand"])
    assert set(monthly["team"]) == set(signals.loc[signals["team_getraind_op"].notna(), "team"])
    followed = signals["volgtijd"] >= 60
    eligible = signals[signals["contactpoging"] & signals["team_getraind_op"].notna() & followed]
    month = (eligible["signaal_datum"].dt.to_period("M") - eligible["team_getraind_op"].dt.to_period("M"))
    assert monthly["n"].sum() == (month.map(lambda m: m.n) != 0).sum()
    assert ((monthly["aandeel"] >= 0) & (monthly["aandeel"] <= 1)).all()


def test_its_finds_the_planted_jump_in_reach(synthetic):
    monthly, fit = debt_models.training_its(synthetic)
    level, slope = fit.table.loc["level_change"], fit.table.loc["slope_change"]
    # planted: +0.5 log-odds on reach and 0.8x delay after training; base reach about 30%
    assert level["ci_low"] > 0.04 and level["estimate"] < 0.25
    assert slope["ci_low"] < 0 < slope["ci_high"]
    by_month = debt_models.its_by_month(monthly, min_cel=10)
    assert by_month.loc[by_month["suppressed"], "aandeel"].isna().all()


def test_training_model_needs_both_trained_and_untrained(signals):
    assert debt_models.training_model(signals[~signals["getraind"]]) is None
    assert debt_models.contact_cox(signals.head(5)) is None
    assert debt_models.acceptance_model(signals.head(5)) is None


def test_training_effect_with_calendar_quarters_recovers_the_planted_effect(synthetic):
    followed = synthetic[synthetic["volgtijd"] >= 150]
    fit = debt_models.training_model(followed, calendar=True)
    row = fit.table.loc["getraind"]
    assert any(t.startswith("C(kwartaal)") for t in fit.table.index)
    assert row["ci_low"] < 0.5 < row["ci_high"]  # PLANTED["training_log_odds_reach"]


def test_every_bron_term_is_hidden_when_the_reference_bron_is_small(signals):
    # each bron coefficient contrasts with zorgverzekeraar: 4 reference households expose them all
    insurer = signals[signals["bron"] == "zorgverzekeraar"]["huishouden"].unique()[:4]
    part = signals[(signals["bron"] != "zorgverzekeraar") | signals["huishouden"].isin(insurer)]
    assert debt_models.small_bron_terms(part, 10) == {"energieleverancier", "woningcorporatie", "drinkwaterbedrijf"}
    assert debt_models.small_bron_terms(signals, 10) == set()
