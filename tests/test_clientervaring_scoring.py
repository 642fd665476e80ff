"""Likert recoding, shares agreeing with Wilson intervals, answer distributions and alpha.

Shares, intervals and alpha are checked against R (tests/fixtures/r_results.json:
prop.test(correct = FALSE) and psych::alpha); the Feldt interval by its coverage on
simulated parallel items with a known alpha.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.clientervaring.scoring import (
    DONT_KNOW,
    ITEMS,
    ITEMS_NINE,
    ITEMS_OUTCOME,
    LIKERT_LABELS,
    agree_flags,
    answer_distribution,
    cronbach_alpha,
    percent_agree,
    recode_likert,
    recode_yes_no,
    score_items,
)
from werkplaats.validate import load_dataset

REL = 1e-6


@pytest.fixture(scope="module")
def answers(reference_dir):
    return load_dataset("clientervaring_antwoorden", reference_dir).data


def test_recode_likert_scores_and_missing():
    raw = pd.Series(LIKERT_LABELS + [DONT_KNOW, None, "", " Mee Eens "])
    assert recode_likert(raw).tolist()[:5] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert recode_likert(raw).iloc[5:8].isna().all()
    assert recode_likert(raw).iloc[8] == 4.0


def test_recode_yes_no():
    assert recode_yes_no(pd.Series(["ja", "nee", "JA ", None])).tolist()[:3] == [1.0, 0.0, 1.0]
    assert np.isnan(recode_yes_no(pd.Series([None])).iloc[0])


def test_agree_flags_by_hand():
    data = pd.DataFrame({"v01": ["helemaal mee eens", "niet mee eens, niet mee oneens", DONT_KNOW],
                         "v05": ["nee", "ja", None]})
    flags = agree_flags(data, ["v01", "v05"])
    assert flags["v01"].tolist()[:2] == [1.0, 0.0] and np.isnan(flags["v01"].iloc[2])
    assert flags["v05"].tolist()[:2] == [0.0, 1.0]


def test_percent_agree_matches_r(answers, r_results):
    table = percent_agree(answers)
    expected = r_results["ceo_percent_agree"]
    assert len(table) == sum(len(v) for v in expected.values())
    for row in table.itertuples():
        r = expected[row.gemeente][row.item]
        assert row.n == r["n"]
        assert row.agree == pytest.approx(r["agree"], rel=REL)
        assert [row.ci_low, row.ci_high] == pytest.approx(r["ci"], rel=REL)


def test_percent_agree_by_hand():
    data = pd.DataFrame({"gemeente": ["A"] * 12 + ["B"] * 4,
                         "v03": ["mee eens"] * 9 + ["niet mee eens"] * 3 + ["mee eens"] * 4})
    table = percent_agree(data, items=["v03"]).set_index("gemeente")
    assert table.loc["A", "agree"] == pytest.approx(0.75)
    assert table.loc["B", "n"] == 4 and table.loc["B", "agree"] == 1.0  # unprotected: protection is later


def test_percent_agree_no_valid_answers_is_zero():
    data = pd.DataFrame({"gemeente": ["A"] * 12, "v02": [DONT_KNOW, None] * 6})
    row = percent_agree(data, items=["v02"]).iloc[0]
    assert row["n"] == 0 and np.isnan(row["agree"])


def test_percent_agree_pooled(answers, r_results):
    pooled = percent_agree(answers, by=None, items=["v03"]).iloc[0]
    per = r_results["ceo_percent_agree"]
    n = sum(g["v03"]["n"] for g in per.values())
    x = sum(g["v03"]["n"] * g["v03"]["agree"] for g in per.values())
    assert pooled["n"] == n
    assert pooled["agree"] == pytest.approx(x / n, rel=REL)


def test_answer_distribution_by_hand():
    data = pd.DataFrame({"gemeente": ["A"] * 12,
                         "v01": ["mee eens"] * 6 + ["helemaal mee eens"] * 3 + ["niet mee eens"]
                         + [DONT_KNOW, None]})
    table = answer_distribution(data, items=["v01"]).set_index("answer")
    assert table.loc["mee eens", "share"] == pytest.approx(0.6)
    assert table.loc["helemaal mee eens", "share"] == pytest.approx(0.3)
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["dont_know"].iloc[0] == 1 and table["missing"].iloc[0] == 1


def test_score_items_v05_is_zero_one(answers):
    scores = score_items(answers, ITEMS)
    assert set(scores["v05"].dropna().unique()) <= {0.0, 1.0}
    assert scores["v01"].dropna().between(1, 5).all()


def test_cronbach_alpha_matches_psych(answers, r_results):
    nine = cronbach_alpha(score_items(answers, ITEMS_NINE))
    outcome = cronbach_alpha(score_items(answers, ITEMS_OUTCOME))
    assert nine.n == r_results["cronbach_alpha_9"]["n"]
    assert nine.alpha == pytest.approx(r_results["cronbach_alpha_9"]["alpha"], rel=REL)
    assert outcome.n == r_results["cronbach_alpha_outcome"]["n"]
    assert outcome.alpha == pytest.approx(r_results["cronbach_alpha_outcome"]["alpha"], rel=REL)
    assert nine.ci[0] < nine.alpha < nine.ci[1]


def test_feldt_interval_covers_the_true_alpha():
    """Parallel items (loading l, unit variance): alpha = k r / (1 + (k - 1) r), r = l^2."""
    rng = np.random.default_rng(11)
    k, n, loading, reps = 5, 60, 0.6, 400
    r = loading**2
    true_alpha = k * r / (1 + (k - 1) * r)
    hits = 0
    for _ in range(reps):
        latent = rng.normal(size=(n, 1))
        items = loading * latent + np.sqrt(1 - r) * rng.normal(size=(n, k))
        low, high = cronbach_alpha(pd.DataFrame(items)).ci
        hits += low <= true_alpha <= high
    assert 0.92 <= hits / reps <= 0.98


def test_cronbach_alpha_too_few_cases():
    result = cronbach_alpha(pd.DataFrame({"a": [1.0, np.nan], "b": [2.0, 3.0]}))
    assert result.n == 1 and np.isnan(result.alpha)
