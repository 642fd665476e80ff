"""The side-by-side effect table against R, planted-effect recovery, and small groups in the
PROTECTED tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.disclosure import protect
from werkplaats.eenzaamheid.effects import (
    did_table,
    effect_size_change,
    effect_size_table,
    effect_table,
    mixed_model,
    mixed_table,
    subgroup_effects,
    wide_scores,
)
from werkplaats.eenzaamheid.preparation import score_measurements
from werkplaats.eenzaamheid.synth import generate, planted_effects
from werkplaats.roles import roles_of
from werkplaats.validate import load_dataset

RANDOMISED = {"baseline_difference": 0.0, "dropout_loneliness": 0.0}


@pytest.fixture(scope="module")
def scores(reference_dir):
    return score_measurements(load_dataset("eenzaamheid_metingen", reference_dir).data)


@pytest.fixture(scope="module")
def table(scores):
    return effect_table(scores, covariates=["leeftijd"]).set_index(["methode", "meting"])


def test_ancova_did_and_mixed_rows_match_r(table, r_results):
    ancova = table.loc[("ANCOVA", "T1")]
    assert ancova["n"] == r_results["ancova_T1"]["n"]
    assert ancova["effect"] == pytest.approx(r_results["ancova_T1"]["effect"], rel=1e-6)
    assert [ancova["ci_low"], ancova["ci_high"]] == pytest.approx(r_results["ancova_T1"]["ci"], rel=1e-6)
    did = table.loc[("verschil-in-verschillen", "T1")]
    assert did["effect"] == pytest.approx(r_results["hedges_g_change_T1"]["did"], rel=1e-6)
    for at in ("T1", "T2"):
        fixed = r_results["lmm"]["fixed"][f"meting{at}:groepinterventie"]
        row = table.loc[("gemengd model", at)]
        assert row["effect"] == pytest.approx(fixed["estimate"], rel=1e-4)
        assert row["se"] == pytest.approx(fixed["se"], rel=1e-3)
        assert row["n"] == r_results["lmm"]["n_groups"]


def test_table_has_every_method_per_meting(table):
    assert set(table.index) == {
        (m, t)
        for m in ("ANCOVA", "ANCOVA met covariaten", "verschil-in-verschillen", "gemengd model")
        for t in ("T1", "T2")
    }
    assert table[["effect", "se", "ci_low", "ci_high", "p"]].notna().all().all()


def test_effect_table_declares_its_totals(scores):
    roles = roles_of(effect_table(scores, mixed=False))
    assert roles.totals == {"n": ("n_interventie", "n_controle")}
    assert roles.columns["effect"].on == ("n_interventie", "n_controle")


def test_wide_scores_one_row_per_participant(scores):
    wide = wide_scores(scores)
    assert len(wide) == scores["deelnemer_id"].nunique()
    one = scores[(scores["deelnemer_id"] == "D0001") & (scores["meting"] == "T2")]["djg_totaal"].iloc[0]
    assert wide.set_index("deelnemer_id").loc["D0001", "T2"] == one


def test_effect_size_and_change_table_match_r(scores, r_results):
    r = r_results["hedges_g_change_T1"]
    es = effect_size_change(scores)
    assert es.hedges_g == pytest.approx(r["hedges_g"], rel=1e-6)
    change = did_table(scores).set_index(["meting", "groep"])
    assert change.loc[("T1", "interventie"), "verandering"] == pytest.approx(
        r["mean_change_interventie"], rel=1e-6
    )
    assert change.loc[("T1", "controle"), "n"] == r["n_controle"]


def test_effect_size_table_T1_matches_r_and_T2_is_the_change_to_T2(scores, r_results):
    table = effect_size_table(scores).set_index("meting")
    r = r_results["hedges_g_change_T1"]
    assert table.loc["T1", "hedges_g"] == pytest.approx(r["hedges_g"], rel=1e-6)
    assert [table.loc["T1", "ci_low"], table.loc["T1", "ci_high"]] == pytest.approx(r["ci_d"], rel=1e-6)
    # effsize: se_g = J sqrt(N / (n1 n0) + g² / (2N)), g ± t(0.975, N − 2) se_g
    n1, n0 = table.loc["T1", "n_interventie"], table.loc["T1", "n_controle"]
    g, n = r["hedges_g"], n1 + n0
    se_g = (1 - 3 / (4 * n - 9)) * np.sqrt(n / (n1 * n0) + g**2 / (2 * n))
    assert table.loc["T1", "se_g"] == pytest.approx(se_g, rel=1e-6)
    from scipy.stats import t

    assert table.loc["T1", "ci_g_high"] - g == pytest.approx(t.ppf(0.975, n - 2) * se_g, rel=1e-6)
    wide = wide_scores(scores).dropna(subset=["T0", "T2"])
    change = wide["T2"] - wide["T0"]
    treated = wide["groep"].astype(object) == "interventie"
    assert table.loc["T2", "verschil"] == pytest.approx(change[treated].mean() - change[~treated].mean())
    assert protect(effect_size_table(scores), min_cel=1000)["suppressed"].all()


def test_mixed_table_matches_lme4(scores, r_results):
    row = mixed_table(scores, mixed_model(scores)).iloc[0]
    assert row["n_deelnemers"] == r_results["lmm"]["n_groups"]
    for at in ("T1", "T2"):
        fixed = r_results["lmm"]["fixed"][f"meting{at}:groepinterventie"]
        assert row[f"interaction_{at}"] == pytest.approx(fixed["estimate"], rel=1e-4)
        assert row[f"se_{at}"] == pytest.approx(fixed["se"], rel=1e-3)


def test_protected_subgroups_hide_small_groups_and_their_counts(scores):
    table = protect(subgroup_effects(scores, "geslacht"), min_cel=10)
    other = table[table["geslacht"] == "anders"]
    assert other["suppressed"].all() and other["effect"].isna().all()
    shown = other[["n", "n_interventie", "n_controle"]].to_numpy(float, na_value=np.nan)
    shown = shown[~np.isnan(shown)]
    assert ((shown == 0) | (shown >= 10)).all()  # a count of 0 may be shown, 1..9 not
    vrouw = table[table["geslacht"] == "vrouw"]
    assert vrouw["effect"].notna().all()


def test_everything_blanked_when_min_cel_exceeds_the_groups(scores):
    table = protect(effect_table(scores), min_cel=1000)
    assert table["suppressed"].all() and table["effect"].isna().all() and table["n"].isna().all()
    assert protect(mixed_table(scores, mixed_model(scores)), min_cel=1000)["interaction_T1"].isna().all()


def test_a_model_is_not_fitted_on_fewer_than_min_fit_people(scores):
    few = scores[scores["deelnemer_id"].isin(["D0001", "D0002"])]
    assert mixed_model(few) is None and effect_size_change(few) is None
    assert effect_table(few, mixed=False)["effect"].isna().all()


def test_mixed_model_recovers_the_planted_interaction():
    # Randomised synthetic study, drop-out unrelated to loneliness: the interaction meting x groep
    # estimates the planted score effect; allow 4 standard errors (false alarm < 1e-4).
    data = generate(np.random.default_rng(42), n_participants=700, **RANDOMISED)["eenzaamheid_metingen"]
    typed = data.assign(meting=pd.Categorical(data["meting"]), groep=pd.Categorical(data["groep"]))
    fit = mixed_model(score_measurements(typed))
    truth = planted_effects(**RANDOMISED)
    for at in ("T1", "T2"):
        term = fit.term(f"meting{at}:groepinterventie")
        assert term["estimate"] == pytest.approx(truth[at]["djg_totaal"], abs=4 * term["se"])
