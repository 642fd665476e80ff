"""Funnel and case-mix model against R; the case-mix model leaves out gemeenten it cannot estimate."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.clientervaring.comparison import casemix, funnel
from werkplaats.clientervaring.preparation import latest_year, prepare
from werkplaats.disclosure import protect
from werkplaats.lines import load_line

REL = 1e-6


@pytest.fixture(scope="module")
def answers(reference_dir):
    return latest_year(prepare(load_line("clientervaring", reference_dir)).answers)


def test_funnel_matches_r(answers, r_results):
    expected = r_results["funnel_v03"]
    target, table = funnel(answers, item="v03")
    assert target == pytest.approx(expected["target"], rel=REL)
    table = table.set_index("gemeente")
    for gemeente, limits in expected["limits"].items():
        assert table.loc[gemeente, "n"] == limits["n"]
        for key in ("lo95", "hi95", "lo998", "hi998"):
            assert table.loc[gemeente, key] == pytest.approx(limits[key], rel=REL)


def test_casemix_matches_r(answers, r_results):
    expected = r_results["casemix_v06"]
    result = casemix(answers, item="v06")
    assert result.n == expected["n"] and result.excluded == []
    coefficients = result.coefficients.set_index("term")
    assert set(coefficients.index) == set(expected["coef"])
    for term, value in expected["coef"].items():
        assert coefficients.loc[term, "estimate"] == pytest.approx(value["estimate"], rel=1e-4)
        assert coefficients.loc[term, "se"] == pytest.approx(value["se"], rel=1e-4)


def test_small_gemeente_is_left_out_of_the_model_and_protected_in_the_funnel(answers):
    tiny = answers[answers["gemeente"] == "Leusden"].head(6).assign(gemeente="Veenendaal")
    both = pd.concat([answers, tiny], ignore_index=True)
    assert casemix(both, item="v06", min_respondents=10).excluded == ["Veenendaal"]
    _, table = funnel(both, item="v03")
    row = protect(table, min_cel=10).set_index("gemeente").loc["Veenendaal"]
    assert row["suppressed"] and row[["n", "share", "lo95", "hi998", "position"]].isna().all()
