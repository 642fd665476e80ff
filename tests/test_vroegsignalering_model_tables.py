"""The model tables: R's estimates in declared tables, each statistic on the households it
rests on, and protection of a term on too few households."""

from __future__ import annotations

import numpy as np
import pytest

from werkplaats.disclosure import protect
from werkplaats.lines import load_line
from werkplaats.roles import roles_of
from werkplaats.vroegsignalering import model_tables, models
from werkplaats.vroegsignalering.preparation import prepare

TERMS = {"energieleverancier": "bronenergieleverancier", "woningcorporatie": "bronwoningcorporatie",
         "drinkwaterbedrijf": "brondrinkwaterbedrijf", "log_achterstand": "log(amount)"}


@pytest.fixture(scope="module")
def signals(reference_dir):
    return prepare(load_line("vroegsignalering", reference_dir), peildatum="2026-06-30").signals


def test_cox_table_holds_rs_coefficients_and_hazard_ratios(signals, r_results):
    table = model_tables.coefficient_table(models.contact_cox(signals), signals, ratio="hazard_ratio")
    table = table.set_index("term")
    for ours, theirs in TERMS.items():
        assert table.loc[ours, "estimate"] == pytest.approx(r_results["cox"]["coef"][theirs], rel=1e-4)
        assert table.loc[ours, "hazard_ratio"] == pytest.approx(np.exp(r_results["cox"]["coef"][theirs]), rel=1e-4)
        assert table.loc[ours, "hazard_ratio_ci_low"] < table.loc[ours, "hazard_ratio"]
    roles = roles_of(table.reset_index())
    assert roles.columns["estimate"].on == ("huishoudens", "huishoudens_referentie")


def test_a_term_on_few_households_is_blanked(signals):
    water = signals.loc[signals["bron"] == "drinkwaterbedrijf", "huishouden"].unique()[:3]
    part = signals[(signals["bron"] != "drinkwaterbedrijf") | signals["huishouden"].isin(water)]
    table = protect(model_tables.coefficient_table(models.contact_cox(part), part, ratio="hazard_ratio"),
                    min_cel=10).set_index("term")
    assert table.loc["drinkwaterbedrijf", ["estimate", "se", "hazard_ratio", "p"]].isna().all()
    assert table.loc["woningcorporatie", ["estimate", "se"]].notna().all()


def test_a_model_that_cannot_be_fitted_gives_empty_estimates(signals):
    table = model_tables.coefficient_table(None, signals)
    assert table["estimate"].isna().all() and table["huishoudens"].iloc[-1] == 3506


def test_training_table_agrees_with_r_and_adds_up(signals, r_results):
    fits = {False: models.training_model(signals), True: models.training_model(signals, calendar=True)}
    table = model_tables.training_table(fits, signals).set_index("model")
    row = table.loc[model_tables.TRAINING_LABELS[False]]
    assert row["log_odds"] == pytest.approx(r_results["training_effect"]["log_odds"], rel=1e-4)
    assert row["signalen"] == r_results["training_effect"]["n"] == row["getraind"] + row["niet_getraind"]


def test_its_tables_pool_the_teams(signals):
    monthly = models.monthly_reach(signals)
    fit = models.training_its(monthly)
    pooled = model_tables.its_month_table(monthly, fit)
    assert pooled["n"].sum() == monthly["n"].sum()
    assert pooled.loc[pooled["maand"] < 0, "verwacht"].isna().all()
    assert pooled.loc[pooled["maand"] > 0, "verwacht"].notna().all()
    terms = model_tables.its_model_table(fit, monthly)
    assert terms["term"].tolist() == list(model_tables.ITS_LABELS.values())
    assert terms["teams"].iloc[0] == monthly["team"].nunique()
    per_team = protect(model_tables.its_team_table(monthly), min_cel=10)
    assert not per_team["n"].between(1, 9).any() and not per_team["bereikt"].between(1, 9).any()
