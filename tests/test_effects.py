"""ANCOVA, change scores, Cohen's d / Hedges' g and balance against R and textbook values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from support import raw_strings

from werkplaats.stats.effects import (
    ancova,
    balance_table,
    cohens_d,
    difference_in_differences,
    standardised_difference,
)

REL = 1e-6


@pytest.fixture(scope="module")
def wide(r_results) -> pd.DataFrame:
    """R's own DJG totals (not ours) in wide format, with group, age and sex from the CSV."""
    raw = raw_strings("eenzaamheid_metingen")
    scores = pd.DataFrame(r_results["djg_scores"]).assign(
        groep=raw["groep"], leeftijd=raw["leeftijd"].astype(float), geslacht=raw["geslacht"]
    )
    scores["score"] = pd.to_numeric(scores["score"], errors="coerce")
    table = scores.pivot(index="deelnemer_id", columns="meting", values="score")
    people = scores.groupby("deelnemer_id")[["groep", "leeftijd", "geslacht"]].first()
    return people.join(table).reset_index()


def test_ancova_matches_r(wide, r_results):
    r = r_results["ancova_T1"]
    est = ancova(wide, outcome="T1", baseline="T0")
    assert est.n == r["n"]
    assert est.effect == pytest.approx(r["effect"], rel=REL)
    assert est.se == pytest.approx(r["se"], rel=REL)
    assert est.ci == pytest.approx(tuple(r["ci"]), rel=REL)
    assert est.p == pytest.approx(r["p"], rel=REL)


def test_cohens_d_and_hedges_g_match_r(wide, r_results):
    r = r_results["hedges_g_change_T1"]
    both = wide.dropna(subset=["T0", "T1"])
    d = cohens_d(both["T1"] - both["T0"], both["groep"])
    assert (d.n_treatment, d.n_control) == (r["n_interventie"], r["n_controle"])
    assert d.mean_treatment == pytest.approx(r["mean_change_interventie"], rel=REL)
    assert d.mean_control == pytest.approx(r["mean_change_controle"], rel=REL)
    assert d.difference == pytest.approx(r["did"], rel=REL)
    assert d.cohen_d == pytest.approx(r["cohen_d"], rel=REL)
    assert d.hedges_g == pytest.approx(r["hedges_g"], rel=REL)
    assert d.ci_d == pytest.approx(tuple(r["ci_d"]), rel=REL)


def test_difference_in_differences_is_the_pooled_t_test(wide, r_results):
    both = wide.dropna(subset=["T0", "T1"])
    est = difference_in_differences(both, pre="T0", post="T1")
    assert est.effect == pytest.approx(r_results["hedges_g_change_T1"]["did"], rel=REL)
    change = both["T1"] - both["T0"]
    t = stats.ttest_ind(
        change[both["groep"] == "interventie"], change[both["groep"] == "controle"], equal_var=True
    )
    assert est.effect / est.se == pytest.approx(t.statistic, rel=REL)
    assert est.p == pytest.approx(t.pvalue, rel=REL)
    assert est.df == len(both) - 2


def test_ancova_with_covariates_equals_least_squares(wide):
    data = wide.dropna(subset=["T0", "T1", "leeftijd", "geslacht"])
    est = ancova(data, outcome="T1", baseline="T0", covariates=["leeftijd", "geslacht"])
    # independent: numpy least squares with hand-made dummies (reference sex 'anders')
    x = np.column_stack(
        [
            np.ones(len(data)),
            data["T0"],
            (data["groep"] == "interventie").astype(float),
            data["leeftijd"],
            data["geslacht"] == "man",
            data["geslacht"] == "vrouw",
        ]
    ).astype(float)
    beta, *_ = np.linalg.lstsq(x, data["T1"].to_numpy(float), rcond=None)
    resid = data["T1"].to_numpy(float) - x @ beta
    cov = resid @ resid / (len(data) - x.shape[1]) * np.linalg.inv(x.T @ x)
    assert est.effect == pytest.approx(beta[2], rel=REL)
    assert est.se == pytest.approx(np.sqrt(cov[2, 2]), rel=REL)
    assert est.n == len(data)


def test_ancova_text_covariate_from_the_loader_is_a_factor(wide):
    """Text columns come from the loader as arrow strings; they must enter as dummies."""
    data = wide.dropna(subset=["T0", "T1", "geslacht"]).copy()
    data["geslacht"] = data["geslacht"].astype(pd.StringDtype("pyarrow"))
    est = ancova(data, outcome="T1", baseline="T0", covariates=["geslacht"])
    levels = sorted(data["geslacht"].unique())
    x = np.column_stack([np.ones(len(data)), data["T0"], (data["groep"] == "interventie").astype(float)]
                        + [(data["geslacht"] == g).to_numpy(float) for g in levels[1:]]).astype(float)
    beta, *_ = np.linalg.lstsq(x, data["T1"].to_numpy(float), rcond=None)
    assert est.effect == pytest.approx(beta[2], rel=REL)


def test_ancova_drops_incomplete_rows():
    data = pd.DataFrame(
        {
            "pre": [1, 2, 3, 4, 5, np.nan],
            "post": [1, 2, 2, 3, np.nan, 1],
            "groep": ["interventie", "controle"] * 3,
        }
    )
    assert ancova(data, outcome="post", baseline="pre").n == 4


def test_unknown_group_label_is_refused():
    data = pd.DataFrame(
        {"pre": [1.0, 2, 3], "post": [1.0, 2, 2], "groep": ["interventie", "controle", "wachtlijst"]}
    )
    with pytest.raises(ValueError, match="wachtlijst"):
        ancova(data, outcome="post", baseline="pre")


def test_hedges_correction_textbook():
    # Hedges & Olkin: J = 1 - 3 / (4 (n1 + n0) - 9); n = 10 + 10 -> J = 1 - 3/71
    rng = np.random.default_rng(0)
    values = pd.Series(rng.normal(size=20))
    groups = pd.Series(["interventie"] * 10 + ["controle"] * 10)
    d = cohens_d(values, groups)
    assert d.hedges_g / d.cohen_d == pytest.approx(1 - 3 / 71, rel=1e-12)


def test_standardised_difference_continuous_by_hand():
    values = pd.Series([70.0, 74, 78, 60, 64, 68])
    groups = pd.Series(["interventie"] * 3 + ["controle"] * 3)
    # means 74 and 64, variances 16 and 16 -> (74 - 64) / 4
    assert standardised_difference(values, groups) == pytest.approx(2.5)


def test_standardised_difference_binary_uses_p_times_1_minus_p():
    values = pd.Series([1.0, 1, 1, 0, 1, 0, 0, 0])
    groups = pd.Series(["interventie"] * 4 + ["controle"] * 4)
    expected = (0.75 - 0.25) / np.sqrt((0.75 * 0.25 + 0.25 * 0.75) / 2)
    assert standardised_difference(values, groups) == pytest.approx(expected)


def test_balance_table_rows():
    data = pd.DataFrame({"leeftijd": [70.0, 74, 78, 60, 64, 68, np.nan]})
    groups = pd.Series(["interventie"] * 3 + ["controle"] * 4)
    table = balance_table(data, {"leeftijd": data["leeftijd"]}, groups)
    row = table.iloc[0]
    assert (row["n_interventie"], row["n_controle"]) == (3, 3)
    assert row["interventie"] == 74 and row["controle"] == 64
    assert row["gestandaardiseerd_verschil"] == pytest.approx(2.5)



def test_group_labels_from_the_loader_with_a_missing_group():
    """Arrow strings (the loader's text dtype) with a missing group: those rows are left out."""
    values = pd.Series([70.0, 74, 78, 60, 64, 68, 99])
    labels = ["interventie"] * 3 + ["controle"] * 3 + [None]
    groups = pd.Series(labels, dtype=pd.StringDtype("pyarrow"))
    plain = pd.Series(labels[:6])
    assert standardised_difference(values, groups) == pytest.approx(2.5)  # by hand, as above
    d = cohens_d(values, groups)
    assert (d.n_treatment, d.n_control) == (3, 3)
    assert d.cohen_d == pytest.approx(cohens_d(values[:6], plain).cohen_d) == pytest.approx(10 / 4)
    row = balance_table(pd.DataFrame(index=range(7)), {"leeftijd": values}, groups).iloc[0]
    assert (row["n_interventie"], row["n_controle"]) == (3, 3)
