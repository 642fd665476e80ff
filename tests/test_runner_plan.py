"""Plan files: grids from the data or explicit, every parameter checked before anything runs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from werkplaats.runner.plan import PlanError, load_plan, plan_jobs

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
DATA = str(NOTEBOOKS / "data")


def _plan(items, **top):
    return {"parameters": {"data_dir": DATA}, "notebooks": items, **top}


def test_gemeente_from_data_gives_every_gemeente_plus_alle(tmp_path):
    plan = _plan([{"notebook": str(NOTEBOOKS / "telling.ipynb"),
                   "grid": {"gemeente": {"from_data": "telling"}}}])
    jobs = plan_jobs(plan, reports_dir=tmp_path)
    assert [j.parameters["gemeente"] for j in jobs] == ["alle", "Amersfoort", "Utrecht", "Zeist"]
    expected = [tmp_path / "telling" / g for g in ("alle", "amersfoort", "utrecht", "zeist")]
    assert [j.final for j in jobs] == expected
    assert all(j.parameters["data_dir"] == DATA for j in jobs)


def test_explicit_lists_item_parameters_and_extra_grid_keys(tmp_path):
    plan = _plan([{"notebook": str(NOTEBOOKS / "falen.ipynb"), "parameters": {"faal": False},
                   "grid": {"gemeente": ["Den Haag"], "min_cel": [5, 10]}}], reports_dir=str(tmp_path))
    jobs = plan_jobs(plan)
    assert [j.final.name for j in jobs] == ["den-haag-min-cel-5", "den-haag-min-cel-10"]
    assert [j.parameters["min_cel"] for j in jobs] == [5, 10]


def test_load_plan_reads_yaml(tmp_path):
    path = tmp_path / "plan.yml"
    path.write_text(yaml.safe_dump(_plan([{"notebook": str(NOTEBOOKS / "falen.ipynb")}],
                                         reports_dir=str(tmp_path / "r"))))
    (job,) = load_plan(path)
    assert job.final == tmp_path / "r" / "falen" / "alle"


@pytest.mark.parametrize("plan, message", [
    ({"notebooks": []}, "lijst 'notebooks'"),
    ({"notebooks": [{"notebook": "x.ipynb"}], "extra": 1}, "onbekende sleutel extra"),
    ({"notebooks": [{"notebok": "x.ipynb"}]}, "sleutel 'notebook'"),
    ({"notebooks": [{"notebook": "weg.ipynb"}]}, "bestaat niet"),
    (_plan([{"notebook": str(NOTEBOOKS / "falen.ipynb"), "parameters": {"fail": True}}]),
     "onbekende parameter 'fail'"),
    (_plan([{"notebook": str(NOTEBOOKS / "falen.ipynb"), "parameters": {"min_cel": "tien"}}]),
     "min_cel verwacht geheel getal"),
    (_plan([{"notebook": str(NOTEBOOKS / "falen.ipynb"),
             "grid": {"gemeente": {"from_data": "bestaatniet"}}}]),
     "geen bestand 'bestaatniet'"),
    (_plan([{"notebook": str(NOTEBOOKS / "falen.ipynb"), "grid": {"gemeente": {"from_data": "telling",
                                                                              "column": "wijk"}}}]),
     "kolom wijk bestaat niet"),
    (_plan([{"notebook": str(NOTEBOOKS / "falen.ipynb")}, {"notebook": str(NOTEBOOKS / "falen.ipynb")}]),
     "dezelfde map"),
])
def test_bad_plans_are_one_clear_error(plan, message, tmp_path):
    with pytest.raises(PlanError, match=message):
        plan_jobs(plan, reports_dir=tmp_path)


@pytest.mark.parametrize("plan", [
    {"parameters": ["data_dir", DATA], "notebooks": [{"notebook": str(NOTEBOOKS / "falen.ipynb")}]},
    _plan([{"notebook": str(NOTEBOOKS / "falen.ipynb"), "parameters": ["min_cel=5"]}]),
])
def test_parameters_that_are_not_a_mapping(plan, tmp_path):
    with pytest.raises(PlanError, match="'parameters' is een lijst van naam: waarde"):
        plan_jobs(plan, reports_dir=tmp_path)


def test_unreadable_data_for_a_grid_is_a_plan_error(tmp_path):
    (tmp_path / "data" / "telling.csv").mkdir(parents=True)  # cannot be read as a file
    plan = {"parameters": {"data_dir": str(tmp_path / "data")},
            "notebooks": [{"notebook": str(NOTEBOOKS / "falen.ipynb"),
                           "grid": {"gemeente": {"from_data": "telling"}}}]}
    with pytest.raises(PlanError, match="from_data telling"):
        plan_jobs(plan, reports_dir=tmp_path / "r")


def test_gemeente_values_from_data_are_trimmed(tmp_path):
    (tmp_path / "telling.csv").write_text("gemeente,n\nUtrecht,1\n Utrecht ,2\n's-Hertogenbosch,3\n", encoding="utf-8")
    plan = {"parameters": {"data_dir": str(tmp_path)},
            "notebooks": [{"notebook": str(NOTEBOOKS / "falen.ipynb"),
                           "grid": {"gemeente": {"from_data": "telling"}}}]}
    jobs = plan_jobs(plan, reports_dir=tmp_path / "r")
    assert [j.parameters["gemeente"] for j in jobs] == ["alle", "'s-Hertogenbosch", "Utrecht"]
    assert [j.final.name for j in jobs] == ["alle", "s-hertogenbosch", "utrecht"]


def test_unreadable_plan_file(tmp_path):
    path = tmp_path / "plan.yml"
    path.write_text("notebooks: [\n")
    with pytest.raises(PlanError, match="geen geldige YAML"):
        load_plan(path)
    with pytest.raises(PlanError, match="niet te lezen"):
        load_plan(tmp_path / "weg.yml")


def test_default_plan_covers_the_three_analyses():
    from werkplaats.paths import PACKAGE_DIR

    plan = yaml.safe_load((PACKAGE_DIR / "plans" / "standaard.yml").read_text())
    names = [Path(item["notebook"]).name for item in plan["notebooks"]]
    assert names == ["eenzaamheid.ipynb", "vroegsignalering.ipynb", "clientervaring.ipynb"]
    assert all(item["grid"]["gemeente"]["from_data"] for item in plan["notebooks"])
