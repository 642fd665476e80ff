"""Client-experience analyse/tables/key_figures: R agreement, contract keys, protection, planted effects."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from werkplaats import clientervaring as lijn
from werkplaats.clientervaring.synth import generate
from werkplaats.disclosure import small
from werkplaats.errors import ParameterError
from werkplaats.lines import load_line
from werkplaats.results import to_jsonable
from werkplaats.roles import roles_of

REL = 1e-6
TINY = "Veenendaal"


def _load(folder):
    return lijn.prepare(load_line("clientervaring", folder))


@pytest.fixture(scope="module")
def reference(reference_dir):
    prepared = _load(reference_dir)
    return prepared, lijn.analyse(prepared, min_cel=10)


@pytest.fixture(scope="module")
def figures(reference):
    return lijn.key_figures(reference[1])


def _write(tables, folder):
    folder.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_csv(folder / f"{name}.csv", index=False)
    return folder


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    tables = generate(np.random.default_rng(7), scale=3, tiny=True, identifier_columns=True)
    return tables, _load(_write(tables, tmp_path_factory.mktemp("synth")))


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


def test_casemix_matches_r(figures, r_results):
    expected = r_results["casemix_v06"]
    assert figures["casemix"]["n"] == expected["n"]
    assert set(figures["casemix"]["coef"]) == set(expected["coef"])
    for term, value in expected["coef"].items():
        assert figures["casemix"]["coef"][term]["estimate"] == pytest.approx(value["estimate"], rel=1e-4)
        assert figures["casemix"]["coef"][term]["se"] == pytest.approx(value["se"], rel=1e-4)


def test_parameters_are_checked_and_kept(reference):
    prepared, results = reference
    with pytest.raises(ParameterError, match="Amersfoort"):
        lijn.analyse(prepared, gemeente="Atlantis")
    with pytest.raises(ParameterError, match="v11"):
        lijn.analyse(prepared, funnel_item="v11")
    with pytest.raises(ParameterError, match="min_cel"):
        lijn.analyse(prepared, min_cel=0)
    with pytest.raises(TypeError):
        lijn.analyse(prepared.answers)
    assert lijn.analyse(prepared, gemeente="leusden").parameters["gemeente"] == "Leusden"
    assert results.parameters == {"gemeente": "alle", "min_cel": 10, "funnel_item": "v03", "weighted_item": "v06"}


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
    results = lijn.analyse(_load(folder), gemeente=TINY, min_cel=10)
    return results, to_jsonable(lijn.key_figures(results))


def test_small_gemeente_publishes_nothing(tiny_run):
    results, figures = tiny_run
    for cell in figures["percent_agree"][TINY].values():
        assert cell == {"n": None, "agree": None, "ci": None, "suppressed": True}
    assert figures["funnel"]["limits"][TINY]["suppressed"] is True
    assert all(v is None for k, v in figures["funnel"]["limits"][TINY].items() if k != "suppressed")
    assert TINY not in figures["weighted"]
    assert TINY not in figures["casemix"]["adjusted"] and TINY in figures["casemix"]["excluded"]
    published = lijn.tables(results)
    mine = published["respons_kenmerken"].query("gemeente == @TINY")
    assert mine["respondenten"].isna().any() and mine["suppressed"].all()
    assert not mine["respondenten"].dropna().between(1, 9).any()
    assert pd.isna(published["respons"].set_index("gemeente").loc[TINY, "respondenten"])
    tiny_rows = published["verdeling"].query("gemeente == @TINY")
    assert tiny_rows["share"].isna().all() and tiny_rows["suppressed"].all()
    compared = published["vergelijking_regio"]
    assert compared[["gemeente", "gemeente_low", "gemeente_high", "verschil"]].isna().all().all()


def test_region_total_does_not_give_back_the_tiny_gemeente(tiny_run):
    """The region row of the response overview minus the others would give the tiny gemeente back."""
    overview = lijn.tables(tiny_run[0])["respons"].set_index("gemeente")
    assert overview["respondenten"].isna().sum() >= 2


def test_rest_of_the_report_still_runs(tiny_run, r_results):
    """The region minus the other gemeenten would give the tiny gemeente back, so where it is
    hidden the next smallest gemeente (Leusden) is hidden too; the others still agree with R."""
    _, figures = tiny_run
    assert figures["percent_agree"][TINY]["v06"]["agree"] is None
    assert figures["percent_agree"]["Leusden"]["v06"]["agree"] is None  # secondary: region - others
    assert figures["percent_agree_regio"]["v06"]["n"] is not None
    for gemeente, items in r_results["ceo_percent_agree"].items():
        if gemeente != "Leusden":
            got = figures["percent_agree"][gemeente]["v06"]["agree"]
            assert got == pytest.approx(items["v06"]["agree"], rel=REL)
    assert figures["weighted"]["Utrecht"]["v06"]["agree"] == pytest.approx(
        r_results["ceo_raked_v06"]["Utrecht"]["v06_weighted"], rel=REL)


@pytest.mark.parametrize("min_cel", [10, 50])
def test_every_published_table_has_roles_and_no_small_count(tiny_run, min_cel, reference_dir):
    results = tiny_run[0]
    if min_cel != results.min_cel:
        folder = reference_dir
        results = lijn.analyse(_load(folder), gemeente="Leusden", min_cel=min_cel)
    published = lijn.tables(results)
    assert {"respons", "respons_kenmerken", "stellingen", "vergelijking_regio", "trechter", "casemix", "alfa",
            "datacontrole", "gewogen"} <= set(published)
    for name, table in published.items():
        roles = roles_of(table)
        assert all(roles.columns[c].header for c in table.columns), name
        for column in roles.counts:
            assert not any(small(v, min_cel) for v in table[column]), (name, column)


def test_planted_effects_are_recovered(synthetic):
    _, prepared = synthetic
    results = lijn.analyse(prepared, min_cel=10)
    published = lijn.tables(results)
    adjusted = published["casemix"].set_index("gemeente")
    assert adjusted.loc["Leusden", "difference_high"] < 0  # planted lower everywhere
    woerden = adjusted.loc["Woerden"]
    assert woerden["crude"] > woerden["adjusted"]  # older clients, more proxies: case-mix inflates crude
    weighted = published["gewogen"]
    assert (weighted["weighted"] > weighted["unweighted"]).mean() >= 0.8  # response skewed to the young
    shares = published["stellingen"]
    v02 = shares[shares["item"] == "v02"].set_index("gemeente")["agree"]
    assert v02["Nieuwegein"] < v02[["Amersfoort", "Utrecht", "Woerden"]].min()
    assert published["trechter"].set_index("gemeente").loc["Leusden", "position"] in ("onder", "opvallend laag")
    assert 0.85 < lijn.key_figures(results)["cronbach_alpha"]["items9"]["alpha"] < 0.95
    trend = published["trend"]
    region = trend[(trend["gemeente"] == "regio") & (trend["item"] == "v02")].set_index("jaar")["agree"]
    assert region[2025] - region[2024] > 0.03  # planted +0.25 probit
    assert trend[trend["gemeente"] == TINY]["agree"].isna().all()
