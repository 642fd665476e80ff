"""Response tables: counts checked with plain pandas, protection of categories and of the region total."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.clientervaring.preparation import latest_year, prepare
from werkplaats.clientervaring.response import response_overview, response_table
from werkplaats.disclosure import protect
from werkplaats.lines import load_line


@pytest.fixture(scope="module")
def prepared(reference_dir):
    return prepare(load_line("clientervaring", reference_dir))


def test_overview_counts_match_the_raw_file(prepared, reference_dir):
    raw = pd.read_csv(reference_dir / "clientervaring_antwoorden.csv", dtype=str)
    raw = raw[raw["jaar"] == raw["jaar"].max()]
    overview = response_overview(latest_year(prepared.answers), prepared.population).set_index("gemeente")
    assert overview.loc["Utrecht", "respondenten"] == (raw["gemeente"] == "Utrecht").sum() == 610
    assert overview.loc["regio", "respondenten"] == len(raw)
    population = pd.read_csv(reference_dir / "clientervaring_populatie.csv")
    utrecht = population.loc[population["gemeente"] == "Utrecht", "aantal_clienten"].sum()
    assert overview.loc["Utrecht", "responspercentage"] == pytest.approx(610 / utrecht)


def test_response_shares_add_up(prepared):
    table = response_table(latest_year(prepared.answers), prepared.population)
    shares = table.groupby(["gemeente", "kenmerk"])[["aandeel_respons", "aandeel_populatie"]].sum()
    assert np.allclose(shares.to_numpy(), 1.0)


def test_a_second_category_is_hidden_when_one_is_small():
    # geslacht has two categories: with 3 women hidden, 40 men and the total 43 would give them back
    answers = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64"] * 43,
                            "geslacht": ["vrouw"] * 3 + ["man"] * 40})
    population = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64", "18-64"],
                               "geslacht": ["vrouw", "man"], "aantal_clienten": [100, 200]})
    table = protect(response_table(answers, population), min_cel=10)
    sex = table[table["kenmerk"] == "geslacht"].set_index("categorie")
    assert sex["respondenten"].isna().all() and sex["suppressed"].all()
    assert sex["aandeel_respons"].isna().all() and sex["responspercentage"].isna().all()
    age = table[table["kenmerk"] == "leeftijdsklasse"].set_index("categorie")
    assert age.loc["18-64", "respondenten"] == 43  # one category only: nothing to hide it behind


def test_region_total_does_not_give_back_a_small_gemeente():
    answers = pd.DataFrame({"gemeente": ["A"] * 50 + ["B"] * 30 + ["C"] * 4})
    population = pd.DataFrame({"gemeente": ["A", "B", "C"], "aantal_clienten": [500, 300, 40]})
    table = protect(response_overview(answers, population), min_cel=10).set_index("gemeente")
    assert pd.isna(table.loc["C", "respondenten"])
    assert pd.isna(table.loc["B", "respondenten"])  # regio 84 - A 50 - B 30 would give C back
    assert table.loc["regio", "respondenten"] == 84 and table.loc["A", "respondenten"] == 50


def test_no_response_rate_above_100_percent_is_published():
    a = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64"] * 5, "geslacht": ["man"] * 4 + ["vrouw"]})
    p = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64"] * 2, "geslacht": ["man", "vrouw"],
                      "aantal_clienten": [3, 40]})
    sex = response_table(a, p).query("kenmerk == 'geslacht'").set_index("categorie")
    assert pd.isna(sex.loc["man", "responspercentage"])
    assert sex.loc["vrouw", "responspercentage"] == pytest.approx(1 / 40)
