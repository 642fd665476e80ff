"""The synthetic debt signals: contract shape, realistic levels (INSTRUMENTS.md), ordered
dates, speed, and recovery of the planted training effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.codebook import get_codebook
from werkplaats.lines import load_line
from werkplaats.validate import load_dataset
from werkplaats.vroegsignalering import models as debt_models
from werkplaats.vroegsignalering.preparation import prepare
from werkplaats.vroegsignalering.synth import PLANTED, generate

NAME = "vroegsignalering_signalen"
CBS = {"Amersfoort": "GM0307", "Utrecht": "GM0344", "Nieuwegein": "GM0356", "Veenendaal": "GM0345",
       "Woerden": "GM0632", "Leusden": "GM0327"}


def table(seed: int = 1, **options) -> pd.DataFrame:
    return generate(np.random.default_rng(seed), **options)[NAME]


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    return table(4, n_signals=40000)


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, big) -> pd.DataFrame:
    folder = tmp_path_factory.mktemp("synth_debt")
    big.to_csv(folder / f"{NAME}.csv", index=False)
    return prepare(load_line("vroegsignalering", folder)).signals


def test_columns_follow_the_contract_and_the_loader_accepts_them(tmp_path):
    data = table(2, n_signals=800)
    assert list(data.columns) == list(get_codebook(NAME).columns)
    data.to_csv(tmp_path / f"{NAME}.csv", index=False)
    loaded = load_dataset(NAME, tmp_path)
    assert len(loaded.data) == 800 and loaded.removed == {}
    assert data["signaal_id"].is_unique


def test_six_gemeenten_with_their_cbs_codes(big):
    pairs = big[["gemeente", "gemeente_code"]].drop_duplicates()
    assert dict(zip(pairs["gemeente"], pairs["gemeente_code"], strict=True)) == CBS


def test_source_mix_and_acceptance_are_realistic(big):
    shares = big["bron"].value_counts(normalize=True)
    for bron, expected in PLANTED["source_shares"].items():
        assert shares[bron] == pytest.approx(expected, abs=0.01), bron
    reached = big[big["contact_datum"] != ""]
    accepted = (reached["uitkomst"] == "hulp geaccepteerd").mean()
    assert 0.30 <= accepted <= 0.40  # national: about 35% of reached households accept
    assert (big["achterstand_euro"] > 0).all()


def test_teams_some_trained_some_never(big):
    teams = big.groupby("team")["team_getraind_op"].first()
    assert (teams != "").sum() >= 6 and (teams == "").sum() >= 6
    assert big.groupby("team")["gemeente"].nunique().max() == 1
    assert big.groupby("huishouden_id")["gemeente"].nunique().max() == 1


def test_dates_are_ordered_and_open_cases_have_no_outcome(big):
    signal = pd.to_datetime(big["signaal_datum"])
    attempt = pd.to_datetime(big["contactpoging_datum"].replace("", None))
    contact = pd.to_datetime(big["contact_datum"].replace("", None))
    assert not (attempt < signal).any() and not (contact < attempt).any()
    assert attempt[contact.notna()].notna().all()
    assert contact.max() <= pd.Timestamp("2026-06-30")
    assert (big.loc[attempt.isna(), "uitkomst"] == "").all()
    assert (big.loc[contact.isna() & (big["uitkomst"] != ""), "uitkomst"] == "niet bereikt").all()


def test_signals_bundle_into_meldingen_about_as_nationally(prepared):
    # national 2023: 4.0 signals and 2.9 meldingen per 1,000 inhabitants per month
    assert prepared["melding"].nunique() / len(prepared) == pytest.approx(2.9 / 4.0, abs=0.05)


def test_planted_training_effect_is_recovered(prepared):
    followed = prepared[prepared["volgtijd"] >= 150]  # no censoring of the reach
    row = debt_models.training_model(followed).table.loc["getraind"]
    planted = PLANTED["training_log_odds_reach"]
    assert row["ci_low"] < planted < row["ci_high"]
    assert abs(row["estimate"] - planted) < 0.15


def test_no_training_effect_when_none_is_planted(tmp_path):
    data = table(6, n_signals=30000, training_log_odds=0.0, training_delay_factor=1.0)
    data.to_csv(tmp_path / f"{NAME}.csv", index=False)
    signals = prepare(load_line("vroegsignalering", tmp_path)).signals
    row = debt_models.training_model(signals[signals["volgtijd"] >= 150]).table.loc["getraind"]
    assert abs(row["estimate"]) < 3 * row["se"]


def test_same_seed_same_data_and_unknown_option_refused():
    pd.testing.assert_frame_equal(table(5, n_signals=300), table(5, n_signals=300))
    with pytest.raises(TypeError):
        generate(np.random.default_rng(1), n_sigals=10)


def test_large_sets_are_generated_whole():
    """Speed is measured in bench/vroegsignalering.py (10^6 signals), not asserted here."""
    data = table(1, n_signals=200_000)
    assert len(data) == 200_000 and data["signaal_id"].is_unique
