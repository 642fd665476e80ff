"""The loneliness analysis end to end on the R reference data, bad input, focus and suppression."""

from __future__ import annotations

import doctest
import json

import numpy as np
import pandas as pd
import pytest
from statsmodels.stats.proportion import proportion_confint
from support import assert_lmm_matches_lme4, raw_strings

from werkplaats.eenzaamheid import analysis as loneliness
from werkplaats.eenzaamheid.analysis import (
    analyse,
    baseline_balance,
    data_check,
    dropout_comparison,
    key_figures,
    prepare,
    prevalence,
    result_tables,
    score_measurements,
    with_area,
)
from werkplaats.errors import DataError, ParameterError
from werkplaats.results import write_results
from werkplaats.validate import load_dataset

REL = 1e-6


@pytest.fixture(scope="module")
def loaded(reference_dir):
    return load_dataset("eenzaamheid_metingen", reference_dir)


@pytest.fixture(scope="module")
def scores(loaded):
    return score_measurements(loaded.data)


@pytest.fixture(scope="module")
def results(scores):
    return analyse(scores, min_cel=10, covariates=["leeftijd", "geslacht"])


@pytest.fixture(scope="module")
def r_long(r_results) -> pd.DataFrame:
    """R's own scores with the CSV's gemeente and groep (independent of our scoring)."""
    raw = raw_strings("eenzaamheid_metingen")
    table = pd.DataFrame(r_results["djg_scores"]).assign(gemeente=raw["gemeente"], groep=raw["groep"])
    table["score"] = pd.to_numeric(table["score"], errors="coerce")
    return table


def test_key_figures_match_r(results, r_results):
    kf = key_figures(results)
    p, r = kf["prevalence_T0"], r_results["prevalence_T0"]
    assert p["n"] == r["n"]
    for key in ("eenzaam", "ernstig"):
        assert p[key] == pytest.approx(r[key], rel=REL)
        assert p[f"{key}_ci"] == pytest.approx(r[f"{key}_ci"], rel=REL)
    a, r = kf["ancova_T1"], r_results["ancova_T1"]
    assert a["n"] == r["n"]
    for key in ("effect", "se", "ci", "p"):
        assert a[key] == pytest.approx(r[key], rel=REL), key
    h, r = kf["hedges_g_change_T1"], r_results["hedges_g_change_T1"]
    for key in ("did", "cohen_d", "hedges_g", "ci_d"):
        assert h[key] == pytest.approx(r[key], rel=REL), key


def test_mixed_model_key_figures_match_lme4(results, r_results):
    lmm, r = key_figures(results)["lmm"], r_results["lmm"]
    assert_lmm_matches_lme4(lmm, r)


def test_key_figures_have_the_contract_keys(results):
    kf = key_figures(results)
    assert set(kf) == {"prevalence_T0", "ancova_T1", "lmm", "hedges_g_change_T1"}
    assert {"n", "eenzaam", "eenzaam_ci", "ernstig", "ernstig_ci"} <= set(kf["prevalence_T0"])
    assert {"n", "effect", "se", "ci", "p"} <= set(kf["ancova_T1"])
    assert {"interaction_T1", "interaction_T2", "var_participant", "var_residual"} <= set(kf["lmm"])
    assert {"did", "cohen_d", "hedges_g", "ci_d"} <= set(kf["hedges_g_change_T1"])


def test_prepare_writes_scores_without_identifiers(copy_reference, tmp_path, r_results):
    def add_identifiers(t):
        return t.assign(naam="Jan Jansen", email="jan@example.nl")

    loaded = load_dataset("eenzaamheid_metingen", copy_reference("eenzaamheid_metingen", add_identifiers))
    prepare(loaded, path=tmp_path / "scores.parquet")
    written = pd.read_parquet(tmp_path / "scores.parquet")
    assert {"deelnemer_id", "meting", "djg_totaal", "djg_emotioneel", "djg_sociaal"} <= set(written.columns)
    assert not {"naam", "email"} & set(written.columns)
    assert not any(c.startswith("djg_0") or c == "djg_10" or c == "djg_11" for c in written.columns)
    expected = pd.to_numeric(pd.DataFrame(r_results["djg_scores"])["score"], errors="coerce")
    assert np.array_equal(written["djg_totaal"].to_numpy(float), expected.to_numpy(float), equal_nan=True)


def _insert_second_t0(t: pd.DataFrame) -> pd.DataFrame:
    extra = t.iloc[[0]].assign(meetdatum="2025-02-20")
    return pd.concat([t.iloc[:5], extra, t.iloc[5:]], ignore_index=True)


@pytest.mark.parametrize(
    "edit, column, rows, value",
    [
        (_insert_second_t0, "deelnemer_id, meting", [2, 7], "D0001, T0"),
        (
            lambda t: t.assign(djg_03=t["djg_03"].where(~t.index.isin([15, 43]), "jaa")),
            "djg_03",
            [17, 45],
            "jaa",
        ),
        (lambda t: t.assign(groep=t["groep"].where(t.index != 9, "wachtlijst")), "groep", [11], "wachtlijst"),
    ],
)
def test_bad_input_gives_a_dutch_data_error(copy_reference, edit, column, rows, value):
    folder = copy_reference("eenzaamheid_metingen", edit)
    with pytest.raises(DataError) as err:
        prepare(load_dataset("eenzaamheid_metingen", folder), path=folder / "niet.parquet")
    message = str(err.value)
    assert f"kolom {column}" in message
    assert "rij " + " en ".join(map(str, rows)) in message
    assert f"'{value}'" in message
    assert not (folder / "niet.parquet").exists()


def test_participant_switching_group_is_refused(copy_reference):
    def switch(t):
        return t.assign(groep=t["groep"].where(t.index != 1, "controle"))  # D0001 is interventie at T0

    folder = copy_reference("eenzaamheid_metingen", switch)
    with pytest.raises(DataError) as err:
        prepare(load_dataset("eenzaamheid_metingen", folder), path=folder / "niet.parquet")
    assert "kolom groep" in str(err.value) and "rij 2, 3 en 4" in str(err.value) and "D0001" in str(err.value)


def test_prevalence_per_meting_and_groep_against_wilson(results, r_long):
    row = results.prevalence.set_index(["meting", "groep"]).loc[("T1", "interventie")]
    valid = r_long[(r_long["meting"] == "T1") & (r_long["groep"] == "interventie")].dropna(subset=["score"])
    x, n = int((valid["score"] >= 3).sum()), len(valid)
    assert row["n"] == n
    assert row["eenzaam"] == pytest.approx(x / n, rel=REL)
    assert [row["eenzaam_ci_low"], row["eenzaam_ci_high"]] == pytest.approx(
        list(proportion_confint(x, n, method="wilson")), rel=REL
    )


def test_prevalence_per_gemeente(scores, r_long):
    table = prevalence(with_area(scores, "alle"), by=("gebied", "meting"), min_cel=10)
    row = table.set_index(["gebied", "meting"]).loc[("Veenendaal", "T0")]
    valid = r_long[(r_long["meting"] == "T0") & (r_long["gemeente"] == "Veenendaal")].dropna(subset=["score"])
    assert row["n"] == len(valid)
    assert row["ernstig"] == pytest.approx((valid["score"] >= 9).mean(), rel=REL)


def test_gemeente_focus_against_the_rest(scores, r_long):
    res = analyse(scores, gemeente="utrecht", min_cel=10)
    assert res.gemeente == "Utrecht"
    t0 = r_long[(r_long["meting"] == "T0") & (r_long["gemeente"] == "Utrecht")].dropna(subset=["score"])
    assert key_figures(res)["prevalence_T0"]["n"] == len(t0)
    assert set(res.prevalence_area["gebied"]) == {"Utrecht", "overige gemeenten"}
    assert set(res.subgroups["gebied"]["gebied"]) == {"Utrecht", "overige gemeenten"}


def test_small_groups_are_suppressed_everywhere(scores, tmp_path, loaded):
    res = analyse(scores, gemeente="Utrecht", min_cel=80)  # Utrecht has 74 participants at T0
    kf = key_figures(res)
    for block in kf.values():
        assert block["suppressed"] is True
    assert kf["prevalence_T0"]["eenzaam"] is None and kf["lmm"]["interaction_T1"] is None
    for name, table in result_tables(res).items():
        counts = table[[c for c in table.columns if c == "n" or c.startswith("n_")]]
        shown = counts.apply(pd.to_numeric).to_numpy(float)
        shown = shown[~np.isnan(shown)]
        assert ((shown == 0) | (shown >= 80)).all(), name
    path = write_results(tmp_path, "eenzaamheid", kf, parameters={"min_cel": 80}, inputs=[loaded.path])
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["ancova_T1"] == {
        "n": None,
        "effect": None,
        "se": None,
        "ci": None,
        "p": None,
        "suppressed": True,
    }


def test_unknown_gemeente_and_covariate_are_parameter_errors(scores):
    with pytest.raises(ParameterError, match="Zeist.*Amersfoort, Nieuwegein, Utrecht en Veenendaal"):
        analyse(scores, gemeente="Zeist")
    with pytest.raises(ParameterError, match="'inkomen'"):
        analyse(scores, covariates=["inkomen"])


def test_attrition_counts_from_the_file(results):
    raw = raw_strings("eenzaamheid_metingen")
    counts = raw.groupby(["groep", "meting"]).size().unstack()
    table = results.attrition.set_index("groep")
    for groep in ("interventie", "controle"):
        for m in ("T0", "T1", "T2"):
            assert table.loc[groep, f"n_{m}"] == counts.loc[groep, m]
    assert table.loc["controle", "bijgebleven_T2"] == pytest.approx(counts.loc["controle", "T2"] / 150)


def test_dropout_comparison_splits_every_baseline_participant(scores, r_long):
    table = dropout_comparison(scores, min_cel=1)
    t0 = r_long[(r_long["meting"] == "T0")].dropna(subset=["score"])
    for at in ("T1", "T2"):
        assert table.loc[table["meting"] == at, "n"].sum() == len(t0)
    stayed = set(r_long.loc[(r_long["meting"] == "T1") & r_long["score"].notna(), "deelnemer_id"])
    gone = t0[~t0["deelnemer_id"].isin(stayed) & (t0["groep"] == "controle")]
    row = table.set_index(["meting", "groep", "status"]).loc[("T1", "controle", "uitgevallen")]
    assert row["n"] == len(gone) and row["djg_totaal_T0"] == pytest.approx(gone["score"].mean())


def test_baseline_balance_age_by_hand(scores):
    raw = raw_strings("eenzaamheid_metingen")
    t0 = raw[raw["meting"] == "T0"]
    age = t0["leeftijd"].astype(float)
    a, c = age[t0["groep"] == "interventie"], age[t0["groep"] == "controle"]
    expected = (a.mean() - c.mean()) / np.sqrt((a.var() + c.var()) / 2)
    row = baseline_balance(scores).set_index("variabele").loc["leeftijd"]
    assert row["gestandaardiseerd_verschil"] == pytest.approx(expected, rel=REL)


def test_data_check_reports_rows_participants_and_removed_columns(copy_reference):
    folder = copy_reference("eenzaamheid_metingen", lambda t: t.assign(naam="x"))
    loaded = load_dataset("eenzaamheid_metingen", folder)
    table = data_check(loaded, score_measurements(loaded.data)).set_index("onderdeel")["waarde"]
    assert table["rijen (metingen)"] == 775 and table["deelnemers"] == 300
    assert table["rijen zonder totaalscore (meer dan 1 vraag leeg): niet in de analyse"] == 18
    assert "naam" in " ".join(table.index)


def test_results_serialise_to_json(results, tmp_path, loaded):
    figures = {**key_figures(results), **result_tables(results)}
    path = write_results(
        tmp_path, "eenzaamheid", figures, parameters={"gemeente": "alle"}, inputs=[loaded.path]
    )
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["effecten"][0]["methode"] == "ANCOVA"
    assert written["provenance"]["inputs"]["eenzaamheid_metingen.csv"] == loaded.sha256


def test_age_groups(scores):
    assert set(scores["leeftijdsgroep"].dropna()) == {"tot 75", "75 en ouder"}
    assert (scores.loc[scores["leeftijd"] < 75, "leeftijdsgroep"] == "tot 75").all()


def test_docstring_examples_run():
    assert doctest.testmod(loneliness).failed == 0


def _tiny_scores(n_t0: int, n_t1: int, sexes: list) -> pd.DataFrame:
    """One interventie group: n_t0 participants at T0, the first n_t1 of them also at T1."""
    ids = [f"D{i:03d}" for i in range(n_t0)]
    rows = [{"deelnemer_id": d, "groep": "interventie", "meting": "T0", "geslacht": sexes[i]}
            for i, d in enumerate(ids)]
    rows += [{"deelnemer_id": d, "groep": "interventie", "meting": "T1", "geslacht": sexes[i]}
             for i, d in enumerate(ids[:n_t1])]
    frame = pd.DataFrame(rows).assign(djg_totaal=4.0, eenzaam=True, leeftijd=80)
    frame["geslacht"] = pd.Categorical(frame["geslacht"], categories=["man", "vrouw", "anders"])
    return frame


def test_attrition_share_does_not_give_back_a_suppressed_count():
    # 20 at T0, 4 of them at T1: n_T1 = 4 is suppressed, so 4/20 may not be shown either
    table = loneliness.attrition(_tiny_scores(20, 4, ["man"] * 20), min_cel=10).iloc[0]
    assert pd.isna(table["n_T1"]) and table["n_T0"] == 20
    assert np.isnan(table["bijgebleven_T1"])
    shown = loneliness.attrition(_tiny_scores(20, 15, ["man"] * 20), min_cel=10).iloc[0]
    assert shown["bijgebleven_T1"] == pytest.approx(15 / 20)


def test_dropout_share_women_among_known_sex_only():
    # 12 participants: 6 vrouw, 2 man, 4 unknown -> 6 / 8 women, not 6 / 12
    sexes = ["vrouw"] * 6 + ["man"] * 2 + [None] * 4
    table = dropout_comparison(_tiny_scores(12, 0, sexes), min_cel=1)
    row = table[table["meting"] == "T1"].iloc[0]
    assert row["n"] == 12 and row["aandeel_vrouw"] == pytest.approx(6 / 8)
