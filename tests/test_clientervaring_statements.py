"""Shares agreeing, distributions, comparison with the region, alpha and the data check; protection
of small groups is checked on the protected output."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.clientervaring import statements
from werkplaats.clientervaring.preparation import latest_year, prepare, prepare_answers
from werkplaats.clientervaring.scoring import DONT_KNOW
from werkplaats.disclosure import protect
from werkplaats.lines import load_line

REL = 1e-6


@pytest.fixture(scope="module")
def answers(reference_dir):
    return latest_year(prepare(load_line("clientervaring", reference_dir)).answers)


def test_agree_table_matches_r(answers, r_results):
    table = statements.agree_table(answers)
    expected = r_results["ceo_percent_agree"]
    assert len(table) == sum(len(v) for v in expected.values())
    for row in table.itertuples():
        r = expected[row.gemeente][row.item]
        assert row.n == r["n"]
        assert row.agree == pytest.approx(r["agree"], rel=REL)
        assert [row.ci_low, row.ci_high] == pytest.approx(r["ci"], rel=REL)


def test_region_comparison_leusden(answers, r_results):
    per, region = statements.agree_table(answers), statements.agree_table(answers, by=None)
    table = statements.region_comparison(per, region, "Leusden").set_index("item")
    assert table.loc["v03", "gemeente"] == pytest.approx(r_results["ceo_percent_agree"]["Leusden"]["v03"]["agree"],
                                                         rel=REL)
    n = sum(g["v03"]["n"] for g in r_results["ceo_percent_agree"].values())
    assert table.loc["v03", "n_regio"] == n
    row = table.loc["v03"]
    assert row["verschil"] == pytest.approx(row["gemeente"] - row["regio"])


def test_alpha_table_matches_psych(answers, r_results):
    table = statements.alpha_table(answers).set_index("schaal")
    for key, r_key in (("items9", "cronbach_alpha_9"), ("outcome", "cronbach_alpha_outcome")):
        assert table.loc[key, "n"] == r_results[r_key]["n"]
        assert table.loc[key, "alpha"] == pytest.approx(r_results[r_key]["alpha"], rel=REL)


def test_trend_needs_two_years(answers):
    assert statements.trend_table(answers) is None


def _frame(data: dict) -> pd.DataFrame:
    base = {c: "x" for c in ("gemeente_code", "leeftijdsklasse", "geslacht", "voorziening", "ingevuld_door")}
    n = len(next(iter(data.values())))
    items = {f"v{i:02d}": [None] * n for i in range(1, 11)}
    return prepare_answers(pd.DataFrame({"jaar": 2025, **base, **items, **data}))


def test_small_groups_are_protected():
    data = _frame({"gemeente": ["A"] * 40 + ["B"] * 4,
                   "v03": ["mee eens"] * 30 + ["niet mee eens"] * 10 + ["mee eens"] * 4})
    table = protect(statements.agree_table(data), min_cel=10).set_index(["gemeente", "item"])
    assert table.loc[("A", "v03"), "agree"] == pytest.approx(0.75)
    nearly_all = _frame({"gemeente": ["A"] * 30, "v03": ["mee eens"] * 27 + ["niet mee eens"] * 3})
    few = protect(statements.agree_table(nearly_all), min_cel=10).set_index(["gemeente", "item"])
    assert few.loc[("A", "v03"), "n"] == 30  # 30 respondents may be shown ...
    assert few.loc[("A", "v03"), ["agree", "ci_low", "ci_high"]].isna().all()  # ... 90% of them (3 not) not
    assert bool(table.loc[("B", "v03"), "suppressed"])
    assert table.loc[("B", "v03"), ["n", "agree", "ci_low", "ci_high"]].isna().all()


def test_small_group_publishes_no_share_even_where_nobody_answered():
    """A group of 6: no share, no interval and no small count is published."""
    data = _frame({"gemeente": ["A"] * 6, "v02": [DONT_KNOW] * 6, "v03": ["mee eens"] * 6})
    table = protect(statements.agree_table(data), min_cel=10)
    assert table["suppressed"].all() and table[["agree", "ci_low", "ci_high"]].isna().all().all()
    assert not table["n"].dropna().between(1, 9).any()
    dist = protect(statements.distribution_table(data), min_cel=10)
    assert dist["suppressed"].all() and dist["share"].isna().all()
    for column in ("n", "dont_know", "missing"):
        assert not dist[column].dropna().between(1, 9).any(), column
    assert dist.loc[dist["item"] == "v02", "dont_know"].isna().all()  # the 6 'weet niet' are hidden


def test_data_check_counts(answers):
    table = statements.data_check(answers).set_index("gemeente")
    leusden = answers[answers["gemeente"] == "Leusden"]
    assert table.loc["Leusden", "respondenten"] == len(leusden)
    items = leusden[[f"v{i:02d}" for i in range(1, 11)]].astype(object)
    assert table.loc["Leusden", "weet_niet"] == (items == DONT_KNOW).to_numpy().sum()
    row = table.loc["Leusden"]
    assert row["geldig"] + row["weet_niet"] + row["leeg"] == 10 * len(leusden)


def test_trend_region_row_does_not_give_back_a_small_gemeente():
    data = _frame({"gemeente": ["A"] * 40 + ["B"] * 30 + ["C"] * 4 + ["A"] * 40 + ["B"] * 30 + ["C"] * 4,
                   "v03": ["mee eens"] * 148})
    data["jaar"] = [2024] * 74 + [2025] * 74
    table = statements.trend_table(data)
    v03 = protect(table, min_cel=10).query("item == 'v03'").set_index(["jaar", "gemeente"])
    for year in (2024, 2025):
        assert v03.loc[(year, "regio"), "n"] == 74 and v03.loc[(year, "A"), "n"] == 40
        assert pd.isna(v03.loc[(year, "C"), "n"]) and pd.isna(v03.loc[(year, "B"), "n"])
