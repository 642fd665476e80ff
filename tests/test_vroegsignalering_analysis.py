"""Debt signalling end to end on the R reference data (peildatum 2026-06-30), the meldingen
and peildatum rules on small hand-made data, suppression, and bad input."""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

from werkplaats.errors import DataError, ParameterError
from werkplaats.validate import load_dataset
from werkplaats.vroegsignalering import analysis as debt

NAME = "vroegsignalering_signalen"
REL = 1e-4
TERMS = {"energieleverancier": "bronenergieleverancier", "woningcorporatie": "bronwoningcorporatie",
         "drinkwaterbedrijf": "brondrinkwaterbedrijf", "log_achterstand": "log(amount)"}


@pytest.fixture(scope="module")
def loaded(reference_dir):
    return load_dataset(NAME, reference_dir)


@pytest.fixture(scope="module")
def signals(loaded):
    return debt.prepare(loaded, peildatum="2026-06-30", write=False)


@pytest.fixture(scope="module")
def figures(signals):
    return debt.key_figures(debt.analyse(signals, min_cel=10))


def test_doctests():
    assert doctest.testmod(debt).failed == 0


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


def test_funnel_rates_and_wilson_intervals(signals):
    table = debt.funnel(signals, "bron")
    assert table["bron"].tolist()[-1] == "totaal"
    row = table.iloc[-1]
    assert row["aandeel_bereikt"] == pytest.approx(1827 / 5398)
    assert row["aandeel_bereikt_ci_low"] < row["aandeel_bereikt"] < row["aandeel_bereikt_ci_high"]
    assert table["signalen"].iloc[:-1].sum() == 6000


def test_prepared_data_without_identifiers_are_written(loaded, tmp_path):
    path = tmp_path / "vroegsignalering_signalen.parquet"
    debt.prepare(loaded, peildatum="2026-06-30", path=path)
    written = pd.read_parquet(path)
    assert len(written) == 6000
    assert not {"signaal_id", "huishouden_id"} & set(written.columns)
    assert written["huishouden"].nunique() == 3506
    assert {"bereikt", "dagen", "getraind", "melding", "herhaalmelding"} <= set(written.columns)


def _signals(rows: list[tuple]) -> pd.DataFrame:
    """Typed signals from (household, signal date, attempt, contact, outcome, team trained on)."""
    frame = pd.DataFrame(rows, columns=["huishouden_id", "signaal_datum", "contactpoging_datum",
                                        "contact_datum", "uitkomst", "team_getraind_op"])
    for col in ("signaal_datum", "contactpoging_datum", "contact_datum", "team_getraind_op"):
        frame[col] = pd.to_datetime(frame[col])
    return frame.assign(gemeente="Utrecht", gemeente_code="GM0344", team="Utrecht team A",
                        bron=pd.Categorical(["zorgverzekeraar"] * len(frame)), achterstand_euro=100.0)


def test_meldingen_bundle_a_calendar_month_and_flag_repeats_within_six_months():
    data = _signals([
        ("H1", "2025-01-05", None, None, None, None), ("H1", "2025-01-31", None, None, None, None),
        ("H1", "2025-07-01", None, None, None, None),  # 6 months after January: repeat
        ("H1", "2026-02-01", None, None, None, None),  # 7 months after July: new
        ("H2", "2025-01-20", None, None, None, None)])
    prepared = debt.prepare(data, peildatum="2026-06-30", write=False)
    assert prepared["melding"].nunique() == 4
    assert prepared["melding"].iloc[0] == prepared["melding"].iloc[1]
    assert prepared["herhaalmelding"].tolist() == [False, False, True, False, False]


def test_peildatum_censors_and_leaves_out_later_signals():
    data = _signals([
        ("H1", "2025-01-01", "2025-01-03", "2025-01-20", "hulp geaccepteerd", "2025-01-01"),
        ("H2", "2025-01-01", "2025-01-03", "2025-03-01", "hulp geweigerd", "2025-06-01"),
        ("H3", "2025-01-10", "2025-02-15", None, "niet bereikt", None),
        ("H4", "2025-03-01", None, None, None, None)])
    prepared = debt.prepare(data, peildatum="01-02-2025", write=False)
    assert len(prepared) == 3  # H4 came after the peildatum
    assert prepared["bereikt"].tolist() == [True, False, False]
    assert prepared["dagen"].tolist() == [19.0, 31.0, 22.0]
    assert prepared["contactpoging"].tolist() == [True, True, False]
    assert prepared["uitkomst"].isna().tolist() == [False, True, True]
    assert prepared["getraind"].tolist() == [True, False, False]
    default = debt.prepare(data, write=False)
    assert default.attrs["peildatum"] == "2025-03-01" and len(default) == 4


def test_bad_peildatum_and_gemeente_are_dutch_parameter_errors(signals):
    with pytest.raises(ParameterError, match="peildatum '30 juni' is geen datum"):
        debt.check_peildatum("30 juni", signals)
    with pytest.raises(ParameterError, match="gemeente 'Zeist' komt niet voor"):
        debt.analyse(signals, gemeente="Zeist")
    assert debt.check_gemeente(signals, "woerden") == "Woerden"


def test_focus_gemeente_models_use_its_signals_only(signals, r_results):
    results = debt.analyse(signals, gemeente="Woerden")
    total = results.funnel_bron.iloc[-1]
    assert {k: int(total[k]) for k in r_results["funnel"]["Woerden"]} == r_results["funnel"]["Woerden"]
    assert results.cox.n == 936 and results.n_signals == 936
    assert set(results.funnel_gemeente["gemeente"]) == {*r_results["funnel"], "totaal"}


def test_everything_is_suppressed_below_min_cel(signals):
    figures = debt.key_figures(debt.analyse(signals, min_cel=100_000))
    assert all(v["suppressed"] and v["signalen"] is None for v in figures["funnel"].values())
    assert all(v["suppressed"] and v["day_30"] is None for v in figures["contacted_by_day"].values())
    assert figures["cox"]["suppressed"] and figures["cox"]["coef"]["log_achterstand"] is None
    assert figures["logit_accept"]["suppressed"]
    assert figures["training_effect"]["suppressed"] and figures["training_effect"]["log_odds"] is None


def test_one_small_gemeente_is_suppressed_with_a_second_one(signals):
    leusden = signals["gemeente"] == "Leusden"
    few = signals.loc[leusden, "huishouden"].unique()[:5]
    part = signals[~leusden | signals["huishouden"].isin(few)]
    table = debt.funnel(part, "gemeente", min_cel=10)
    hidden = table.loc[table["suppressed"], "gemeente"].tolist()
    assert "Leusden" in hidden and len(hidden) == 2  # plus the next smallest, else the total reveals it
    assert table.loc[table["gemeente"] == "totaal", "signalen"].notna().all()
    assert table.loc[table["suppressed"], ["signalen", "huishoudens", "aandeel_bereikt"]].isna().all().all()


@pytest.mark.parametrize("column, edit, row, value", [
    ("contact_datum", lambda t: t.assign(contact_datum=t["contact_datum"].mask(t.index == 2, "2025-02-01")),
     4, "2025-02-01"),  # contact before the signal (2025-02-21) and the attempt
    ("achterstand_euro",
     lambda t: t.assign(achterstand_euro=t["achterstand_euro"].mask(t.index == 6, "-12.50")), 8, "-12.50"),
    ("bron", lambda t: t.assign(bron=t["bron"].mask(t.index == 9, "telecomprovider")), 11, "telecomprovider"),
])
def test_bad_input_gives_a_dutch_error_naming_column_row_and_value(copy_reference, column, edit, row, value):
    folder = copy_reference(NAME, edit)
    with pytest.raises(DataError) as info:
        load_dataset(NAME, folder)
    message = str(info.value)
    assert info.value.column == column and row in info.value.rows
    assert f"kolom {column}" in message and f"rij {row}" in message and value in message
    assert NAME in message


def _hand_funnel_signals() -> pd.DataFrame:
    """Two gemeenten of 20 one-signal households. A: 20 attempts, 4 reached, 2 accepted; B: all 20 reached,
    15 accepted."""
    a = pd.DataFrame({"gemeente": "A", "contactpoging": True, "bereikt": [True] * 4 + [False] * 16,
                      "geaccepteerd": [True] * 2 + [False] * 18})
    b = pd.DataFrame({"gemeente": "B", "contactpoging": True, "bereikt": True,
                      "geaccepteerd": [True] * 15 + [False] * 5}, index=range(20))
    frame = pd.concat([a, b], ignore_index=True)
    return frame.assign(huishouden=range(40), melding=range(40))


def test_funnel_blanks_small_step_counts_and_the_shares_built_on_them():
    table = debt.funnel(_hand_funnel_signals(), "gemeente", min_cel=10).set_index("gemeente")
    a = table.loc["A"]
    assert not a["suppressed"] and a["huishoudens"] == 20 and a["contactpoging"] == 20
    assert np.isnan(a["bereikt"]) and np.isnan(a["geaccepteerd"])  # 4 and 2 people
    assert a[["aandeel_bereikt", "aandeel_bereikt_ci_low", "aandeel_geaccepteerd"]].isna().all()  # 4/20, 2/4
    assert a["aandeel_contactpoging"] == 1.0
    b = table.loc["B"]
    assert (b["bereikt"], b["geaccepteerd"], b["aandeel_geaccepteerd"]) == (20, 15, 0.75)
    assert table.loc["totaal", "aandeel_bereikt"] == pytest.approx(24 / 40)
    figures = debt.funnel_figures(table.reset_index())
    assert figures["A"]["bereikt"] is None and figures["A"]["contactpoging"] == 20


def test_data_check_publishes_no_count_below_min_cel(loaded, signals):
    table = debt.data_check(loaded, signals, min_cel=10).set_index("onderdeel")["waarde"]
    numbers = [v for k, v in table.items() if not k.startswith(("teams", "kolom"))]
    assert all(isinstance(v, str) and v == "minder dan 10" or v == 0 or v >= 10 for v in numbers), numbers
    assert table["signalen in de analyse"] == 6000
    few = signals.head(3).copy()
    few.attrs = signals.attrs
    small = debt.data_check(few, few, min_cel=10).set_index("onderdeel")["waarde"]
    assert small["signalen in de analyse"] == "minder dan 10" and small["rijen (signalen) in het bestand"] != 3
