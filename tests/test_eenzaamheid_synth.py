"""The synthetic loneliness study: contract shape, realistic levels, and recovery of the planted effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.codebook import get_codebook
from werkplaats.eenzaamheid.scoring import score_djg
from werkplaats.eenzaamheid.synth import PLANTED, expected_scores, generate, planted_effects
from werkplaats.stats.effects import ancova, difference_in_differences
from werkplaats.validate import load_dataset

RANDOMISED = {"baseline_difference": 0.0, "dropout_loneliness": 0.0}


def table(seed: int = 1, **options) -> pd.DataFrame:
    return generate(np.random.default_rng(seed), **options)["eenzaamheid_metingen"]


@pytest.fixture(scope="module")
def big() -> pd.DataFrame:
    """A large sample (6000 participants) for checking levels against the model."""
    return table(7, n_participants=6000)


def wide_totals(data: pd.DataFrame) -> pd.DataFrame:
    scored = data[["deelnemer_id", "groep", "meting"]].join(score_djg(data)["djg_totaal"])
    values = scored.pivot(index="deelnemer_id", columns="meting", values="djg_totaal")
    return scored.groupby("deelnemer_id")[["groep"]].first().join(values)


def test_columns_follow_the_contract():
    data = table()
    assert list(data.columns) == list(get_codebook("eenzaamheid_metingen").columns)
    assert set(data["groep"]) == {"interventie", "controle"}
    assert set(data["meting"]) == {"T0", "T1", "T2"}
    assert not data.duplicated(["deelnemer_id", "meting"]).any()


def test_four_gemeenten_with_wijken(big):
    assert set(big["gemeente"]) == {"Amersfoort", "Nieuwegein", "Utrecht", "Veenendaal"}
    wijken = big.groupby("gemeente")["wijk"].nunique()
    assert (wijken >= 3).all()


def test_written_csv_passes_the_loader(tmp_path):
    data = table(3, n_participants=120)
    data.to_csv(tmp_path / "eenzaamheid_metingen.csv", index=False)
    loaded = load_dataset("eenzaamheid_metingen", tmp_path)
    assert len(loaded.data) == len(data)
    assert loaded.removed == {}


def test_same_seed_same_data_and_unknown_option_refused():
    pd.testing.assert_frame_equal(table(5, n_participants=50), table(5, n_participants=50))
    with pytest.raises(TypeError, match="effekt"):
        generate(np.random.default_rng(1), effekt={"T1": -1})


def test_baseline_levels_are_realistic(big):
    # A study population recruited for loneliness: lonelier than the national 75+ figure
    # (INSTRUMENTS.md: 56% eenzaam, 12% (zeer) ernstig in 2020), well below everyone.
    t0 = score_djg(big[big["meting"] == "T0"])["djg_totaal"].dropna()
    assert 0.56 < (t0 >= 3).mean() < 0.80
    assert 0.12 < (t0 >= 9).mean() < 0.25


def test_control_mean_matches_the_closed_form(big):
    # expected_scores is the model's own closed form; the simulated mean must agree (4 SE).
    control = big[(big["meting"] == "T0") & (big["groep"] == "controle")]
    totals = score_djg(control)["djg_totaal"].dropna()
    expected = expected_scores(0.0)["djg_totaal"]
    assert totals.mean() == pytest.approx(expected, abs=4 * totals.std() / np.sqrt(len(totals)))


def test_dropout_and_missing_items(big):
    per_meting = big.groupby("meting")["deelnemer_id"].nunique()
    assert 0.78 < per_meting["T1"] / per_meting["T0"] < 0.92
    assert 0.62 < per_meting["T2"] / per_meting["T0"] < 0.82
    items = big.filter(like="djg_")
    assert 0.01 < (items == "").to_numpy().mean() < 0.03
    assert ((items == "").sum(axis=1) > 1).any()  # some totals are missing under the project rule
    assert (items == "min of meer").to_numpy().any()


def test_planted_documents_the_default_effect():
    assert PLANTED["djg_effect"] == planted_effects()
    assert PLANTED["djg_effect"]["T1"]["djg_totaal"] < PLANTED["djg_effect"]["T2"]["djg_totaal"] < 0
    effect = PLANTED["djg_effect"]["T1"]
    assert effect["djg_totaal"] == pytest.approx(
        (effect["djg_emotioneel"] + effect["djg_sociaal"]) * (1 + 9 * 0.02) / (1 + 10 * 0.02)
    )


def test_planted_effect_is_recovered_in_a_large_sample():
    wide = wide_totals(table(21, n_participants=4000, **RANDOMISED))
    truth = planted_effects(**RANDOMISED)
    for at in ("T1", "T2"):
        est = ancova(wide.reset_index(), outcome=at, baseline="T0")
        assert est.effect == pytest.approx(truth[at]["djg_totaal"], abs=4 * est.se)


def test_interval_coverage_over_repeated_seeds():
    """ANCOVA and DiD 95% intervals cover the planted T1 effect at the nominal rate.

    100 small randomised studies (150 participants). If the intervals are right, the number
    that cover is Binomial(100, 0.95): P(X <= 87) = 0.0015, so at least 88 must cover.
    The standardised errors (estimate - truth) / se must average 0 and spread about 1:
    with 100 draws the mean has SE 0.1 and the SD about 0.07, hence the 4-SE bands.
    """
    truth = planted_effects(**RANDOMISED)["T1"]["djg_totaal"]
    covered = {"ancova": 0, "did": 0}
    z = []
    for seed in range(100):
        wide = wide_totals(table(1000 + seed, n_participants=150, **RANDOMISED)).reset_index()
        for name, est in (
            ("ancova", ancova(wide, outcome="T1", baseline="T0")),
            ("did", difference_in_differences(wide, pre="T0", post="T1")),
        ):
            covered[name] += est.ci[0] <= truth <= est.ci[1]
            if name == "ancova":
                z.append((est.effect - truth) / est.se)
    assert covered["ancova"] >= 88, covered
    assert covered["did"] >= 88, covered
    assert abs(np.mean(z)) < 0.4
    assert 0.72 < np.std(z, ddof=1) < 1.28
