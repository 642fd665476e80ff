"""Vroegsignalering end to end on the R reference data (peildatum 2026-06-30): the key
figures from the protected tables agree with R, every published table has roles and no
small count, and a too small focus publishes nothing about it."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.errors import ParameterError
from werkplaats.lines import load_line
from werkplaats.roles import roles_of
from werkplaats.vroegsignalering import analysis
from werkplaats.vroegsignalering.preparation import Prepared, prepare

REL = 1e-4
TERMS = {"energieleverancier": "bronenergieleverancier", "woningcorporatie": "bronwoningcorporatie",
         "drinkwaterbedrijf": "brondrinkwaterbedrijf", "log_achterstand": "log(amount)"}


@pytest.fixture(scope="module")
def prepared(reference_dir) -> Prepared:
    return prepare(load_line("vroegsignalering", reference_dir), peildatum="2026-06-30")


@pytest.fixture(scope="module")
def results(prepared):
    return analysis.analyse(prepared, min_cel=10)


@pytest.fixture(scope="module")
def figures(results):
    return analysis.key_figures(results)


def test_key_figures_have_exactly_the_contract_keys(figures):
    assert set(figures) == {"funnel", "contacted_by_day", "cox", "logit_accept", "training_effect"}
    assert set(figures["cox"]["coef"]) == set(TERMS) == set(figures["cox"]["se"])
    assert set(figures["logit_accept"]["coef"]) == set(TERMS)
    assert {"log_odds", "se", "odds_ratio", "ci"} <= set(figures["training_effect"])
    assert all(set(v) >= {"day_14", "day_30", "day_60"} for v in figures["contacted_by_day"].values())


def test_funnel_counts_are_exactly_rs(figures, r_results):
    for gemeente, expected in r_results["funnel"].items():
        got = figures["funnel"][gemeente]
        assert {k: got[k] for k in expected} == expected, gemeente
        assert got["suppressed"] is False
    steps = ("signalen", "contactpoging", "bereikt")
    total = {k: sum(g[k] for g in r_results["funnel"].values()) for k in steps}
    assert {k: figures["funnel"]["totaal"][k] for k in total} == total
    assert figures["funnel"]["totaal"]["huishoudens"] == 3506


def test_kaplan_meier_shares_agree_with_r(figures, r_results):
    for bron, expected in r_results["km_contacted_by_day"].items():
        for day, value in expected.items():
            assert figures["contacted_by_day"][bron][day] == pytest.approx(value, rel=REL), (bron, day)


def test_cox_agrees_with_r(figures, r_results):
    cox, r = figures["cox"], r_results["cox"]
    assert (cox["n"], cox["events"]) == (r["n"], r["events"])
    for ours, theirs in TERMS.items():
        assert cox["coef"][ours] == pytest.approx(r["coef"][theirs], rel=REL)
        assert cox["se"][ours] == pytest.approx(r["se"][theirs], rel=REL)
    assert cox["suppressed"] is False and cox["suppressed_terms"] == []


def test_acceptance_model_agrees_with_r(figures, r_results):
    got, r = figures["logit_accept"], r_results["logit_accept"]
    assert got["n"] == r["n"]
    for ours, theirs in TERMS.items():
        assert got["coef"][ours]["estimate"] == pytest.approx(r["coef"][theirs]["estimate"], rel=REL)
        assert got["coef"][ours]["se"] == pytest.approx(r["coef"][theirs]["se"], rel=REL)


def test_training_effect_agrees_with_r(figures, r_results):
    got, r = figures["training_effect"], r_results["training_effect"]
    assert got["n"] == r["n"]
    assert got["log_odds"] == pytest.approx(r["log_odds"], rel=REL)
    assert got["se"] == pytest.approx(r["se"], rel=REL)
    assert got["odds_ratio"] == pytest.approx(np.exp(r["log_odds"]), rel=REL)
    lo, hi = np.exp(r["log_odds"] + np.array([-1, 1]) * 1.959964 * r["se"])
    assert got["ci"] == pytest.approx([lo, hi], rel=REL)


def test_parameters_are_as_used(results):
    assert results.parameters == {"gemeente": "alle", "min_cel": 10, "peildatum": "2026-06-30"}


def _one_hidden(table: pd.DataFrame) -> list:
    """Additive relations of ``table`` with exactly one blanked cell (recoverable by subtraction)."""
    roles, bad = roles_of(table), []
    for i, row in table.reset_index(drop=True).iterrows():
        for whole, parts in roles.totals.items():
            if sum(pd.isna(row[c]) for c in (whole, *parts)) == 1:
                bad.append((i, whole))
    if roles.partition:
        others = [c for c in roles.labels if c != roles.partition]
        groups = table.groupby(others, dropna=False) if others else [((), table)]
        for key, group in groups:
            for col in roles.counts:  # a lone part without a total row here: its total elsewhere equals it
                if group[col].isna().sum() == 1 and len(group) > 1:
                    bad.append((key, col))
    return bad


@pytest.mark.parametrize("min_cel", [10, 60])
def test_every_published_table_has_roles_and_no_small_count(prepared, min_cel):
    results = analysis.analyse(prepared, gemeente="Woerden", min_cel=min_cel)
    published = analysis.tables(results)
    assert set(published) == set(analysis.TABLES)
    for name, table in published.items():
        roles = roles_of(table)
        assert set(roles.columns) == set(table.columns), name
        headers = [r.header for r in roles.columns.values()]
        assert len(set(headers)) == len(headers), (name, headers)  # a reader tells every column apart
        for col in roles.counts:
            values = pd.to_numeric(table[col], errors="coerce")
            assert not values.between(1, min_cel - 1).any(), (name, col)
        assert not _one_hidden(table), name


def test_focus_gemeente_models_use_its_signals_only(prepared, r_results):
    results = analysis.analyse(prepared, gemeente="woerden")
    assert results.gemeente == "Woerden" == results.parameters["gemeente"]
    total = results.trechter_bron.iloc[-1]
    assert {k: int(total[k]) for k in r_results["funnel"]["Woerden"]} == r_results["funnel"]["Woerden"]
    assert results.fits["cox"].n == 936
    assert set(results.trechter_gemeente["gemeente"]) == {*r_results["funnel"], "totaal"}


def test_unknown_gemeente_is_a_dutch_parameter_error(prepared):
    with pytest.raises(ParameterError, match="gemeente 'Zeist' komt niet voor"):
        analysis.analyse(prepared, gemeente="Zeist")


def test_everything_is_suppressed_below_min_cel(prepared):
    figures = analysis.key_figures(analysis.analyse(prepared, min_cel=100_000))
    assert all(v["suppressed"] and v["signalen"] is None for v in figures["funnel"].values())
    assert all(v["suppressed"] and v["day_30"] is None for v in figures["contacted_by_day"].values())
    assert figures["cox"]["suppressed"] and figures["cox"]["coef"]["log_achterstand"] is None
    assert figures["cox"]["n"] is None and figures["logit_accept"]["suppressed"]
    assert figures["training_effect"]["suppressed"] and figures["training_effect"]["log_odds"] is None


def test_a_too_small_focus_publishes_nothing_about_it(prepared):
    signals = prepared.signals
    leusden = signals["gemeente"] == "Leusden"
    few = signals.loc[leusden, "huishouden"].unique()[:8]
    part = Prepared(signals[~leusden | signals["huishouden"].isin(few)], prepared.peildatum, 6000)
    results = analysis.analyse(part, gemeente="Leusden", min_cel=10)
    published, figures = analysis.tables(results), analysis.key_figures(results)
    assert figures["funnel"]["Leusden"]["suppressed"] and figures["funnel"]["Leusden"]["signalen"] is None
    assert published["trechter_bron"]["suppressed"].all()
    assert published["trechter_bron"]["signalen"].iloc[:-1].isna().all()
    assert all(v["suppressed"] for v in figures["contacted_by_day"].values())
    for key in ("cox", "logit_accept", "training_effect"):
        assert figures[key]["suppressed"] is True, key
    assert published["tijdreeks_model"]["estimate"].isna().all()


def test_a_bron_coefficient_on_few_reference_households_is_hidden(prepared):
    # each bron coefficient contrasts with zorgverzekeraar: 4 reference households expose them all
    signals = prepared.signals
    insurer = signals.loc[signals["bron"] == "zorgverzekeraar", "huishouden"].unique()[:4]
    part = Prepared(signals[(signals["bron"] != "zorgverzekeraar") | signals["huishouden"].isin(insurer)],
                    prepared.peildatum, 6000)
    figures = analysis.key_figures(analysis.analyse(part, min_cel=10))
    assert figures["cox"]["suppressed_terms"] == ["drinkwaterbedrijf", "energieleverancier", "woningcorporatie"]
    assert figures["cox"]["coef"]["log_achterstand"] is not None and not figures["cox"]["suppressed"]
