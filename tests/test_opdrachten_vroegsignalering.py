"""Debt-signalling exercises: the checks accept the right answer and recognise typical wrong ones.

The right answers are independent of the package: R's funnel counts, Kaplan-Meier shares
and training log-odds (tests/fixtures/r_results.json), and for the model with bron a
logistic regression fitted here by Newton-Raphson on the raw CSV.
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
def attempts() -> pd.DataFrame:
    """Signals with a contact attempt: reached, trained, team and bron, from the raw strings."""
    raw = raw_strings("vroegsignalering_signalen")
    raw = raw[raw["contactpoging_datum"] != ""]
    trained = (raw["team_getraind_op"] != "") & (raw["signaal_datum"] >= raw["team_getraind_op"])  # ISO dates
    return pd.DataFrame({"bereikt": (raw["contact_datum"] != "").astype(float).to_numpy(),
                         "getraind": trained.astype(float).to_numpy(),
                         "team": raw["team"].to_numpy(), "bron": raw["bron"].to_numpy()})


def _logit(y: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Maximum-likelihood logistic regression by Newton-Raphson: coefficients and SEs."""
    beta = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ beta))
        info = x.T @ (x * (p * (1 - p))[:, None])
        step = np.linalg.solve(info, x.T @ (y - p))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return beta, np.sqrt(np.diag(np.linalg.inv(info)))


def _design(frame: pd.DataFrame, factors: list[str]) -> np.ndarray:
    columns = [np.ones(len(frame)), frame["getraind"].to_numpy()]
    for factor in factors:
        levels = sorted(frame[factor].unique())
        columns += [(frame[factor] == level).to_numpy(float) for level in levels[1:]]
    return np.column_stack(columns)


# ---- task 1 ----

def test_share_reached_of_attempts(reference_set, r_results):
    counts = r_results["funnel"]["Amersfoort"]
    right = counts["bereikt"] / counts["contactpoging"]
    assert beoordeel("vroegsignalering.1", right, reference_set).correct
    assert "percentage" in beoordeel("vroegsignalering.1", 100 * right, reference_set).message
    of_all = counts["bereikt"] / counts["signalen"]
    assert "noemer" in beoordeel("vroegsignalering.1", of_all, reference_set).message
    accepted = counts["geaccepteerd"] / counts["bereikt"]
    assert "hulp accepteerde" in beoordeel("vroegsignalering.1", accepted, reference_set).message
    places = [g for g in r_results["funnel"] if g != "totaal"]
    region = (sum(r_results["funnel"][g]["bereikt"] for g in places)
              / sum(r_results["funnel"][g]["contactpoging"] for g in places))
    if abs(region - right) > 0.0051:
        assert "alle gemeenten" in beoordeel("vroegsignalering.1", region, reference_set).message


# ---- task 2 ----

def test_kaplan_meier_share_by_day_30(reference_set, r_results):
    km = r_results["km_contacted_by_day"]
    right = km["energieleverancier"]["day_30"]
    assert beoordeel("vroegsignalering.2", right, reference_set).correct
    day_14 = km["energieleverancier"]["day_14"]
    assert "14 dagen" in beoordeel("vroegsignalering.2", day_14, reference_set).message
    assert "zorgverzekeraar" in beoordeel("vroegsignalering.2", km["zorgverzekeraar"]["day_30"],
                                          reference_set).message
    assert "níet bereikt" in beoordeel("vroegsignalering.2", 1 - right, reference_set).message


# ---- task 3 ----

def test_training_odds_ratio(reference_set, r_results, attempts):
    log_odds = r_results["training_effect"]["log_odds"]
    right = np.exp(log_odds)
    assert beoordeel("vroegsignalering.3", right, reference_set).correct
    assert "log-odds" in beoordeel("vroegsignalering.3", log_odds, reference_set).message
    assert "omgedraaid" in beoordeel("vroegsignalering.3", 1 / right, reference_set).message
    table = pd.crosstab(attempts["getraind"], attempts["bereikt"])
    crude = table.loc[1, 1] * table.loc[0, 0] / (table.loc[1, 0] * table.loc[0, 1])
    if abs(crude - right) > 0.0051:  # in the reference data the teams hardly matter
        assert "zonder de teams" in beoordeel("vroegsignalering.3", crude, reference_set).message
    assert "te hoog" in beoordeel("vroegsignalering.3", right + 0.5, reference_set).message


def test_independent_fit_agrees_with_r(attempts, r_results):
    beta, se = _logit(attempts["bereikt"].to_numpy(), _design(attempts, ["team"]))
    assert beta[1] == pytest.approx(r_results["training_effect"]["log_odds"], rel=1e-4)
    assert se[1] == pytest.approx(r_results["training_effect"]["se"], rel=1e-4)


# ---- task 4 ----

def test_bron_as_covariate(reference_set, attempts):
    y = attempts["bereikt"].to_numpy()
    plain, se = _logit(y, _design(attempts, ["team"]))
    with_bron, _ = _logit(y, _design(attempts, ["team", "bron"]))
    from werkplaats.opdrachten.check import choice_letters, find_task, letter_of

    task = find_task("vroegsignalering.4")
    expected = "nauwelijks" if abs(with_bron[1] - plain[1]) < 0.5 * se[1] else "veel_kleiner"
    letters = choice_letters(task, reference_set)
    for letter, option in letters.items():
        assert beoordeel("vroegsignalering.4", letter, reference_set).correct is (option == expected)
    assert "C(bron)" in beoordeel("vroegsignalering.4", letter_of(task, reference_set, "tekstkolom"),
                                  reference_set).message


def test_planted_training_effect_is_recovered_on_group_data():
    """On a group's synthetic data the key lies near the planted odds ratio (1.65)."""
    from werkplaats.opdrachten.data import exercise_data
    from werkplaats.opdrachten.vroegsignalering import training_odds_ratio
    from werkplaats.vroegsignalering.synth import PLANTED

    key = training_odds_ratio(ExerciseSet(exercise_data("vroegsignalering", groep=1)))
    assert abs(np.log(key) - PLANTED["training_log_odds_reach"]) < 3 * 0.09  # about 3 standard errors


def test_crude_odds_ratio_without_teams_is_recognised_on_group_data():
    from werkplaats.opdrachten.data import exercise_data

    folder = exercise_data("vroegsignalering", groep=1)
    raw = pd.read_csv(folder / "vroegsignalering_signalen.csv", dtype=str, keep_default_na=False)
    raw = raw[raw["contactpoging_datum"] != ""]
    trained = (raw["team_getraind_op"] != "") & (raw["signaal_datum"] >= raw["team_getraind_op"])
    table = pd.crosstab(trained, raw["contact_datum"] != "")
    odds_trained = table.loc[True, True] / table.loc[True, False]
    crude = odds_trained / (table.loc[False, True] / table.loc[False, False])
    verdict = beoordeel("vroegsignalering.3", crude, folder)
    assert "zonder de teams" in verdict.message
