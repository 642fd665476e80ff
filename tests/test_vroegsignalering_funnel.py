"""The funnel, signals per month and the data check: counts and shares against R and hand
counts, and what protection (werkplaats.disclosure) leaves of them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.disclosure import protect
from werkplaats.lines import load_line
from werkplaats.roles import roles_of
from werkplaats.vroegsignalering import funnel as funnels
from werkplaats.vroegsignalering.preparation import Prepared, prepare


@pytest.fixture(scope="module")
def prepared(reference_dir) -> Prepared:
    return prepare(load_line("vroegsignalering", reference_dir), peildatum="2026-06-30")


@pytest.fixture(scope="module")
def signals(prepared) -> pd.DataFrame:
    return prepared.signals


def test_funnel_counts_per_gemeente_are_exactly_rs(signals, r_results):
    table = funnels.funnel(signals, "gemeente").set_index("gemeente")
    for gemeente, expected in r_results["funnel"].items():
        assert {k: int(table.loc[gemeente, k]) for k in expected} == expected, gemeente
    assert table.loc["totaal", "signalen"] == sum(g["signalen"] for g in r_results["funnel"].values())


def test_funnel_rates_and_wilson_intervals(signals, r_results):
    table = funnels.funnel(signals, "bron")
    assert table["bron"].tolist()[-1] == "totaal"
    row = table.iloc[-1]
    x = sum(g["bereikt"] for g in r_results["funnel"].values())
    n = sum(g["contactpoging"] for g in r_results["funnel"].values())
    assert row["aandeel_bereikt"] == pytest.approx(x / n)
    p, z = x / n, 1.959964
    centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
    half = z * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / (1 + z**2 / n)
    assert (row["aandeel_bereikt_ci_low"], row["aandeel_bereikt_ci_high"]) == pytest.approx((centre - half,
                                                                                               centre + half))
    assert table["signalen"].iloc[:-1].sum() == 6000


def test_funnel_declares_each_step_as_the_next_plus_its_complement(signals):
    table = funnels.funnel(signals, "gemeente")
    roles = roles_of(table)
    assert roles.totals == {"signalen": ("contactpoging", "zonder_contactpoging"),
                            "contactpoging": ("bereikt", "niet_bereikt"),
                            "bereikt": ("geaccepteerd", "niet_geaccepteerd")}
    assert (roles.partition, roles.partition_total) == ("gemeente", "totaal")
    for whole, parts in roles.totals.items():
        assert (table[whole] == table[list(parts)].sum(axis=1)).all()
    assert roles.columns["signalen"].on == ("huishoudens",)


def _hand_funnel_signals() -> pd.DataFrame:
    """Two gemeenten of 20 one-signal households. A: 20 attempts, 4 reached, 2 accepted; B: all 20 reached,
    15 accepted."""
    a = pd.DataFrame({"gemeente": "A", "contactpoging": True, "bereikt": [True] * 4 + [False] * 16,
                      "geaccepteerd": [True] * 2 + [False] * 18})
    b = pd.DataFrame({"gemeente": "B", "contactpoging": True, "bereikt": True,
                      "geaccepteerd": [True] * 15 + [False] * 5}, index=range(20))
    frame = pd.concat([a, b], ignore_index=True)
    return frame.assign(huishouden=range(40), melding=range(40))


def test_small_step_counts_are_blanked_and_cannot_be_recovered_by_subtraction():
    table = funnels.funnel(_hand_funnel_signals(), "gemeente")
    assert table.set_index("gemeente").loc["A", "bereikt"] == 4  # analyse keeps everything
    shown = protect(table, min_cel=10).set_index("gemeente")
    a, b, total = shown.loc["A"], shown.loc["B"], shown.loc["totaal"]
    assert a["huishoudens"] == 20 and a["contactpoging"] == 20 and a["suppressed"]
    assert pd.isna(a["bereikt"]) and pd.isna(a["geaccepteerd"])  # 4 and 2 households
    assert pd.isna(a["niet_bereikt"])  # else 20 - 16 gives the 4 back
    assert a[["aandeel_bereikt", "aandeel_bereikt_ci_low", "aandeel_geaccepteerd"]].isna().all()  # 4/20, 2/4
    assert total["bereikt"] == 24 and pd.isna(b["bereikt"])  # else 24 - 20 gives A's 4
    assert pd.isna(b["geaccepteerd"]) or pd.isna(total["geaccepteerd"])  # else total - B gives A's 2
    assert pd.isna(total["niet_geaccepteerd"]) and pd.isna(total["geaccepteerd"])  # 7 overall: 24 - 17
    assert total["aandeel_bereikt"] == pytest.approx(24 / 40)


def test_one_small_gemeente_is_hidden_with_a_second_one(signals):
    leusden = signals["gemeente"] == "Leusden"
    few = signals.loc[leusden, "huishouden"].unique()[:5]
    part = signals[~leusden | signals["huishouden"].isin(few)]
    shown = protect(funnels.funnel(part, "gemeente"), min_cel=10)
    hidden = shown.loc[shown["huishoudens"].isna(), "gemeente"].tolist()
    assert "Leusden" in hidden and len(hidden) == 2  # plus the next smallest, else the total reveals it
    assert shown.loc[shown["gemeente"] == "totaal", ["signalen", "huishoudens"]].notna().all().all()
    for gemeente in hidden:  # every figure of the row is about its households
        row = shown.loc[shown["gemeente"] == gemeente].iloc[0]
        assert row[["signalen", "meldingen", "contactpoging", "bereikt", "aandeel_bereikt"]].isna().all()


def test_signals_per_month_add_up_to_the_signals(signals):
    table = funnels.signals_per_month(signals)
    assert table["signalen"].sum() == 6000 and roles_of(table).partition == "bron"
    shown = protect(table, min_cel=10)
    assert not shown["signalen"].between(1, 9).any() and not shown["huishoudens"].between(1, 9).any()


def test_data_check_counts_and_protection(prepared):
    table = funnels.data_check(prepared).set_index("onderdeel")["aantal"]
    assert table["in de analyse"].tolist() == [6000, 3506] and table["totaal"] == 6000
    shown = protect(funnels.data_check(prepared), min_cel=10)
    assert not shown["aantal"].between(1, 9).any()
    few = Prepared(prepared.signals.head(3), prepared.peildatum, rows_in_file=6000)
    small = protect(funnels.data_check(few), min_cel=10).set_index(["groep", "onderdeel"])["aantal"]
    in_file = "signalen in het bestand"
    assert pd.isna(small[(in_file, "in de analyse")])
    after = [k for k in small.index if k[0] == in_file and k[1].startswith("na de peildatum")]
    assert pd.isna(small[after[0]]) and small[(in_file, "totaal")] == 6000  # 6000 - 5997 would give the 3
