"""Client-experience analysis: R agreement, contract keys, small cells, privacy, planted effects."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from werkplaats.clientervaring import analysis as ex
from werkplaats.clientervaring.synth import generate
from werkplaats.errors import ParameterError
from werkplaats.results import to_jsonable

REL = 1e-6
TINY = "Veenendaal"


@pytest.fixture(scope="module")
def reference(reference_dir):
    data = ex.load(reference_dir)
    return data, ex.analyse(data, min_cel=10)


@pytest.fixture(scope="module")
def figures(reference):
    return ex.key_figures(reference[1])


def _write(tables, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    tables = generate(np.random.default_rng(7), scale=3, tiny=True, identifier_columns=True)
    folder = _write(tables, tmp_path_factory.mktemp("synth"))
    return tables, ex.load(folder)


def test_contract_keys(figures):
    assert {"percent_agree", "cronbach_alpha", "weighted", "funnel"} <= set(figures)
    cell = figures["percent_agree"]["Amersfoort"]["v01"]
    assert set(cell) == {"n", "agree", "ci", "suppressed"}
    assert set(figures["cronbach_alpha"]) == {"items9", "outcome"}
    assert {"n", "alpha"} <= set(figures["cronbach_alpha"]["items9"])
    assert {"agree", "se", "kish_deff"} <= set(figures["weighted"]["Utrecht"]["v06"])
    assert {"n", "lo95", "hi95", "lo998", "hi998"} <= set(figures["funnel"]["limits"]["Leusden"])
    json.dumps(to_jsonable(figures), allow_nan=False)


def test_percent_agree_matches_r(figures, r_results):
    for gemeente, items in r_results["ceo_percent_agree"].items():
        for item, expected in items.items():
            got = figures["percent_agree"][gemeente][item]
            assert got["n"] == expected["n"]
            assert got["agree"] == pytest.approx(expected["agree"], rel=REL)
            assert got["ci"] == pytest.approx(expected["ci"], rel=REL)


def test_cronbach_alpha_matches_r(figures, r_results):
    for key, r_key in (("items9", "cronbach_alpha_9"), ("outcome", "cronbach_alpha_outcome")):
        assert figures["cronbach_alpha"][key]["n"] == r_results[r_key]["n"]
        assert figures["cronbach_alpha"][key]["alpha"] == pytest.approx(r_results[r_key]["alpha"], rel=REL)


def test_weighted_matches_r(figures, r_results):
    assert set(figures["weighted"]) == set(r_results["ceo_raked_v06"])
    for gemeente, expected in r_results["ceo_raked_v06"].items():
        got = figures["weighted"][gemeente]["v06"]
        assert got["agree"] == pytest.approx(expected["v06_weighted"], rel=REL)
        assert got["kish_deff"] == pytest.approx(expected["kish_deff"], rel=REL)
        assert got["se"] == pytest.approx(expected["v06_se"], rel=0.05)


def test_funnel_matches_r(figures, r_results):
    expected = r_results["funnel_v03"]
    assert figures["funnel"]["target"] == pytest.approx(expected["target"], rel=REL)
    for gemeente, limits in expected["limits"].items():
        got = figures["funnel"]["limits"][gemeente]
        assert got["n"] == limits["n"]
        for key in ("lo95", "hi95", "lo998", "hi998"):
            assert got[key] == pytest.approx(limits[key], rel=REL)


def test_casemix_matches_r(reference, r_results):
    coefficients = reference[1].casemix.coefficients
    expected = r_results["casemix_v06"]
    assert reference[1].casemix.n == expected["n"]
    assert set(coefficients.index) == set(expected["coef"])
    for term, value in expected["coef"].items():
        assert coefficients.loc[term, "estimate"] == pytest.approx(value["estimate"], rel=1e-4)
        assert coefficients.loc[term, "se"] == pytest.approx(value["se"], rel=1e-4)


def test_response_tables(reference):
    response = reference[1].response
    shares = response.groupby(["gemeente", "kenmerk"])[["aandeel_respons", "aandeel_populatie"]].sum()
    assert np.allclose(shares.to_numpy(), 1.0)
    overview = reference[1].response_overview.set_index("gemeente")
    assert overview.loc["Utrecht", "respondenten"] == 610


def test_compare_with_region(reference):
    table = ex.compare_with_region(reference[1], "Leusden").set_index("item")
    assert table.loc["v03", "gemeente"] == pytest.approx(0.778625954198473, rel=REL)  # R's value
    row = table.loc["v03"]
    assert row["verschil"] == pytest.approx(row["gemeente"] - row["regio"])


def test_parameters_are_checked(reference):
    data = reference[0]
    with pytest.raises(ParameterError, match="Amersfoort"):
        ex.analyse(data, gemeente="Atlantis")
    with pytest.raises(ParameterError, match="v11"):
        ex.analyse(data, funnel_item="v11")
    with pytest.raises(ParameterError, match="min_cel"):
        ex.analyse(data, min_cel=0)
    assert ex.check_gemeente(data.answers, "leusden") == "Leusden"


def _with_tiny_gemeente(raw: pd.DataFrame, population: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    extra = raw[raw["gemeente"] == "Leusden"].head(6).assign(gemeente=TINY, gemeente_code="GM0345")
    extra["respondent_id"] = [f"T{i}" for i in range(len(extra))]
    pop = population[population["gemeente"] == "Leusden"].assign(gemeente=TINY, gemeente_code="GM0345")
    return pd.concat([raw, extra], ignore_index=True), pd.concat([population, pop], ignore_index=True)


@pytest.fixture(scope="module")
def tiny_run(reference_dir, tmp_path_factory):
    raw = pd.read_csv(reference_dir / "clientervaring_antwoorden.csv", dtype=str, keep_default_na=False)
    pop = pd.read_csv(reference_dir / "clientervaring_populatie.csv", dtype=str, keep_default_na=False)
    answers, population = _with_tiny_gemeente(raw, pop)
    folder = _write({"clientervaring_antwoorden": answers, "clientervaring_populatie": population},
                    tmp_path_factory.mktemp("tiny"))
    results = ex.analyse(ex.load(folder), gemeente=TINY, min_cel=10)
    return results, to_jsonable(ex.key_figures(results))


def test_small_gemeente_publishes_nothing(tiny_run):
    results, figures = tiny_run
    assert not ex.focus_publishable(results)
    for cell in figures["percent_agree"][TINY].values():
        assert cell == {"n": None, "agree": None, "ci": None, "suppressed": True}
    assert figures["funnel"]["limits"][TINY]["suppressed"] is True
    assert all(v is None for k, v in figures["funnel"]["limits"][TINY].items() if k != "suppressed")
    assert TINY not in figures["weighted"]
    assert TINY not in figures["casemix"]["adjusted"] and TINY in figures["casemix"]["excluded"]
    mine = results.response[results.response["gemeente"] == TINY]
    assert mine["respondenten"].isna().all() and mine["suppressed"].all()
    assert results.response_overview.set_index("gemeente").loc[TINY, ["respondenten"]].isna().all()
    tiny_rows = results.distribution[results.distribution["gemeente"] == TINY]
    assert tiny_rows["share"].isna().all() and tiny_rows["n"].isna().all()


def test_rest_of_the_report_still_runs(tiny_run, r_results):
    _, figures = tiny_run
    for gemeente, items in r_results["ceo_percent_agree"].items():
        got = figures["percent_agree"][gemeente]["v06"]["agree"]
        assert got == pytest.approx(items["v06"]["agree"], rel=REL)
    assert figures["weighted"]["Utrecht"]["v06"]["agree"] == pytest.approx(
        r_results["ceo_raked_v06"]["Utrecht"]["v06_weighted"], rel=REL)


def test_prepare_and_processed_data_hold_no_identifiers(synthetic, tmp_path):
    tables, data = synthetic
    forbidden = {"respondent_id", "toelichting", "bsn", "naam", "email", "telefoon"}
    assert not forbidden & set(data.answers.columns)
    path = ex.write_processed(data.answers, tmp_path)
    stored = pd.read_parquet(path)
    text = " ".join(stored.astype(str).to_numpy().ravel())
    raw = tables["clientervaring_antwoorden"]
    for col in ("bsn", "naam", "telefoon", "email"):
        assert not any(v in text for v in raw[col].head(50)), col
    assert "respondent_id" not in stored.columns and "toelichting" not in stored.columns
    raw_bytes = path.read_bytes()
    assert b"voorbeeldmail" not in raw_bytes and raw["bsn"].iloc[0].encode() not in raw_bytes


def test_write_processed_refuses_free_text(tmp_path):
    with pytest.raises(ValueError):
        ex.write_processed(pd.DataFrame({"toelichting": ["x"]}), tmp_path)


def test_planted_effects_are_recovered(synthetic):
    _, data = synthetic
    results = ex.analyse(data, min_cel=10)
    adjusted = results.casemix.adjusted.set_index("gemeente")
    assert adjusted.loc["Leusden", "difference_high"] < 0  # planted lower everywhere
    woerden = adjusted.loc["Woerden"]
    assert woerden["crude"] > woerden["adjusted"]  # older clients, more proxies: case-mix inflates crude
    weighted = results.weighted
    assert (weighted["weighted"] > weighted["unweighted"]).mean() >= 0.8  # response skewed to the young
    v02 = results.percent_agree[results.percent_agree["item"] == "v02"].set_index("gemeente")["agree"]
    assert v02["Nieuwegein"] < v02[["Amersfoort", "Utrecht", "Woerden"]].min()
    assert results.funnel.set_index("gemeente").loc["Leusden", "position"] in ("onder", "opvallend laag")
    assert 0.85 < results.alpha["items9"].alpha < 0.95


def test_trend_over_years(synthetic):
    _, data = synthetic
    trend = ex.trend(data.answers, min_cel=10)
    region = trend[(trend["gemeente"] == "regio") & (trend["item"] == "v02")].set_index("jaar")["agree"]
    assert region[2025] - region[2024] > 0.03  # planted +0.25 probit
    assert trend[trend["gemeente"] == TINY].empty or trend[trend["gemeente"] == TINY]["suppressed"].all()
    single = ex.trend(ex.latest_year(data.answers), min_cel=10)
    assert single is None


def test_response_table_hides_a_second_category_when_one_is_small():
    # geslacht has two categories: with 3 women hidden, 40 men and the total 43 would give them back
    answers = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64"] * 43,
                            "geslacht": ["vrouw"] * 3 + ["man"] * 40})
    population = pd.DataFrame({"gemeente": "A", "leeftijdsklasse": ["18-64", "18-64"],
                               "geslacht": ["vrouw", "man"], "aantal_clienten": [100, 200]})
    table = ex.response_table(answers, population, min_cel=10)
    sex = table[table["kenmerk"] == "geslacht"].set_index("categorie")
    assert sex["respondenten"].isna().all() and sex["suppressed"].all()
    age = table[table["kenmerk"] == "leeftijdsklasse"].set_index("categorie")
    assert age.loc["18-64", "respondenten"] == 43  # one category only: nothing to hide it behind
