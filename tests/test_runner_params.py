"""The notebook's parameters cell: read without a kernel, values checked with Dutch errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from werkplaats.errors import ParameterError
from werkplaats.runner.params import check_parameters, notebook_parameters, parse_parameters_cell

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
TELLING = NOTEBOOKS / "telling.ipynb"


def test_reads_names_defaults_types_and_comments():
    found = {p.name: p for p in notebook_parameters(TELLING)}
    assert list(found) == ["data_dir", "gemeente", "min_cel", "output_dir", "wacht"]
    assert found["min_cel"].default == 10 and found["min_cel"].type_label == "geheel getal"
    assert found["wacht"].default == 0.0 and found["wacht"].type_name == "float"
    assert found["gemeente"].help == "gemeente waar het rapport over gaat, of alle"
    # papermill's own inspection skips this line because its comment contains '='
    assert found["output_dir"].default == "" and found["output_dir"].help.startswith("leeg = reports")


def test_agrees_with_papermill_inspection_where_papermill_can_parse():
    import papermill

    theirs = papermill.inspect_notebook(str(TELLING))
    ours = {p.name: p for p in notebook_parameters(TELLING)}
    assert set(theirs) <= set(ours)
    for name, info in theirs.items():
        assert ours[name].source == info["default"]
        assert ours[name].help == info["help"]


def test_annotations_multiline_values_and_missing_cell(tmp_path):
    cell = 'jaren: list = [\n    2024,\n    2025,\n]  # welke jaren\nfaal = False\nx = y = 3\n'
    found = {p.name: p for p in parse_parameters_cell(cell)}
    assert found["jaren"].default == [2024, 2025] and found["jaren"].help == "welke jaren"
    assert found["faal"].type_name == "bool" and "x" not in found
    empty = tmp_path / "leeg.ipynb"
    empty.write_text(json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    assert notebook_parameters(empty) == []


@pytest.mark.parametrize("given, expected", [
    ({"min_cel": "5"}, 5),
    ({"min_cel": 7}, 7),
    ({"wacht": "1,5"}, 1.5),
    ({"wacht": 2}, 2.0),
])
def test_values_become_the_type_of_the_default(given, expected):
    values = check_parameters(TELLING, given)
    assert values[next(iter(given))] == expected
    assert values["gemeente"] == "alle"  # defaults fill the rest


def test_lists_from_the_command_line():
    declared = parse_parameters_cell('covariaten = ["leeftijd", "geslacht"]  # extra correctie')
    assert check_parameters(TELLING, {}, declared=declared) == {"covariaten": ["leeftijd", "geslacht"]}
    for text, expected in (("leeftijd", ["leeftijd"]), ("['a', 'b']", ["a", "b"]), ("a, 3", ["a", 3])):
        assert check_parameters(TELLING, {"covariaten": text}, declared=declared)["covariaten"] == expected


def test_booleans_and_dates(tmp_path):
    falen = NOTEBOOKS / "falen.ipynb"
    assert check_parameters(falen, {"faal": "ja"})["faal"] is True
    assert check_parameters(falen, {"faal": "False"})["faal"] is False
    assert check_parameters(falen, {"gemeente": dt.date(2025, 6, 30)})["gemeente"] == "2025-06-30"


def test_unknown_name_lists_every_parameter_with_default_and_comment():
    with pytest.raises(ParameterError) as info:
        check_parameters(TELLING, {"gemeent": "Utrecht"})
    text = str(info.value)
    assert "onbekende parameter 'gemeent'" in text and "Bedoelt u 'gemeente'?" in text
    for line in ['min_cel = 10  (geheel getal)  kleinste groep die getoond mag worden',
                 'data_dir = "tests/fixtures/notebooks/data"', 'wacht = 0.0  (getal)']:
        assert line in text


@pytest.mark.parametrize("name, value", [("min_cel", "tien"), ("min_cel", True), ("min_cel", 2.5),
                                         ("gemeente", 363), ("wacht", "snel")])
def test_wrong_type_is_a_dutch_error(name, value):
    with pytest.raises(ParameterError) as info:
        check_parameters(TELLING, {name: value})
    assert f"parameter {name} verwacht" in str(info.value)
    assert "Parameters van telling.ipynb:" in str(info.value)


def test_missing_or_broken_notebook(tmp_path):
    with pytest.raises(ParameterError, match="bestaat niet"):
        notebook_parameters(tmp_path / "weg.ipynb")
    broken = tmp_path / "kapot.ipynb"
    broken.write_text("{niet json")
    with pytest.raises(ParameterError, match="geen leesbaar notebook"):
        notebook_parameters(broken)
