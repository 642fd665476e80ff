"""Loneliness exercises: the checks accept the right answer and recognise typical wrong ones.

The right answers are computed independently: from R's DJG scores and ANCOVA
(tests/fixtures/r_results.json) with plain pandas and numpy, not with the package.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from support import REFERENCE_DIR, raw_strings

from werkplaats.opdrachten import beoordeel
from werkplaats.opdrachten.data import ExerciseSet


@pytest.fixture(scope="module")
def reference_set() -> ExerciseSet:
    return ExerciseSet(REFERENCE_DIR)


@pytest.fixture(scope="module")
def r_scores() -> pd.DataFrame:
    """R's DJG total per participant and meting, with gemeente, groep, age and sex from the CSV."""
    import json

    r = json.loads((REFERENCE_DIR.parent / "r_results.json").read_text(encoding="utf-8"))
    scores = pd.DataFrame(r["djg_scores"])[["deelnemer_id", "meting", "score"]]
    columns = ["deelnemer_id", "meting", "gemeente", "groep", "leeftijd", "geslacht"]
    raw = raw_strings("eenzaamheid_metingen")[columns]
    return raw.merge(scores, on=["deelnemer_id", "meting"], validate="one_to_one").assign(
        score=lambda d: pd.to_numeric(d["score"]), leeftijd=lambda d: d["leeftijd"].astype(float))


def _wide(r_scores: pd.DataFrame) -> pd.DataFrame:
    people = r_scores.drop_duplicates("deelnemer_id").set_index("deelnemer_id")
    people = people[["groep", "leeftijd", "geslacht"]]
    values = r_scores.pivot(index="deelnemer_id", columns="meting", values="score")
    return people.join(values).dropna(subset=["T0", "T1"])


def _ols_group_effect(wide: pd.DataFrame, covariates: bool) -> tuple[float, float]:
    columns = [np.ones(len(wide)), wide["T0"], (wide["groep"] == "interventie").astype(float)]
    if covariates:
        columns.append(wide["leeftijd"])
        levels = sorted(wide["geslacht"].unique())[1:]
        columns += [(wide["geslacht"] == level).astype(float) for level in levels]
    x = np.column_stack(columns)
    beta, *_ = np.linalg.lstsq(x, wide["T1"].to_numpy(), rcond=None)
    resid = wide["T1"].to_numpy() - x @ beta
    sigma2 = resid @ resid / (len(wide) - x.shape[1])
    se = np.sqrt(sigma2 * np.linalg.inv(x.T @ x)[2, 2])
    return float(beta[2]), float(se)


def verdict(code, answer, data):
    return beoordeel(code, answer, data)


def choose(code, option, data):
    """Answer a multiple-choice task with the letter this group sees for ``option``."""
    from werkplaats.opdrachten.check import find_task, letter_of

    return beoordeel(code, letter_of(find_task(code), data, option), data)


# ---- task 1 ----

def test_share_lonely_in_utrecht(reference_set, r_scores):
    t0 = r_scores[(r_scores["meting"] == "T0") & r_scores["score"].notna()]
    utrecht = t0[t0["gemeente"] == "Utrecht"]
    right = (utrecht["score"] >= 3).mean()
    assert verdict("eenzaamheid.1", right, reference_set).correct
    assert verdict("eenzaamheid.1", round(right, 2), reference_set).correct
    assert "percentage" in verdict("eenzaamheid.1", 100 * right, reference_set).message
    everyone = (t0["score"] >= 3).mean()
    assert abs(everyone - right) > 0.01
    assert "alle gemeenten" in verdict("eenzaamheid.1", everyone, reference_set).message
    assert "ernstig" in verdict("eenzaamheid.1", (utrecht["score"] >= 9).mean(), reference_set).message
    assert "grens" in verdict("eenzaamheid.1", (utrecht["score"] >= 4).mean(), reference_set).message
    assert "níet-eenzamen" in verdict("eenzaamheid.1", 1 - right, reference_set).message
    assert "aantal" in verdict("eenzaamheid.1", float((utrecht["score"] >= 3).sum()), reference_set).message
    wrong = verdict("eenzaamheid.1", right + 0.1, reference_set)
    assert not wrong.correct and "te hoog" in wrong.message and f"{right:.2f}" not in wrong.message


def test_share_lonely_wrong_denominator(reference_set, r_scores):
    rows = r_scores[(r_scores["meting"] == "T0") & (r_scores["gemeente"] == "Utrecht")]
    with_missing = (rows["score"] >= 3).sum() / len(rows)
    right = (rows["score"].dropna() >= 3).mean()
    if abs(with_missing - right) <= 0.0051:
        pytest.skip("no missing totals in Utrecht at T0")
    assert "noemer" in verdict("eenzaamheid.1", with_missing, reference_set).message


# ---- task 2 ----

def test_ancova_effect_equals_r(reference_set, r_results):
    right = r_results["ancova_T1"]["effect"]
    assert verdict("eenzaamheid.2", right, reference_set).correct
    assert verdict("eenzaamheid.2", round(right, 2), reference_set).correct
    assert "teken" in verdict("eenzaamheid.2", -right, reference_set).message
    assert "verschil-in-verschillen" in verdict(
        "eenzaamheid.2", r_results["hedges_g_change_T1"]["did"], reference_set).message
    hedges_g = r_results["hedges_g_change_T1"]["hedges_g"]
    assert "Hedges" in verdict("eenzaamheid.2", hedges_g, reference_set).message
    lmm = r_results["lmm"]["fixed"]["metingT1:groepinterventie"]["estimate"]
    assert "gemengde model" in verdict("eenzaamheid.2", lmm, reference_set).message
    assert "standaardfout" in verdict("eenzaamheid.2", r_results["ancova_T1"]["se"], reference_set).message
    assert "p-waarde" in verdict("eenzaamheid.2", r_results["ancova_T1"]["p"], reference_set).message


def test_ancova_unadjusted_t1_difference_is_recognised(reference_set, r_scores):
    t1 = r_scores[(r_scores["meting"] == "T1") & r_scores["score"].notna()]
    means = t1.groupby("groep")["score"].mean()
    assert "alleen de T1-scores" in verdict("eenzaamheid.2", means["interventie"] - means["controle"],
                                            reference_set).message


# ---- task 3 ----

def test_why_ancova_and_change_scores_differ(reference_set):
    assert choose("eenzaamheid.3", "anders_gecorrigeerd", reference_set).correct
    for option, fragment in (("meer_deelnemers", "kolom n"), ("covariaten", "leeftijd of geslacht"),
                             ("toeval", "balanstabel")):
        assert fragment in choose("eenzaamheid.3", option, reference_set).message


def test_why_differ_follows_the_planted_design(reference_set, monkeypatch):
    from werkplaats.eenzaamheid import synth as loneliness

    monkeypatch.setitem(loneliness.DEFAULTS, "baseline_difference", 0.0)
    assert choose("eenzaamheid.3", "toeval", reference_set).correct


# ---- task 4 and 5 ----

def test_covariate_effect(reference_set, r_scores, r_results):
    wide = _wide(r_scores)
    plain, se = _ols_group_effect(wide, covariates=False)
    # our independent OLS agrees with R
    assert plain == pytest.approx(r_results["ancova_T1"]["effect"], rel=1e-6)
    right, _ = _ols_group_effect(wide, covariates=True)
    assert verdict("eenzaamheid.4", right, reference_set).correct
    if abs(right - plain) > 0.0051:
        assert "zonder covariaten" in verdict("eenzaamheid.4", plain, reference_set).message
    assert "teken" in verdict("eenzaamheid.4", -right, reference_set).message
    expected = "nauwelijks" if abs(right - plain) < 0.5 * se else "sterk"
    assert choose("eenzaamheid.5", expected, reference_set).correct
    assert not choose("eenzaamheid.5", "altijd_groter", reference_set).correct
