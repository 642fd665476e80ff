"""Preparation of the client-experience survey: pure, no identifiers, explicit writing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from werkplaats.clientervaring.preparation import Prepared, check_item, latest_year, prepare, write_prepared
from werkplaats.clientervaring.synth import generate
from werkplaats.errors import ParameterError
from werkplaats.lines import load_line


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    tables = generate(np.random.default_rng(7), scale=1, tiny=True, identifier_columns=True)
    folder = tmp_path_factory.mktemp("synth")
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    return tables, folder


def test_prepare_is_pure_and_holds_no_identifiers(synthetic):
    tables, folder = synthetic
    before = sorted(p.name for p in folder.iterdir())
    prepared = prepare(load_line("clientervaring", folder))
    assert isinstance(prepared, Prepared)
    assert sorted(p.name for p in folder.iterdir()) == before
    forbidden = {"respondent_id", "toelichting", "bsn", "naam", "email", "telefoon"}
    assert not forbidden & set(prepared.answers.columns)
    assert len(prepared.answers) == len(tables["clientervaring_antwoorden"])
    assert [p.name for p in prepared.inputs] == ["clientervaring_antwoorden.csv", "clientervaring_populatie.csv"]


def test_scores_are_the_recoded_answers(reference_dir):
    answers = prepare(load_line("clientervaring", reference_dir)).answers
    agree = answers["v01"].astype(object).isin(["mee eens"])
    assert (answers.loc[agree, "v01_score"] == 4).all()
    assert answers.loc[answers["v01"].astype(object) == "weet niet / n.v.t.", "v01_score"].isna().all()


def test_written_data_hold_no_identifier(synthetic, tmp_path):
    tables, folder = synthetic
    path = write_prepared(prepare(load_line("clientervaring", folder)), tmp_path)
    stored = pd.read_parquet(path)
    text = " ".join(stored.astype(str).to_numpy().ravel())
    raw = tables["clientervaring_antwoorden"]
    for col in ("bsn", "naam", "telefoon", "email"):
        assert not any(v in text for v in raw[col].head(50)), col
    assert "respondent_id" not in stored.columns and "toelichting" not in stored.columns
    assert raw["bsn"].iloc[0].encode() not in path.read_bytes()


def test_write_prepared_refuses_free_text(tmp_path):
    bad = Prepared(answers=pd.DataFrame({"toelichting": ["x"]}), population=pd.DataFrame())
    with pytest.raises(ValueError):
        write_prepared(bad, tmp_path)


def test_check_item_and_latest_year():
    assert check_item("v10") == "v10"
    with pytest.raises(ParameterError, match="v11"):
        check_item("v11")
    assert latest_year(pd.DataFrame({"jaar": [2023, 2025, 2024, 2025]}))["jaar"].tolist() == [2025, 2025]


# --- Population against respondents (issue 16) ---

def _answers(counts: dict) -> pd.DataFrame:
    rows = [{"gemeente": g, "jaar": 2025, "leeftijdsklasse": k, "geslacht": s}
            for (g, k, s), n in counts.items() for _ in range(n)]
    return pd.DataFrame(rows)


def _population(counts: dict) -> pd.DataFrame:
    return pd.DataFrame([{"gemeente": g, "leeftijdsklasse": k, "geslacht": s, "aantal_clienten": n}
                         for (g, k, s), n in counts.items()])


def test_population_below_respondents_is_refused():
    from werkplaats.clientervaring.preparation import check_population
    from werkplaats.errors import DataError

    answers = _answers({("A", "85+", "man"): 30, ("A", "85+", "vrouw"): 30})
    with pytest.raises(DataError, match="gemeente A: 50 cliënten, maar 60 respondenten in 2025"):
        check_population(answers, _population({("A", "85+", "man"): 25, ("A", "85+", "vrouw"): 25}))
    with pytest.raises(DataError, match="gemeente A, leeftijdsklasse 85\\+, geslacht vrouw: 0 cliënten, maar 30"):
        check_population(answers, _population({("A", "85+", "man"): 900, ("A", "85+", "vrouw"): 0}))
    check_population(answers, _population({("A", "85+", "man"): 40, ("A", "85+", "vrouw"): 40}))


def test_gemeente_without_population_is_named_not_refused():
    from werkplaats.clientervaring.preparation import check_population, gemeenten_without_population
    from werkplaats.clientervaring.text import population_note

    answers = _answers({("A", "85+", "man"): 3, ("B", "85+", "man"): 3})
    population = _population({("A", "85+", "man"): 40})
    check_population(answers, population)
    assert gemeenten_without_population(answers, population) == ["B"]
    assert population_note(["B"]).startswith("Voor B zijn geen populatieaantallen aangeleverd. Daarom staan er "
                                             "voor deze gemeente geen gewogen cijfers")
    assert population_note([]) is None
