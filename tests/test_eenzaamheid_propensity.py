"""Propensity-score weighting of the loneliness comparison: R's survey::svyglm on the reference
data (tests/fixtures/r/r_overlap.json, made by tests/fixtures/r/overlap.R), exact balance of
overlap weights, a planted effect under confounding, and the report's tables."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from support import FIXTURES

from werkplaats.disclosure import protect
from werkplaats.eenzaamheid.analysis import analyse, key_figures, tables
from werkplaats.eenzaamheid.preparation import prepare
from werkplaats.eenzaamheid.propensity import overlap_table, overlap_tables
from werkplaats.errors import ParameterError
from werkplaats.lines import load_line
from werkplaats.roles import roles_of

REL = 1e-6


@pytest.fixture(scope="module")
def prepared():
    return prepare(load_line("eenzaamheid", FIXTURES / "reference"))


@pytest.fixture(scope="module")
def r_overlap() -> dict:
    return json.loads((FIXTURES / "r" / "r_overlap.json").read_text(encoding="utf-8"))["ancova_T1_overlap"]


def test_overlap_key_figure_agrees_with_svyglm(prepared, r_overlap):
    kf = key_figures(analyse(prepared))["ancova_T1_overlap"]
    assert kf["n"] == r_overlap["n"]
    for key in ("effect", "se", "ess"):
        assert kf[key] == pytest.approx(r_overlap[key], rel=REL), key
    assert kf["ci"] == pytest.approx(r_overlap["ci"], rel=REL)
    assert not kf["suppressed"]


def test_overlap_weights_balance_the_covariate_means_exactly(prepared):
    """With a logistic propensity score, overlap weights make the weighted means of every
    covariate in the model equal between the groups (Li, Morgan & Zaslavsky 2018)."""
    _, balance = overlap_tables(prepared.scores)
    assert (balance["smd_voor"].abs() > 0.05).any()  # the groups differed before weighting
    np.testing.assert_allclose(balance["smd_na"].to_numpy(float), 0, atol=1e-8)


def test_options_boosting_and_trimmed_ipw_balance_within_the_rule(prepared):
    for options in ({"learner": "boosting"}, {"weighting": "ipw"}):
        effect, balance = overlap_tables(prepared.scores, **options)
        assert (balance["smd_na"].abs() < 0.1).all(), options
        assert effect.iloc[0]["ess"] < effect.iloc[0]["n"]


def _confounded(rng: np.random.Generator, n: int = 4000, effect: float = -1.0) -> pd.DataFrame:
    """Older people join the intervention more often and get lonelier regardless: an ANCOVA on
    T0 alone is biased, the propensity-weighted one (with leeftijd in the score) is not."""
    age = rng.normal(75, 6, n)
    women = rng.random(n) < 0.55
    gemeente = rng.choice(["Amersfoort", "Utrecht"], n)
    t0 = rng.normal(5, 2, n)
    treated = rng.random(n) < 1 / (1 + np.exp(-(0.15 * (age - 75) + 0.2 * (t0 - 5))))
    t1 = 1 + 0.6 * t0 + 0.1 * (age - 75) + effect * treated + rng.normal(0, 1.5, n)
    people = pd.DataFrame({"deelnemer_id": [f"D{i}" for i in range(n)], "gemeente": gemeente,
                           "groep": np.where(treated, "interventie", "controle"), "leeftijd": age,
                           "geslacht": np.where(women, "vrouw", "man")})
    long = pd.concat([people.assign(meting="T0", djg_totaal=t0), people.assign(meting="T1", djg_totaal=t1)])
    return long.reset_index(drop=True)


def test_a_planted_effect_is_recovered_under_confounding():
    rng = np.random.default_rng(14)
    row = overlap_table(_confounded(rng)).iloc[0]
    assert row["ci_low"] < -1.0 < row["ci_high"]
    assert abs(row["effect"] + 1.0) < 0.1


def test_tables_are_declared_and_protected(prepared):
    shown = tables(analyse(prepared))
    for name in ("overlap", "balans_gewogen"):
        roles = roles_of(shown[name])
        assert roles.title and all(c in roles.columns for c in shown[name].columns if c != "lezing"), name
    assert shown["overlap"].iloc[0]["lezing"] == "geen aantoonbaar effect"


def test_small_groups_are_suppressed(prepared):
    scores = prepared.scores
    t0 = scores[scores["meting"].astype(object) == "T0"]
    chosen = pd.concat([t0[t0["groep"].astype(object) == g]["deelnemer_id"].iloc[:k]
                        for g, k in (("interventie", 9), ("controle", 40))])
    effect, balance = overlap_tables(scores[scores["deelnemer_id"].isin(chosen)])
    assert effect.iloc[0]["n_interventie"] < 10 and not pd.isna(effect.iloc[0]["effect"])
    for table in (effect, balance):
        shown = protect(table, min_cel=10)
        assert shown["suppressed"].all()
        assert shown.filter(like="smd").isna().all().all() and shown.filter(like="effect").isna().all().all()


def test_unknown_propensity_options_are_refused(prepared):
    with pytest.raises(ParameterError, match="boosting"):
        analyse(prepared, propensity_model="forest")
    with pytest.raises(ParameterError, match="ipw"):
        analyse(prepared, weighting="att")
