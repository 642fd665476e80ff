"""The students' entry points (controleer, keuzes, oefendata) and the exercise notebooks' wiring."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import REFERENCE_DIR

from werkplaats.opdrachten import answer_key, beoordeel, controleer, keuzes, oefendata
from werkplaats.opdrachten.check import line_tasks

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks" / "opdrachten"


def test_controleer_prints_no_answer_yet(capsys):
    controleer("eenzaamheid.2", None, data=REFERENCE_DIR)
    assert capsys.readouterr().out.startswith("Opdracht eenzaamheid.2: Nog geen antwoord ingevuld")


def test_controleer_without_data_explains(capsys):
    from werkplaats.errors import ParameterError

    with pytest.raises(ParameterError, match="geef bij data= de map"):
        controleer("eenzaamheid.2", -0.5)


def test_controleer_prints_the_verdict(capsys, r_results):
    controleer("eenzaamheid.2", r_results["ancova_T1"]["effect"], data=REFERENCE_DIR)
    assert capsys.readouterr().out == "Opdracht eenzaamheid.2: Goed!\n"


def test_keuzes_prints_every_option_in_the_groups_order(capsys):
    from werkplaats.opdrachten.check import choice_letters, find_task
    from werkplaats.opdrachten.data import exercise_set

    keuzes("eenzaamheid.3", data=REFERENCE_DIR)
    out = capsys.readouterr().out.splitlines()
    assert [line[:2] for line in out] == ["a)", "b)", "c)", "d)"]
    task = find_task("eenzaamheid.3")
    order = choice_letters(task, exercise_set(REFERENCE_DIR))
    assert out == [f"{letter}) {task.choices[option]}" for letter, option in order.items()]


def test_keuzes_for_a_task_without_options(capsys):
    keuzes("eenzaamheid.1", data=REFERENCE_DIR)
    assert "geen meerkeuzevraag" in capsys.readouterr().out


def test_keuzes_without_data_explains():
    from werkplaats.errors import ParameterError

    with pytest.raises(ParameterError, match="geef bij data= de map"):
        keuzes("eenzaamheid.3")


def test_beoordeel_returns_a_verdict(r_results):
    verdict = beoordeel("eenzaamheid.2", -r_results["ancova_T1"]["effect"], REFERENCE_DIR)
    assert verdict.correct is False and "teken" in str(verdict) and not verdict


def test_oefendata_with_a_folder_from_the_lecturer():
    assert oefendata("eenzaamheid", data_dir=str(REFERENCE_DIR)) == REFERENCE_DIR.resolve()


def test_answer_key_lists_every_task():
    key = answer_key(REFERENCE_DIR, ("clientervaring",))
    assert [task.code for task, _ in key] == [f"clientervaring.{k}" for k in range(1, 5)]


@pytest.mark.parametrize("line", ["eenzaamheid", "clientervaring", "vroegsignalering"])
def test_notebook_checks_every_task_of_its_line_with_a_placeholder(line):
    twin = NOTEBOOKS / f"{line}.py"
    if not twin.exists():
        pytest.skip(f"{twin.name} not written yet")
    text = twin.read_text(encoding="utf-8")
    checked = re.findall(r'controleer\("([a-z]+\.\d+)", antwoord', text)
    assert checked == [task.code for task in line_tasks(line)]
    assert len(re.findall(r"^antwoord = None  #", text, flags=re.M)) == len(checked)
    assert '# %% tags=["parameters"]\ngroep = ' in text
    assert (NOTEBOOKS / f"{line}.ipynb").exists()


def test_notebook_pairs_have_no_outputs():
    import json

    for path in NOTEBOOKS.glob("*.ipynb"):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        assert all(not c.get("outputs") for c in cells if c["cell_type"] == "code"), path.name
