"""Raking: the weighted share agreeing with v06 against R's survey package."""

from __future__ import annotations

import pandas as pd
import pytest

from werkplaats.clientervaring.preparation import latest_year, prepare
from werkplaats.clientervaring.weighting import weighted_agree
from werkplaats.errors import DataError
from werkplaats.lines import load_line
from werkplaats.roles import roles_of

REL = 1e-6


@pytest.fixture(scope="module")
def prepared(reference_dir):
    return prepare(load_line("clientervaring", reference_dir))


def test_weighted_matches_r(prepared, r_results):
    table = weighted_agree(latest_year(prepared.answers), prepared.population).set_index("gemeente")
    assert set(table.index) == set(r_results["ceo_raked_v06"])
    for gemeente, expected in r_results["ceo_raked_v06"].items():
        assert table.loc[gemeente, "weighted"] == pytest.approx(expected["v06_weighted"], rel=REL)
        assert table.loc[gemeente, "kish_deff"] == pytest.approx(expected["kish_deff"], rel=REL)
        assert table.loc[gemeente, "se"] == pytest.approx(expected["v06_se"], rel=0.05)
    assert roles_of(table.reset_index()).columns["weighted"].on == ("n_valid",)


def test_too_few_respondents_are_not_raked(prepared):
    answers = latest_year(prepared.answers)
    few = answers[answers["gemeente"] == "Leusden"].head(29)
    assert weighted_agree(few, prepared.population).empty


def test_respondents_without_population_cell_are_a_data_error(prepared):
    answers = latest_year(prepared.answers)
    population = prepared.population[~((prepared.population["gemeente"] == "Utrecht")
                                       & (prepared.population["geslacht"] == "man"))]
    with pytest.raises(DataError, match="Utrecht"):
        weighted_agree(answers[answers["gemeente"] == "Utrecht"], pd.DataFrame(population))
