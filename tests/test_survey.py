"""Raking, raked shares with linearised SEs, Kish design effect: against R's survey package.

R (reference.R): ``svymean(~agree, subset(rake(design, ~leeftijdsklasse + ~geslacht), valid))``
per gemeente; point estimate and Kish deff to 1e-6, SE within 5% (we aim, and reach, closer).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.clientervaring.scoring import agree_flags
from werkplaats.stats.survey import (
    effective_n,
    kish_deff,
    margins_from_population,
    rake_weights,
    raked_share,
)
from werkplaats.validate import load_dataset


@pytest.fixture(scope="module")
def reference(reference_dir):
    answers = load_dataset("clientervaring_antwoorden", reference_dir).data
    population = load_dataset("clientervaring_populatie", reference_dir).data
    return answers, population


def _raked(answers, population, gemeente):
    part = answers[answers["gemeente"] == gemeente].reset_index(drop=True)
    margins = margins_from_population(population[population["gemeente"] == gemeente],
                                      ["leeftijdsklasse", "geslacht"])
    return raked_share(agree_flags(part, ["v06"])["v06"], part, margins), part, margins


@pytest.mark.parametrize("gemeente", ["Amersfoort", "Leusden", "Nieuwegein", "Utrecht", "Woerden"])
def test_raked_share_matches_r(reference, r_results, gemeente):
    expected = r_results["ceo_raked_v06"][gemeente]
    result, _, _ = _raked(*reference, gemeente)
    assert result.share == pytest.approx(expected["v06_weighted"], rel=1e-6)
    assert result.kish_deff == pytest.approx(expected["kish_deff"], rel=1e-6)
    assert result.se == pytest.approx(expected["v06_se"], rel=0.05)
    assert result.se == pytest.approx(expected["v06_se"], rel=1e-6)  # the linearisation is R's exactly


def test_raked_weights_reproduce_the_population_margins(reference):
    answers, population = reference
    _, part, margins = _raked(answers, population, "Utrecht")
    w = rake_weights(part, margins)
    for col, totals in margins.items():
        got = pd.Series(w).groupby(part[col].astype(object).to_numpy()).sum()
        assert got.to_dict() == pytest.approx(totals.to_dict(), rel=1e-9)


def test_single_margin_is_post_stratification():
    """One margin: the weight is N_h / n_h, and the SE is the textbook post-stratified one,
    sqrt(n/(n-1) * sum_i (w_i (y_i - ybar_h))^2) / N for a full-sample mean."""
    rng = np.random.default_rng(4)
    data = pd.DataFrame({"laag": rng.choice(["a", "b", "c"], size=300, p=[0.5, 0.3, 0.2])})
    y = pd.Series((rng.random(300) < data["laag"].map({"a": 0.6, "b": 0.8, "c": 0.9})).astype(float))
    totals = {"a": 1000.0, "b": 1500.0, "c": 2500.0}
    result = raked_share(y, data, {"laag": totals})
    n_h = data["laag"].value_counts()
    ybar_h = y.groupby(data["laag"]).mean()
    expected_share = sum(totals[h] * ybar_h[h] for h in totals) / sum(totals.values())
    w = data["laag"].map({h: totals[h] / n_h[h] for h in totals}).to_numpy()
    resid = w * (y.to_numpy() - data["laag"].map(ybar_h).to_numpy())
    expected_se = np.sqrt(300 / 299 * np.sum(resid**2)) / sum(totals.values())
    assert result.share == pytest.approx(expected_share, rel=1e-10)
    assert result.se == pytest.approx(expected_se, rel=1e-10)


def test_kish_deff_and_effective_n_by_hand():
    assert kish_deff(np.ones(7)) == pytest.approx(1.0)
    w = np.array([1.0, 3.0])
    assert kish_deff(w) == pytest.approx(2 * 10 / 16)
    assert effective_n(w) == pytest.approx(16 / 10)


def test_unknown_category_raises():
    data = pd.DataFrame({"geslacht": ["man", "vrouw", "anders"]})
    with pytest.raises(ValueError, match="anders"):
        rake_weights(data, {"geslacht": {"man": 10, "vrouw": 10}})


def test_empty_population_category_is_left_out():
    data = pd.DataFrame({"k": ["a", "a", "b"]})
    w = rake_weights(data, {"k": {"a": 10.0, "b": 5.0, "c": 7.0}})
    assert w.tolist() == pytest.approx([5.0, 5.0, 5.0])
